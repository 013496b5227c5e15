// Sign in (code + PKCE) and Refresh as a user drives them in the main window. The test plays the browser:
// the window's browser opener is replaced, and the "browser" sends the redirect to the loopback listener as
// the authorization server would. A FakeHttpServer is the token endpoint.
#include "BrowserSettingsDialog.h"
#include "CodeFlowController.h"
#include "FakeHttpServer.h"
#include "FlowStepItem.h"
#include "FlowStepsView.h"
#include "FormEncoding.h"
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "Pkce.h"
#include "ProfileStore.h"
#include "TokenPanel.h"
#include "WireLog.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QCheckBox>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <functional>
#include <memory>

namespace {

QString param(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

QMap<QString, QString> formOf(const QByteArray &body)
{
    QMap<QString, QString> fields;
    const auto decoded = FormEncoding::decode(body);
    for (const auto &field : decoded)
        fields.insert(field.first, field.second);
    return fields;
}

FakeHttpServer::CannedResponse tokens(const QByteArray &accessToken, const QByteArray &refreshToken,
                                      int expiresIn = 300)
{
    return FakeHttpServer::json(
        200,
        "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + QByteArray::number(expiresIn) + ",\"refresh_token\":\"" + refreshToken + "\"}");
}

// The parameters table of a step, as name → value.
QMap<QString, QString> parametersOf(const FlowStepItem *item)
{
    QMap<QString, QString> values;
    const auto *table = item->findChild<QTableWidget *>(QStringLiteral("flowStepParameters"));
    if (!table)
        return values;
    for (int row = 0; row < table->rowCount(); ++row)
        values.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
    return values;
}

// The findings on display as "severity id" lines, errors first ("Error flow.state-mismatch").
QStringList findingsIn(const QTableWidget *view)
{
    QStringList rows;
    for (int row = 0; row < view->rowCount(); ++row) {
        const QTableWidgetItem *item = view->item(row, 0);
        if (item)
            rows.append(item->text() + QLatin1Char(' ') + item->data(Qt::UserRole).toString());
    }
    return rows;
}

} // namespace

class TestGuiCodeFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signInShowsStepsTokenAndWireLog();
    void stateMismatchIsRejected();
    void accessDeniedShownWithServerWords();
    void cancelWhileWaitingClosesTheListener();
    void refreshSendsRefreshTokenAndNotesRotation();
    void rejectedRefreshAsksToSignInAgain();
    void automaticRefreshBeforeExpiry();
    void signInNeedsAnAuthorizationEndpoint();
    void idTokenProblemsShownAsFindings();
    void browserCommandFromSettingsOrProfile();
    void profileBrowserCommandWins();

private:
    template<class T> T *find(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    Profile saveProfile(const std::function<void(Profile &)> &adjust = {});
    void createWindow();
    // The browser answers the authorization request with this query; STATE stands for the right state.
    void browserRedirectsWith(const QByteArray &query);
    void signInAndWait();
    QList<FlowStepItem *> stepItems() const;
    QList<FlowStep::Kind> stepKinds() const;
    QString shownAccessToken() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    QNetworkAccessManager m_browser;
    QList<QUrl> m_opened; // every authorization URL the window sent to the browser
    QStringList m_commands; // the browser command it was sent with
    QByteArray m_redirectQuery; // empty: the browser never comes back
};

void TestGuiCodeFlow::initTestCase()
{
    // Application settings (the browser command) go to a directory of this run, not the user's.
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    BrowserSettingsDialog::setBrowserCommand(QString());
}

void TestGuiCodeFlow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) { return tokens("at-1", "rt-1"); });
    m_opened.clear();
    m_commands.clear();
    m_redirectQuery.clear();
}

void TestGuiCodeFlow::cleanup()
{
    m_window.reset();
    m_server.reset();
    m_secrets.reset();
    m_dir.reset();
}

