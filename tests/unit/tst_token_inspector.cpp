// The token inspector end to end against a fake issuer: discovery, JWKS fetch (and the single refetch when a
// kid is unknown), signature verification with keys made in the test, and the findings that decide the
// result's status.
#include "Base64Url.h"
#include "FakeHttpServer.h"
#include "JoseTestKeys.h"
#include "TokenInspector.h"
#include "WireLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;

Q_DECLARE_METATYPE(InspectionResult)

namespace {

constexpr qint64 Now = 1900000000;

QDateTime now()
{
    return QDateTime::fromSecsSinceEpoch(Now, Qt::UTC);
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QStringList findingIds(const InspectionResult &result)
{
    QStringList ids;
    for (const Finding &finding : result.findings)
        ids << finding.id;
    return ids;
}

QByteArray describe(const InspectionResult &result)
{
    return QStringLiteral("status %1, kind %2: %3 [%4]")
        .arg(int(result.status))
        .arg(int(result.parsed.kind))
        .arg(result.message, findingIds(result).join(QStringLiteral(", ")))
        .toUtf8();
}

const QByteArray hmacSecret = "0123456789abcdef0123456789abcdef"; // 32 bytes: enough for HS256

} // namespace

class TestTokenInspector final : public QObject
{
    Q_OBJECT

private:
    EvpPkeyPtr m_rsa1;
    EvpPkeyPtr m_rsa2;
    EvpPkeyPtr m_ec;
    EvpPkeyPtr m_ed;
    QJsonObject m_rsa1Jwk;
    QJsonObject m_rsa2Jwk;
    QJsonObject m_ecJwk;
    QJsonObject m_edJwk;

    // A fake issuer: discovery at /.well-known/openid-configuration, keys at /jwks. The n-th JWKS request is
    // answered with jwks[n] (the last entry once the list is exhausted).
    struct Harness
    {
        WireLog log;
        HttpClient http { &log };
        JwksCache cache { &http };
        TokenInspector inspector { &http, &cache };
        QSignalSpy finished { &inspector, &TokenInspector::finished };
        FakeHttpServer server;
        QList<QByteArray> jwks;
        int jwksRequests = 0;
        QJsonObject discovery; // empty: the default document (issuer = the server, jwks_uri = /jwks)
        int jwksStatus = 200;

        bool start()
        {
            if (!server.listen())
                return false;
            server.setHandler([this](const Recorded &request) {
                const QByteArray path = request.url().path().toUtf8();
                if (path == "/.well-known/openid-configuration") {
                    QJsonObject document = discovery;
                    if (document.isEmpty())
                        document = QJsonObject { { QStringLiteral("issuer"), issuer() },
                                                 { QStringLiteral("jwks_uri"), jwksUrl().toString() },
                                                 { QStringLiteral("token_endpoint"),
                                                   server.url(QStringLiteral("/token")).toString() } };
                    return FakeHttpServer::json(200, compactJson(document));
                }
                if (path == "/jwks") {
                    const QByteArray body = jwks.isEmpty()
                        ? QByteArray("{\"keys\":[]}")
                        : jwks.at(qMin<qsizetype>(jwksRequests, jwks.size() - 1));
                    ++jwksRequests;
                    return FakeHttpServer::json(jwksStatus, body);
                }
                return FakeHttpServer::json(404, "{\"error\":\"not_found\"}");
            });
            return true;
        }

        QString issuer() const { return server.url().toString(); }
        QUrl jwksUrl() const { return server.url(QStringLiteral("/jwks")); }
        QList<QByteArray> targets() const
        {
            QList<QByteArray> list;
            for (const Recorded &request : server.requests())
                list << request.target;
            return list;
        }
    };

