// Discover in the profile editor: the issuer's metadata from a fake server fills the endpoint fields; a
// server announcing another issuer fills nothing until the user confirms.
#include "FakeHttpServer.h"
#include "HttpClient.h"
#include "MemorySecretStore.h"
#include "ProfileEditorDialog.h"
#include "SecretVault.h"
#include "WireLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <memory>

class TestGuiDiscovery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void discoverFillsEveryEndpoint();
    void issuerMismatchNeedsConfirmation();
    void discoveryErrorShownInline();
    void endpointFieldsValidatedInline();

private:
    template<class T> T *find(const char *name) const
    {
        return m_dialog->findChild<T *>(QString::fromLatin1(name));
    }
    QString fieldText(const char *name) const { return find<QLineEdit>(name)->text(); }
    void openEditor(const Profile &profile, bool isNew);
    // Serves metadata naming `issuer` at the OpenID configuration path; 404 for anything else.
    void serveMetadata(const QString &issuer, int delayMs = 0);
    QString base() const { return m_server->url().toString(); }

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<WireLog> m_log;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<SecretVault> m_vault;
    std::unique_ptr<ProfileEditorDialog> m_dialog;
};

void TestGuiDiscovery::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_log = std::make_unique<WireLog>();
    m_http = std::make_unique<HttpClient>(m_log.get());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_vault = std::make_unique<SecretVault>(m_secrets.get());
}

void TestGuiDiscovery::cleanup()
{
    m_dialog.reset();
    m_vault.reset();
    m_secrets.reset();
    m_http.reset();
    m_log.reset();
    m_server.reset();
}