// A public client with PKCE S256, saved before the window opens.
Profile TestGuiCodeFlow::saveProfile(const std::function<void(Profile &)> &adjust)
{
    Profile profile = Profile::create(QStringLiteral("Code flow server"));
    profile.tokenUrl = m_server->url(QStringLiteral("/token"));
    profile.endpoints.authorization = m_server->url(QStringLiteral("/authorize"));
    profile.clientId = QStringLiteral("native-app");
    profile.authMethod = ClientAuthMethod::None;
    profile.scope = QStringLiteral("read");
    profile.timeoutSeconds = 5;
    if (adjust)
        adjust(profile);
    QString error;
    if (!ProfileStore(m_dir->path()).save({ profile }, &error))
        qWarning("cannot save profile: %s", qPrintable(error));
    return profile;
}

void TestGuiCodeFlow::createWindow()
{
    m_window = std::make_unique<MainWindow>(ProfileStore(m_dir->path()), m_secrets.get());
    m_window->codeFlow()->setBrowserOpener([this](const QUrl &url, const QString &command, QString *) {
        m_opened.append(url);
        m_commands.append(command);
        if (!m_redirectQuery.isEmpty()) {
            QByteArray query = m_redirectQuery;
            query.replace("STATE", QUrl::toPercentEncoding(param(url, QStringLiteral("state"))));
            QUrl target(param(url, QStringLiteral("redirect_uri")));
            target.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
            QNetworkReply *page = m_browser.get(QNetworkRequest(target));
            connect(page, &QNetworkReply::finished, page, &QObject::deleteLater);
        }
        return true;
    });
    m_window->resize(1300, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestGuiCodeFlow::browserRedirectsWith(const QByteArray &query)
{
    m_redirectQuery = query;
}

void TestGuiCodeFlow::signInAndWait()
{
    auto *signIn = find<QPushButton>("signInButton");
    QVERIFY(signIn);
    QVERIFY2(signIn->isEnabled(), qPrintable(signIn->toolTip()));
    QTest::mouseClick(signIn, Qt::LeftButton);
    QVERIFY2(!signIn->isEnabled(), "Sign in must be disabled while the flow runs");
    QVERIFY(!find<QPushButton>("getTokenButton")->isEnabled());
    QTRY_VERIFY(!find<FlowStepsView>("flowSteps")->isRunning());
    QVERIFY(signIn->isEnabled());
}

QList<FlowStepItem *> TestGuiCodeFlow::stepItems() const
{
    return find<FlowStepsView>("flowSteps")->findChildren<FlowStepItem *>();
}

QList<FlowStep::Kind> TestGuiCodeFlow::stepKinds() const
{
    QList<FlowStep::Kind> kinds;
    const QList<FlowStep> steps = find<FlowStepsView>("flowSteps")->steps();
    for (const FlowStep &step : steps)
        kinds.append(step.kind);
    return kinds;
}

QString TestGuiCodeFlow::shownAccessToken() const
{
    QAbstractItemModel *model = find<QTableView>("tokenFieldsView")->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == QLatin1String("access_token"))
            return model->index(row, 1).data().toString();
    }
    return {};
}

