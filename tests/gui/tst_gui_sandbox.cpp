// The built-in sandbox in the desktop app: the first launch with an empty home starts it, creates the
// ready-made profiles and a token comes back at the first "Get token" (with a keychain and without one);
// later launches start it again on whatever port is free and the profiles follow; the panel's fault
// switches, Stop and the port fallback do what they say. The test plays the browser for the code flow.
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "ProfileStore.h"
#include "ProfilesPanel.h"
#include "SandboxController.h"
#include "SandboxProfiles.h"
#include "SandboxServer.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

namespace {

// A machine without a keychain service (headless, xvfb): every answer is Unavailable.
class UnavailableSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    QString backendName() const override { return QStringLiteral("test keychain"); }
    void readSecret(const QString &, Callback done) override { answer(std::move(done)); }
    void writeSecret(const QString &, const QString &, Callback done) override { answer(std::move(done)); }
    void deleteSecret(const QString &, Callback done) override { answer(std::move(done)); }

private:
    void answer(Callback done)
    {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            SecretReply reply;
            reply.status = SecretReply::Status::Unavailable;
            reply.error = QStringLiteral("no secret service is running");
            done(reply);
        });
    }
};

} // namespace

class TestGuiSandbox final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstLaunchStartsSandboxAndGetTokenWorks_data();
    void firstLaunchStartsSandboxAndGetTokenWorks();
    void firstLaunchStartsInTheBackground();
    void stopWhileStartingAbandonsTheStart();
    void laterLaunchFollowsTheNewPortWithoutKeychain();
    void laterLaunchLeavesItOffWhenAsked();
    void launchWithoutSandboxProfilesLeavesItOff();
    void signInWithThePkceProfile();
    void faultSwitchShowsOnTheNextGetToken();
    void faultsAreForgottenLifetimesRemembered();
    void stopFreesThePort();
    void busyPreferredPortFallsBack();
    void unusableDataFolderIsReported();

private:
    template<class T> T *find(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    void createWindow(SecretStore *secrets);
    void closeWindow() { m_window.reset(); }
    std::optional<Profile> currentProfile() const;
    QList<Profile> storedProfiles() const { return ProfileStore(m_home->path()).load().profiles; }
    bool getTokenAndWait();
    QString shownError() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    QNetworkAccessManager m_browser;
};

void TestGuiSandbox::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestGuiSandbox::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    qputenv("OAUTH_DEBUGGER_HOME", QFile::encodeName(m_home->path()));
    QSettings settings;
    settings.clear();
    settings.setValue(QStringLiteral("sandbox/port"), 0); // never a fixed port in tests
    settings.setValue(QStringLiteral("sandbox/autoApprove"), true); // the test's browser cannot click
}

void TestGuiSandbox::cleanup()
{
    m_window.reset();
    m_secrets.reset();
    m_home.reset();
    qunsetenv("OAUTH_DEBUGGER_HOME");
}

void TestGuiSandbox::createWindow(SecretStore *secrets)
{
    m_window = std::make_unique<MainWindow>(ProfileStore(ProfileStore::defaultDirectory()), secrets);
    // The browser: follows the sandbox's auto-approved redirect to the loopback listener.
    m_window->codeFlow()->setBrowserOpener([this](const QUrl &url, const QString &, QString *) {
        QNetworkReply *page = m_browser.get(QNetworkRequest(url));
        connect(page, &QNetworkReply::finished, page, &QObject::deleteLater);
        return true;
    });
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // The first launch starts the sandbox asynchronously (its keys are generated on a worker thread).
    QSignalSpy launched(m_window.get(), &MainWindow::sandboxLaunched);
    m_window->launchSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(launched.size(), 1, 60000);
    m_window->sandboxPanel(); // the hidden dock's panel is built on first use; the tests look into it
}

