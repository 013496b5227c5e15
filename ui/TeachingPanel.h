#pragma once

#include "CodeFlowController.h"
#include "Profile.h"
#include "TeachingSession.h"

#include <QWidget>
#include <optional>

class QAction;
class QComboBox;
class QSplitter;
class QTabWidget;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScrollArea;
class SecretVault;
class SequenceDiagramView;
class StepDetailView;
class WireLog;

// The "Step through" tab: runs the current profile's flow one exchange at a time for a class. Next sends the
// prepared request (or opens the browser) and then moves on; Back reviews; Restart starts over. The step
// list, the explanation with the request, response and checks, and the sequence diagram drawn as the run
// goes. Every exchange also lands in the wire log.
class TeachingPanel final : public QWidget
{
    Q_OBJECT
public:
    TeachingPanel(WireLog *log, SecretVault *vault, QWidget *parent = nullptr);

    // The profile the next Start uses (the current one in the profile list).
    void setProfile(const std::optional<Profile> &profile);
    // How the front-channel step opens the browser; tests replace it.
    void setBrowserOpener(CodeFlowController::BrowserOpener opener) { m_opener = std::move(opener); }
    void setDefaultBrowserCommand(const QString &command) { m_defaultBrowserCommand = command; }

    TeachingSession *session() const { return m_session; }
    SequenceDiagramView *diagramView() const { return m_diagramView; }

    void start();
    // Presenting: the panel leaves its tab for a maximized window of its own (a projector needs the room);
    // closing that window, Escape or the button bring it back.
    void setPresenting(bool presenting);
    bool isPresenting() const { return m_presentingFrom != nullptr; }

protected:
    void closeEvent(QCloseEvent *event) override;

Q_SIGNALS:
    // An arrow or a step was chosen: the wire log can show the exchange.
    void exchangeRequested(int exchangeId);

private:
    void stepAdded(int index);
    void refreshStep(int index);
    void currentChanged(int index);
    void showCurrent();
    void updateControls();
    void runFinished(bool succeeded);
    void arrowActivated(int exchangeId, int arrowIndex);
    void startWithSecret(const Profile &profile, const QString &secret);
    QString stepLabel(int index) const;
    TeachingSession::Flow defaultFlowFor(const Profile &profile) const;

    WireLog *m_log;
    SecretVault *m_vault;
    TeachingSession *m_session;
    CodeFlowController::BrowserOpener m_opener;
    QString m_defaultBrowserCommand;
    std::optional<Profile> m_profile;
    int m_secretRequest = 0; // a secret answered after another Start belongs to an older request

    QComboBox *m_flow;
    QLabel *m_profileLabel;
    QLineEdit *m_apiUrl;
    QPushButton *m_start;
    QPushButton *m_back;
    QPushButton *m_next;
    QPushButton *m_restart;
    QPushButton *m_present;
    QAction *m_leavePresentation;
    QLabel *m_status;
    QListWidget *m_steps;
    StepDetailView *m_detail;
    SequenceDiagramView *m_diagramView;
    QScrollArea *m_diagramScroll;
    QSplitter *m_splitter;
    QTabWidget *m_presentingFrom = nullptr; // the tab widget to go back to
    int m_presentingIndex = -1;
    QString m_presentingTitle;
};