void TestGuiCodeFlow::signInShowsStepsTokenAndWireLog()
{
    saveProfile();
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();

    // The steps, in the order they happened, each marked done.
    using Kind = FlowStep::Kind;
    QCOMPARE(stepKinds(),
             (QList<Kind> { Kind::AuthorizationUrlBuilt, Kind::BrowserOpened, Kind::CallbackReceived,
                            Kind::CodeExchanged, Kind::TokensReceived }));
    const QList<FlowStepItem *> items = stepItems();
    QCOMPARE(items.size(), 5);
    for (const FlowStepItem *item : items) {
        QVERIFY(item->isVisible());
        QVERIFY2(item->step().ok, qPrintable(item->step().title));
        QCOMPARE(item->findChild<QLabel *>(QStringLiteral("flowStepMark"))->text(), QStringLiteral("✓"));
    }
    QVERIFY(!find<QPushButton>("cancelFlowButton")->isVisible());
    QVERIFY2(find<FlowStepsView>("flowSteps")->outcomeText().contains(QLatin1String("Signed in")),
             qPrintable(find<FlowStepsView>("flowSteps")->outcomeText()));

    // The URL step shows the PKCE values, the verifier the client kept included.
    QCOMPARE(m_opened.size(), 1);
    const QMap<QString, QString> parameters = parametersOf(items.first());
    QCOMPARE(parameters.value(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    const QString challenge = param(m_opened.first(), QStringLiteral("code_challenge"));
    QCOMPARE(parameters.value(QStringLiteral("code_challenge")), challenge);
    const QString verifier = parameters.value(QStringLiteral("code_verifier (kept by the client)"));
    QVERIFY2(Pkce::isValidVerifier(verifier.toLatin1()), qPrintable(verifier));
    QCOMPARE(Pkce::challenge(verifier.toLatin1(), Pkce::Method::S256), challenge.toLatin1());
    QVERIFY(
        items.first()->findChild<QPushButton *>(QStringLiteral("copyAuthorizationUrlButton"))->isEnabled());
    QVERIFY(!items.first()->findChild<QPushButton *>(QStringLiteral("openBrowserAgainButton"))->isEnabled());

    // The token endpoint saw the code with the verifier; the token is on display, masked.
    QCOMPARE(m_server->requestCount(), 1);
    const auto form = formOf(m_server->lastRequest().body);
    QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QCOMPARE(form.value(QStringLiteral("code")), QStringLiteral("AUTH-42"));
    QCOMPARE(form.value(QStringLiteral("code_verifier")), verifier);
    QVERIFY(find<QTableView>("tokenFieldsView")->isVisible());
    QVERIFY2(shownAccessToken().contains(QStringLiteral("••••")), qPrintable(shownAccessToken()));
    find<QCheckBox>("revealTokenCheck")->click();
    QCOMPARE(shownAccessToken(), QStringLiteral("at-1"));
    QVERIFY(!find<QLabel>("tokenErrorLabel")->isVisible());
    QVERIFY(find<QPushButton>("refreshButton")->isEnabled());
    QVERIFY2(find<QLabel>("tokenStatusLabel")->text().contains(QLatin1String("Signed in")),
             qPrintable(find<QLabel>("tokenStatusLabel")->text()));

    // The wire log has the token exchange; its step's button selects it.
    auto *logView = find<QTableView>("wireLogView");
    auto *log = qobject_cast<WireLog *>(logView->model());
    QCOMPARE(log->count(), 1);
    QCOMPARE(log->at(0).status, 200);
    QVERIFY(log->at(0).requestBody.contains("grant_type=authorization_code"));
    logView->clearSelection();
    QAbstractButton *show = nullptr;
    for (FlowStepItem *item : items) {
        if (item->step().kind == Kind::CodeExchanged)
            show = item->findChild<QAbstractButton *>(QStringLiteral("showExchangeButton"));
    }
    QVERIFY(show);
    QCOMPARE(show->property("exchangeId").toInt(), log->at(0).id);
    QTest::mouseClick(show, Qt::LeftButton);
    const QModelIndexList selected = logView->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(WireLog::ExchangeIdRole).toInt(), log->at(0).id);
}

void TestGuiCodeFlow::stateMismatchIsRejected()
{
    saveProfile();
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=forged");
    QTest::ignoreMessage(QtWarningMsg, "State mismatch"); // Qt's own warning about the callback
    signInAndWait();

    QCOMPARE(m_server->requestCount(), 0); // a forged callback's code is never exchanged
    // No token view: it is built with the first token (and hidden again by a failure).
    const auto *fields = m_window->findChild<QTableView *>(QStringLiteral("tokenFieldsView"));
    QVERIFY(!fields || !fields->isVisible());
    QVERIFY(!find<QPushButton>("refreshButton")->isEnabled());
    auto *error = find<QLabel>("tokenErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("state")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("Sign-in failed")), qPrintable(error->text()));

    // A red finding, and the rejected callback marked as failed among the steps.
    auto *findings = find<QTableWidget>("tokenFindingsView");
    QVERIFY(findings->isVisible());
    QCOMPARE(findingsIn(findings).value(0), QStringLiteral("Error flow.state-mismatch"));
    bool rejected = false;
    const QList<FlowStep> steps = find<FlowStepsView>("flowSteps")->steps();
    for (const FlowStep &step : steps)
        rejected = rejected || (step.kind == FlowStep::Kind::CallbackReceived && !step.ok);
    QVERIFY(rejected);
    QVERIFY(!steps.constLast().ok);
}

void TestGuiCodeFlow::accessDeniedShownWithServerWords()
{
    saveProfile();
    createWindow();
    browserRedirectsWith("error=access_denied&error_description=The+user+said+no&state=STATE");
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("AuthenticationError: access_denied")));
    signInAndWait();

    auto *error = find<QLabel>("tokenErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("access_denied")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("The user said no")), qPrintable(error->text()));
    QCOMPARE(m_server->requestCount(), 0);
    QVERIFY(find<FlowStepsView>("flowSteps")->outcomeText().contains(QLatin1String("Sign-in failed")));
}

void TestGuiCodeFlow::cancelWhileWaitingClosesTheListener()
{
    saveProfile();
    createWindow();
    auto *signIn = find<QPushButton>("signInButton");
    QTest::mouseClick(signIn, Qt::LeftButton);
    auto *steps = find<FlowStepsView>("flowSteps");
    QTRY_VERIFY(steps->waitingText().startsWith(QLatin1String("Waiting for the browser")));
    const QUrl redirect(param(m_opened.value(0), QStringLiteral("redirect_uri")));
    QVERIFY(redirect.port() > 0);
    QVERIFY2(
        steps->waitingText().contains(QStringLiteral("http://127.0.0.1:%1/callback").arg(redirect.port())),
        qPrintable(steps->waitingText()));
    auto *cancel = find<QPushButton>("cancelFlowButton");
    QVERIFY(cancel->isVisible());
    QVERIFY(
        stepItems().first()->findChild<QPushButton *>(QStringLiteral("openBrowserAgainButton"))->isEnabled());
    {
        QTcpSocket probe; // the listener is up while waiting
        probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(redirect.port()));
        QVERIFY(probe.waitForConnected(2000));
    }

    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(!steps->isRunning());
    QVERIFY(!cancel->isVisible());
    QVERIFY(steps->waitingText().isEmpty());
    const FlowStep last = steps->steps().constLast();
    QVERIFY(!last.ok);
    QCOMPARE(last.title, QStringLiteral("Cancelled"));
    QVERIFY2(steps->outcomeText().contains(QLatin1String("Cancelled")), qPrintable(steps->outcomeText()));
    QVERIFY(signIn->isEnabled());
    QVERIFY(find<QPushButton>("getTokenButton")->isEnabled());
    QVERIFY(!find<QWidget>("tokenBusyIndicator")->isVisible());
    QVERIFY(!stepItems()
                 .first()
                 ->findChild<QPushButton *>(QStringLiteral("openBrowserAgainButton"))
                 ->isEnabled());
    QVERIFY(!find<QLabel>("tokenErrorLabel")->isVisible()); // cancelling is no error

    QTcpSocket probe; // the port is closed again
    probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(redirect.port()));
    QVERIFY(!probe.waitForConnected(2000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
    QCOMPARE(m_server->requestCount(), 0);
}

void TestGuiCodeFlow::refreshSendsRefreshTokenAndNotesRotation()
{
    saveProfile();
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();
    auto *panel = m_window->findChild<TokenPanel *>();
    QCOMPARE(panel->refreshToken(), QStringLiteral("rt-1"));
    QVERIFY(!find<QLabel>("refreshRotationLabel")->isVisible());

    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) { return tokens("at-2", "rt-2"); });
    auto *refresh = find<QPushButton>("refreshButton");
    QVERIFY(refresh->isEnabled());
    QTest::mouseClick(refresh, Qt::LeftButton);
    QVERIFY(!refresh->isEnabled());
    QTRY_VERIFY(refresh->isEnabled());

    QCOMPARE(m_server->requestCount(), 2);
    const auto form = formOf(m_server->lastRequest().body);
    QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    QCOMPARE(form.value(QStringLiteral("refresh_token")), QStringLiteral("rt-1"));
    QVERIFY(!form.contains(QStringLiteral("redirect_uri")));

    find<QCheckBox>("revealTokenCheck")->click();
    QCOMPARE(shownAccessToken(), QStringLiteral("at-2"));
    QCOMPARE(panel->refreshToken(), QStringLiteral("rt-2"));
    auto *rotation = find<QLabel>("refreshRotationLabel");
    QVERIFY(rotation->isVisible());
    QVERIFY2(rotation->text().contains(QLatin1String("rotated")), qPrintable(rotation->text()));
    QVERIFY2(find<QLabel>("tokenStatusLabel")->text().contains(QLatin1String("refreshed")),
             qPrintable(find<QLabel>("tokenStatusLabel")->text()));
    QVERIFY(find<FlowStepsView>("flowSteps")->outcomeText().contains(QLatin1String("rotated")));
    QCOMPARE(qobject_cast<WireLog *>(find<QTableView>("wireLogView")->model())->count(), 2);
}