    // Runs inspect() and returns its result; fails unless finished() is emitted exactly once, asynchronously.
    static bool inspect(Harness &h, const InspectionRequest &request, InspectionResult *result)
    {
        const qsizetype before = h.finished.count();
        h.inspector.inspect(request);
        if (h.finished.count() != before) {
            qWarning("finished was emitted synchronously");
            return false;
        }
        if (!QTest::qWaitFor([&h, before] { return h.finished.count() > before; }, 20000)) {
            qWarning("finished was not emitted");
            return false;
        }
        QTest::qWait(100); // a second emission (or a third JWKS request) would show up here
        if (h.finished.count() != before + 1) {
            qWarning("finished was emitted %d times", int(h.finished.count() - before));
            return false;
        }
        *result = h.finished.at(before).at(0).value<InspectionResult>();
        return true;
    }

    static InspectionRequest withJwks(const Harness &h, const QByteArray &token)
    {
        InspectionRequest request;
        request.token = QString::fromLatin1(token);
        request.jwksUrl = h.jwksUrl();
        request.now = now();
        request.transport.timeoutMs = 10000;
        return request;
    }

    static QJsonObject header(const QString &alg, const QString &kid,
                              const QString &typ = QStringLiteral("at+jwt"))
    {
        QJsonObject object { { QStringLiteral("alg"), alg } };
        if (!kid.isEmpty())
            object.insert(QStringLiteral("kid"), kid);
        if (!typ.isEmpty())
            object.insert(QStringLiteral("typ"), typ);
        return object;
    }

    // RFC 9068 access token claims: 11 minutes of life around Now.
    static QByteArray claims(const QString &issuer = QStringLiteral("https://as.example.test"))
    {
        return compactJson(QJsonObject {
            { QStringLiteral("iss"), issuer },
            { QStringLiteral("sub"), QStringLiteral("alice") },
            { QStringLiteral("aud"), QStringLiteral("https://api.example.test") },
            { QStringLiteral("client_id"), QStringLiteral("client-1") },
            { QStringLiteral("iat"), Now - 60 },
            { QStringLiteral("exp"), Now + 600 },
            { QStringLiteral("jti"), QStringLiteral("id-1") },
        });
    }

    QByteArray rsa1Token(const QByteArray &payload = claims()) const
    {
        return JoseTestKeys::compact(header(QStringLiteral("RS256"), QStringLiteral("rsa-1")), payload,
                                     m_rsa1.get());
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<InspectionResult>();
        m_rsa1 = JoseTestKeys::generateRsa(2048);
        m_rsa2 = JoseTestKeys::generateRsa(2048);
        m_ec = JoseTestKeys::generateEc("P-256");
        m_ed = JoseTestKeys::generateEd25519();
        QVERIFY(m_rsa1 && m_rsa2 && m_ec && m_ed);
        m_rsa1Jwk = JoseTestKeys::publicJwk(m_rsa1.get(), QStringLiteral("rsa-1"), QStringLiteral("RS256"));
        m_rsa2Jwk = JoseTestKeys::publicJwk(m_rsa2.get(), QStringLiteral("rsa-2"), QStringLiteral("RS256"));
        m_ecJwk = JoseTestKeys::publicJwk(m_ec.get(), QStringLiteral("ec-1"), QStringLiteral("ES256"));
        m_edJwk = JoseTestKeys::publicJwk(m_ed.get(), QStringLiteral("ed-1"));
    }

    // ---- valid signatures ------------------------------------------------------------------------------

    void validSignature_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<QString>("kid");
        QTest::addColumn<QString>("keyKid"); // the key that must have verified it
        QTest::newRow("RS256") << QStringLiteral("RS256") << QStringLiteral("rsa-1")
                               << QStringLiteral("rsa-1");
        QTest::newRow("ES256") << QStringLiteral("ES256") << QStringLiteral("ec-1") << QStringLiteral("ec-1");
        QTest::newRow("EdDSA") << QStringLiteral("EdDSA") << QStringLiteral("ed-1") << QStringLiteral("ed-1");
        QTest::newRow("RS256 without kid") << QStringLiteral("RS256") << QString() << QStringLiteral("rsa-1");
        QTest::newRow("ES256 without kid") << QStringLiteral("ES256") << QString() << QStringLiteral("ec-1");
    }

