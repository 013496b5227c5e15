#include "FlowStepsView.h"

#include "Clipboard.h"
#include "DisplayFormat.h"
#include "FlowStepItem.h"
#include "TextSanitizer.h"
#include "UiColors.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

FlowStepsView::FlowStepsView(Clipboard *clipboard, QWidget *parent)
    : QWidget(parent)
    , m_clipboard(clipboard)
    , m_title(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_list(new QWidget(this))
    , m_listLayout(new QVBoxLayout(m_list))
    , m_waitingRow(new QWidget(this))
    , m_busy(new QProgressBar(this))
    , m_waitingLabel(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_outcome(new QLabel(this))
{
    setObjectName(QStringLiteral("flowSteps"));
    m_title->setObjectName(QStringLiteral("flowStepsTitle"));
    m_waitingLabel->setObjectName(QStringLiteral("flowWaitingLabel"));
    m_cancel->setObjectName(QStringLiteral("cancelFlowButton"));
    m_outcome->setObjectName(QStringLiteral("flowOutcomeLabel"));
    m_busy->setObjectName(QStringLiteral("flowBusyIndicator"));

    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(48, 10);
    m_busy->setAccessibleName(tr("In progress"));
    m_waitingLabel->setWordWrap(true);
    m_waitingLabel->setTextFormat(Qt::PlainText);
    m_waitingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel->setToolTip(tr("Stop this flow: the redirect listener closes at once"));
    m_cancel->setAutoDefault(false);
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->hide();

    auto *waitingLayout = new QHBoxLayout(m_waitingRow);
    waitingLayout->setContentsMargins(6, 4, 4, 4);
    waitingLayout->addWidget(m_busy, 0, Qt::AlignVCenter);
    waitingLayout->addWidget(m_waitingLabel, 1);
    waitingLayout->addWidget(m_cancel, 0, Qt::AlignVCenter);
    m_waitingRow->hide();

    m_listLayout->setContentsMargins(0, 0, 4, 0);
    m_listLayout->setSpacing(2);
    m_listLayout->addWidget(m_waitingRow);
    m_listLayout->addWidget(m_outcome);
    m_listLayout->addStretch(1);
    m_scroll->setWidget(m_list);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);

    QScrollBar *scrollBar = m_scroll->verticalScrollBar();
    connect(scrollBar, &QScrollBar::rangeChanged, this, [this](int, int maximum) {
        if (m_followEnd)
            m_scroll->verticalScrollBar()->setValue(maximum);
    });
    connect(scrollBar, &QScrollBar::actionTriggered, this, [this] { m_followEnd = false; });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->cancel();
    });
}

void FlowStepsView::follow(CodeFlowController *controller)
{
    m_controller = controller;
    connect(controller, &CodeFlowController::started, this, &FlowStepsView::begin);
    connect(controller, &CodeFlowController::stepReached, this, &FlowStepsView::addStep);
    connect(controller, &CodeFlowController::authorizationUrlReady, this, &FlowStepsView::updateUrlButtons);
    connect(controller, &CodeFlowController::waitingForBrowser, this, &FlowStepsView::waitingForBrowser);
    connect(controller, &CodeFlowController::finished, this, &FlowStepsView::end);
}

QList<FlowStep> FlowStepsView::steps() const
{
    QList<FlowStep> steps;
    for (const FlowStepItem *item : m_items)
        steps.append(item->step());
    return steps;
}

QString FlowStepsView::waitingText() const
{
    return m_waitingRow->isHidden() ? QString() : m_waiting;
}

QString FlowStepsView::outcomeText() const
{
    return m_outcome->isHidden() ? QString() : m_outcome->text();
}

void FlowStepsView::begin(CodeFlowController::Operation operation, const Profile &profile, bool automatic)
{
    m_profile = profile;
    m_running = true;
    m_elapsed.start();
    m_outcome->hide();
    const QString name = profile.name.toHtmlEscaped();
    if (operation == CodeFlowController::Operation::SignIn) {
        for (FlowStepItem *item : std::as_const(m_items))
            delete item;
        m_items.clear();
        const QList<QLabel *> sections = m_list->findChildren<QLabel *>(QStringLiteral("flowSectionLabel"));
        for (QLabel *section : sections)
            delete section;
        const QString pkce = profile.pkceMethod == Pkce::Method::None
            ? tr("without PKCE")
            : tr("PKCE %1").arg(Pkce::methodName(profile.pkceMethod));
        m_title->setText(tr("<b>Sign-in steps</b> &nbsp;·&nbsp; “%1”, authorization code with %2")
                             .arg(name, pkce.toHtmlEscaped()));
        setWaiting(profile.needsSecret() ? tr("Reading the client secret…")
                                         : tr("Building the authorization request…"));
    } else {
        const QString time = QLocale().toString(QTime::currentTime(), QLocale::LongFormat);
        addSection(automatic ? tr("Automatic refresh at %1").arg(time) : tr("Refresh at %1").arg(time));
        if (m_items.isEmpty())
            m_title->setText(tr("<b>Refresh steps</b> &nbsp;·&nbsp; “%1”").arg(name));
        setWaiting(tr("Sending the refresh token to %1…").arg(profile.tokenUrl.toDisplayString()));
    }
    if (isHidden()) {
        show();
        Q_EMIT revealed();
    }
}

