// Token inspection against a real authorization server: oidc-provider (tests/oidc/server.mjs), started by the
// CTest fixture, its port in $OIDC_PORT_FILE. Its JWT access tokens (resource https://api.example.test) are
// RS256 with typ at+jwt, signed with a key made at server start and published at /jwks.
#include "Base64Url.h"
#include "ClientCredentialsFlow.h"
#include "FindingsEngine.h"
#include "JwtClaims.h"
#include "TokenInspector.h"
#include "WireLog.h"

#include "OidcFixture.h"
#include <QFile>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(TokenResult)
Q_DECLARE_METATYPE(InspectionResult)
Q_DECLARE_METATYPE(DiscoveryResult)

namespace {

QStringList findingIds(const Findings &findings)
{
    QStringList ids;
    for (const Finding &finding : findings)
        ids << finding.id + QLatin1Char(':') + Finding::severityName(finding.severity);
    return ids;
}

QByteArray describe(const InspectionResult &result)
{
    return QStringLiteral("status %1: %2 [%3]")
        .arg(int(result.status))
        .arg(result.message, findingIds(result.findings).join(QStringLiteral(", ")))
        .toUtf8();
}

// The token with one byte of its decoded payload changed (the JSON stays JSON): a forged claim.
QString forgePayload(const QString &token)
{
    QList<QByteArray> parts = token.toLatin1().split('.');
    QByteArray payload = Base64Url::decode(parts.at(1)).data;
    const qsizetype at = payload.indexOf("\"sub\":\"");
    const qsizetype index = at >= 0 ? at + 7 : payload.size() / 2;
    payload[index] = payload.at(index) == 'x' ? 'y' : 'x';
    parts[1] = Base64Url::encode(payload);
    return QString::fromLatin1(parts.join('.'));
}

} // namespace

class TestInspectionOidc final : public QObject
{
    Q_OBJECT

private:
    QUrl m_issuer;
    QString m_accessToken;