    void validSignature()
    {
        QFETCH(QString, alg);
        QFETCH(QString, kid);
        QFETCH(QString, keyKid);

        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk, m_ecJwk, m_edJwk }) };
        EVP_PKEY *key = alg == QLatin1String("RS256") ? m_rsa1.get()
            : alg == QLatin1String("ES256")           ? m_ec.get()
                                                      : m_ed.get();
        const QByteArray token = JoseTestKeys::compact(header(alg, kid), claims(), key);

        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());
        QCOMPARE(result.parsed.kind, JwtParseResult::Kind::Jws);
        QVERIFY(result.parsed.token.isAccessToken);
        QVERIFY(result.verification.has_value());
        QVERIFY2(result.verification->isValid(), qPrintable(result.verification->message));
        QCOMPARE(result.verification->key.kid, keyKid);
        QCOMPARE(result.message, result.verification->message);
        QVERIFY2(!hasErrors(result.findings), describe(result).constData());
        QCOMPARE(result.jwksUrl, h.jwksUrl());
        QVERIFY(!result.jwksRefetched);
        QCOMPARE(result.now, now());
        QCOMPARE(h.targets(), QList<QByteArray> { "/jwks" });
        QCOMPARE(result.exchangeIds.size(), 1);
        QVERIFY(h.log.findById(result.exchangeIds.constFirst()));
    }

    void tamperedPayload()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk, m_ecJwk }) };
        const QByteArray token = JoseTestKeys::tamper(rsa1Token(), 1);
        QVERIFY(token != rsa1Token());

        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY(result.verification.has_value());
        QCOMPARE(result.verification->status, JwsVerification::Status::InvalidSignature);
        QVERIFY2(findingIds(result).contains(QStringLiteral("token.signature-invalid")),
                 describe(result).constData());
        QVERIFY(!result.message.isEmpty());
        QCOMPARE(h.jwksRequests, 1); // the kid was found: no reason to fetch the keys again
    }

    void tamperedHeaderAndSignature_data()
    {
        QTest::addColumn<int>("part");
        QTest::newRow("header") << 0;
        QTest::newRow("signature") << 2;
    }

    void tamperedHeaderAndSignature()
    {
        QFETCH(int, part);
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, JoseTestKeys::tamper(rsa1Token(), part)), &result));
        QVERIFY2(result.status == FlowStatus::ValidationError, describe(result).constData());
        QVERIFY(!result.verification || !result.verification->isValid());
    }

    // ---- key rotation: one refetch, never more ---------------------------------------------------------

    void rotatedKeyIsFoundOnRefetch()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }), JoseTestKeys::jwks({ m_rsa1Jwk, m_rsa2Jwk }) };
        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("RS256"), QStringLiteral("rsa-2")), claims(), m_rsa2.get());

        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());
        QVERIFY(result.jwksRefetched);
        QVERIFY(result.verification && result.verification->isValid());
        QCOMPARE(result.verification->key.kid, QStringLiteral("rsa-2"));
        QCOMPARE(h.jwksRequests, 2);
        QCOMPARE(result.exchangeIds.size(), 2);
    }

    void rotatedKeyAfterACachedCopy()
    {
        // The cache holds the old set from an earlier inspection; the new kid forces one fresh copy.
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }), JoseTestKeys::jwks({ m_rsa1Jwk, m_rsa2Jwk }) };
        InspectionResult first;
        QVERIFY(inspect(h, withJwks(h, rsa1Token()), &first));
        QVERIFY2(first.status == FlowStatus::Success, describe(first).constData());
        QCOMPARE(h.jwksRequests, 1);

        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("RS256"), QStringLiteral("rsa-2")), claims(), m_rsa2.get());
        InspectionResult second;
        QVERIFY(inspect(h, withJwks(h, token), &second));
        QVERIFY2(second.status == FlowStatus::Success, describe(second).constData());
        QVERIFY(second.jwksRefetched);
        QCOMPARE(h.jwksRequests, 2);
    }

    void unknownKidIsRefetchedOnce()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) }; // every copy lacks the kid
        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("RS256"), QStringLiteral("rsa-unknown")), claims(), m_rsa2.get());
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY(result.jwksRefetched);
        QVERIFY(result.verification.has_value());
        QCOMPARE(result.verification->status, JwsVerification::Status::NoMatchingKey);
        QVERIFY(findingIds(result).contains(QStringLiteral("token.signature-invalid")));
        QTest::qWait(300);
        QCOMPARE(h.jwksRequests, 2);
        QCOMPARE(result.exchangeIds.size(), 2);
    }

    void unknownKidAgainUsesTheCacheThenRefetchesOnce()
    {
        // A second inspection of the same bad token: one cached copy, then one forced fetch. Never a loop.
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("RS256"), QStringLiteral("rsa-unknown")), claims(), m_rsa2.get());
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QTest::qWait(300);
        QCOMPARE(h.jwksRequests, 3);
    }

    void aKidlessTokenIsNotRefetched()
    {
        // Without a kid there is nothing that rotation could explain: no refetch.
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_ecJwk }) };
        const QByteArray token
            = JoseTestKeys::compact(header(QStringLiteral("RS256"), QString()), claims(), m_rsa1.get());
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY(!result.jwksRefetched);
        QCOMPARE(h.jwksRequests, 1);
    }

    void cacheIsSharedBetweenInspections()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, rsa1Token()), &result));
        QVERIFY(inspect(h, withJwks(h, rsa1Token()), &result));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());
        QCOMPARE(h.jwksRequests, 1);
        QVERIFY(result.exchangeIds.isEmpty()); // served from the cache: no exchange of its own
    }

    // ---- discovery -------------------------------------------------------------------------------------

    void issuerOnlyDiscoversTheKeys()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionRequest request;
        request.token = QString::fromLatin1(rsa1Token(claims(h.issuer())));
        request.issuer = h.server.url();
        request.now = now();
        request.expectAccessToken = true;

        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());
        QCOMPARE(h.targets(), (QList<QByteArray> { "/.well-known/openid-configuration", "/jwks" }));
        QCOMPARE(result.jwksUrl, h.jwksUrl());
        QVERIFY(result.verification && result.verification->isValid());
        QCOMPARE(result.exchangeIds.size(), 2);
        QVERIFY2(result.findings.isEmpty(), describe(result).constData());
    }

    void issuerIsTheExpectedIss()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionRequest request;
        request.token
            = QString::fromLatin1(rsa1Token(claims(QStringLiteral("https://someone-else.example.test"))));
        request.issuer = h.server.url();
        request.now = now();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY(result.verification
                && result.verification->isValid()); // well signed, by the wrong issuer's name
        QVERIFY2(findingIds(result).contains(QStringLiteral("token.iss-mismatch")),
                 describe(result).constData());
    }

    void discoveryWithoutJwksUri()
    {
        Harness h;
        QVERIFY(h.start());
        h.discovery = QJsonObject { { QStringLiteral("issuer"), h.issuer() } };
        InspectionRequest request;
        request.token = QString::fromLatin1(rsa1Token(claims(h.issuer())));
        request.issuer = h.server.url();
        request.now = now();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY2(result.message.contains(QStringLiteral("jwks_uri")), qPrintable(result.message));
        QCOMPARE(h.jwksRequests, 0);
    }

    void discoveryNamingAnotherIssuerIsNotUsed()
    {
        // RFC 8414 §3.3 / OIDC Discovery §4.3: metadata whose issuer differs from the one asked for MUST NOT
        // be used, so its jwks_uri must not become the key source.
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        h.discovery
            = QJsonObject { { QStringLiteral("issuer"), QStringLiteral("https://impostor.example.test") },
                            { QStringLiteral("jwks_uri"), h.jwksUrl().toString() } };
        InspectionRequest request;
        request.token = QString::fromLatin1(rsa1Token(claims(h.issuer())));
        request.issuer = h.server.url();
        request.now = now();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY2(result.status != FlowStatus::Success, describe(result).constData());
        QCOMPARE(h.jwksRequests, 0);
    }

    void discoveryServerDown()
    {
        WireLog log;
        HttpClient http(&log);
        JwksCache cache(&http);
        TokenInspector inspector(&http, &cache);
        QSignalSpy finished(&inspector, &TokenInspector::finished);
        InspectionRequest request;
        request.token = QString::fromLatin1(rsa1Token());
        request.issuer = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        inspector.inspect(request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        const auto result = finished.at(0).at(0).value<InspectionResult>();
        QCOMPARE(result.status, FlowStatus::TransportError);
        QVERIFY(!result.verification);
        QVERIFY(!result.message.isEmpty());
    }

    // ---- HMAC ------------------------------------------------------------------------------------------

    void hmacWithTheSecret()
    {
        Harness h;
        QVERIFY(h.start());
        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("HS256"), QString(), QStringLiteral("JWT")), claims(), nullptr, hmacSecret);
        InspectionRequest request;
        request.token = QString::fromLatin1(token);
        request.hmacSecret = hmacSecret;
        request.now = now();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY2(result.status == FlowStatus::Success, describe(result).constData());
        QVERIFY(result.verification && result.verification->isValid());
        QVERIFY(result.verification->key.isSecret);
        QCOMPARE(h.server.requestCount(), 0);
        QVERIFY(!findingIds(result).contains(QStringLiteral("token.hmac-with-public-keys")));
    }

    void hmacWithTheWrongSecret()
    {
        Harness h;
        QVERIFY(h.start());
        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("HS256"), QString(), QStringLiteral("JWT")), claims(), nullptr, hmacSecret);
        InspectionRequest request;
        request.token = QString::fromLatin1(token);
        request.hmacSecret = "not the secret, but also 32 bytes";
        request.now = now();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QCOMPARE(result.verification->status, JwsVerification::Status::InvalidSignature);
        QVERIFY(findingIds(result).contains(QStringLiteral("token.signature-invalid")));
    }

    void hmacAgainstPublicKeysIsAlgorithmConfusion_data()
    {
        QTest::addColumn<QString>("kid");
        QTest::newRow("kid of the RSA key") << QStringLiteral("rsa-1");
        QTest::newRow("unknown kid") << QStringLiteral("nope");
        QTest::newRow("no kid") << QString();
    }

    void hmacAgainstPublicKeysIsAlgorithmConfusion()
    {
        // The classic attack (RFC 8725 §2.1): HMAC the token with the issuer's public key as the secret.
        QFETCH(QString, kid);
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        const QByteArray token = JoseTestKeys::compact(header(QStringLiteral("HS256"), kid), claims(),
                                                       nullptr, JoseTestKeys::publicKeyPem(m_rsa1.get()));
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, token), &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY(result.verification.has_value());
        QCOMPARE(result.verification->status, JwsVerification::Status::Rejected);
        QCOMPARE(result.verification->reason, JwsVerification::RejectReason::AlgorithmConfusion);
        const QStringList ids = findingIds(result);
        QVERIFY2(ids.contains(QStringLiteral("token.hmac-with-public-keys")), describe(result).constData());
        QVERIFY2(ids.contains(QStringLiteral("token.signature-invalid")), describe(result).constData());
        QCOMPARE(h.jwksRequests, 1); // a confusion is not a rotation
    }

    // ---- unsigned, opaque, encrypted, broken --------------------------------------------------------------

    void algNone_data()
    {
        QTest::addColumn<bool>("useJwks");
        QTest::addColumn<QString>("signature");
        QTest::newRow("no key source") << false << QString();
        QTest::newRow("with a JWKS") << true << QString();
        QTest::newRow("with a JWKS and a signature part") << true << QStringLiteral("c2ln");
    }

    void algNone()
    {
        QFETCH(bool, useJwks);
        QFETCH(QString, signature);
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        const QByteArray token = Base64Url::encode(compactJson(header(QStringLiteral("none"), QString())))
            + '.' + Base64Url::encode(claims()) + '.' + signature.toLatin1();
        InspectionRequest request = withJwks(h, token);
        if (!useJwks)
            request.jwksUrl.clear();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY2(findingIds(result).contains(QStringLiteral("token.alg-none")), describe(result).constData());
        QVERIFY(!result.verification || !result.verification->isValid());
        QVERIFY(h.jwksRequests <= 1);
    }

    void notInspectable_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<FlowStatus>("status");
        QTest::addColumn<JwtParseResult::Kind>("kind");

        QTest::newRow("opaque (RFC 6749 §4.4.3)")
            << QByteArray("2YotnFZFEjr1zCsicMWpAA") << FlowStatus::Success << JwtParseResult::Kind::Opaque;
        QTest::newRow("GitHub-style opaque token") << QByteArray("gho_16C7e42F292c6912E7710c838347Ae178B4a")
                                                   << FlowStatus::Success << JwtParseResult::Kind::Opaque;
        const QByteArray jweHeader
            = Base64Url::encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"rsa-1\"}");
        QTest::newRow("JWE") << jweHeader + ".a2V5.aXY.Y2lwaGVydGV4dA.dGFn" << FlowStatus::Success
                             << JwtParseResult::Kind::Jwe;
        QTest::newRow("garbage a.b.c")
            << QByteArray("a.b.c") << FlowStatus::ValidationError << JwtParseResult::Kind::Invalid;
        QTest::newRow("header not JSON") << Base64Url::encode("{not json") + ".e30.c2ln"
                                         << FlowStatus::ValidationError << JwtParseResult::Kind::Invalid;
        QTest::newRow("no alg") << Base64Url::encode("{\"typ\":\"JWT\"}") + ".e30.c2ln"
                                << FlowStatus::ValidationError << JwtParseResult::Kind::Invalid;
        QTest::newRow("four parts") << Base64Url::encode("{\"alg\":\"RS256\"}") + ".e30.c2ln.eA"
                                    << FlowStatus::ValidationError << JwtParseResult::Kind::Invalid;
        QTest::newRow("JWE without enc")
            << Base64Url::encode("{\"alg\":\"RSA-OAEP\"}") + ".a2V5.aXY.Y2lwaGVy.dGFn"
            << FlowStatus::ValidationError << JwtParseResult::Kind::Invalid;
        QTest::newRow("payload not base64url")
            << Base64Url::encode("{\"alg\":\"RS256\"}") + ".e30*.c2ln" << FlowStatus::ValidationError
            << JwtParseResult::Kind::Invalid;
        QTest::newRow("empty") << QByteArray() << FlowStatus::ValidationError
                               << JwtParseResult::Kind::Invalid;
    }

    void notInspectable()
    {
        QFETCH(QByteArray, token);
        QFETCH(FlowStatus, status);
        QFETCH(JwtParseResult::Kind, kind);
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionRequest request = withJwks(h, token);
        request.issuer = h.server.url();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY2(result.status == status, describe(result).constData());
        QCOMPARE(result.parsed.kind, kind);
        QVERIFY(!result.verification);
        QVERIFY(!result.message.isEmpty());
        QCOMPARE(h.server.requestCount(), 0); // nothing to verify: no key is fetched
    }

    // ---- time ------------------------------------------------------------------------------------------

    void expiry_data()
    {
        QTest::addColumn<qint64>("secondsAfterExp");
        QTest::addColumn<FlowStatus>("status");
        QTest::newRow("2 min after exp") << qint64(120) << FlowStatus::ValidationError;
        QTest::newRow("30 s after exp: within the skew") << qint64(30) << FlowStatus::Success;
        QTest::newRow("1 s before exp") << qint64(-1) << FlowStatus::Success;
    }

    void expiry()
    {
        QFETCH(qint64, secondsAfterExp);
        QFETCH(FlowStatus, status);
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionRequest request = withJwks(h, rsa1Token());
        request.now = QDateTime::fromSecsSinceEpoch(Now + 600 + secondsAfterExp, Qt::UTC);
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY2(result.status == status, describe(result).constData());
        QVERIFY(result.verification && result.verification->isValid());
        QCOMPARE(findingIds(result).contains(QStringLiteral("token.expired")), status != FlowStatus::Success);
        if (status != FlowStatus::Success)
            QVERIFY2(result.message.contains(QStringLiteral("expired")), qPrintable(result.message));
    }

    void nowDefaultsToTheCurrentTime()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        InspectionRequest request = withJwks(h, rsa1Token());
        request.now = QDateTime();
        const QDateTime before = QDateTime::currentDateTimeUtc();
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY(result.now.isValid());
        QVERIFY(result.now >= before.addSecs(-1) && result.now <= QDateTime::currentDateTimeUtc().addSecs(1));
        // Now (2030) is after the current time; the token (iat 2030) is issued in the future.
        QVERIFY2(findingIds(result).contains(QStringLiteral("token.issued-in-future")),
                 describe(result).constData());
    }

    // ---- ID tokens -------------------------------------------------------------------------------------

    void idToken_data()
    {
        QTest::addColumn<QString>("sentNonce");
        QTest::addColumn<FlowStatus>("status");
        QTest::addColumn<QString>("finding");
        QTest::newRow("nonce matches") << QStringLiteral("n-1") << FlowStatus::Success << QString();
        QTest::newRow("nonce mismatch") << QStringLiteral("n-2") << FlowStatus::ValidationError
                                        << QStringLiteral("idtoken.nonce-mismatch");
    }

    void idToken()
    {
        QFETCH(QString, sentNonce);
        QFETCH(FlowStatus, status);
        QFETCH(QString, finding);
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        const QByteArray payload = compactJson(QJsonObject {
            { QStringLiteral("iss"), h.issuer() },
            { QStringLiteral("sub"), QStringLiteral("alice") },
            { QStringLiteral("aud"), QStringLiteral("client-1") },
            { QStringLiteral("nonce"), QStringLiteral("n-1") },
            { QStringLiteral("iat"), Now - 10 },
            { QStringLiteral("exp"), Now + 300 },
        });
        const QByteArray token = JoseTestKeys::compact(
            header(QStringLiteral("RS256"), QStringLiteral("rsa-1"), QString()), payload, m_rsa1.get());
        InspectionRequest request = withJwks(h, token);
        request.issuer = h.server.url();
        request.jwksUrl = h.jwksUrl();
        IdTokenExpectations expected;
        expected.issuer = h.issuer();
        expected.clientId = QStringLiteral("client-1");
        expected.nonce = sentNonce;
        request.idToken = expected;
        InspectionResult result;
        QVERIFY(inspect(h, request, &result));
        QVERIFY2(result.status == status, describe(result).constData());
        QVERIFY(result.verification && result.verification->isValid());
        if (!finding.isEmpty())
            QVERIFY2(findingIds(result).contains(finding), describe(result).constData());
        else
            QVERIFY2(!hasErrors(result.findings), describe(result).constData());
        QCOMPARE(h.targets(), QList<QByteArray> { "/jwks" }); // a JWKS URL given: no discovery
    }

    // ---- the key source fails ----------------------------------------------------------------------------

    void jwksServerDown()
    {
        WireLog log;
        HttpClient http(&log);
        JwksCache cache(&http);
        TokenInspector inspector(&http, &cache);
        QSignalSpy finished(&inspector, &TokenInspector::finished);
        InspectionRequest request;
        request.token = QString::fromLatin1(rsa1Token());
        request.jwksUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/jwks").arg(closedPort()));
        request.now = now();
        inspector.inspect(request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<InspectionResult>();
        QCOMPARE(result.status, FlowStatus::TransportError);
        QCOMPARE(result.parsed.kind, JwtParseResult::Kind::Jws); // decoded all the same
        QVERIFY(!result.verification);
        QVERIFY(!result.message.isEmpty());
        QCOMPARE(result.jwksUrl, request.jwksUrl);
    }

    void jwksServerError()
    {
        Harness h;
        QVERIFY(h.start());
        h.jwks = { JoseTestKeys::jwks({ m_rsa1Jwk }) };
        h.jwksStatus = 500;
        InspectionResult result;
        QVERIFY(inspect(h, withJwks(h, rsa1Token()), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY(!result.verification);
        QVERIFY2(result.message.contains(QStringLiteral("500")), qPrintable(result.message));
    }
};

QTEST_GUILESS_MAIN(TestTokenInspector)
#include "tst_token_inspector.moc"
