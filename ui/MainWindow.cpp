#include "MainWindow.h"

#include "BrowserSettingsDialog.h"
#include "Clipboard.h"
#include "FlowResult.h"
#include "FlowStepsView.h"
#include "HttpClient.h"
#include "InspectorPanel.h"
#include "LazyPage.h"
#include "ProfileStore.h"
#include "ProfilesPanel.h"
#include "RequestPanel.h"
#include "SandboxController.h"
#include "SandboxFiles.h"
#include "SandboxPanel.h"
#include "SandboxProfileSync.h"
#include "SecretVault.h"
#include "TeachingPanel.h"
#include "TokenFetcher.h"
#include "TokenPanel.h"
#include "WireLog.h"
#include "WireLogPanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

MainWindow::MainWindow(const ProfileStore &store, SecretStore *secrets, QNetworkAccessManager *network,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_log(new WireLog(this))
    , m_http(new HttpClient(m_log, this))
    , m_vault(new SecretVault(secrets, this))
    , m_clipboard(new Clipboard(this))
    , m_fetcher(new TokenFetcher(m_http, m_vault, this))
    , m_codeFlow(new CodeFlowController(m_log, m_vault, this))
    , m_messageBar(new MessageBar(this))
    , m_profiles(new ProfilesPanel(store, m_vault, m_http, this))
    , m_tokenPanel(new TokenPanel(m_clipboard, m_log, this))
    , m_wireLogPanel(new WireLogPanel(m_log, m_clipboard, this))
    , m_statusLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_sandbox(new SandboxController(SandboxFiles::defaultFolder(), this))
    , m_sandboxSync(new SandboxProfileSync(store, m_profiles, m_vault, m_sandbox, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("OAuth Debugger"));
    if (network)
        m_http->setNetworkAccessManager(network);

    // The profiles first: the panels then show the current profile when they are first laid out, instead
    // of laying out (and loading fonts for) a "no profile" text that never appears.
    connect(m_profiles, &ProfilesPanel::message, this, &MainWindow::showMessage);
    connect(m_profiles, &ProfilesPanel::currentProfileChanged, this, &MainWindow::currentProfileChanged);
    m_profiles->loadProfiles();

    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_tokenPanel, tr("Token"));
    m_inspectorPage = LazyPage::addTab(m_tabs, tr("Inspect"), [this] { return createInspectorPanel(); });
    m_requestPage = LazyPage::addTab(m_tabs, tr("Request"), [this] { return createRequestPanel(); });
    m_teachingPage = LazyPage::addTab(m_tabs, tr("Step through"), [this] { return createTeachingPanel(); });
    m_tabs->setDocumentMode(true);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("rightSplitter"));
    right->addWidget(m_tabs);
    right->addWidget(m_wireLogPanel);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    right->setSizes({ 480, 280 });
    right->setChildrenCollapsible(false);

    auto *main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(QStringLiteral("mainSplitter"));
    main->addWidget(m_profiles);
    main->addWidget(right);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    main->setSizes({ 240, 960 });
    main->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(m_messageBar);
    layout->addWidget(main, 1);
    setCentralWidget(central);

    m_statusLabel->setObjectName(QStringLiteral("statusLocationLabel"));
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_statusLabel, 1);

    createSandboxDock();
    createMenus();
    resize(1200, 800);

    connect(m_wireLogPanel, &WireLogPanel::message, this, &MainWindow::showMessage);
    connect(m_tokenPanel->getTokenAction(), &QAction::triggered, this, &MainWindow::getToken);
    connect(m_fetcher, &TokenFetcher::busyChanged, this, &MainWindow::updateBusy);
    connect(m_fetcher, &TokenFetcher::finished, this, &MainWindow::tokenFinished);
    connect(m_tokenPanel->signInAction(), &QAction::triggered, this, &MainWindow::signIn);
    connect(m_tokenPanel->refreshAction(), &QAction::triggered, this, &MainWindow::refresh);
    connect(m_codeFlow, &CodeFlowController::busyChanged, this, &MainWindow::updateBusy);
    connect(m_codeFlow, &CodeFlowController::finished, this, &MainWindow::codeFlowFinished);
    connect(m_codeFlow, &CodeFlowController::automaticRefreshChanged, m_tokenPanel,
            &TokenPanel::setAutoRefreshNote);
    m_tokenPanel->flowSteps()->follow(m_codeFlow);
    connect(m_tokenPanel->flowSteps(), &FlowStepsView::exchangeRequested, m_wireLogPanel,
            &WireLogPanel::selectExchange);
    m_codeFlow->setDefaultBrowserCommand(BrowserSettingsDialog::browserCommand());
    connect(m_tokenPanel, &TokenPanel::inspectRequested, this,
            [this](const QString &token, TokenSource source) {
                m_tabs->setCurrentWidget(inspectorPanel());
                m_inspector->inspectToken(token, source);
            });
    connect(m_vault, &SecretVault::storeAvailabilityChanged, this, &MainWindow::updateStatusBar);
    connect(m_sandbox, &SandboxController::startingChanged, this, [this](bool starting) {
        if (!starting && m_sandboxLaunchPending)
            finishSandboxLaunch();
    });

    updateStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_profiles->importAction());
    file->addAction(m_profiles->exportAction());
    file->addSeparator();
    file->addAction(m_wireLogPanel->exportHarAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *profile = menuBar()->addMenu(tr("&Profile"));
    profile->addAction(m_profiles->newAction());
    profile->addAction(m_profiles->editAction());
    profile->addAction(m_profiles->duplicateAction());
    profile->addAction(m_profiles->deleteAction());
    profile->addSeparator();
    profile->addAction(m_tokenPanel->getTokenAction());
    profile->addAction(m_tokenPanel->signInAction());
    profile->addAction(m_tokenPanel->refreshAction());

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *sandbox = m_sandboxDock->toggleViewAction();
    sandbox->setText(tr("&Sandbox"));
    sandbox->setObjectName(QStringLiteral("sandboxPanelAction"));
    sandbox->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    sandbox->setStatusTip(tr("Show the built-in sandbox authorization server"));
    tools->addAction(sandbox);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *browser = settings->addAction(tr("&Browser…"), this, &MainWindow::showBrowserSettings);
    browser->setObjectName(QStringLiteral("browserSettingsAction"));
    browser->setStatusTip(tr("Choose the browser that Sign in opens"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About OAuth Debugger"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::createSandboxDock()
{
    m_sandboxDock = new QDockWidget(tr("Sandbox"), this);
    m_sandboxDock->setObjectName(QStringLiteral("sandboxDock"));
    m_sandboxPage = LazyPage::setDockWidget(m_sandboxDock, [this] { return createSandboxPanel(); });
    m_sandboxDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_sandboxDock);
    m_sandboxDock->hide();
    connect(m_sandboxSync, &SandboxProfileSync::message, this, &MainWindow::showMessage);
    // The panel is built before the dock shows, so the dock is laid out once, with its real contents.
    connect(m_sandboxSync, &SandboxProfileSync::panelRequested, this, [this] {
        sandboxPanel();
        m_sandboxDock->show();
    });
    // toggled comes before the action's triggered, which shows the dock.
    connect(m_sandboxDock->toggleViewAction(), &QAction::toggled, this, [this](bool shown) {
        if (shown)
            sandboxPanel();
    });
}

InspectorPanel *MainWindow::inspectorPanel()
{
    if (!m_inspector)
        m_inspectorPage->build();
    return m_inspector;
}

RequestPanel *MainWindow::requestPanel()
{
    if (!m_requestPanel)
        m_requestPage->build();
    return m_requestPanel;
}

TeachingPanel *MainWindow::teachingPanel()
{
    if (!m_teaching)
        m_teachingPage->build();
    return m_teaching;
}

SandboxPanel *MainWindow::sandboxPanel()
{
    if (!m_sandboxPanel)
        m_sandboxPage->build();
    return m_sandboxPanel;
}

QWidget *MainWindow::createInspectorPanel()
{
    m_inspector = new InspectorPanel(m_http, m_vault, this);
    m_inspector->setProfile(m_profiles->currentProfile());
    m_inspector->setCurrentToken(m_tokenPanel->currentToken());
    return m_inspector;
}

QWidget *MainWindow::createRequestPanel()
{
    m_requestPanel = new RequestPanel(m_http, this);
    const auto profile = m_profiles->currentProfile();
    m_requestPanel->setTransportOptions(profile ? profile->transportOptions() : TransportOptions());
    if (!m_requestToken.isEmpty())
        m_requestPanel->setAccessToken(m_requestToken, m_requestTokenSource);
    return m_requestPanel;
}

QWidget *MainWindow::createTeachingPanel()
{
    m_teaching = new TeachingPanel(m_log, m_vault, this);
    m_teaching->setDefaultBrowserCommand(BrowserSettingsDialog::browserCommand());
    m_teaching->setProfile(m_profiles->currentProfile());
    connect(m_teaching, &TeachingPanel::exchangeRequested, m_wireLogPanel, &WireLogPanel::selectExchange);
    return m_teaching;
}

QWidget *MainWindow::createSandboxPanel()
{
    m_sandboxPanel = new SandboxPanel(m_sandbox, m_clipboard, this);
    connect(m_sandboxPanel, &SandboxPanel::createProfilesRequested, m_sandboxSync,
            &SandboxProfileSync::createOrUpdateProfiles);
    return m_sandboxPanel;
}

void MainWindow::setRequestToken(const QString &token, const QString &source)
{
    m_requestToken = token;
    m_requestTokenSource = source;
    if (m_requestPanel)
        m_requestPanel->setAccessToken(token, source);
}

void MainWindow::launchSandbox()
{
    if (!m_sandboxSync->isFirstLaunch()) {
        finishSandboxLaunch(); // the keys exist already: loading them is quick
        return;
    }
    // The first launch generates the keys (a good part of a second for RSA) on a worker thread. Once the
    // sandbox runs, the launch finds it running and creates the profiles; had it failed, the launch tries
    // once more and reports why.
    m_sandboxLaunchPending = m_sandbox->startAsync();
    if (!m_sandboxLaunchPending)
        finishSandboxLaunch();
}

void MainWindow::finishSandboxLaunch()
{
    m_sandboxLaunchPending = false;
    m_sandboxSync->launch();
    Q_EMIT sandboxLaunched();
}

void MainWindow::showMessage(const QString &text, MessageBar::Type type)
{
    m_messageBar->showMessage(text, type);
}

void MainWindow::getToken()
{
    const auto profile = m_profiles->currentProfile();
    if (!profile || m_fetcher->isBusy() || m_codeFlow->isBusy())
        return;
    m_fetcher->fetch(*profile);
}

void MainWindow::signIn()
{
    const auto profile = m_profiles->currentProfile();
    if (!profile || m_fetcher->isBusy() || m_codeFlow->isBusy())
        return;
    m_tabs->setCurrentWidget(m_tokenPanel);
    m_codeFlow->signIn(*profile);
}

void MainWindow::refresh()
{
    // The token's own profile, as edited since if it still exists.
    std::optional<Profile> profile = m_tokenPanel->tokenProfile();
    const auto current = m_profiles->currentProfile();
    if (!profile || m_fetcher->isBusy() || m_codeFlow->isBusy())
        return;
    if (current && current->id == profile->id)
        profile = current;
    m_tabs->setCurrentWidget(m_tokenPanel);
    m_codeFlow->refresh(*profile, m_tokenPanel->refreshToken());
}

void MainWindow::codeFlowFinished(CodeFlowController::Operation operation, const Profile &profile,
                                  const TokenResult &result)
{
    const bool signIn = operation == CodeFlowController::Operation::SignIn;
    if (m_codeFlow->wasCancelled()) {
        // Nothing changed: the token on display stays, and so does its automatic refresh, if still due.
        if (!signIn && !m_codeFlow->isRefreshScheduled())
            m_codeFlow->stopAutomaticRefresh();
        return;
    }
    m_tokenPanel->showResult(profile, result,
                             signIn ? TokenPanel::Origin::SignIn : TokenPanel::Origin::Refresh);
    const auto token = m_tokenPanel->currentToken(); // a failed refresh leaves the previous one
    if (m_inspector)
        m_inspector->setCurrentToken(token);
    setRequestToken(token ? token->accessToken : QString(), profile.name);
    if (result.ok())
        m_codeFlow->scheduleRefresh(profile, result.token.expiresAt, m_tokenPanel->refreshToken());
    else
        m_codeFlow->stopAutomaticRefresh(); // the error says why; the next token schedules again
}

void MainWindow::updateBusy()
{
    if (!m_codeFlow->isBusy()) {
        m_tokenPanel->setBusy(m_fetcher->isBusy());
        return;
    }
    const bool signIn = m_codeFlow->operation() == CodeFlowController::Operation::SignIn;
    m_tokenPanel->setBusy(true,
                          signIn ? tr("Signing in through the browser… the steps are on the right.")
                                 : tr("Refreshing the access token…"));
}

void MainWindow::showBrowserSettings()
{
    auto *dialog = new BrowserSettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_codeFlow->setDefaultBrowserCommand(BrowserSettingsDialog::browserCommand());
        if (m_teaching)
            m_teaching->setDefaultBrowserCommand(BrowserSettingsDialog::browserCommand());
    });
    dialog->open();
}

