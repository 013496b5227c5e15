#pragma once

#include "CodeFlowController.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class Clipboard;
class FlowStepItem;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

// The steps of "Sign in (code + PKCE)" and of each refresh as they happen: a ✓ or ✗ per step with its title,
// detail and RFC, the authorization request's parameters (PKCE values included) with Copy authorization URL
// and Open browser again, a button per HTTP exchange that selects it in the wire log, and at every wait a
// line saying what is awaited with a Cancel button.
class FlowStepsView final : public QWidget
{
    Q_OBJECT
public:
    explicit FlowStepsView(Clipboard *clipboard, QWidget *parent = nullptr);

    // Shows what `controller` does and lets the buttons drive it.
    void follow(CodeFlowController *controller);

    QList<FlowStep> steps() const; // of the current sign-in and the refreshes after it, in order
    bool isRunning() const { return m_running; }
    QString waitingText() const;
    QString outcomeText() const;

Q_SIGNALS:
    void exchangeRequested(int exchangeId);
    void revealed(); // shown for the first time, by the first sign-in or refresh

private:
    void begin(CodeFlowController::Operation operation, const Profile &profile, bool automatic);
    void addStep(const FlowStep &step);
    void addSection(const QString &text);
    void insertRow(QWidget *row);
    void setWaiting(const QString &text, const QString &unbroken = QString());
    void waitingForBrowser(const QUrl &redirectUri, int timeoutSeconds);
    void end(CodeFlowController::Operation operation, const Profile &profile, const TokenResult &result);
    void copyAuthorizationUrl();
    void openBrowserAgain();
    void updateUrlButtons();
    void scrollToEnd();

    Clipboard *m_clipboard;
    QPointer<CodeFlowController> m_controller;
    Profile m_profile;
    QElapsedTimer m_elapsed;
    bool m_running = false;
    bool m_followEnd = false; // keep the newest row in view until the user scrolls
    QString m_waiting; // the waiting line as plain text

    QLabel *m_title;
    QScrollArea *m_scroll;
    QWidget *m_list;
    QVBoxLayout *m_listLayout;
    QWidget *m_waitingRow;
    QProgressBar *m_busy;
    QLabel *m_waitingLabel;
    QPushButton *m_cancel;
    QLabel *m_outcome;
    QPointer<QLabel> m_urlNote;
    QPointer<QPushButton> m_copyUrl; // on the URL step of the current sign-in
    QPointer<QPushButton> m_openAgain;
    QList<FlowStepItem *> m_items;
};