void FlowStepsView::addSection(const QString &text)
{
    auto *label = new QLabel(text, m_list);
    label->setObjectName(QStringLiteral("flowSectionLabel"));
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(4, 10, 4, 2);
    insertRow(label);
}

void FlowStepsView::insertRow(QWidget *row)
{
    // Rows go before the waiting line, the outcome and the stretch.
    m_listLayout->insertWidget(m_listLayout->count() - 3, row);
    row->show(); // now, not on the layout's queued show: the row is there when the step is reported
    scrollToEnd();
}

void FlowStepsView::addStep(const FlowStep &step)
{
    // The engine ends every failure with a "Flow failed" step: after a failed step that already says the
    // same, it would only repeat it.
    if (step.kind == FlowStep::Kind::Failed && !m_items.isEmpty() && !m_items.constLast()->step().ok
        && m_items.constLast()->step().detail == step.detail)
        return;
    auto *item = new FlowStepItem(step, m_list);
    m_items.append(item);
    if (step.kind == FlowStep::Kind::AuthorizationUrlBuilt) {
        m_copyUrl = new QPushButton(tr("Copy authorization URL"));
        m_copyUrl->setObjectName(QStringLiteral("copyAuthorizationUrlButton"));
        m_copyUrl->setToolTip(tr("Copy the URL, to open it in another browser or profile"));
        m_copyUrl->setAutoDefault(false);
        m_openAgain = new QPushButton(tr("Open browser again"));
        m_openAgain->setObjectName(QStringLiteral("openBrowserAgainButton"));
        m_openAgain->setToolTip(tr("Open the authorization URL once more, e.g. after closing the tab"));
        m_openAgain->setAutoDefault(false);
        m_urlNote = new QLabel;
        m_urlNote->setObjectName(QStringLiteral("authorizationUrlNote"));
        m_urlNote->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Note)));
        item->addButton(m_urlNote);
        item->addButton(m_copyUrl);
        item->addButton(m_openAgain);
        connect(m_copyUrl, &QPushButton::clicked, this, &FlowStepsView::copyAuthorizationUrl);
        connect(m_openAgain, &QPushButton::clicked, this, &FlowStepsView::openBrowserAgain);
    }
    for (const int id : step.exchangeIds) {
        auto *button = new QToolButton;
        button->setText(tr("Wire log #%1").arg(id));
        button->setObjectName(QStringLiteral("showExchangeButton"));
        button->setProperty("exchangeId", id);
        button->setToolTip(tr("Select this HTTP exchange in the wire log below"));
        item->addHeaderButton(button);
        connect(button, &QToolButton::clicked, this, [this, id] { Q_EMIT exchangeRequested(id); });
    }
    insertRow(item);

    // What comes next, said at every wait.
    const QString tokenEndpoint = m_profile.tokenUrl.toDisplayString();
    switch (step.kind) {
    case FlowStep::Kind::AuthorizationUrlBuilt:
        setWaiting(tr("Opening the browser…"));
        break;
    case FlowStep::Kind::BrowserOpened:
        break; // waitingForBrowser() follows
    case FlowStep::Kind::CallbackReceived:
        if (step.ok)
            setWaiting(tr("Exchanging the code at %1…").arg(tokenEndpoint));
        break;
    case FlowStep::Kind::CodeExchanged:
        setWaiting(step.exchangeIds.isEmpty() ? tr("Waiting for %1…").arg(tokenEndpoint)
                                              : tr("Reading the token response…"));
        break;
    case FlowStep::Kind::TokensReceived:
        setWaiting(tr("Checking the tokens…"));
        break;
    case FlowStep::Kind::IdTokenValidated:
    case FlowStep::Kind::Failed:
        break;
    }
    updateUrlButtons();
}