void TestGuiDiscovery::openEditor(const Profile &profile, bool isNew)
{
    m_dialog = std::make_unique<ProfileEditorDialog>(profile, isNew, m_vault.get(), m_http.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestGuiDiscovery::serveMetadata(const QString &issuer, int delayMs)
{
    const QString b = base();
    const auto at = [&b](const char *path) { return QJsonValue(b + QLatin1String(path)); };
    QJsonObject metadata {
        { QStringLiteral("issuer"), issuer },
        { QStringLiteral("token_endpoint"), at("/oauth/token") },
        { QStringLiteral("authorization_endpoint"), at("/oauth/authorize") },
        { QStringLiteral("introspection_endpoint"), at("/oauth/introspect") },
        { QStringLiteral("revocation_endpoint"), at("/oauth/revoke") },
        { QStringLiteral("userinfo_endpoint"), at("/userinfo") },
        { QStringLiteral("jwks_uri"), at("/jwks.json") },
        { QStringLiteral("device_authorization_endpoint"), at("/device") },
        { QStringLiteral("pushed_authorization_request_endpoint"), at("/par") },
        { QStringLiteral("grant_types_supported"),
          QJsonArray { QStringLiteral("client_credentials"), QStringLiteral("password") } },
        { QStringLiteral("token_endpoint_auth_methods_supported"),
          QJsonArray { QStringLiteral("client_secret_basic"), QStringLiteral("private_key_jwt") } },
        { QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray { QStringLiteral("ES256") } },
    };
    const QByteArray body = QJsonDocument(metadata).toJson(QJsonDocument::Compact);
    m_server->setHandler([body, delayMs](const FakeHttpServer::RecordedRequest &request) {
        FakeHttpServer::CannedResponse response
            = request.url().path() == QLatin1String("/.well-known/openid-configuration")
            ? FakeHttpServer::json(200, body)
            : FakeHttpServer::json(404, R"({"error":"not_found"})");
        response.delayMs = delayMs;
        return response;
    });
}

void TestGuiDiscovery::discoverFillsEveryEndpoint()
{
    serveMetadata(base(), 300);
    Profile profile = Profile::create(QStringLiteral("Discovered"));
    profile.clientId = QStringLiteral("client-1");
    openEditor(profile, true);
    auto *discover = find<QPushButton>("discoverButton");
    QVERIFY(discover);
    QVERIFY2(!discover->isEnabled(), "nothing to discover without an issuer");
    QVERIFY(!find<QWidget>("introspectionEndpointEdit")->isVisible()); // the section starts collapsed

    QTest::keyClicks(find<QLineEdit>("issuerEdit"), base());
    QVERIFY(discover->isEnabled());
    QTest::mouseClick(discover, Qt::LeftButton);
    QVERIFY2(!discover->isEnabled(), "Discover must be disabled while the request runs");
    auto *status = find<QLabel>("discoveryStatusLabel");
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(QLatin1String("Fetching")), qPrintable(status->text()));
    QVERIFY(fieldText("tokenUrlEdit").isEmpty());

    QTRY_VERIFY(discover->isEnabled());
    QVERIFY2(status->text().contains(QLatin1String("filled in")), qPrintable(status->text()));
    QCOMPARE(fieldText("tokenUrlEdit"), base() + QStringLiteral("/oauth/token"));
    QCOMPARE(fieldText("authorizationEndpointEdit"), base() + QStringLiteral("/oauth/authorize"));
    QCOMPARE(fieldText("introspectionEndpointEdit"), base() + QStringLiteral("/oauth/introspect"));
    QCOMPARE(fieldText("revocationEndpointEdit"), base() + QStringLiteral("/oauth/revoke"));
    QCOMPARE(fieldText("userinfoEndpointEdit"), base() + QStringLiteral("/userinfo"));
    QCOMPARE(fieldText("jwksUriEdit"), base() + QStringLiteral("/jwks.json"));
    QCOMPARE(fieldText("deviceAuthorizationEndpointEdit"), base() + QStringLiteral("/device"));
    QCOMPARE(fieldText("pushedAuthorizationEndpointEdit"), base() + QStringLiteral("/par"));
    QVERIFY(find<QWidget>("introspectionEndpointEdit")->isVisible()); // shown once filled

    // What the server supports, and what a reviewer would say about it.
    const QString support = find<QLabel>("serverSupportLabel")->text();
    QVERIFY2(support.contains(QLatin1String("private_key_jwt")), qPrintable(support));
    QVERIFY2(support.contains(QLatin1String("not advertised")), qPrintable(support)); // no PKCE methods
    auto *findings = find<QTableWidget>("metadataFindingsView");
    QVERIFY(findings->isVisible());
    QStringList ids;
    for (int row = 0; row < findings->rowCount(); ++row)
        ids.append(findings->item(row, 0)->data(Qt::UserRole).toString());
    QVERIFY2(ids.contains(QLatin1String("metadata.pkce-not-advertised")),
             qPrintable(ids.join(QLatin1Char(','))));
    QVERIFY2(ids.contains(QLatin1String("metadata.password-grant")), qPrintable(ids.join(QLatin1Char(','))));

    QTRY_VERIFY(find<QPushButton>("okButton")->isEnabled());
    const Profile saved = m_dialog->profile();
    QCOMPARE(saved.endpoints.issuer, QUrl(base()));
    QCOMPARE(saved.endpoints.jwks, QUrl(base() + QStringLiteral("/jwks.json")));
    QCOMPARE(saved.endpoints.pushedAuthorization, QUrl(base() + QStringLiteral("/par")));
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->lastRequest().url().path(), QStringLiteral("/.well-known/openid-configuration"));
}