void TestGuiCodeFlow::rejectedRefreshAsksToSignInAgain()
{
    saveProfile();
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();

    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        return FakeHttpServer::json(
            400, R"({"error":"invalid_grant","error_description":"refresh token revoked"})");
    });
    auto *refresh = find<QPushButton>("refreshButton");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("server replied: Bad Request")));
    QTest::mouseClick(refresh, Qt::LeftButton);
    auto *error = find<QLabel>("tokenErrorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("invalid_grant")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("refresh token revoked")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("sign in again")), qPrintable(error->text()));
    QVERIFY(!refresh->isEnabled());
    QVERIFY2(refresh->toolTip().contains(QLatin1String("sign in again")), qPrintable(refresh->toolTip()));
    QVERIFY(find<QTableView>("tokenFieldsView")->isVisible()); // the access token may still work

    // Sign in again right there.
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) { return tokens("at-3", "rt-3"); });
    auto *again = find<QPushButton>("signInAgainButton");
    QVERIFY(again->isVisible());
    QTest::mouseClick(again, Qt::LeftButton);
    QTRY_COMPARE(m_window->findChild<TokenPanel *>()->refreshToken(), QStringLiteral("rt-3"));
    QVERIFY(!again->isVisible());
    QVERIFY(!error->isVisible());
    QTRY_VERIFY(refresh->isEnabled());
}

