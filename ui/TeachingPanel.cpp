#include "TeachingPanel.h"

#include "SecretVault.h"
#include "SequenceDiagram.h"
#include "SequenceDiagramView.h"
#include "StepDetailView.h"
#include "UiColors.h"
#include "WireLog.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {
QAction *shortcutAction(QWidget *owner, const QString &objectName, const QList<QKeySequence> &keys)
{
    auto *action = new QAction(owner);
    action->setObjectName(objectName);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut); // only while the tab is shown
    owner->addAction(action);
    return action;
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &key : keys)
        texts << key.toString(QKeySequence::NativeText);
    return texts.join(QStringLiteral(", "));
}
} // namespace

TeachingPanel::TeachingPanel(WireLog *log, SecretVault *vault, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_vault(vault)
    , m_session(new TeachingSession(log, this))
    , m_flow(new QComboBox(this))
    , m_profileLabel(new QLabel(this))
    , m_apiUrl(new QLineEdit(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_back(new QPushButton(tr("◀ Back"), this))
    , m_next(new QPushButton(tr("Next ▶"), this))
    , m_restart(new QPushButton(tr("Restart"), this))
    , m_present(new QPushButton(tr("Present"), this))
    , m_status(new QLabel(this))
    , m_steps(new QListWidget(this))
    , m_detail(new StepDetailView(this))
    , m_diagramView(new SequenceDiagramView(this))
    , m_diagramScroll(new QScrollArea(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("teachingPanel"));
    m_flow->setObjectName(QStringLiteral("teachingFlow"));
    m_flow->addItem(TeachingSession::flowName(TeachingSession::Flow::ClientCredentials),
                    int(TeachingSession::Flow::ClientCredentials));
    m_flow->addItem(TeachingSession::flowName(TeachingSession::Flow::AuthorizationCode),
                    int(TeachingSession::Flow::AuthorizationCode));
    m_profileLabel->setObjectName(QStringLiteral("teachingProfile"));
    m_apiUrl->setObjectName(QStringLiteral("teachingApiUrl"));
    m_apiUrl->setPlaceholderText(tr("optional: a protected API to call with the token"));
    m_apiUrl->setClearButtonEnabled(true);
    m_start->setObjectName(QStringLiteral("teachingStart"));
    m_back->setObjectName(QStringLiteral("teachingBack"));
    m_next->setObjectName(QStringLiteral("teachingNext"));
    m_restart->setObjectName(QStringLiteral("teachingRestart"));
    m_present->setObjectName(QStringLiteral("teachingPresent"));
    m_present->setCheckable(true);
    m_status->setObjectName(QStringLiteral("teachingStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_steps->setObjectName(QStringLiteral("teachingSteps"));
    m_steps->setMinimumWidth(220);
    m_detail->setObjectName(QStringLiteral("teachingDetail"));
    m_diagramView->setObjectName(QStringLiteral("teachingDiagram"));
    m_diagramView->setDiagram(m_session->diagram());
    m_diagramScroll->setObjectName(QStringLiteral("teachingDiagramScroll"));
    m_diagramScroll->setWidget(m_diagramView);
    m_diagramScroll->setWidgetResizable(true);

    // Presenter remotes send Page Down / Page Up.
    const QList<QKeySequence> nextKeys { QKeySequence(Qt::CTRL | Qt::Key_Right),
                                         QKeySequence(Qt::Key_PageDown) };
    const QList<QKeySequence> backKeys { QKeySequence(Qt::CTRL | Qt::Key_Left),
                                         QKeySequence(Qt::Key_PageUp) };
    const QList<QKeySequence> restartKeys { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R) };
    const QList<QKeySequence> startKeys { QKeySequence(Qt::CTRL | Qt::Key_Return) };
    const QList<QKeySequence> presentKeys { QKeySequence(Qt::Key_F5) };
    connect(shortcutAction(this, QStringLiteral("teachingNextAction"), nextKeys), &QAction::triggered, m_next,
            &QPushButton::click);
    connect(shortcutAction(this, QStringLiteral("teachingBackAction"), backKeys), &QAction::triggered, m_back,
            &QPushButton::click);
    connect(shortcutAction(this, QStringLiteral("teachingRestartAction"), restartKeys), &QAction::triggered,
            m_restart, &QPushButton::click);
    connect(shortcutAction(this, QStringLiteral("teachingStartAction"), startKeys), &QAction::triggered,
            m_start, &QPushButton::click);
    m_next->setToolTip(tr("Send the prepared request, or go to the next step (%1)").arg(keysText(nextKeys)));
    m_back->setToolTip(tr("Look at the previous step again; nothing is resent (%1)").arg(keysText(backKeys)));
    m_restart->setToolTip(
        tr("Cancel what is in flight and start the same run again (%1)").arg(keysText(restartKeys)));
    connect(shortcutAction(this, QStringLiteral("teachingPresentAction"), presentKeys), &QAction::triggered,
            m_present, &QPushButton::click);
    m_leavePresentation = shortcutAction(this, QStringLiteral("teachingLeavePresentationAction"),
                                         { QKeySequence(Qt::Key_Escape) });
    m_leavePresentation->setEnabled(false); // Escape belongs to the other widgets until the panel presents
    connect(m_leavePresentation, &QAction::triggered, this, [this] { setPresenting(false); });
    m_present->setToolTip(
        tr("Show this tab in a maximized window of its own, for a projector (%1; Escape returns)")
            .arg(keysText(presentKeys)));
    m_start->setToolTip(tr("Start the chosen flow with the current profile (%1)").arg(keysText(startKeys)));
    m_next->setDefault(true);
    // Its text changes with what Next will do; wide enough for the longest, so the row does not jump.
    int nextWidth = 0;
    for (const QString &label : { tr("Open browser ▶"), tr("Send ▶"), tr("Next ▶") })
        nextWidth = qMax(nextWidth, m_next->fontMetrics().horizontalAdvance(label));
    m_next->setMinimumWidth(nextWidth + 32);

    auto *setup = new QHBoxLayout;
    setup->addWidget(new QLabel(tr("Flow:"), this));
    setup->addWidget(m_flow);
    setup->addWidget(m_profileLabel, 1);
    setup->addWidget(new QLabel(tr("API:"), this));
    setup->addWidget(m_apiUrl, 2);
    setup->addWidget(m_start);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_back);
    controls->addWidget(m_next);
    controls->addWidget(m_restart);
    controls->addWidget(m_status, 1);
    controls->addWidget(m_present);

    // The step above, the run below: the diagram needs the whole width for its four lifelines.
    auto *navigation = new QSplitter(Qt::Horizontal, this);
    navigation->addWidget(m_steps);
    navigation->addWidget(m_diagramScroll);
    navigation->setStretchFactor(0, 0);
    navigation->setStretchFactor(1, 1);
    navigation->setSizes({ 260, 1000 });
    navigation->setChildrenCollapsible(false);

    m_splitter->setObjectName(QStringLiteral("teachingSplitter"));
    m_splitter->addWidget(m_detail);
    m_splitter->addWidget(navigation);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({ 500, 420 }); // in proportion: the diagram needs height as the run grows
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(setup);
    layout->addLayout(controls);
    layout->addWidget(m_splitter, 1);

    connect(m_start, &QPushButton::clicked, this, &TeachingPanel::start);
    connect(m_present, &QPushButton::toggled, this, &TeachingPanel::setPresenting);
    connect(m_next, &QPushButton::clicked, m_session, &TeachingSession::next);
    connect(m_back, &QPushButton::clicked, m_session, &TeachingSession::back);
    connect(m_restart, &QPushButton::clicked, this, [this] {
        m_status->clear();
        m_session->restart();
    });
    connect(m_session, &TeachingSession::cleared, this, [this] {
        m_steps->clear();
        updateControls();
    });
    connect(m_session, &TeachingSession::stepAdded, this, &TeachingPanel::stepAdded);
    connect(m_session, &TeachingSession::stepChanged, this, &TeachingPanel::refreshStep);
    connect(m_session, &TeachingSession::currentChanged, this, &TeachingPanel::currentChanged);
    connect(m_session, &TeachingSession::finished, this, &TeachingPanel::runFinished);
    connect(m_steps, &QListWidget::currentRowChanged, m_session, &TeachingSession::setCurrent);
    connect(m_diagramView, &SequenceDiagramView::arrowActivated, this, &TeachingPanel::arrowActivated);
    // Revealing secrets in the wire log reveals them here too: one switch for both views.
    connect(m_log, &WireLog::secretsRevealedChanged, this, &TeachingPanel::showCurrent);

    m_detail->showIntroduction(
        tr("Choose a profile on the left and a flow above, then press **Start**. Each request is shown "
           "*before* it is sent, with what it is for and where the rule is written; **Next** sends it, then "
           "shows the answer and what the client checked. **Back** looks again without resending; "
           "**Restart** "
           "begins anew. The sequence diagram grows as the run goes: click an arrow to see its step.\n\n"
           "The explanations are Markdown files. To adapt one for your class, put your own copy in `%1` "
           "(same file name, e.g. `jwks.md`; `jwks.de.md` for German).")
            .arg(QDir::toNativeSeparators(m_session->explanations().overrideFolder())));
    setProfile(std::nullopt);
}

void TeachingPanel::setProfile(const std::optional<Profile> &profile)
{
    const bool sameProfile = profile && m_profile && profile->id == m_profile->id;
    m_profile = profile;
    if (!profile) {
        m_profileLabel->setText(tr("Profile: <i>none chosen</i>"));
        updateControls();
        return;
    }
    m_profileLabel->setText(tr("Profile: <b>%1</b>").arg(profile->name.toHtmlEscaped()));
    if (!sameProfile) {
        m_flow->setCurrentIndex(m_flow->findData(int(defaultFlowFor(*profile))));
        // The sandbox has a demo API; other servers' APIs are the user's to enter.
        m_apiUrl->setText(!profile->sandboxRole.isEmpty() && profile->endpoints.issuer.isValid()
                              ? profile->endpoints.issuer.toString() + QStringLiteral("/api/hello")
                              : QString());
    }
    updateControls();
}

TeachingSession::Flow TeachingPanel::defaultFlowFor(const Profile &profile) const
{
    const bool canSignIn = !profile.endpoints.authorization.isEmpty();
    return canSignIn
            && (profile.authMethod == ClientAuthMethod::None
                || profile.scope.contains(QLatin1String("openid")))
        ? TeachingSession::Flow::AuthorizationCode
        : TeachingSession::Flow::ClientCredentials;
}

void TeachingPanel::start()
{
    if (!m_profile) {
        m_status->setText(tr("Choose a profile in the list on the left first."));
        return;
    }
    const Profile profile = *m_profile;
    const int request = ++m_secretRequest;
    if (!profile.needsSecret()) {
        startWithSecret(profile, QString());
        return;
    }
    m_status->setText(tr("Reading the client secret…"));
    const QPointer<TeachingPanel> self(this);
    m_vault->read(profile.secretKey(), [self, request, profile](const SecretReply &reply) {
        if (!self || request != self->m_secretRequest)
            return;
        if (!reply.ok() || reply.value.isEmpty()) {
            self->m_status->setText(
                QStringLiteral("<span style=\"color:%1\">%2</span>")
                    .arg(QLatin1String(UiColors::Error),
                         tr("Profile \"%1\" needs its client secret, and none could be read: %2")
                             .arg(profile.name,
                                  reply.error.isEmpty() ? tr("set it in the profile editor.") : reply.error)
                             .toHtmlEscaped()));
            return;
        }
        self->startWithSecret(profile, reply.value);
    });
}

void TeachingPanel::startWithSecret(const Profile &profile, const QString &secret)
{
    TeachingSession::Options options;
    options.flow = TeachingSession::Flow(m_flow->currentData().toInt());
    options.profile = profile;
    options.clientSecret = secret;
    options.apiUrl = QUrl::fromUserInput(m_apiUrl->text().trimmed());
    if (m_apiUrl->text().trimmed().isEmpty())
        options.apiUrl.clear();
    if (!options.apiUrl.isEmpty() && !options.apiUrl.isValid()) {
        m_status->setText(tr("The API URL is not a valid URL."));
        return;
    }
    const QString command
        = profile.browserCommand.isEmpty() ? m_defaultBrowserCommand : profile.browserCommand;
    m_session->setBrowserOpener([this, command](const QUrl &url) {
        const CodeFlowController::BrowserOpener opener
            = m_opener ? m_opener : CodeFlowController::systemBrowserOpener();
        QString error;
        if (!opener(url, command, &error))
            m_status->setText(tr("No browser could be started (%1). Open this address yourself: %2")
                                  .arg(error.toHtmlEscaped(), url.toString().toHtmlEscaped()));
    });
    m_status->setText(tr("Started: press <b>Next</b> to send each request."));
    m_session->start(options);
    updateControls();
}

QString TeachingPanel::stepLabel(int index) const
{
    const TeachingStep &step = m_session->step(index);
    QString mark;
    switch (step.state) {
    case TeachingStep::State::Ready:
        mark = QStringLiteral("○");
        break;
    case TeachingStep::State::Sending:
        mark = QStringLiteral("…");
        break;
    case TeachingStep::State::Done:
        mark = QStringLiteral("✓");
        break;
    case TeachingStep::State::Failed:
        mark = QStringLiteral("✗");
        break;
    }
    return QStringLiteral("%1  %2. %3").arg(mark).arg(index + 1).arg(step.title);
}

void TeachingPanel::stepAdded(int index)
{
    auto *item = new QListWidgetItem(stepLabel(index));
    const QSignalBlocker blocker(m_steps);
    m_steps->insertItem(index, item);
    refreshStep(index);
}

void TeachingPanel::refreshStep(int index)
{
    QListWidgetItem *item = m_steps->item(index);
    if (!item)
        return;
    const TeachingStep &step = m_session->step(index);
    item->setText(stepLabel(index));
    item->setToolTip(step.reference);
    if (step.state == TeachingStep::State::Failed)
        item->setForeground(QColor(QLatin1String(UiColors::Error)));
    else if (step.state == TeachingStep::State::Done)
        item->setForeground(QColor(QLatin1String(UiColors::Ok)));
    else
        item->setData(Qt::ForegroundRole, QVariant());
    if (index == m_session->current())
        showCurrent();
    updateControls();
}

void TeachingPanel::currentChanged(int index)
{
    {
        const QSignalBlocker blocker(m_steps);
        m_steps->setCurrentRow(index);
    }
    const SequenceDiagram *diagram = m_session->diagram();
    for (int arrow = 0; arrow < diagram->count(); ++arrow) {
        if (m_session->stepOfArrow(arrow) == index) {
            m_diagramView->setCurrentArrow(arrow);
            break;
        }
    }
    showCurrent();
    updateControls();
}

void TeachingPanel::showCurrent()
{
    const int index = m_session->current();
    if (index < 0 || index >= m_session->count())
        return;
    const TeachingStep &step = m_session->step(index);
    m_detail->showStep(index + 1, step, m_session->explanations().load(step.id), m_log->secretsRevealed());
}

void TeachingPanel::updateControls()
{
    m_back->setEnabled(m_session->canBack());
    m_next->setEnabled(m_session->canNext());
    m_restart->setEnabled(m_session->count() > 0 || m_session->isRunning());
    m_start->setEnabled(m_profile.has_value());
    if (m_session->nextSends())
        m_next->setText(m_session->step(m_session->current()).frontChannel ? tr("Open browser ▶")
                                                                           : tr("Send ▶"));
    else
        m_next->setText(tr("Next ▶"));
}

void TeachingPanel::runFinished(bool succeeded)
{
    if (succeeded) {
        m_status->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                              .arg(QLatin1String(UiColors::Ok),
                                   tr("✓ Run complete: every exchange answered and every check passed.")));
    } else {
        int failed = m_session->count() - 1;
        while (failed > 0 && m_session->step(failed).state != TeachingStep::State::Failed)
            --failed;
        const QString outcome = failed >= 0 ? m_session->step(failed).outcome : QString();
        m_status->setText(
            QStringLiteral("<span style=\"color:%1\">%2</span>")
                .arg(QLatin1String(UiColors::Error),
                     tr("✗ The run stopped at step %1: %2").arg(failed + 1).arg(outcome).toHtmlEscaped()));
        if (failed >= 0)
            m_session->setCurrent(failed);
    }
    updateControls();
}

void TeachingPanel::arrowActivated(int exchangeId, int arrowIndex)
{
    const int step = m_session->stepOfArrow(arrowIndex);
    if (step >= 0)
        m_session->setCurrent(step);
    if (exchangeId > 0)
        Q_EMIT exchangeRequested(exchangeId);
}

void TeachingPanel::setPresenting(bool presenting)
{
    if (presenting == isPresenting()) {
        m_present->setChecked(presenting);
        return;
    }
    if (presenting) {
        // In a tab the panel's parent is the tab widget's stack, whose parent is the tab widget.
        auto *tabs = parentWidget() ? qobject_cast<QTabWidget *>(parentWidget()->parentWidget()) : nullptr;
        if (!tabs) {
            m_present->setChecked(false);
            return;
        }
        m_presentingFrom = tabs;
        m_presentingIndex = tabs->indexOf(this);
        m_presentingTitle = tabs->tabText(m_presentingIndex);
        QWidget *window = tabs->window();
        tabs->removeTab(m_presentingIndex);
        setParent(window, Qt::Window); // owned by the main window still: closed and deleted with it
        setWindowTitle(tr("Step through — %1").arg(m_profile ? m_profile->name : QString()));
        showMaximized();
        activateWindow(); // so the presenter's keys reach it at once
    } else {
        QTabWidget *tabs = m_presentingFrom;
        m_presentingFrom = nullptr;
        hide();
        tabs->insertTab(m_presentingIndex, this, m_presentingTitle);
        tabs->setCurrentWidget(this);
        show();
    }
    m_present->setChecked(presenting);
    m_leavePresentation->setEnabled(presenting);
    m_next->setFocus(); // the reparenting lost the focus; Next is what comes next, by keyboard too
}

void TeachingPanel::closeEvent(QCloseEvent *event)
{
    if (isPresenting()) {
        event->ignore(); // closing the presentation window puts the panel back in its tab
        setPresenting(false);
        return;
    }
    QWidget::closeEvent(event);
}
