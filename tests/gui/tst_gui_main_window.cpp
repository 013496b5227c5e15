// The main window as a user drives it: create a profile, get a token from a fake server, read the result,
// the wire log and the persisted profile file.
#include "Clipboard.h"
#include "FakeHttpServer.h"
#include "FormEncoding.h"
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "MessageBar.h"
#include "ProfileEditorDialog.h"
#include "ProfileStore.h"
#include "ProfilesPanel.h"
#include "SecretVault.h"
#include "TokenPanel.h"
#include "WireLog.h"
#include "WireLogPanel.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace {

const QString ClientSecret = QStringLiteral("s3cret-value-9f2c");
const QByteArray AccessToken = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.sig-7781";

QByteArray tokenBody()
{
    return QByteArrayLiteral(R"({"access_token":")") + AccessToken
        + QByteArrayLiteral(R"(","token_type":"Bearer","expires_in":3600,"scope":"read","tenant":"acme"})");
}

// A secret store without a keychain behind it, as on a headless machine.
class UnavailableSecretStore final : public SecretStore
{
public:
    using SecretStore::SecretStore;
    QString backendName() const override { return QStringLiteral("unavailable keychain"); }
    void readSecret(const QString &, Callback done) override { answer(std::move(done)); }
    void writeSecret(const QString &, const QString &, Callback done) override { answer(std::move(done)); }
    void deleteSecret(const QString &, Callback done) override { answer(std::move(done)); }

private:
    void answer(Callback done)
    {
        QMetaObject::invokeMethod(
            this,
            [done] {
                SecretReply reply;
                reply.status = SecretReply::Status::Unavailable;
                reply.error = QStringLiteral("no secret service");
                done(reply);
            },
            Qt::QueuedConnection);
    }
};

// A keychain that never answers, as qtkeychain does when the secret service waits for a prompt nobody sees.
class SilentSecretStore final : public SecretStore
{
public:
    using SecretStore::SecretStore;
    QString backendName() const override { return QStringLiteral("silent keychain"); }
    void readSecret(const QString &, Callback) override { }
    void writeSecret(const QString &, const QString &, Callback) override { }
    void deleteSecret(const QString &, Callback) override { }
};

} // namespace

class TestGuiMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void addProfileThenGetToken();
    void serverErrorShownInline();
    void countdownShowsExpiry();
    void copiedTokenIsClearedFromClipboard();
    void keychainUnavailableKeepsSecretForSession();
    void silentKeychainTimesOut();
    void corruptProfileFileReportedInMessageBar();
    void deleteProfileAsksAndForgetsSecret();
    void requestPanelSendsTokenAndShowsChallenge();
    void requestHeadersValidatedInline();
    void revealSecretsShowsRawExchange();
    void exportAndImportProfilesWithoutSecrets();
    void harExportRedactsSecrets();
    void tokenFindingsAndInspectButton();

private:
    template<class T> T *find(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    void createWindow(SecretStore *secrets = nullptr);
    Profile savedProfile(const QString &secret);
    ProfileEditorDialog *openNewProfileEditor();
    void getTokenAndWait();
    QString secretIn(SecretStore *store, const QString &key);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler(
        [](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::json(200, tokenBody()); });
}

void TestGuiMainWindow::cleanup()
{
    m_window.reset();
    m_server.reset();
    m_secrets.reset();
    m_dir.reset();
}

void TestGuiMainWindow::createWindow(SecretStore *secrets)
{
    m_window = std::make_unique<MainWindow>(ProfileStore(m_dir->path()), secrets ? secrets : m_secrets.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

// A profile stored before the window opens, its secret in the memory store.
Profile TestGuiMainWindow::savedProfile(const QString &secret)
{
    Profile profile = Profile::create(QStringLiteral("Saved server"));
    profile.tokenUrl = m_server->url(QStringLiteral("/token"));
    profile.clientId = QStringLiteral("saved-client");
    QString error;
    if (!ProfileStore(m_dir->path()).save({ profile }, &error))
        qWarning("cannot save profile: %s", qPrintable(error));
    bool written = false;
    m_secrets->writeSecret(profile.secretKey(), secret, [&written](const SecretReply &) { written = true; });
    if (!QTest::qWaitFor([&written] { return written; }, 1000))
        qWarning("the memory secret store did not answer");
    return profile;
}

ProfileEditorDialog *TestGuiMainWindow::openNewProfileEditor()
{
    auto *add = find<QAction>("newProfileAction");
    if (!add || !add->isEnabled())
        return nullptr;
    add->trigger();
    ProfileEditorDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<ProfileEditorDialog *>()) && dialog->isVisible(); });
    return shown ? dialog : nullptr;
}