void TestGuiCodeFlow::automaticRefreshBeforeExpiry()
{
    saveProfile([](Profile &profile) {
        profile.autoRefresh = true;
        profile.refreshLeadSeconds = 299; // expires_in 300: due about a second after the sign-in
    });
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();
    auto *note = find<QLabel>("autoRefreshLabel");
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QLatin1String("Refreshing automatically 299 s before expiry")),
             qPrintable(note->text()));

    m_server->setHandler(
        [](const FakeHttpServer::RecordedRequest &) { return tokens("at-auto", "rt-auto", 3600); });
    QTRY_COMPARE_WITH_TIMEOUT(m_window->findChild<TokenPanel *>()->refreshToken(), QStringLiteral("rt-auto"),
                              5000);
    QCOMPARE(formOf(m_server->lastRequest().body).value(QStringLiteral("grant_type")),
             QStringLiteral("refresh_token"));
    const QList<QLabel *> sections
        = find<FlowStepsView>("flowSteps")->findChildren<QLabel *>(QStringLiteral("flowSectionLabel"));
    QCOMPARE(sections.size(), 1);
    QVERIFY2(sections.first()->text().startsWith(QLatin1String("Automatic refresh")),
             qPrintable(sections.first()->text()));
    // The next one is scheduled from the new expiry.
    QVERIFY(m_window->codeFlow()->isRefreshScheduled());
}