std::optional<Profile> TestGuiSandbox::currentProfile() const
{
    const auto *panel = find<ProfilesPanel>("profilesPanel");
    return panel ? panel->currentProfile() : std::nullopt;
}

bool TestGuiSandbox::getTokenAndWait()
{
    auto *button = find<QPushButton>("getTokenButton");
    if (!button || !button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    if (button->isEnabled())
        return false; // it must be busy now
    return QTest::qWaitFor([button] { return button->isEnabled(); }, 20000);
}

QString TestGuiSandbox::shownError() const
{
    const auto *label = find<QLabel>("tokenErrorLabel");
    return label && label->isVisible() ? label->text() : QString();
}

void TestGuiSandbox::firstLaunchStartsSandboxAndGetTokenWorks_data()
{
    QTest::addColumn<bool>("keychainAvailable");
    QTest::newRow("keychain") << true;
    QTest::newRow("no keychain service") << false;
}

void TestGuiSandbox::firstLaunchStartsSandboxAndGetTokenWorks()
{
    QFETCH(bool, keychainAvailable);
    if (keychainAvailable)
        m_secrets = std::make_unique<MemorySecretStore>();
    else
        m_secrets = std::make_unique<UnavailableSecretStore>();
    QVERIFY(!QFile::exists(ProfileStore(m_home->path()).filePath()));
    createWindow(m_secrets.get());

    SandboxController *sandbox = m_window->sandbox();
    QVERIFY2(sandbox->isRunning(), qPrintable(sandbox->errorString()));
    const QString issuer = sandbox->issuer().toString();
    QVERIFY(issuer.startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(find<QDockWidget>("sandboxDock")->isVisible());
    QCOMPARE(m_window->messageBar()->type(), MessageBar::Type::Positive);
    QVERIFY2(m_window->messageBar()->text().contains(issuer), qPrintable(m_window->messageBar()->text()));
    QVERIFY(m_window->messageBar()->text().contains(QLatin1String("Get token")));
    QCOMPARE(find<QLabel>("sandboxStatusLabel")->text().contains(issuer), true);
    // The demo clients, side by side; the confidential client's secret masked until revealed.
    const QAbstractItemModel *clients = find<QTableView>("sandboxClientsView")->model();
    QCOMPARE(clients->columnCount(), 2);
    QCOMPARE(clients->index(0, 0).data().toString(), QStringLiteral("sandbox-confidential"));
    QCOMPARE(clients->index(0, 1).data().toString(), QStringLiteral("sandbox-public"));
    const QString secret = sandbox->clients().constFirst().clientSecret;
    QVERIFY(!secret.isEmpty());
    QVERIFY(!clients->index(1, 0).data().toString().contains(secret));
    find<QCheckBox>("sandboxRevealSecretsCheck")->click();
    QCOMPARE(clients->index(1, 0).data().toString(), secret);

    const QList<Profile> stored = storedProfiles();
    QCOMPARE(stored.size(), 3);
    const auto current = currentProfile();
    QVERIFY(current);
    QCOMPARE(current->sandboxRole, QLatin1String(SandboxProfiles::ClientCredentialsBasic));
    QCOMPARE(current->tokenUrl, QUrl(issuer + QStringLiteral("/token")));

    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));
    QTRY_VERIFY(find<QTableView>("tokenFieldsView")->isVisible());

    // The secret went to the keychain (or this session's memory), never to the profile file.
    QFile file(ProfileStore(m_home->path()).filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    for (const SandboxClient &client : sandbox->clients()) {
        if (!client.isPublic())
            QVERIFY(!json.contains(client.clientSecret.toUtf8()));
    }
}

void TestGuiSandbox::firstLaunchStartsInTheBackground()
{
    m_secrets = std::make_unique<MemorySecretStore>();
    m_window = std::make_unique<MainWindow>(ProfileStore(ProfileStore::defaultDirectory()), m_secrets.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy launched(m_window.get(), &MainWindow::sandboxLaunched);
    m_window->launchSandbox();

    // Back at once: the keys are being generated on a worker thread, the window stays usable meanwhile.
    SandboxController *sandbox = m_window->sandbox();
    QVERIFY(sandbox->isStarting());
    QVERIFY(!sandbox->isRunning());
    QVERIFY(launched.isEmpty());
    m_window->sandboxPanel();
    QVERIFY2(find<QLabel>("sandboxStatusLabel")->text().contains(QLatin1String("Starting")),
             qPrintable(find<QLabel>("sandboxStatusLabel")->text()));
    QVERIFY(!find<QPushButton>("sandboxStartButton")->isEnabled());
    QVERIFY(find<QPushButton>("getTokenButton")); // the rest of the window is there and usable

    QTRY_COMPARE_WITH_TIMEOUT(launched.size(), 1, 60000);
    QVERIFY2(sandbox->isRunning(), qPrintable(sandbox->errorString()));
    QVERIFY(!sandbox->isStarting());
    QCOMPARE(storedProfiles().size(), 3);
    QVERIFY(find<QDockWidget>("sandboxDock")->isVisible());
    QVERIFY(find<QLabel>("sandboxStatusLabel")->text().contains(sandbox->issuer().toString()));
}

void TestGuiSandbox::stopWhileStartingAbandonsTheStart()
{
    // A later launch without sandbox profiles leaves the sandbox off and its keys not yet made.
    Profile own = Profile::create(QStringLiteral("My server"));
    own.tokenUrl = QUrl(QStringLiteral("https://as.example/token"));
    own.clientId = QStringLiteral("mine");
    QString error;
    QVERIFY2(ProfileStore(m_home->path()).save({ own }, &error), qPrintable(error));
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    SandboxController *sandbox = m_window->sandbox();
    QVERIFY(!sandbox->isRunning());

    QSignalSpy running(sandbox, &SandboxController::runningChanged);
    QTest::mouseClick(find<QPushButton>("sandboxStartButton"), Qt::LeftButton);
    QVERIFY(sandbox->isStarting());
    QVERIFY(find<QPushButton>("sandboxStopButton")->isEnabled());
    QTest::mouseClick(find<QPushButton>("sandboxStopButton"), Qt::LeftButton);
    QVERIFY(!sandbox->isStarting());
    QVERIFY(!sandbox->isRunning());
    QVERIFY(find<QLabel>("sandboxStatusLabel")->text().contains(QLatin1String("Stopped")));
    QVERIFY(find<QPushButton>("sandboxStartButton")->isEnabled());

    // The next start is not disturbed by the abandoned one.
    QTest::mouseClick(find<QPushButton>("sandboxStartButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(sandbox->isRunning(), 60000);
    QCOMPARE(running.size(), 1);
    QVERIFY(getTokenAndWait()); // the own profile's server is not there: an error, but no hang
}

void TestGuiSandbox::laterLaunchFollowsTheNewPortWithoutKeychain()
{
    m_secrets = std::make_unique<UnavailableSecretStore>();
    createWindow(m_secrets.get());
    QVERIFY(m_window->sandbox()->isRunning());
    const int firstPort = m_window->sandbox()->issuer().port();
    closeWindow(); // the sandbox stops with the app; this session's memory is gone

    QTcpServer squatter; // the old port is taken now, so the sandbox comes back on another one
    QVERIFY(squatter.listen(QHostAddress::LocalHost, static_cast<quint16>(firstPort)));
    m_secrets = std::make_unique<UnavailableSecretStore>();
    createWindow(m_secrets.get());
    SandboxController *sandbox = m_window->sandbox();
    QVERIFY2(sandbox->isRunning(), qPrintable(sandbox->errorString()));
    QVERIFY(sandbox->issuer().port() != firstPort);
    QVERIFY(!find<QDockWidget>("sandboxDock")->isVisible()); // only the first launch opens the panel

    const QList<Profile> stored = storedProfiles();
    QCOMPARE(stored.size(), 3);
    for (const Profile &profile : stored)
        QCOMPARE(profile.tokenUrl.port(), sandbox->issuer().port());
    m_window->findChild<ProfilesPanel *>(QStringLiteral("profilesPanel"))
        ->selectProfile(
            SandboxProfiles::idOfRole(stored, QLatin1String(SandboxProfiles::ClientCredentialsPost)));
    QCOMPARE(currentProfile()->authMethod, ClientAuthMethod::ClientSecretPost);
    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));
    QTRY_VERIFY(find<QTableView>("tokenFieldsView")->isVisible());
}

void TestGuiSandbox::laterLaunchLeavesItOffWhenAsked()
{
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    auto *startWithApp = find<QCheckBox>("sandboxStartWithAppCheck");
    QVERIFY(startWithApp->isChecked());
    startWithApp->click();
    closeWindow();
    createWindow(m_secrets.get());
    QVERIFY(!m_window->sandbox()->isRunning());
    QVERIFY(!find<QCheckBox>("sandboxStartWithAppCheck")->isChecked());
    QCOMPARE(storedProfiles().size(), 3); // still there for when it runs
}

void TestGuiSandbox::launchWithoutSandboxProfilesLeavesItOff()
{
    Profile own = Profile::create(QStringLiteral("My server"));
    own.tokenUrl = QUrl(QStringLiteral("https://as.example/token"));
    own.clientId = QStringLiteral("mine");
    QString error;
    QVERIFY2(ProfileStore(m_home->path()).save({ own }, &error), qPrintable(error));
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    QVERIFY(!m_window->sandbox()->isRunning());
    QCOMPARE(storedProfiles().size(), 1);

    // Started by hand, the panel's button adds the ready-made profiles.
    QTest::mouseClick(find<QPushButton>("sandboxStartButton"), Qt::LeftButton); // starts in the background
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sandbox()->isRunning(), 60000);
    QCOMPARE(storedProfiles().size(), 1);
    QTest::mouseClick(find<QPushButton>("sandboxProfilesButton"), Qt::LeftButton);
    QCOMPARE(storedProfiles().size(), 4);
    QVERIFY(SandboxProfiles::isSandboxProfile(*currentProfile()));
    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));
}

