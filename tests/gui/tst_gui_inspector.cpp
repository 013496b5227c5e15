// The Inspect tab on its own: HS256 tokens checked with their secret, tampered, opaque and expired tokens,
// the claims table, and Introspect against a fake authorization server.
#include "ClaimsModel.h"
#include "FakeHttpServer.h"
#include "FormEncoding.h"
#include "HttpClient.h"
#include "InspectorPanel.h"
#include "MemorySecretStore.h"
#include "SecretVault.h"
#include "WireLog.h"

#include <QCheckBox>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <memory>

namespace {

const QByteArray HmacSecret = "a-shared-secret-of-at-least-32-bytes!";
const QString ClientSecret = QStringLiteral("introspection-secret-42");

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A compact HS256 JWS over exactly these payload bytes.
QString hs256(const QByteArray &payload, const QByteArray &secret = HmacSecret)
{
    const QByteArray input = base64Url(R"({"alg":"HS256","typ":"JWT"})") + '.' + base64Url(payload);
    const QByteArray signature = QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256);
    return QString::fromLatin1(input + '.' + base64Url(signature));
}

qint64 secondsFromNow(qint64 seconds)
{
    return QDateTime::currentSecsSinceEpoch() + seconds;
}

QByteArray claims(qint64 exp)
{
    return compact({ { QStringLiteral("iss"), QStringLiteral("https://auth.example.com") },
                     { QStringLiteral("sub"), QStringLiteral("alice") },
                     { QStringLiteral("iat"), secondsFromNow(-60) },
                     { QStringLiteral("exp"), exp } });
}

} // namespace

class TestGuiInspector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void hs256VerifiedThenTampered();
    void opaqueTokenOffersIntrospection();
    void expiredTokenShowsErrorFinding();
    void claimsTableShowsRelativeTimes();
    void profileKeysFetchedFromJwksUrl();
    void introspectShowsActive();
    void actionsNeedTheirEndpoint();

private:
    template<class T> T *find(const char *name) const
    {
        return m_panel->findChild<T *>(QString::fromLatin1(name));
    }
    void paste(const QString &token) { find<QLineEdit>("inspectTokenEdit")->setText(token); }
    QString verification() const { return find<QLabel>("verificationLabel")->text(); }
    QStringList findingIds() const;
    Profile profileWithServer();

    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<WireLog> m_log;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<SecretVault> m_vault;
    std::unique_ptr<InspectorPanel> m_panel;
};