void TestGuiCodeFlow::signInNeedsAnAuthorizationEndpoint()
{
    saveProfile([](Profile &profile) { profile.endpoints.authorization = QUrl(); });
    createWindow();
    auto *signIn = find<QPushButton>("signInButton");
    QVERIFY(!signIn->isEnabled());
    QVERIFY2(signIn->toolTip().contains(QLatin1String("no authorization endpoint")),
             qPrintable(signIn->toolTip()));
    QVERIFY(!find<QPushButton>("refreshButton")->isEnabled());
    QVERIFY(find<QPushButton>("getTokenButton")->isEnabled());
    QVERIFY(!find<FlowStepsView>("flowSteps")->isVisible());
}

void TestGuiCodeFlow::idTokenProblemsShownAsFindings()
{
    saveProfile([](Profile &profile) { profile.scope = QStringLiteral("openid"); });
    // An ID token for another request: its nonce is not the one sent (OIDC Core §3.1.3.7 step 11).
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray header
            = QByteArray(R"({"alg":"RS256","typ":"JWT"})")
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QByteArray claims = R"({"iss":"https://issuer.example","aud":"native-app","sub":"alice",)"
                                  R"("nonce":"someone-else","iat":)"
            + QByteArray::number(now) + R"(,"exp":)" + QByteArray::number(now + 300) + "}";
        const QByteArray payload
            = claims.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        return FakeHttpServer::json(200,
                                    R"({"access_token":"at-1","token_type":"Bearer","expires_in":300,)"
                                    R"("id_token":")"
                                        + header + '.' + payload + R"(.c2lnbmF0dXJl"})");
    });
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();

    QVERIFY(!param(m_opened.value(0), QStringLiteral("nonce")).isEmpty());
    auto *error = find<QLabel>("tokenErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("ID token")), qPrintable(error->text()));
    const QStringList findings = findingsIn(find<QTableWidget>("tokenFindingsView"));
    QVERIFY2(findings.contains(QLatin1String("Error idtoken.nonce-mismatch")),
             qPrintable(findings.join(QLatin1Char(','))));
    const FlowStep last = find<FlowStepsView>("flowSteps")->steps().constLast();
    QCOMPARE(last.kind, FlowStep::Kind::IdTokenValidated);
    QVERIFY(!last.ok);
}

void TestGuiCodeFlow::browserCommandFromSettingsOrProfile()
{
    saveProfile();
    BrowserSettingsDialog::setBrowserCommand(QStringLiteral("firefox --private-window %u"));
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();
    QCOMPARE(m_commands, QStringList { QStringLiteral("firefox --private-window %u") });

    // Settings › Browser: the command needs %u; a new one applies to the next sign-in.
    find<QAction>("browserSettingsAction")->trigger();
    BrowserSettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<BrowserSettingsDialog *>()) && dialog->isVisible());
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("globalBrowserCommandEdit"));
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
    QCOMPARE(edit->text(), QStringLiteral("firefox --private-window %u"));
    edit->setText(QStringLiteral("chromium"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("globalBrowserCommandError"))->isVisible());
    edit->setText(QStringLiteral("chromium --incognito %u"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(BrowserSettingsDialog::browserCommand(), QStringLiteral("chromium --incognito %u"));
    signInAndWait();
    QCOMPARE(m_commands.value(1), QStringLiteral("chromium --incognito %u"));
    BrowserSettingsDialog::setBrowserCommand(QString());
}

void TestGuiCodeFlow::profileBrowserCommandWins()
{
    saveProfile([](Profile &profile) { profile.browserCommand = QStringLiteral("my-browser %u"); });
    BrowserSettingsDialog::setBrowserCommand(QStringLiteral("firefox %u"));
    createWindow();
    browserRedirectsWith("code=AUTH-42&state=STATE");
    signInAndWait();
    BrowserSettingsDialog::setBrowserCommand(QString());
    QCOMPARE(m_commands, QStringList { QStringLiteral("my-browser %u") });
}

QTEST_MAIN(TestGuiCodeFlow)
#include "tst_gui_code_flow.moc"