void TestGuiMainWindow::getTokenAndWait()
{
    auto *button = find<QPushButton>("getTokenButton");
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(button->isEnabled());
}

QString TestGuiMainWindow::secretIn(SecretStore *store, const QString &key)
{
    std::optional<SecretReply> answer;
    store->readSecret(key, [&answer](const SecretReply &reply) { answer = reply; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 2000))
        return QStringLiteral("<no answer>");
    return answer->ok() ? answer->value : QString();
}

void TestGuiMainWindow::addProfileThenGetToken()
{
    createWindow();
    ProfileEditorDialog *dialog = openNewProfileEditor();
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
    auto *tokenUrl = dialog->findChild<QLineEdit *>(QStringLiteral("tokenUrlEdit"));
    auto *tokenUrlError = dialog->findChild<QLabel *>(QStringLiteral("tokenUrlError"));
    QVERIFY(ok && tokenUrl && tokenUrlError);
    QVERIFY(!ok->isEnabled());

    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                     QStringLiteral("Test server"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("clientIdEdit")),
                     QStringLiteral("my-client"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("clientSecretEdit")), ClientSecret);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("scopeEdit")), QStringLiteral("read"));
    QTest::keyClicks(tokenUrl, QStringLiteral("not a url"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(tokenUrlError->isVisible());
    QVERIFY2(tokenUrlError->text().contains(QLatin1String("http")), qPrintable(tokenUrlError->text()));

    tokenUrl->clear();
    QTest::keyClicks(tokenUrl, m_server->url(QStringLiteral("/token")).toString());
    QTRY_VERIFY(ok->isEnabled());
    QVERIFY(!tokenUrlError->isVisible());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());

    auto *list = find<QListView>("profileList");
    QVERIFY(list);
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(list->currentIndex().data().toString(), QStringLiteral("Test server"));
    QTRY_COMPARE(secretIn(m_secrets.get(), ProfileStore(m_dir->path()).load().profiles.value(0).secretKey()),
                 ClientSecret);

    auto *getToken = find<QPushButton>("getTokenButton");
    QVERIFY(getToken && getToken->isEnabled());
    QTest::mouseClick(getToken, Qt::LeftButton);
    QVERIFY2(!getToken->isEnabled(), "Get token must be disabled while the request runs");
    QVERIFY(find<QWidget>("tokenBusyIndicator")->isVisible());
    QTRY_VERIFY(getToken->isEnabled());
    QVERIFY(!find<QWidget>("tokenBusyIndicator")->isVisible());

    // The token is shown masked, with the countdown and every field.
    auto *fields = find<QTableView>("tokenFieldsView");
    QVERIFY(fields && fields->isVisible());
    QAbstractItemModel *model = fields->model();
    QVERIFY(model->rowCount() >= 5);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("access_token"));
    const QString shownToken = model->index(0, 1).data().toString();
    QVERIFY2(!shownToken.contains(QString::fromLatin1(AccessToken)), qPrintable(shownToken));
    QVERIFY2(shownToken.contains(QStringLiteral("••••")), qPrintable(shownToken));
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names.append(model->index(row, 0).data().toString());
    QVERIFY2(names.contains(QStringLiteral("tenant")), qPrintable(names.join(QLatin1Char(','))));
    auto *expiry = find<QLabel>("expiryLabel");
    QVERIFY2(expiry->text().startsWith(QLatin1String("Expires in 59 min"))
                 || expiry->text() == QLatin1String("Expires in 1 h 0 min"),
             qPrintable(expiry->text()));
    QVERIFY(!find<QLabel>("tokenErrorLabel")->isVisible());
    QVERIFY(!find<QLabel>("insecureLabel")->isVisible());

    find<QCheckBox>("revealTokenCheck")->click();
    QCOMPARE(model->index(0, 1).data().toString(), QString::fromLatin1(AccessToken));

    // One exchange in the wire log, answered 200; the server saw HTTP Basic client authentication.
    auto *log = qobject_cast<WireLog *>(find<QTableView>("wireLogView")->model());
    QVERIFY(log);
    QCOMPARE(log->count(), 1);
    QCOMPARE(log->at(0).status, 200);
    QCOMPARE(m_server->requestCount(), 1);
    const FakeHttpServer::RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.header("authorization"),
             FormEncoding::basicAuthorization(QStringLiteral("my-client"), ClientSecret));
    QVERIFY(request.body.contains("grant_type=client_credentials"));

    // The profile was saved, without its secret.
    const ProfileStore::LoadResult saved = ProfileStore(m_dir->path()).load();
    QVERIFY2(saved.error.isEmpty(), qPrintable(saved.error));
    QCOMPARE(saved.profiles.size(), 1);
    QCOMPARE(saved.profiles.first().name, QStringLiteral("Test server"));
    QCOMPARE(saved.profiles.first().tokenUrl, m_server->url(QStringLiteral("/token")));
    QCOMPARE(saved.profiles.first().scope, QStringLiteral("read"));
    QFile file(ProfileStore(m_dir->path()).filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(ClientSecret.toUtf8()));
}