void TestGuiSandbox::signInWithThePkceProfile()
{
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    QVERIFY(find<QCheckBox>("sandboxAutoApproveCheck")->isChecked());
    const QString pkceId
        = SandboxProfiles::idOfRole(storedProfiles(), QLatin1String(SandboxProfiles::CodeWithPkce));
    m_window->findChild<ProfilesPanel *>(QStringLiteral("profilesPanel"))->selectProfile(pkceId);
    QCOMPARE(currentProfile()->id, pkceId);

    auto *signIn = find<QPushButton>("signInButton");
    QTRY_VERIFY(signIn->isEnabled());
    QTest::mouseClick(signIn, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->codeFlow()->isBusy(), 20000);
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));
    QTRY_VERIFY(find<QTableView>("tokenFieldsView")->isVisible());
    QVERIFY(find<QPushButton>("refreshButton")->isEnabled()); // the sandbox sent a refresh token
}

void TestGuiSandbox::faultSwitchShowsOnTheNextGetToken()
{
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    auto *fault = find<QCheckBox>("sandboxFault-html-error-page");
    QVERIFY(fault);
    fault->click();
    QVERIFY(m_window->sandbox()->settings().has(SandboxFault::HtmlErrorPage));
    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().contains(QLatin1String("500")), qPrintable(shownError()));

    fault->click(); // off again: the next token is fine
    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));
}