void FlowStepsView::setWaiting(const QString &text, const QString &unbroken)
{
    m_waiting = text;
    // A URL in the line must not wrap after "http://": word joiners keep its slashes together.
    QString shown = text;
    if (!unbroken.isEmpty()) {
        QString joined = unbroken;
        joined.replace(QLatin1Char('/'), QStringLiteral("/\u2060"));
        shown.replace(unbroken, joined);
    }
    m_waitingLabel->setText(shown);
    m_waitingRow->setVisible(!text.isEmpty());
}

void FlowStepsView::waitingForBrowser(const QUrl &redirectUri, int timeoutSeconds)
{
    const QString limit = timeoutSeconds % 60 == 0 ? tr("%1 min").arg(timeoutSeconds / 60)
                                                   : DisplayFormat::duration(timeoutSeconds);
    setWaiting(tr("Waiting for the browser to come back to %1… (gives up after %2)")
                   .arg(redirectUri.toDisplayString(), limit),
               redirectUri.toDisplayString());
    updateUrlButtons();
    scrollToEnd();
}

void FlowStepsView::end(CodeFlowController::Operation operation, const Profile &, const TokenResult &result)
{
    m_running = false;
    setWaiting(QString());
    const qint64 elapsed = m_elapsed.elapsed();
    const QString seconds = elapsed < 1000 ? tr("%1 ms").arg(elapsed)
                                           : tr("%1 s").arg(QLocale().toString(elapsed / 1000.0, 'f', 1));
    const bool signIn = operation == CodeFlowController::Operation::SignIn;
    QString text;
    const char *color = UiColors::Ok;
    if (result.ok()) {
        text = signIn ? tr("✓ Signed in after %1: the tokens are shown beside these steps.").arg(seconds)
                      : tr("✓ Refreshed after %1.").arg(seconds);
        for (const QString &warning : result.warnings)
            text += QLatin1Char('\n') + TextSanitizer::sanitize(warning, false, 500);
    } else if (m_controller && m_controller->wasCancelled()) {
        text = tr("✗ Cancelled after %1.").arg(seconds);
        color = UiColors::Error;
    } else {
        // The reason, unless the last step already gives it (an HTTP error of the token endpoint does not).
        const bool said = !m_items.isEmpty() && !m_items.constLast()->step().ok
            && m_items.constLast()->step().detail == result.message;
        if (said)
            text
                = (signIn ? tr("✗ Sign-in failed after %1.") : tr("✗ Refresh failed after %1.")).arg(seconds);
        else
            text = (signIn ? tr("✗ Sign-in failed: %1") : tr("✗ Refresh failed: %1"))
                       .arg(TextSanitizer::sanitize(result.message, false, 2000));
        color = UiColors::Error;
    }
    m_outcome->setText(text);
    m_outcome->setStyleSheet(QStringLiteral("color: %1; padding: 6px 4px;").arg(QLatin1String(color)));
    m_outcome->show();
    updateUrlButtons();
    scrollToEnd();
}

void FlowStepsView::copyAuthorizationUrl()
{
    if (!m_controller || !m_controller->authorizationUrl().isValid())
        return;
    m_clipboard->copyText(m_controller->authorizationUrl().toString(QUrl::FullyEncoded));
    if (m_urlNote)
        m_urlNote->setText(tr("Copied."));
}

void FlowStepsView::openBrowserAgain()
{
    if (!m_controller)
        return;
    QString error;
    const bool opened = m_controller->openBrowserAgain(&error);
    if (m_urlNote)
        m_urlNote->setText(opened ? tr("Opened again.") : DisplayFormat::sentence(error));
}

void FlowStepsView::updateUrlButtons()
{
    const bool known = m_controller && m_controller->authorizationUrl().isValid();
    if (m_copyUrl)
        m_copyUrl->setEnabled(known);
    if (m_openAgain) {
        const bool waiting = known && m_controller->isWaitingForBrowser();
        m_openAgain->setEnabled(waiting);
        m_openAgain->setToolTip(waiting
                                    ? tr("Open the authorization URL once more, e.g. after closing the tab")
                                    : tr("The listener no longer waits: start a new sign-in instead"));
    }
}

void FlowStepsView::scrollToEnd()
{
    // Rows settle their height after the next layout pass: follow the range until the user scrolls.
    m_followEnd = true;
    m_scroll->verticalScrollBar()->setValue(m_scroll->verticalScrollBar()->maximum());
}