void TestGuiMainWindow::serverErrorShownInline()
{
    savedProfile(ClientSecret);
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        return FakeHttpServer::json(
            400,
            R"({"error":"invalid_client","error_description":"Client authentication )"
            R"(failed","error_uri":"https://docs.example.com/errors#invalid_client"})");
    });
    createWindow();
    getTokenAndWait();

    auto *error = find<QLabel>("tokenErrorLabel");
    QTRY_VERIFY(error->isVisible());
    const QString text = error->text();
    QVERIFY2(text.contains(QLatin1String("invalid_client")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Client authentication failed")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("400")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("<a href=\"https://docs.example.com/errors#invalid_client\"")),
             qPrintable(text));
    // No token view: it is built with the first token (and hidden again by a failure).
    const auto *fields = m_window->findChild<QTableView *>(QStringLiteral("tokenFieldsView"));
    QVERIFY(!fields || !fields->isVisible());
    const auto *copy = m_window->findChild<QPushButton *>(QStringLiteral("copyAccessTokenButton"));
    QVERIFY(!copy || !copy->isEnabled());

    auto *log = qobject_cast<WireLog *>(find<QTableView>("wireLogView")->model());
    QCOMPARE(log->count(), 1);
    QCOMPARE(log->at(0).status, 400);
}

void TestGuiMainWindow::countdownShowsExpiry()
{
    savedProfile(ClientSecret);
    createWindow();
    getTokenAndWait();
    auto *panel = m_window->findChild<TokenPanel *>();
    auto *expiry = find<QLabel>("expiryLabel");
    QVERIFY(panel && expiry);
    QVERIFY(panel->currentToken().has_value());
    const QDateTime received = panel->currentToken()->receivedAt;

    QDateTime now = received.addSecs(3600 - 252);
    panel->setClock([&now] { return now; });
    QCOMPARE(expiry->text(), QStringLiteral("Expires in 4 min 12 s"));
    now = received.addSecs(3610);
    QTRY_COMPARE_WITH_TIMEOUT(expiry->text(), QStringLiteral("Expired 10 s ago"), 2500); // the timer ticks
    panel->setClock([] { return QDateTime::currentDateTimeUtc(); });
}