void TestGuiSandbox::faultsAreForgottenLifetimesRemembered()
{
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    find<QCheckBox>("sandboxFault-missing-token-type")->click();
    auto *lifetime = find<QSpinBox>("sandboxAccessTokenLifetime");
    lifetime->setValue(30);
    QCOMPARE(m_window->sandbox()->settings().accessTokenLifetime, qint64(30));

    closeWindow();
    createWindow(m_secrets.get());
    QVERIFY(!find<QCheckBox>("sandboxFault-missing-token-type")->isChecked());
    QVERIFY(m_window->sandbox()->settings().faults.isEmpty());
    QCOMPARE(find<QSpinBox>("sandboxAccessTokenLifetime")->value(), 30);
    QCOMPARE(m_window->sandbox()->settings().accessTokenLifetime, qint64(30));
}

void TestGuiSandbox::stopFreesThePort()
{
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    const auto port = static_cast<quint16>(m_window->sandbox()->issuer().port());
    QTest::mouseClick(find<QPushButton>("sandboxStopButton"), Qt::LeftButton);
    QVERIFY(!m_window->sandbox()->isRunning());
    QVERIFY(find<QLabel>("sandboxStatusLabel")->text().contains(QLatin1String("Stopped")));
    QVERIFY(find<QPushButton>("sandboxStartButton")->isEnabled());
    {
        QTcpServer reuse;
        QVERIFY2(reuse.listen(QHostAddress::LocalHost, port), qPrintable(reuse.errorString()));
    }
    QVERIFY(getTokenAndWait()); // the app still works; the request just fails
    QVERIFY(!shownError().isEmpty());

    QTest::mouseClick(find<QPushButton>("sandboxStartButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sandbox()->isRunning(), 60000);
    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));
}