void TestGuiInspector::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_log = std::make_unique<WireLog>();
    m_http = std::make_unique<HttpClient>(m_log.get());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_vault = std::make_unique<SecretVault>(m_secrets.get());
    m_panel = std::make_unique<InspectorPanel>(m_http.get(), m_vault.get());
    m_panel->resize(1000, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestGuiInspector::cleanup()
{
    m_panel.reset();
    m_vault.reset();
    m_secrets.reset();
    m_http.reset();
    m_log.reset();
    m_server.reset();
}

QStringList TestGuiInspector::findingIds() const
{
    auto *view = find<QTableWidget>("inspectorFindingsView");
    QStringList ids;
    for (int row = 0; row < view->rowCount(); ++row) {
        if (const QTableWidgetItem *item = view->item(row, 0))
            ids.append(item->data(Qt::UserRole).toString());
    }
    return ids;
}

Profile TestGuiInspector::profileWithServer()
{
    Profile profile = Profile::create(QStringLiteral("Fake server"));
    profile.tokenUrl = m_server->url(QStringLiteral("/token"));
    profile.clientId = QStringLiteral("inspector-client");
    profile.endpoints.introspection = m_server->url(QStringLiteral("/introspect"));
    bool written = false;
    m_secrets->writeSecret(profile.secretKey(), ClientSecret,
                           [&written](const SecretReply &) { written = true; });
    if (!QTest::qWaitFor([&written] { return written; }, 1000))
        qWarning("the memory secret store did not answer");
    return profile;
}

void TestGuiInspector::hs256VerifiedThenTampered()
{
    const QByteArray payload = claims(secondsFromNow(600));
    const QString token = hs256(payload);
    QTest::keyClicks(find<QLineEdit>("hmacSecretEdit"), QString::fromLatin1(HmacSecret));
    paste(token);
    QTRY_VERIFY2(verification().contains(QLatin1String("Signature valid")), qPrintable(verification()));
    QVERIFY2(verification().contains(QLatin1String("HS256")), qPrintable(verification()));
    QVERIFY2(find<QLabel>("tokenKindLabel")->text().contains(QLatin1String("JWS")),
             qPrintable(find<QLabel>("tokenKindLabel")->text()));
    QVERIFY(find<QLabel>("verificationLabel")->styleSheet().contains(QLatin1String("#d1e7dd"))); // green
    QVERIFY(find<QWidget>("tokenPartsView")->isVisible());

    // One payload character changed ("alice" -> "alicf"), the signature kept.
    QByteArray tampered = payload;
    tampered.replace("alice", "alicf");
    const QStringList parts = token.split(QLatin1Char('.'));
    paste(parts.at(0) + QLatin1Char('.') + QString::fromLatin1(base64Url(tampered)) + QLatin1Char('.')
          + parts.at(2));
    QTRY_VERIFY2(verification().contains(QLatin1String("Signature invalid")), qPrintable(verification()));
    QVERIFY(find<QLabel>("verificationLabel")->styleSheet().contains(QLatin1String("#f8d7da"))); // red
    QTRY_VERIFY(findingIds().contains(QLatin1String("token.signature-invalid")));
}

void TestGuiInspector::opaqueTokenOffersIntrospection()
{
    paste(QStringLiteral("2YotnFZFEjr1zCsicMWpAA"));
    auto *kind = find<QLabel>("tokenKindLabel");
    QTRY_VERIFY2(kind->text().contains(QLatin1String("Opaque")), qPrintable(kind->text()));
    QVERIFY2(kind->text().contains(QLatin1String("introspect")), qPrintable(kind->text()));
    auto *introspect = find<QPushButton>("introspectOpaqueButton");
    QVERIFY(introspect->isVisible());
    QVERIFY(!introspect->isEnabled()); // no profile selected yet
    QVERIFY(!find<QLabel>("verificationLabel")->isVisible());

    m_panel->setProfile(profileWithServer());
    QTRY_VERIFY(introspect->isEnabled());
}

void TestGuiInspector::expiredTokenShowsErrorFinding()
{
    QTest::keyClicks(find<QLineEdit>("hmacSecretEdit"), QString::fromLatin1(HmacSecret));
    paste(hs256(claims(secondsFromNow(-3600))));
    auto *view = find<QTableWidget>("inspectorFindingsView");
    QTRY_VERIFY(findingIds().contains(QLatin1String("token.expired")));
    QVERIFY(view->isVisible());
    const int row = static_cast<int>(findingIds().indexOf(QLatin1String("token.expired")));
    QCOMPARE(view->item(row, 0)->text(), QStringLiteral("Error"));
    QVERIFY2(view->item(row, 1)->text().contains(QLatin1String("expired")),
             qPrintable(view->item(row, 1)->text()));
    QVERIFY2(find<QLabel>("inspectorFindingsTitle")->text().contains(QLatin1String("1 error")),
             qPrintable(find<QLabel>("inspectorFindingsTitle")->text()));
    // The signature itself is fine: the token is rejected for its age, not its signature.
    QVERIFY2(verification().contains(QLatin1String("Signature valid")), qPrintable(verification()));

    // A larger clock skew does not save a token an hour past its exp.
    find<QSpinBox>("clockSkewSpin")->setValue(120);
    QTest::qWait(500);
    QTRY_VERIFY(findingIds().contains(QLatin1String("token.expired")));
}

void TestGuiInspector::claimsTableShowsRelativeTimes()
{
    const QDateTime start = QDateTime::currentDateTimeUtc();
    QDateTime now = start;
    m_panel->setClock([&now] { return now; });
    paste(hs256(claims(start.toSecsSinceEpoch() + 252)));
    auto *view = find<QTableView>("claimsView");
    QTRY_VERIFY(view->model()->rowCount() >= 4);
    const auto *model = qobject_cast<const ClaimsModel *>(view->model());
    QVERIFY(model);
    const int exp = model->rowOf(QStringLiteral("exp"));
    QVERIFY(exp >= 0);
    const QModelIndex value = model->index(exp, ClaimsModel::ValueColumn);
    QVERIFY2(value.data().toString().contains(QLatin1String("expires in 4 min 1")),
             qPrintable(value.data().toString()));
    QVERIFY2(value.data().toString().contains(QLatin1String("UTC")), qPrintable(value.data().toString()));
    QVERIFY(!model->index(exp, ClaimsModel::ExplanationColumn).data().toString().isEmpty());
    QCOMPARE(model->index(0, ClaimsModel::ClaimColumn).data().toString(),
             QStringLiteral("iss")); // registered first

    // The table follows the clock, once a second.
    now = start.addSecs(300);
    QTRY_VERIFY2_WITH_TIMEOUT(value.data().toString().contains(QLatin1String("expired")),
                              qPrintable(value.data().toString()), 2500);
    m_panel->setClock([] { return QDateTime::currentDateTimeUtc(); });
}

void TestGuiInspector::profileKeysFetchedFromJwksUrl()
{
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        return FakeHttpServer::json(503, R"({"error":"temporarily_unavailable"})");
    });
    Profile profile = profileWithServer();
    profile.endpoints.jwks = m_server->url(QStringLiteral("/keys"));
    m_panel->setProfile(profile);
    auto *useKeys = find<QCheckBox>("useProfileKeysCheck");
    QVERIFY(useKeys->isEnabled() && useKeys->isChecked());
    QVERIFY2(find<QLabel>("keySourceLabel")->text().contains(QLatin1String("/keys")),
             qPrintable(find<QLabel>("keySourceLabel")->text()));

    paste(hs256(claims(secondsFromNow(600))));
    QTRY_VERIFY2(verification().contains(QLatin1String("could not be fetched")), qPrintable(verification()));
    QCOMPARE(m_server->lastRequest().url().path(), QStringLiteral("/keys"));

    // Without the profile's keys nothing is fetched, and the signature is not checked.
    m_server->clearRequests();
    useKeys->setChecked(false);
    QTRY_VERIFY2(verification().contains(QLatin1String("not checked")), qPrintable(verification()));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestGuiInspector::introspectShowsActive()
{
    const QString opaque = QStringLiteral("opaque-access-token-7f3a");
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        return FakeHttpServer::json(200,
                                    compact({ { QStringLiteral("active"), true },
                                              { QStringLiteral("sub"), QStringLiteral("alice") },
                                              { QStringLiteral("scope"), QStringLiteral("read write") },
                                              { QStringLiteral("exp"), secondsFromNow(600) } }));
    });
    m_panel->setProfile(profileWithServer());
    paste(opaque);
    auto *introspect = find<QPushButton>("introspectButton");
    QTRY_VERIFY(introspect->isEnabled());
    QTest::mouseClick(introspect, Qt::LeftButton);

    auto *result = find<QLabel>("endpointResultLabel");
    QTRY_VERIFY2(result->text().contains(QLatin1String("active: true")), qPrintable(result->text()));
    QVERIFY(result->isVisible()); // the Server answer tab came to the front
    auto *claimsView = find<QTableView>("endpointClaimsView");
    const auto *model = qobject_cast<const ClaimsModel *>(claimsView->model());
    QVERIFY(model->rowOf(QStringLiteral("sub")) >= 0);
    QVERIFY2(model->index(model->rowOf(QStringLiteral("exp")), ClaimsModel::ValueColumn)
                 .data()
                 .toString()
                 .contains(QLatin1String("expires in")),
             "introspection times are shown like token times");

    const FakeHttpServer::RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.url().path(), QStringLiteral("/introspect"));
    QCOMPARE(request.header("authorization"),
             FormEncoding::basicAuthorization(QStringLiteral("inspector-client"), ClientSecret));
    QVERIFY2(request.body.contains(QByteArray("token=" + opaque.toLatin1())), request.body.constData());
    QCOMPARE(m_log->count(), 1); // the exchange is in the wire log

    // active false reads differently.
    m_server->setHandler([](const FakeHttpServer::RecordedRequest &) {
        return FakeHttpServer::json(200, R"({"active":false})");
    });
    QTest::mouseClick(introspect, Qt::LeftButton);
    QTRY_VERIFY2(result->text().contains(QLatin1String("active: false")), qPrintable(result->text()));
}

void TestGuiInspector::actionsNeedTheirEndpoint()
{
    paste(QStringLiteral("some-opaque-token"));
    auto *revoke = find<QPushButton>("revokeButton");
    auto *userInfo = find<QPushButton>("userInfoButton");
    QTRY_VERIFY(!revoke->isEnabled());
    QVERIFY2(revoke->toolTip().contains(QLatin1String("profile")), qPrintable(revoke->toolTip()));

    m_panel->setProfile(profileWithServer()); // introspection only
    QTRY_VERIFY(find<QPushButton>("introspectButton")->isEnabled());
    QVERIFY(!revoke->isEnabled());
    QVERIFY2(revoke->toolTip().contains(QLatin1String("no Revocation endpoint")),
             qPrintable(revoke->toolTip()));
    QVERIFY(!userInfo->isEnabled());
    QVERIFY2(userInfo->toolTip().contains(QLatin1String("no UserInfo endpoint")),
             qPrintable(userInfo->toolTip()));
}

QTEST_MAIN(TestGuiInspector)
#include "tst_gui_inspector.moc"