void TestGuiMainWindow::copiedTokenIsClearedFromClipboard()
{
    savedProfile(ClientSecret);
    createWindow();
    getTokenAndWait();
    m_window->clipboard()->setClearDelayMs(200);
    QTest::mouseClick(find<QPushButton>("copyAccessTokenButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(AccessToken));
    QTRY_VERIFY(QGuiApplication::clipboard()->text().isEmpty());

    // Something else the user copied meanwhile is left alone.
    QTest::mouseClick(find<QPushButton>("copyAccessTokenButton"), Qt::LeftButton);
    QGuiApplication::clipboard()->setText(QStringLiteral("unrelated"));
    QTest::qWait(400);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("unrelated"));
}

void TestGuiMainWindow::keychainUnavailableKeepsSecretForSession()
{
    UnavailableSecretStore unavailable;
    createWindow(&unavailable);
    ProfileEditorDialog *dialog = openNewProfileEditor();
    QVERIFY(dialog);
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("secretNoteLabel"));
    QTRY_VERIFY2(note->text().contains(QLatin1String("No keychain service is running")),
                 qPrintable(note->text()));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Headless"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("tokenUrlEdit")),
                     m_server->url(QStringLiteral("/token")).toString());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("clientIdEdit")),
                     QStringLiteral("headless"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("clientSecretEdit")), ClientSecret);
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
    QTRY_VERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);

    QTRY_VERIFY(m_window->messageBar()->isVisible());
    QCOMPARE(m_window->messageBar()->type(), MessageBar::Type::Warning);
    QVERIFY2(m_window->messageBar()->text().contains(QLatin1String("session only")),
             qPrintable(m_window->messageBar()->text()));

    getTokenAndWait();
    QTRY_VERIFY(find<QTableView>("tokenFieldsView")->isVisible());
    QCOMPARE(m_server->lastRequest().header("authorization"),
             FormEncoding::basicAuthorization(QStringLiteral("headless"), ClientSecret));
    QVERIFY(find<QLabel>("statusLocationLabel")->text().contains(QLatin1String("session")));
}

void TestGuiMainWindow::silentKeychainTimesOut()
{
    SilentSecretStore silent;
    createWindow(&silent);
    m_window->secretVault()->setTimeoutMs(200);
    ProfileEditorDialog *dialog = openNewProfileEditor();
    QVERIFY(dialog);
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("secretNoteLabel"));
    QTRY_VERIFY2(note->text().contains(QLatin1String("No keychain service is running")),
                 qPrintable(note->text()));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("Silent"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("tokenUrlEdit")),
                     m_server->url(QStringLiteral("/token")).toString());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("clientIdEdit")),
                     QStringLiteral("silent"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("clientSecretEdit")), ClientSecret);
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
    QTRY_VERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(m_window->messageBar()->isVisible());

    getTokenAndWait();
    QTRY_VERIFY(find<QTableView>("tokenFieldsView")->isVisible());
    QCOMPARE(m_server->lastRequest().header("authorization"),
             FormEncoding::basicAuthorization(QStringLiteral("silent"), ClientSecret));
}

void TestGuiMainWindow::corruptProfileFileReportedInMessageBar()
{
    QFile file(ProfileStore(m_dir->path()).filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ this is not json");
    file.close();
    createWindow();
    MessageBar *bar = m_window->messageBar();
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->type(), MessageBar::Type::Error);
    const ProfileStore::LoadResult none = ProfileStore(m_dir->path()).load();
    QVERIFY(none.profiles.isEmpty());
    const QStringList aside = QDir(m_dir->path()).entryList({ QStringLiteral("profiles.json.corrupt*") });
    QCOMPARE(aside.size(), 1);
    QVERIFY2(bar->text().contains(aside.first()), qPrintable(bar->text()));
    QVERIFY(!find<QPushButton>("getTokenButton")->isEnabled());
    QVERIFY(!find<QAction>("editProfileAction")->isEnabled());

    QTest::mouseClick(bar->findChild<QWidget *>(QStringLiteral("messageBarCloseButton")), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
}

void TestGuiMainWindow::deleteProfileAsksAndForgetsSecret()
{
    const Profile profile = savedProfile(ClientSecret);
    createWindow();
    find<QAction>("deleteProfileAction")->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteProfileConfirmation"))));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);

    QTRY_COMPARE(find<QListView>("profileList")->model()->rowCount(), 0);
    QVERIFY(ProfileStore(m_dir->path()).load().profiles.isEmpty());
    QTRY_VERIFY(secretIn(m_secrets.get(), profile.secretKey()).isEmpty());
    QVERIFY(!find<QPushButton>("getTokenButton")->isEnabled());
}

void TestGuiMainWindow::requestPanelSendsTokenAndShowsChallenge()
{
    savedProfile(ClientSecret);
    createWindow();
    getTokenAndWait();
    QTRY_VERIFY(find<QTableView>("tokenFieldsView")->isVisible());

    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        FakeHttpServer::CannedResponse response = FakeHttpServer::json(401, R"({"message":"token expired"})");
        response.headers.append(HttpHeader(
            "WWW-Authenticate", R"(Bearer realm="api", error="invalid_token", error_description="expired")"));
        return response;
    });
    m_window->requestPanel(); // built on first use: it gets the token that came before it
    auto *attach = find<QCheckBox>("attachTokenCheck");
    QVERIFY(attach->isEnabled());
    QVERIFY(attach->isChecked());
    QTest::keyClicks(find<QLineEdit>("requestUrlEdit"),
                     m_server->url(QStringLiteral("/api/hello")).toString());
    QTest::keyClicks(find<QPlainTextEdit>("requestHeadersEdit"), QStringLiteral("X-Trace: 42"));
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);

    auto *challenge = find<QLabel>("challengeLabel");
    QTRY_VERIFY(!challenge->isHidden());
    QVERIFY2(challenge->text().contains(QLatin1String("invalid_token")), qPrintable(challenge->text()));
    QVERIFY(find<QLabel>("responseStatusLabel")->text().contains(QLatin1String("401")));
    QVERIFY(find<QPlainTextEdit>("responseBodyView")
                ->toPlainText()
                .contains(QLatin1String("\"message\": \"token expired\"")));
    const FakeHttpServer::RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.target, QByteArray("/api/hello"));
    QCOMPARE(request.header("authorization"), QByteArray("Bearer ") + AccessToken);
    QCOMPARE(request.header("x-trace"), QByteArray("42"));
    QCOMPARE(qobject_cast<WireLog *>(find<QTableView>("wireLogView")->model())->count(), 2);
}