void TestGuiSandbox::busyPreferredPortFallsBack()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    QSettings().setValue(QStringLiteral("sandbox/port"), squatter.serverPort());
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    SandboxController *sandbox = m_window->sandbox();
    QVERIFY2(sandbox->isRunning(), qPrintable(sandbox->errorString()));
    QCOMPARE(find<QSpinBox>("sandboxPortSpin")->value(), squatter.serverPort());
    QVERIFY(sandbox->issuer().port() != squatter.serverPort());
    QVERIFY(sandbox->usedFallbackPort());
    QVERIFY(find<QLabel>("sandboxStatusLabel")->text().contains(QLatin1String("busy")));
    QCOMPARE(currentProfile()->tokenUrl.port(), sandbox->issuer().port());
    QVERIFY(getTokenAndWait());
    QVERIFY2(shownError().isEmpty(), qPrintable(shownError()));

    // Free again: the next start takes the preferred port.
    squatter.close();
    QTest::mouseClick(find<QPushButton>("sandboxStopButton"), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>("sandboxStartButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(sandbox->isRunning(), 60000);
    QCOMPARE(sandbox->issuer().port(), find<QSpinBox>("sandboxPortSpin")->value());
    QVERIFY(!sandbox->usedFallbackPort());
    QCOMPARE(currentProfile()->tokenUrl.port(), sandbox->issuer().port());
}

void TestGuiSandbox::unusableDataFolderIsReported()
{
    // The sandbox's data folder is a file: the keys cannot be kept.
    QFile blocker(m_home->filePath(QStringLiteral("sandbox")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_secrets = std::make_unique<MemorySecretStore>();
    createWindow(m_secrets.get());
    QVERIFY(!m_window->sandbox()->isRunning());
    QCOMPARE(m_window->messageBar()->type(), MessageBar::Type::Warning);
    QVERIFY2(m_window->messageBar()->text().contains(QLatin1String("could not start")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(find<QLabel>("sandboxStatusLabel")->text().contains(QLatin1String("could not start")));
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("newProfileAction"))->isEnabled()); // still usable
    QVERIFY(find<QPushButton>("sandboxStartButton")->isEnabled()); // try again after fixing it
}

QTEST_MAIN(TestGuiSandbox)
#include "tst_gui_sandbox.moc"
