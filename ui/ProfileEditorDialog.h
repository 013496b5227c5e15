#pragma once

#include "Profile.h"

#include <QDialog>
#include <QHash>
#include <QSet>

class CodeFlowEditor;
class DiscoveryPanel;
class EndpointsEditor;
class HttpClient;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QToolButton;
class SecretField;
class SecretVault;
struct SecretReply;
struct ServerMetadata;

// Creates or edits a profile. Problems from Profile::validate() appear under their field as the user types;
// OK stays disabled until there are none. The client secret is read from and returned for the SecretVault,
// never stored in the profile. Discover fills the endpoints from the issuer's metadata (through `http`).
class ProfileEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    ProfileEditorDialog(const Profile &profile, bool isNew, SecretVault *vault, HttpClient *http,
                        QWidget *parent = nullptr);

    Profile profile() const; // the profile as currently entered
    QString secret() const;
    bool secretModified() const { return m_secretModified; }
    bool isNew() const { return m_isNew; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *fieldWithError(QWidget *field, const QString &key, const QString &title);
    void loadProfile(const Profile &profile);
    void connectChanges();
    void markTouched(const QString &key);
    void revalidate();
    void updateAuthMethod();
    void updateSecretNote();
    void updateInsecureWarning();
    void browseCaFile();
    void secretRead(const SecretReply &reply);
    QStringList extraParameterErrors() const;
    void discover();
    void discoveryBusyChanged(bool busy);
    void applyMetadata(const ServerMetadata &metadata);
    void updateDiscoverButton();
    void orderTabs();
    void fitToContent();

    Profile m_original;
    bool m_isNew;
    SecretVault *m_vault;

    QLineEdit *m_name;
    QLineEdit *m_issuer;
    QPushButton *m_discoverButton;
    DiscoveryPanel *m_discovery;
    QLineEdit *m_tokenUrl;
    EndpointsEditor *m_endpoints = nullptr;
    CodeFlowEditor *m_codeFlow = nullptr;
    QLineEdit *m_clientId;
    QComboBox *m_authMethod;
    SecretField *m_secret;
    QLabel *m_secretNote;
    QLineEdit *m_scope;
    QLineEdit *m_audience;
    QPlainTextEdit *m_resources;
    QPlainTextEdit *m_extraParameters;
    QSpinBox *m_timeout;
    QLineEdit *m_caFile;
    QToolButton *m_caBrowse;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning;
    QLabel *m_otherErrors;
    QLabel *m_summary;
    QDialogButtonBox *m_buttons;
    QWidget *m_form;
    QFormLayout *m_nameForm = nullptr;
    QScrollArea *m_scroll;

    QHash<QString, QLabel *> m_errorLabels; // by field key
    QHash<QString, QString> m_fieldTitles; // by field key
    QStringList m_fieldOrder;
    QSet<QString> m_touched;
    bool m_secretModified = false;
    enum class SecretState { Loading, Loaded, NotFound, Unavailable, Failed };
    SecretState m_secretState = SecretState::Loading;
    QString m_secretError;
};