void TestGuiMainWindow::requestHeadersValidatedInline()
{
    createWindow();
    m_window->requestPanel(); // built on first use
    QTest::keyClicks(find<QLineEdit>("requestUrlEdit"), QStringLiteral("https://api.example.com/x"));
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(send->isEnabled());
    auto *headers = find<QPlainTextEdit>("requestHeadersEdit");
    QTest::keyClicks(headers, QStringLiteral("Accept: */*"));
    QTest::keyClick(headers, Qt::Key_Return);
    QTest::keyClicks(headers, QStringLiteral("no colon here"));
    auto *error = find<QLabel>("requestErrorLabel");
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(QLatin1String("line 2")), qPrintable(error->text()));
    QVERIFY(!send->isEnabled());
    find<QPlainTextEdit>("requestHeadersEdit")->setPlainText(QStringLiteral("Accept: */*"));
    QVERIFY(error->isHidden());
    QVERIFY(send->isEnabled());
}

void TestGuiMainWindow::revealSecretsShowsRawExchange()
{
    savedProfile(ClientSecret);
    createWindow();
    getTokenAndWait();
    auto *detail = find<QPlainTextEdit>("exchangeDetailView");
    QTRY_VERIFY(!detail->toPlainText().isEmpty()); // the new exchange is selected
    const QString basic
        = QString::fromLatin1(FormEncoding::basicAuthorization(QStringLiteral("saved-client"), ClientSecret));
    QVERIFY2(!detail->toPlainText().contains(basic), qPrintable(detail->toPlainText()));
    QVERIFY(!detail->toPlainText().contains(QString::fromLatin1(AccessToken)));

    find<QCheckBox>("revealSecretsCheck")->click();
    QVERIFY2(detail->toPlainText().contains(basic), qPrintable(detail->toPlainText()));
    QVERIFY(detail->toPlainText().contains(QString::fromLatin1(AccessToken)));

    QTest::mouseClick(find<QPushButton>("clearLogButton"), Qt::LeftButton);
    QCOMPARE(find<QTableView>("wireLogView")->model()->rowCount(), 0);
    QVERIFY(detail->toPlainText().isEmpty());
    QVERIFY(!find<QPushButton>("copyCurlButton")->isEnabled());
}

