#pragma once

#include "Profile.h"

#include <QWidget>
#include <functional>

class CollapsibleSection;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

// The profile's settings for "Sign in (code + PKCE)" (RFC 6749 §4.1, RFC 7636, RFC 8252): the loopback
// redirect, the PKCE method, the browser to open and automatic refresh, in a section that opens on demand and
// sums the settings up in its title. Each field is wrapped by the dialog's FieldWrapper (its error label).
class CodeFlowEditor final : public QWidget
{
    Q_OBJECT
public:
    using FieldWrapper = std::function<QWidget *(QWidget *field, const QString &key, const QString &title)>;

    explicit CodeFlowEditor(const FieldWrapper &wrap, QWidget *parent = nullptr);

    void setProfile(const Profile &profile); // reads the code flow fields only
    void readInto(Profile &profile) const;
    QStringList keys() const; // the field keys, in display order
    QList<QWidget *> focusChain() const; // the section's toggle, then the fields
    QFormLayout *form() const { return m_form; }

    bool isExpanded() const;
    void setExpanded(bool expanded);

Q_SIGNALS:
    void edited(const QString &key);
    void expandedChanged(bool expanded);

private:
    void updateTitle();
    void updatePkceNote();
    void updateRefreshLead();

    CollapsibleSection *m_section;
    QFormLayout *m_form;
    QSpinBox *m_port;
    QLineEdit *m_path;
    QComboBox *m_pkce;
    QLabel *m_pkceNote;
    QLineEdit *m_browser;
    QCheckBox *m_autoRefresh;
    QSpinBox *m_refreshLead;
};