void TestGuiDiscovery::issuerMismatchNeedsConfirmation()
{
    serveMetadata(QStringLiteral("https://impostor.example.com"));
    openEditor(Profile::create(QStringLiteral("Mismatch")), true);
    QTest::keyClicks(find<QLineEdit>("issuerEdit"), base());
    QTest::mouseClick(find<QPushButton>("discoverButton"), Qt::LeftButton);

    auto *status = find<QLabel>("discoveryStatusLabel");
    auto *confirm = find<QPushButton>("confirmMismatchButton");
    QTRY_VERIFY(confirm->isVisible());
    QVERIFY2(status->text().contains(QLatin1String("mismatch")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QLatin1String("impostor.example.com")), qPrintable(status->text()));
    QVERIFY2(status->styleSheet().contains(QLatin1String("#b02a37")), qPrintable(status->styleSheet()));
    // Nothing is filled in before the user confirms.
    QVERIFY(fieldText("tokenUrlEdit").isEmpty());
    QVERIFY(fieldText("introspectionEndpointEdit").isEmpty());
    QVERIFY(fieldText("jwksUriEdit").isEmpty());
    QCOMPARE(fieldText("issuerEdit"), base());

    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(!confirm->isVisible());
    QCOMPARE(fieldText("tokenUrlEdit"), base() + QStringLiteral("/oauth/token"));
    QCOMPARE(fieldText("jwksUriEdit"), base() + QStringLiteral("/jwks.json"));
    QCOMPARE(fieldText("issuerEdit"),
             QStringLiteral("https://impostor.example.com")); // what tokens will carry
}

void TestGuiDiscovery::discoveryErrorShownInline()
{
    m_server->setHandler(
        [](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::json(500, R"({"oops":1})"); });
    Profile profile = Profile::create(QStringLiteral("Broken"));
    profile.tokenUrl = QUrl(QStringLiteral("https://auth.example.com/token"));
    profile.clientId = QStringLiteral("client-1");
    openEditor(profile, false);
    QVERIFY(find<QPushButton>("okButton")->isEnabled());
    // Enter in the issuer field discovers; it does not close the dialog.
    QTest::keyClicks(find<QLineEdit>("issuerEdit"), base());
    QTest::keyClick(find<QLineEdit>("issuerEdit"), Qt::Key_Return);
    QVERIFY(m_dialog->isVisible());
    auto *status = find<QLabel>("discoveryStatusLabel");
    QTRY_VERIFY2(status->text().contains(QLatin1String("Discovery failed")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QLatin1String("500")), qPrintable(status->text()));
    QVERIFY(find<QPushButton>("discoverButton")->isEnabled());
    QCOMPARE(fieldText("tokenUrlEdit"), QStringLiteral("https://auth.example.com/token")); // untouched
    QVERIFY(!find<QWidget>("metadataFindingsView")->isVisible());
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), 0);
}

void TestGuiDiscovery::endpointFieldsValidatedInline()
{
    Profile profile = Profile::create(QStringLiteral("Valid"));
    profile.tokenUrl = QUrl(QStringLiteral("https://auth.example.com/token"));
    profile.clientId = QStringLiteral("client-1");
    openEditor(profile, false);
    auto *ok = find<QPushButton>("okButton");
    QVERIFY(ok->isEnabled());
    auto *toggle = find<QToolButton>("endpointsToggle");
    QVERIFY2(toggle->text().contains(QLatin1String("0 of 7")), qPrintable(toggle->text()));
    find<QLineEdit>("introspectionEndpointEdit")
        ->setText(QStringLiteral("ftp://auth.example.com/introspect"));
    auto *error = find<QLabel>("introspectionEndpointError");
    QVERIFY(error->isVisible()); // the collapsed section opened to show it
    QVERIFY2(error->text().contains(QLatin1String("http")), qPrintable(error->text()));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(toggle->text().contains(QLatin1String("1 of 7")), qPrintable(toggle->text()));

    find<QLineEdit>("introspectionEndpointEdit")
        ->setText(QStringLiteral("https://auth.example.com/introspect"));
    QVERIFY(!error->isVisible());
    QVERIFY(ok->isEnabled());
    QCOMPARE(m_dialog->profile().endpoints.introspection,
             QUrl(QStringLiteral("https://auth.example.com/introspect")));
}

QTEST_MAIN(TestGuiDiscovery)
#include "tst_gui_discovery.moc"