void TestGuiMainWindow::exportAndImportProfilesWithoutSecrets()
{
    const Profile profile = savedProfile(ClientSecret);
    createWindow();
    auto *panel = m_window->findChild<ProfilesPanel *>();
    QVERIFY(panel);
    const QString path = m_dir->filePath(QStringLiteral("exported.json"));
    QVERIFY(panel->exportToFile(path));
    QCOMPARE(m_window->messageBar()->type(), MessageBar::Type::Positive);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY(exported.contains("saved-client"));
    QVERIFY(!exported.contains(ClientSecret.toUtf8()));

    // Importing the same file adds a copy under a new id: nothing is overwritten.
    QVERIFY(panel->importFromFile(path));
    auto *list = find<QListView>("profileList");
    QCOMPARE(list->model()->rowCount(), 2);
    const QList<Profile> saved = ProfileStore(m_dir->path()).load().profiles;
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0).id, profile.id);
    QVERIFY(saved.at(1).id != profile.id);
    QCOMPARE(saved.at(1).clientId, profile.clientId);
    QVERIFY2(m_window->messageBar()->text().contains(QLatin1String("secret")),
             qPrintable(m_window->messageBar()->text()));

    QVERIFY(!panel->importFromFile(m_dir->filePath(QStringLiteral("missing.json"))));
    QCOMPARE(m_window->messageBar()->type(), MessageBar::Type::Error);
    QCOMPARE(list->model()->rowCount(), 2);
}

void TestGuiMainWindow::harExportRedactsSecrets()
{
    savedProfile(ClientSecret);
    createWindow();
    getTokenAndWait();
    auto *panel = m_window->findChild<WireLogPanel *>();
    QVERIFY(panel);
    const QString path = m_dir->filePath(QStringLiteral("session.har"));
    QVERIFY(panel->exportHarTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray har = file.readAll();
    QVERIFY(har.contains("\"entries\""));
    QVERIFY(har.contains("/token"));
    QVERIFY(!har.contains(AccessToken));
    QVERIFY(!har.contains(FormEncoding::basicAuthorization(QStringLiteral("saved-client"), ClientSecret)));
}

void TestGuiMainWindow::tokenFindingsAndInspectButton()
{
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        return FakeHttpServer::json(200,
                                    QByteArrayLiteral(R"({"access_token":")") + AccessToken
                                        + QByteArrayLiteral(R"(","token_type":"Bearer","expires_in":7200})"));
    });
    savedProfile(ClientSecret);
    createWindow();
    getTokenAndWait();

    // Findings about the response beside the token: two hours is long for an access token.
    auto *findings = find<QTableWidget>("tokenFindingsView");
    QTRY_VERIFY(findings->isVisible());
    QStringList ids;
    for (int row = 0; row < findings->rowCount(); ++row)
        ids.append(findings->item(row, 0)->data(Qt::UserRole).toString());
    QVERIFY2(ids.contains(QLatin1String("response.long-lived-access-token")),
             qPrintable(ids.join(QLatin1Char(','))));
    QVERIFY2(find<QLabel>("tokenFindingsTitle")->text().contains(QLatin1String("1 warning")),
             qPrintable(find<QLabel>("tokenFindingsTitle")->text()));
    const QString kind = find<QLabel>("accessTokenKindLabel")->text();
    QVERIFY2(kind.contains(QLatin1String("signed JWT")), qPrintable(kind));
    QVERIFY(!find<QPushButton>("inspectIdTokenButton")->isVisible()); // no id_token in the response

    // Inspect takes the token to the Inspect tab, where its unsigned header is an error.
    auto *inspect = find<QPushButton>("inspectAccessTokenButton");
    QVERIFY(inspect->isVisible());
    QTest::mouseClick(inspect, Qt::LeftButton);
    QCOMPARE(find<QTabWidget>("mainTabs")->currentWidget()->objectName(), QStringLiteral("inspectorPanel"));
    QCOMPARE(find<QLineEdit>("inspectTokenEdit")->text(), QString::fromLatin1(AccessToken));
    auto *inspectorFindings = find<QTableWidget>("inspectorFindingsView");
    QTRY_VERIFY(inspectorFindings->isVisible());
    QStringList tokenIds;
    for (int row = 0; row < inspectorFindings->rowCount(); ++row)
        tokenIds.append(inspectorFindings->item(row, 0)->data(Qt::UserRole).toString());
    QVERIFY2(tokenIds.contains(QLatin1String("token.alg-none")), qPrintable(tokenIds.join(QLatin1Char(','))));
    QVERIFY(find<QPushButton>("inspectCurrentAccessTokenButton")->isEnabled());
}

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_main_window.moc"