void MainWindow::currentProfileChanged()
{
    const auto profile = m_profiles->currentProfile();
    m_tokenPanel->setProfile(profile);
    // The pages not built yet take the current profile when they are.
    if (m_inspector)
        m_inspector->setProfile(profile);
    if (m_teaching)
        m_teaching->setProfile(profile);
    if (m_requestPanel)
        m_requestPanel->setTransportOptions(profile ? profile->transportOptions() : TransportOptions());
    if (profile)
        m_codeFlow->profileChanged(*profile);
}

void MainWindow::tokenFinished(const Profile &profile, const TokenResult &result)
{
    m_codeFlow->stopAutomaticRefresh(); // the token it was for is gone
    m_tokenPanel->showResult(profile, result);
    if (m_inspector)
        m_inspector->setCurrentToken(m_tokenPanel->currentToken());
    setRequestToken(result.ok() ? result.token.accessToken : QString(), profile.name);
}

void MainWindow::updateStatusBar()
{
    m_statusLabel->setText(
        tr("Profiles: %1    ·    Secrets: %2")
            .arg(QDir::toNativeSeparators(m_profiles->filePath()), m_vault->backendName()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About OAuth Debugger"),
        tr("<h3>OAuth Debugger %1</h3>"
           "<p>Requests tokens from OAuth 2.0 authorization servers and shows every HTTP exchange, "
           "secrets redacted.</p>"
           "<p>Client secrets are kept in the system keychain, never in the profile file.</p>")
            .arg(QLatin1String(OAUTH_DEBUGGER_VERSION)));
}