    bool inspect(InspectionRequest request, InspectionResult *result, WireLog *log = nullptr) const
    {
        WireLog ownLog;
        HttpClient http(log ? log : &ownLog);
        JwksCache cache(&http);
        TokenInspector inspector(&http, &cache);
        QSignalSpy finished(&inspector, &TokenInspector::finished);
        request.transport.timeoutMs = 20000;
        inspector.inspect(request);
        if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 30000)) {
            qWarning("the inspection did not finish");
            return false;
        }
        QTest::qWait(100);
        if (finished.count() != 1) {
            qWarning("finished emitted %d times", int(finished.count()));
            return false;
        }
        *result = finished.at(0).at(0).value<InspectionResult>();
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        qRegisterMetaType<InspectionResult>();
        qRegisterMetaType<DiscoveryResult>();
        QString error;
        m_issuer = QUrl(OidcFixture::issuer(&error));
        QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));

        // A JWT access token: client credentials for the resource that gets RFC 9068 tokens.
        Profile profile = Profile::create(QStringLiteral("oidc-provider"));
        profile.tokenUrl = m_issuer.resolved(QUrl(QStringLiteral("/token")));
        profile.clientId = QStringLiteral("basic-client");
        profile.authMethod = ClientAuthMethod::ClientSecretBasic;
        profile.resources = { QStringLiteral("https://api.example.test") };
        profile.scope = QStringLiteral("read");
        profile.timeoutSeconds = 20;
        WireLog log;
        HttpClient http(&log);
        ClientCredentialsFlow flow(&http);
        QSignalSpy finished(&flow, &ClientCredentialsFlow::finished);
        flow.start(profile, QStringLiteral("basic-secret"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const auto token = finished.at(0).at(0).value<TokenResult>();
        QVERIFY2(token.ok(), qPrintable(token.message));
        m_accessToken = token.token.accessToken;
        QCOMPARE(m_accessToken.count(QLatin1Char('.')), 2);
    }

    void viaTheIssuer()
    {
        WireLog log;
        InspectionRequest request;
        request.token = m_accessToken;
        request.issuer = m_issuer;
        request.expectAccessToken = true;
        InspectionResult result;
        QVERIFY(inspect(request, &result, &log));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());

        // discovery, then the JWKS it names
        QCOMPARE(result.exchangeIds.size(), 2);
        const HttpExchange *discovery = log.findById(result.exchangeIds.at(0));
        const HttpExchange *jwks = log.findById(result.exchangeIds.at(1));
        QVERIFY(discovery && jwks);
        QCOMPARE(discovery->url.path(), QStringLiteral("/.well-known/openid-configuration"));
        QCOMPARE(discovery->status, 200);
        QCOMPARE(jwks->status, 200);
        QCOMPARE(result.jwksUrl, jwks->url);
        QCOMPARE(result.jwksUrl, m_issuer.resolved(QUrl(QStringLiteral("/jwks"))));
        QVERIFY(!result.jwksRefetched);

        // a valid RS256 signature by the provider's key
        QCOMPARE(result.parsed.kind, JwtParseResult::Kind::Jws);
        QCOMPARE(result.parsed.token.alg, QStringLiteral("RS256"));
        QVERIFY(result.verification.has_value());
        QVERIFY2(result.verification->isValid(), qPrintable(result.verification->message));
        QCOMPARE(result.verification->key.kty, QStringLiteral("RSA"));
        QCOMPARE(result.verification->key.kid, result.parsed.token.kid);
        QVERIFY(result.verification->key.kid.startsWith(QLatin1String("test-")));
        QVERIFY(result.verification->key.bits >= 2048);

        // an RFC 9068 access token, issued by the issuer asked for, for the API
        QVERIFY(result.parsed.token.isAccessToken);
        QCOMPARE(result.parsed.token.typ.toLower(), QStringLiteral("at+jwt"));
        const JwtClaims claims(result.parsed.token.claims);
        QCOMPARE(claims.issuer().value, m_issuer.toString());
        QVERIFY(claims.audience().contains(QStringLiteral("https://api.example.test")));
        QVERIFY2(!hasErrors(result.findings), describe(result).constData());
        const QStringList ids = findingIds(result.findings);
        for (const char *absent : { "token.not-rfc9068", "token.aud-missing", "token.iss-mismatch",
                                    "token.signature-not-checked", "token.exp-missing" })
            QVERIFY2(!ids.join(QLatin1Char(' ')).contains(QLatin1String(absent)),
                     describe(result).constData());
    }

    void viaTheJwksUrl()
    {
        InspectionRequest request;
        request.token = m_accessToken;
        request.jwksUrl = m_issuer.resolved(QUrl(QStringLiteral("/jwks")));
        request.expectAccessToken = true;
        InspectionResult result;
        QVERIFY(inspect(request, &result));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());
        QCOMPARE(result.exchangeIds.size(), 1);
        QVERIFY(result.verification && result.verification->isValid());
        QVERIFY2(!hasErrors(result.findings), describe(result).constData());
    }

    void aForgedPayloadIsRejected_data()
    {
        QTest::addColumn<bool>("viaIssuer");
        QTest::newRow("issuer") << true;
        QTest::newRow("JWKS URL") << false;
    }

    void aForgedPayloadIsRejected()
    {
        QFETCH(bool, viaIssuer);
        InspectionRequest request;
        request.token = forgePayload(m_accessToken);
        QVERIFY(request.token != m_accessToken);
        if (viaIssuer)
            request.issuer = m_issuer;
        else
            request.jwksUrl = m_issuer.resolved(QUrl(QStringLiteral("/jwks")));
        request.expectAccessToken = true;
        InspectionResult result;
        QVERIFY(inspect(request, &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QCOMPARE(result.parsed.kind, JwtParseResult::Kind::Jws); // still decodes
        QVERIFY(result.verification.has_value());
        QCOMPARE(result.verification->status, JwsVerification::Status::InvalidSignature);
        QVERIFY2(findingIds(result.findings).contains(QStringLiteral("token.signature-invalid:error")),
                 describe(result).constData());
        QVERIFY(!result.jwksRefetched); // the kid is known: a bad signature is not a rotation
    }

    void theWrongIssuerIsReported()
    {
        // The right keys, but the user expects the token from another issuer: the iss check catches it.
        InspectionRequest request;
        request.token = m_accessToken;
        request.jwksUrl = m_issuer.resolved(QUrl(QStringLiteral("/jwks")));
        request.issuer = QUrl(QStringLiteral("http://127.0.0.1:1"));
        InspectionResult result;
        QVERIFY(inspect(request, &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY(result.verification && result.verification->isValid());
        QVERIFY2(findingIds(result.findings).contains(QStringLiteral("token.iss-mismatch:error")),
                 describe(result).constData());
    }

    void theProvidersMetadataHasNoErrors()
    {
        WireLog log;
        HttpClient http(&log);
        Discovery discovery(&http);
        QSignalSpy finished(&discovery, &Discovery::finished);
        discovery.discover(m_issuer, TransportOptions());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const auto found = finished.at(0).at(0).value<DiscoveryResult>();
        QCOMPARE(found.status, FlowStatus::Success);
        const Findings findings = FindingsEngine::forMetadata(found.metadata, m_issuer);
        QVERIFY2(!hasErrors(findings), qPrintable(findingIds(findings).join(QStringLiteral(", "))));
        // oidc-provider offers PKCE with S256 and RFC 9207's iss parameter.
        const QStringList ids = findingIds(findings);
        QVERIFY2(!ids.contains(QStringLiteral("metadata.pkce-not-advertised:warning"))
                     && !ids.contains(QStringLiteral("metadata.pkce-plain-only:warning")),
                 qPrintable(ids.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestInspectionOidc)
#include "tst_inspection_oidc.moc"
