#pragma once

#include "ServerEndpoints.h"

#include <QHash>
#include <QWidget>
#include <functional>

class CollapsibleSection;
class QFormLayout;
class QLineEdit;

// The profile's endpoints besides the issuer and the token endpoint (authorization, introspection,
// revocation, userinfo, JWKS, device, PAR), in a section that opens on demand and says how many are set.
// Each field is wrapped by the dialog's FieldWrapper, which adds its inline error label.
class EndpointsEditor final : public QWidget
{
    Q_OBJECT
public:
    using FieldWrapper = std::function<QWidget *(QWidget *field, const QString &key, const QString &title)>;

    explicit EndpointsEditor(const FieldWrapper &wrap, QWidget *parent = nullptr);

    void setEndpoints(const ServerEndpoints &endpoints); // the issuer is not here: left alone
    void readInto(ServerEndpoints &endpoints) const;
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

    CollapsibleSection *m_section;
    QFormLayout *m_form;
    QHash<QString, QLineEdit *> m_edits; // by field key
    bool m_issParameterSupported = false; // not editable: comes with the endpoints from discovery
};
