#pragma once

#include "SandboxSettings.h"

#include <QHash>
#include <QWidget>

class Clipboard;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class SandboxClientsModel;
class SandboxController;

// The "Sandbox" panel: the built-in authorization server's status and issuer, Start/Stop and its port, the
// demo clients, auto-approve, token lifetimes (applied at once) and the fault switches (this session only),
// and a button for the ready-made profiles. Says plainly that the sandbox is not for production.
class SandboxPanel final : public QWidget
{
    Q_OBJECT
public:
    SandboxPanel(SandboxController *sandbox, Clipboard *clipboard, QWidget *parent = nullptr);

Q_SIGNALS:
    void createProfilesRequested();

private:
    QWidget *createServerSection();
    QWidget *createClientsSection();
    QWidget *createBehaviourSection();
    QWidget *createFaultsSection();
    QSpinBox *lifetimeSpin(const QString &objectName, qint64 SandboxSettings::*field);
    void updateState();
    void updateSettings();
    void copySecret();

    SandboxController *m_sandbox;
    Clipboard *m_clipboard;
    SandboxClientsModel *m_clientsModel;
    QLabel *m_status;
    QPushButton *m_startButton;
    QPushButton *m_stopButton;
    QSpinBox *m_port;
    QCheckBox *m_startWithApp;
    QLineEdit *m_issuer;
    QLineEdit *m_apiUrl;
    QPushButton *m_copyIssuer;
    QPushButton *m_openDocs;
    QPushButton *m_copyApiUrl;
    QTableView *m_clientsView;
    QCheckBox *m_revealSecrets;
    QPushButton *m_copySecret;
    QPushButton *m_profilesButton;
    QCheckBox *m_autoApprove;
    QHash<QSpinBox *, qint64 SandboxSettings::*> m_lifetimes;
    QHash<SandboxFault, QCheckBox *> m_faults;
    QSpinBox *m_slowSeconds;
};
