// The findings engine as a specification: for each thing the debugger sees (a profile, a server's metadata, a
// token response, a token), which findings it reports, with which severity, and which it must not report.
// Every expected list is exact: a finding that appears without being asked for fails the test too.
#include "Base64Url.h"
#include "FindingsEngine.h"
#include "JwsVerification.h"
#include "JwtParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(FindingsEngine::TokenContext)

namespace {

// 2030-03-17 17:46:40 UTC: a fixed "now" for every time-dependent case.
constexpr qint64 Now = 1900000000;

QDateTime now()
{
    return QDateTime::fromSecsSinceEpoch(Now, Qt::UTC);
}

// "id:severity", sorted: what a finding list says, in a form QCOMPARE prints readably.
QStringList summary(const Findings &findings)
{
    QStringList lines;
    for (const Finding &finding : findings)
        lines << finding.id + QLatin1Char(':') + Finding::severityName(finding.severity);
    lines.sort();
    return lines;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// Every finding carries a message for people and the rule behind it.
bool wellFormed(const Findings &findings)
{
    for (const Finding &finding : findings) {
        if (finding.id.isEmpty() || finding.message.isEmpty() || finding.reference.isEmpty())
            return false;
    }
    return true;
}

// Returns base with the members of patch applied; a null member in patch removes the member.
QJsonObject patched(QJsonObject base, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull())
            base.remove(it.key());
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A parsed JWS with any header and claims; the signature bytes are arbitrary (the verification outcome is
// given to the engine separately).
Jwt makeJwt(const QJsonObject &header, const QJsonObject &claims)
{
    const QByteArray compact = Base64Url::encode(compactJson(header)) + '.'
        + Base64Url::encode(compactJson(claims)) + '.' + Base64Url::encode("not-a-real-signature");
    return JwtParser().parse(compact).token;
}

Jwt tokenWithPayload(const QJsonObject &header, const QByteArray &payload)
{
    const QByteArray compact = Base64Url::encode(compactJson(header)) + '.' + Base64Url::encode(payload) + '.'
        + Base64Url::encode("not-a-real-signature");
    return JwtParser().parse(compact).token;
}

const QString issuer = QStringLiteral("https://as.example.test");

// ---- metadata
// ----------------------------------------------------------------------------------------------

// A careful server: https everywhere, PKCE S256, no legacy grants, RFC 9207 iss, no "none".
QJsonObject goodMetadata()
{
    return QJsonObject {
        { QStringLiteral("issuer"), issuer },
        { QStringLiteral("authorization_endpoint"), QStringLiteral("https://as.example.test/authorize") },
        { QStringLiteral("token_endpoint"), QStringLiteral("https://as.example.test/token") },
        { QStringLiteral("jwks_uri"), QStringLiteral("https://as.example.test/jwks") },
        { QStringLiteral("code_challenge_methods_supported"), QJsonArray { QStringLiteral("S256") } },
        { QStringLiteral("grant_types_supported"),
          QJsonArray { QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
                       QStringLiteral("refresh_token") } },
        { QStringLiteral("authorization_response_iss_parameter_supported"), true },
        { QStringLiteral("id_token_signing_alg_values_supported"),
          QJsonArray { QStringLiteral("RS256"), QStringLiteral("ES256") } },
    };
}

// ---- tokens
// ------------------------------------------------------------------------------------------------

enum class Verified { NotChecked, Valid, Invalid };

QJsonObject accessTokenHeader()
{
    return QJsonObject { { QStringLiteral("alg"), QStringLiteral("RS256") },
                         { QStringLiteral("kid"), QStringLiteral("k1") },
                         { QStringLiteral("typ"), QStringLiteral("at+jwt") } };
}

// An RFC 9068 access token that lives 11 minutes and was issued a minute ago.
QJsonObject accessTokenClaims()
{
    return QJsonObject {
        { QStringLiteral("iss"), issuer },
        { QStringLiteral("sub"), QStringLiteral("alice") },
        { QStringLiteral("aud"), QStringLiteral("https://api.example.test") },
        { QStringLiteral("client_id"), QStringLiteral("client-1") },
        { QStringLiteral("iat"), Now - 60 },
        { QStringLiteral("exp"), Now + 600 },
    };
}

FindingsEngine::TokenContext accessTokenContext()
{
    FindingsEngine::TokenContext context;
    context.now = now();
    context.skewSeconds = 60;
    context.expectedIssuer = issuer;
    context.issuerPublishesPublicKeys = true;
    context.expectAccessToken = true;
    return context;
}

JwsVerification verification(Verified verified, const QString &alg)
{
    JwsVerification result;
    result.alg = alg;
    result.status = verified == Verified::Valid ? JwsVerification::Status::Valid
                                                : JwsVerification::Status::InvalidSignature;
    result.message = verified == Verified::Valid ? QStringLiteral("signature valid")
                                                 : QStringLiteral("invalid signature");
    return result;
}

} // namespace

Q_DECLARE_METATYPE(Verified)

class TestFindingsEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- profile
    // -------------------------------------------------------------------------------------------

    void profileEndpoint_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("expected");

        const QStringList plainHttp { QStringLiteral("endpoint.plain-http:error") };
        QTest::newRow("https token endpoint")
            << QStringLiteral("token") << QStringLiteral("https://as.example.test/token") << QStringList();
        QTest::newRow("http token endpoint")
            << QStringLiteral("token") << QStringLiteral("http://as.example.test/token") << plainHttp;
        QTest::newRow("HTTP in capitals")
            << QStringLiteral("token") << QStringLiteral("HTTP://as.example.test/token") << plainHttp;
        QTest::newRow("http private address")
            << QStringLiteral("token") << QStringLiteral("http://10.0.0.1/token") << plainHttp;
        QTest::newRow("http localhost-lookalike")
            << QStringLiteral("token") << QStringLiteral("http://localhost.evil.test/token") << plainHttp;
        QTest::newRow("http 127.0.0.1")
            << QStringLiteral("token") << QStringLiteral("http://127.0.0.1:8080/token") << QStringList();
        QTest::newRow("http 127.0.0.2 (127/8 is loopback)")
            << QStringLiteral("token") << QStringLiteral("http://127.0.0.2/token") << QStringList();
        QTest::newRow("http localhost")
            << QStringLiteral("token") << QStringLiteral("http://localhost:8080/token") << QStringList();
        QTest::newRow("http LOCALHOST")
            << QStringLiteral("token") << QStringLiteral("http://LOCALHOST/token") << QStringList();
        QTest::newRow("http [::1]") << QStringLiteral("token") << QStringLiteral("http://[::1]:8080/token")
                                    << QStringList();
        for (const char *field : { "authorization", "introspection", "revocation", "userinfo", "jwks" }) {
            QTest::addRow("http %s endpoint", field)
                << QString::fromLatin1(field) << QStringLiteral("http://as.example.test/x") << plainHttp;
            QTest::addRow("https %s endpoint", field)
                << QString::fromLatin1(field) << QStringLiteral("https://as.example.test/x") << QStringList();
        }
    }

    void profileEndpoint()
    {
        QFETCH(QString, field);
        QFETCH(QString, url);
        QFETCH(QStringList, expected);

        Profile profile = Profile::create(QStringLiteral("test"));
        profile.tokenUrl = QUrl(QStringLiteral("https://as.example.test/token"));
        const QUrl value(url);
        if (field == QLatin1String("token"))
            profile.tokenUrl = value;
        else if (field == QLatin1String("authorization"))
            profile.endpoints.authorization = value;
        else if (field == QLatin1String("introspection"))
            profile.endpoints.introspection = value;
        else if (field == QLatin1String("revocation"))
            profile.endpoints.revocation = value;
        else if (field == QLatin1String("userinfo"))
            profile.endpoints.userinfo = value;
        else if (field == QLatin1String("jwks"))
            profile.endpoints.jwks = value;
        else
            QFAIL("unknown field");

        const Findings findings = FindingsEngine::forProfile(profile);
        QCOMPARE(summary(findings), expected);
        QVERIFY(wellFormed(findings));
        if (!expected.isEmpty())
            QVERIFY2(findings.constFirst().message.contains(value.host()),
                     qPrintable(findings.constFirst().message));
    }

    void profileInsecureTls()
    {
        Profile profile = Profile::create(QStringLiteral("test"));
        profile.tokenUrl = QUrl(QStringLiteral("https://as.example.test/token"));
        QCOMPARE(summary(FindingsEngine::forProfile(profile)), QStringList());
        profile.insecure = true;
        const Findings findings = FindingsEngine::forProfile(profile);
        QCOMPARE(summary(findings), QStringList { QStringLiteral("profile.insecure-tls:warning") });
        QVERIFY(wellFormed(findings));
    }

    void profileEveryEndpointReported()
    {
        Profile profile = Profile::create(QStringLiteral("test"));
        profile.tokenUrl = QUrl(QStringLiteral("http://as.example.test/token"));
        profile.endpoints.authorization = QUrl(QStringLiteral("http://as.example.test/authorize"));
        profile.endpoints.jwks = QUrl(QStringLiteral("http://as.example.test/jwks"));
        profile.endpoints.userinfo = QUrl(QStringLiteral("https://as.example.test/me"));
        profile.insecure = true;
        QCOMPARE(
            summary(FindingsEngine::forProfile(profile)),
            sorted({ QStringLiteral("endpoint.plain-http:error"), QStringLiteral("endpoint.plain-http:error"),
                     QStringLiteral("endpoint.plain-http:error"),
                     QStringLiteral("profile.insecure-tls:warning") }));
    }

    // ---- metadata
    // ------------------------------------------------------------------------------------------

    void metadata_data()
    {
        QTest::addColumn<QJsonObject>("patch"); // applied to goodMetadata(); null removes a member
        QTest::addColumn<QString>("requestedIssuer");
        QTest::addColumn<QStringList>("expected");

        const QJsonValue remove = QJsonValue::Null;
        QTest::newRow("careful server") << QJsonObject() << issuer << QStringList();
        QTest::newRow("no issuer asked for") << QJsonObject() << QString() << QStringList();

        QTest::newRow("issuer mismatch") << QJsonObject() << QStringLiteral("https://other.example.test")
                                         << QStringList { QStringLiteral("metadata.issuer-mismatch:error") };
        QTest::newRow("issuer differs by a trailing slash (exact comparison)")
            << QJsonObject() << QStringLiteral("https://as.example.test/")
            << QStringList { QStringLiteral("metadata.issuer-mismatch:error") };
        QTest::newRow("issuer differs in case of the path")
            << QJsonObject { { QStringLiteral("issuer"), QStringLiteral("https://as.example.test/Tenant") } }
            << QStringLiteral("https://as.example.test/tenant")
            << QStringList { QStringLiteral("metadata.issuer-mismatch:error") };

        // RFC 8414 §3.3: the comparison is of strings; a URL parser's normalisation must not change them.
        QTest::newRow("issuer with an upper-case host, asked for as announced")
            << QJsonObject { { QStringLiteral("issuer"), QStringLiteral("https://AS.example.test") } }
            << QStringLiteral("https://AS.example.test") << QStringList();
        QTest::newRow("issuer with %7E, asked for as announced")
            << QJsonObject { { QStringLiteral("issuer"), QStringLiteral("https://as.example.test/a%7Eb") } }
            << QStringLiteral("https://as.example.test/a%7Eb") << QStringList();

        QTest::newRow("PKCE not advertised")
            << QJsonObject { { QStringLiteral("code_challenge_methods_supported"), remove } } << issuer
            << QStringList { QStringLiteral("metadata.pkce-not-advertised:warning") };
        QTest::newRow("PKCE empty list")
            << QJsonObject { { QStringLiteral("code_challenge_methods_supported"), QJsonArray() } } << issuer
            << QStringList { QStringLiteral("metadata.pkce-not-advertised:warning") };
        QTest::newRow("PKCE plain only") << QJsonObject {
            { QStringLiteral("code_challenge_methods_supported"), QJsonArray { QStringLiteral("plain") } }
        } << issuer << QStringList { QStringLiteral("metadata.pkce-plain-only:warning") };
        QTest::newRow("PKCE plain and S256")
            << QJsonObject { { QStringLiteral("code_challenge_methods_supported"),
                               QJsonArray { QStringLiteral("plain"), QStringLiteral("S256") } } }
            << issuer << QStringList();
        QTest::newRow("PKCE s256 in lower case is not S256") << QJsonObject {
            { QStringLiteral("code_challenge_methods_supported"), QJsonArray { QStringLiteral("s256") } }
        } << issuer << QStringList { QStringLiteral("metadata.pkce-plain-only:warning") };

        QTest::newRow("implicit grant") << QJsonObject {
            { QStringLiteral("grant_types_supported"),
              QJsonArray { QStringLiteral("authorization_code"), QStringLiteral("implicit") } }
        } << issuer << QStringList { QStringLiteral("metadata.implicit-grant:info") };
        QTest::newRow("grant types absent: the RFC 8414 default includes implicit")
            << QJsonObject { { QStringLiteral("grant_types_supported"), remove } } << issuer
            << QStringList { QStringLiteral("metadata.implicit-grant:info") };
        QTest::newRow("password grant") << QJsonObject {
            { QStringLiteral("grant_types_supported"),
              QJsonArray { QStringLiteral("client_credentials"), QStringLiteral("password") } }
        } << issuer << QStringList { QStringLiteral("metadata.password-grant:info") };
        QTest::newRow("implicit and password")
            << QJsonObject { { QStringLiteral("grant_types_supported"),
                               QJsonArray { QStringLiteral("implicit"), QStringLiteral("password") } } }
            << issuer
            << sorted({ QStringLiteral("metadata.implicit-grant:info"),
                        QStringLiteral("metadata.password-grant:info") });

        QTest::newRow("no iss parameter (false)")
            << QJsonObject { { QStringLiteral("authorization_response_iss_parameter_supported"), false } }
            << issuer << QStringList { QStringLiteral("metadata.no-iss-parameter:info") };
        QTest::newRow("no iss parameter (absent)")
            << QJsonObject { { QStringLiteral("authorization_response_iss_parameter_supported"), remove } }
            << issuer << QStringList { QStringLiteral("metadata.no-iss-parameter:info") };
        QTest::newRow("no iss parameter, but no authorization endpoint either")
            << QJsonObject { { QStringLiteral("authorization_response_iss_parameter_supported"), remove },
                             { QStringLiteral("authorization_endpoint"), remove } }
            << issuer << QStringList();

        QTest::newRow("alg none among ID token algs")
            << QJsonObject { { QStringLiteral("id_token_signing_alg_values_supported"),
                               QJsonArray { QStringLiteral("RS256"), QStringLiteral("none") } } }
            << issuer << QStringList { QStringLiteral("metadata.alg-none:error") };
        QTest::newRow("no ID token algs at all")
            << QJsonObject { { QStringLiteral("id_token_signing_alg_values_supported"), remove } } << issuer
            << QStringList();

        QTest::newRow("http token endpoint") << QJsonObject {
            { QStringLiteral("token_endpoint"), QStringLiteral("http://as.example.test/token") }
        } << issuer << QStringList { QStringLiteral("endpoint.plain-http:error") };
        QTest::newRow("http authorization endpoint") << QJsonObject {
            { QStringLiteral("authorization_endpoint"), QStringLiteral("http://as.example.test/authorize") }
        } << issuer << QStringList { QStringLiteral("endpoint.plain-http:error") };
        QTest::newRow("http jwks_uri")
            << QJsonObject { { QStringLiteral("jwks_uri"), QStringLiteral("http://as.example.test/jwks") } }
            << issuer << QStringList { QStringLiteral("endpoint.plain-http:error") };
        QTest::newRow("http issuer") << QJsonObject { { QStringLiteral("issuer"),
                                                        QStringLiteral("http://as.example.test") } }
                                     << QStringLiteral("http://as.example.test")
                                     << QStringList { QStringLiteral("endpoint.plain-http:error") };
        QTest::newRow("http on loopback (a local test server)") << QJsonObject {
            { QStringLiteral("issuer"), QStringLiteral("http://127.0.0.1:9000") },
            { QStringLiteral("authorization_endpoint"), QStringLiteral("http://127.0.0.1:9000/auth") },
            { QStringLiteral("token_endpoint"), QStringLiteral("http://127.0.0.1:9000/token") },
            { QStringLiteral("jwks_uri"), QStringLiteral("http://localhost:9000/jwks") }
        } << QStringLiteral("http://127.0.0.1:9000") << QStringList();

        QTest::newRow("a careless server: everything at once")
            << QJsonObject { { QStringLiteral("token_endpoint"),
                               QStringLiteral("http://as.example.test/token") },
                             { QStringLiteral("code_challenge_methods_supported"), remove },
                             { QStringLiteral("grant_types_supported"), remove },
                             { QStringLiteral("authorization_response_iss_parameter_supported"), remove },
                             { QStringLiteral("id_token_signing_alg_values_supported"),
                               QJsonArray { QStringLiteral("none") } } }
            << QStringLiteral("https://other.example.test")
            << sorted({ QStringLiteral("metadata.issuer-mismatch:error"),
                        QStringLiteral("endpoint.plain-http:error"),
                        QStringLiteral("metadata.pkce-not-advertised:warning"),
                        QStringLiteral("metadata.implicit-grant:info"),
                        QStringLiteral("metadata.no-iss-parameter:info"),
                        QStringLiteral("metadata.alg-none:error") });
    }

    void metadata()
    {
        QFETCH(QJsonObject, patch);
        QFETCH(QString, requestedIssuer);
        QFETCH(QStringList, expected);

        QString error;
        const std::optional<ServerMetadata> metadata
            = ServerMetadata::parse(compactJson(patched(goodMetadata(), patch)), &error, nullptr);
        QVERIFY2(metadata, qPrintable(error));
        const Findings findings = FindingsEngine::forMetadata(*metadata, QUrl(requestedIssuer));
        QCOMPARE(summary(findings), expected);
        QVERIFY(wellFormed(findings));
    }

    void metadataIssuerMismatchNamesBoth()
    {
        const std::optional<ServerMetadata> metadata
            = ServerMetadata::parse(compactJson(goodMetadata()), nullptr, nullptr);
        QVERIFY(metadata);
        const Findings findings
            = FindingsEngine::forMetadata(*metadata, QUrl(QStringLiteral("https://other.example.test")));
        QCOMPARE(findings.size(), 1);
        QVERIFY(findings.constFirst().message.contains(issuer));
        QVERIFY(findings.constFirst().message.contains(QStringLiteral("https://other.example.test")));
    }

    // ---- token response
    // ------------------------------------------------------------------------------------

    void tokenResponse_data()
    {
        QTest::addColumn<QString>("tokenType");
        QTest::addColumn<qint64>("expiresIn"); // -1: absent
        QTest::addColumn<QString>("refreshToken");
        QTest::addColumn<QString>("grantedScope");
        QTest::addColumn<QString>("requestedScope");
        QTest::addColumn<QString>("grantType");
        QTest::addColumn<QStringList>("expected");

        const QString bearer = QStringLiteral("Bearer");
        const QString cc = QStringLiteral("client_credentials");
        const QString code = QStringLiteral("authorization_code");
        QTest::newRow("Bearer, one hour")
            << bearer << qint64(3600) << QString() << QString() << QString() << cc << QStringList();
        QTest::newRow("bearer in lower case") << QStringLiteral("bearer") << qint64(300) << QString()
                                              << QString() << QString() << cc << QStringList();
        QTest::newRow("token_type missing")
            << QString() << qint64(300) << QString() << QString() << QString() << cc
            << QStringList { QStringLiteral("response.token-type-missing:warning") };
        QTest::newRow("DPoP token type")
            << QStringLiteral("DPoP") << qint64(300) << QString() << QString() << QString() << cc
            << QStringList { QStringLiteral("response.token-type-not-bearer:info") };
        QTest::newRow("MAC token type")
            << QStringLiteral("mac") << qint64(300) << QString() << QString() << QString() << cc
            << QStringList { QStringLiteral("response.token-type-not-bearer:info") };
        QTest::newRow("expires_in missing")
            << bearer << qint64(-1) << QString() << QString() << QString() << cc
            << QStringList { QStringLiteral("response.expires-in-missing:info") };
        QTest::newRow("expires_in 7200: long-lived")
            << bearer << qint64(7200) << QString() << QString() << QString() << cc
            << QStringList { QStringLiteral("response.long-lived-access-token:warning") };
        QTest::newRow("expires_in 3601: long-lived")
            << bearer << qint64(3601) << QString() << QString() << QString() << cc
            << QStringList { QStringLiteral("response.long-lived-access-token:warning") };
        QTest::newRow("expires_in 3600: fine")
            << bearer << qint64(3600) << QString() << QString() << QString() << cc << QStringList();
        QTest::newRow("refresh token with client credentials")
            << bearer << qint64(300) << QStringLiteral("RT") << QString() << QString() << cc
            << QStringList { QStringLiteral("response.refresh-token-for-client-credentials:info") };
        QTest::newRow("refresh token with authorization code")
            << bearer << qint64(300) << QStringLiteral("RT") << QString() << QString() << code
            << QStringList();
        QTest::newRow("scope narrowed")
            << bearer << qint64(300) << QString() << QStringLiteral("read") << QStringLiteral("read write")
            << cc << QStringList { QStringLiteral("response.scope-differs:info") };
        QTest::newRow("scope widened") << bearer << qint64(300) << QString()
                                       << QStringLiteral("read write admin") << QStringLiteral("read write")
                                       << cc << QStringList { QStringLiteral("response.scope-differs:info") };
        QTest::newRow("same scope, another order, extra spaces")
            << bearer << qint64(300) << QString() << QStringLiteral("write  read")
            << QStringLiteral("read write") << cc << QStringList();
        QTest::newRow("scope omitted: same as requested (RFC 6749 §5.1)")
            << bearer << qint64(300) << QString() << QString() << QStringLiteral("read write") << cc
            << QStringList();
        QTest::newRow("nothing requested, something granted")
            << bearer << qint64(300) << QString() << QStringLiteral("read") << QString() << cc
            << QStringList();
        QTest::newRow("all at once") << QString() << qint64(86400) << QStringLiteral("RT")
                                     << QStringLiteral("read") << QStringLiteral("write") << cc
                                     << sorted({ QStringLiteral("response.token-type-missing:warning"),
                                                 QStringLiteral("response.long-lived-access-token:warning"),
                                                 QStringLiteral(
                                                     "response.refresh-token-for-client-credentials:info"),
                                                 QStringLiteral("response.scope-differs:info") });
    }

    void tokenResponse()
    {
        QFETCH(QString, tokenType);
        QFETCH(qint64, expiresIn);
        QFETCH(QString, refreshToken);
        QFETCH(QString, grantedScope);
        QFETCH(QString, requestedScope);
        QFETCH(QString, grantType);
        QFETCH(QStringList, expected);

        TokenResponse response;
        response.accessToken = QStringLiteral("AT");
        response.tokenType = tokenType;
        if (expiresIn >= 0)
            response.expiresIn = expiresIn;
        response.refreshToken = refreshToken;
        response.scope = grantedScope;
        const Findings findings = FindingsEngine::forTokenResponse(response, requestedScope, grantType);
        QCOMPARE(summary(findings), expected);
        QVERIFY(wellFormed(findings));
    }

    void tokenResponseLifetimeIsReadable()
    {
        TokenResponse response;
        response.tokenType = QStringLiteral("Bearer");
        response.expiresIn = 7200;
        Findings findings = FindingsEngine::forTokenResponse(response, QString(), QString());
        QCOMPARE(findings.size(), 1);
        QVERIFY2(findings.constFirst().message.contains(QStringLiteral("2 h")),
                 qPrintable(findings.constFirst().message));
        response.expiresIn = 5400;
        findings = FindingsEngine::forTokenResponse(response, QString(), QString());
        QCOMPARE(findings.size(), 1);
        QVERIFY2(findings.constFirst().message.contains(QStringLiteral("1 h 30 min")),
                 qPrintable(findings.constFirst().message));
    }

    // ---- token
    // ---------------------------------------------------------------------------------------------

    void token_data()
    {
        QTest::addColumn<QJsonObject>("headerPatch"); // applied to accessTokenHeader()
        QTest::addColumn<QJsonObject>("claimsPatch"); // applied to accessTokenClaims()
        QTest::addColumn<Verified>("verified");
        QTest::addColumn<FindingsEngine::TokenContext>("context");
        QTest::addColumn<QStringList>("expected");

        const QJsonValue remove = QJsonValue::Null;
        const FindingsEngine::TokenContext access = accessTokenContext();
        const auto alg = [](const char *name) {
            return QJsonObject { { QStringLiteral("alg"), QLatin1String(name) } };
        };
        const auto claim = [](const char *name, const QJsonValue &value) {
            return QJsonObject { { QLatin1String(name), value } };
        };

        QTest::newRow("a good access token")
            << QJsonObject() << QJsonObject() << Verified::Valid << access << QStringList();

        // RFC 8725 §3.1: unsigned tokens
        QTest::newRow("alg none") << alg("none") << QJsonObject() << Verified::NotChecked << access
                                  << QStringList { QStringLiteral("token.alg-none:error") };
        QTest::newRow("alg NoNe") << alg("NoNe") << QJsonObject() << Verified::NotChecked << access
                                  << QStringList { QStringLiteral("token.alg-none:error") };

        // RFC 8725 §3.2: HMAC where public keys are expected
        QTest::newRow("HS256 while the issuer publishes keys")
            << alg("HS256") << QJsonObject() << Verified::Valid << access
            << QStringList { QStringLiteral("token.hmac-with-public-keys:error") };
        FindingsEngine::TokenContext publicClient = access;
        publicClient.issuerPublishesPublicKeys = false;
        publicClient.publicClient = true;
        QTest::newRow("HS256 for a public client")
            << alg("HS512") << QJsonObject() << Verified::Valid << publicClient
            << QStringList { QStringLiteral("token.hmac-with-public-keys:error") };
        FindingsEngine::TokenContext sharedSecret = access;
        sharedSecret.issuerPublishesPublicKeys = false;
        QTest::newRow("HS256 with a shared secret only")
            << alg("HS256") << QJsonObject() << Verified::Valid << sharedSecret << QStringList();
        QTest::newRow("RS256 for a public client")
            << QJsonObject() << QJsonObject() << Verified::Valid << publicClient << QStringList();

        // RFC 8725 §3.10: keys the token names itself
        for (const char *member : { "jku", "x5u" })
            QTest::addRow("%s header", member)
                << QJsonObject { { QLatin1String(member), QStringLiteral("https://evil.example.test/keys") } }
                << QJsonObject() << Verified::Valid << access
                << QStringList { QStringLiteral("token.header-key-reference:warning") };
        QTest::newRow("jwk header")
            << QJsonObject { { QStringLiteral("jwk"),
                               QJsonObject { { QStringLiteral("kty"), QStringLiteral("oct") },
                                             { QStringLiteral("k"), QStringLiteral("AAAA") } } } }
            << QJsonObject() << Verified::Valid << access
            << QStringList { QStringLiteral("token.header-key-reference:warning") };
        QTest::newRow("jku, x5u and jwk")
            << QJsonObject { { QStringLiteral("jku"), QStringLiteral("https://e.test/k") },
                             { QStringLiteral("x5u"), QStringLiteral("https://e.test/c") },
                             { QStringLiteral("jwk"), QJsonObject() } }
            << QJsonObject() << Verified::Valid << access
            << QStringList(3, QStringLiteral("token.header-key-reference:warning"));
        QTest::newRow("x5c header is not a URL to fetch") // the chain is inline; not reported here
            << QJsonObject { { QStringLiteral("x5c"), QJsonArray { QStringLiteral("MIIB") } } }
            << QJsonObject() << Verified::Valid << access << QStringList();

        // the signature
        QTest::newRow("signature invalid") << QJsonObject() << QJsonObject() << Verified::Invalid << access
                                           << QStringList { QStringLiteral("token.signature-invalid:error") };
        QTest::newRow("signature not checked")
            << QJsonObject() << QJsonObject() << Verified::NotChecked << access
            << QStringList { QStringLiteral("token.signature-not-checked:warning") };

        // exp (RFC 7519 §4.1.4) and skew
        QTest::newRow("exp missing in an access token")
            << QJsonObject() << claim("exp", remove) << Verified::Valid << access
            << QStringList { QStringLiteral("token.exp-missing:warning") };
        FindingsEngine::TokenContext other = access;
        other.expectAccessToken = false;
        QTest::newRow("exp missing in some other JWT")
            << QJsonObject { { QStringLiteral("typ"), QStringLiteral("JWT") } } << claim("exp", remove)
            << Verified::Valid << other << QStringList { QStringLiteral("token.exp-missing:info") };
        QTest::newRow("expired 30 s ago, 60 s skew: not expired")
            << QJsonObject() << claim("exp", Now - 30) << Verified::Valid << access << QStringList();
        QTest::newRow("expired 59 s ago, 60 s skew: not expired")
            << QJsonObject() << claim("exp", Now - 59) << Verified::Valid << access << QStringList();
        QTest::newRow("exp + skew is now: expired")
            << QJsonObject() << claim("exp", Now - 60) << Verified::Valid << access
            << QStringList { QStringLiteral("token.expired:error") };
        QTest::newRow("expired 61 s ago, 60 s skew")
            << QJsonObject() << claim("exp", Now - 61) << Verified::Valid << access
            << QStringList { QStringLiteral("token.expired:error") };
        FindingsEngine::TokenContext noSkew = access;
        noSkew.skewSeconds = 0;
        QTest::newRow("expired 1 s ago, no skew")
            << QJsonObject() << claim("exp", Now - 1) << Verified::Valid << noSkew
            << QStringList { QStringLiteral("token.expired:error") };
        QTest::newRow("expires in 1 s, no skew")
            << QJsonObject() << claim("exp", Now + 1) << Verified::Valid << noSkew << QStringList();
        QTest::newRow("exp is not a number: malformed, and counts as expired")
            << QJsonObject() << claim("exp", QStringLiteral("tomorrow")) << Verified::Valid << access
            << sorted(
                   { QStringLiteral("token.malformed-claim:error"), QStringLiteral("token.expired:error") });
        FindingsEngine::TokenContext noClock = access;
        noClock.now = QDateTime();
        QTest::newRow("no clock: expiry not judged")
            << QJsonObject() << claim("exp", Now - 3600) << Verified::Valid << noClock << QStringList();

        // nbf (RFC 7519 §4.1.5)
        QTest::newRow("nbf 2 min in the future")
            << QJsonObject() << claim("nbf", Now + 120) << Verified::Valid << access
            << QStringList { QStringLiteral("token.not-yet-valid:error") };
        QTest::newRow("nbf 30 s in the future, within skew")
            << QJsonObject() << claim("nbf", Now + 30) << Verified::Valid << access << QStringList();
        QTest::newRow("nbf in the past")
            << QJsonObject() << claim("nbf", Now - 60) << Verified::Valid << access << QStringList();

        // lifetime (RFC 9700 §2.2.1)
        QTest::newRow("lives 1 h 1 s")
            << QJsonObject()
            << QJsonObject { { QStringLiteral("iat"), Now - 60 }, { QStringLiteral("exp"), Now - 60 + 3601 } }
            << Verified::Valid << access << QStringList { QStringLiteral("token.long-lived:warning") };
        QTest::newRow("lives exactly 1 h")
            << QJsonObject()
            << QJsonObject { { QStringLiteral("iat"), Now - 60 }, { QStringLiteral("exp"), Now - 60 + 3600 } }
            << Verified::Valid << access << QStringList();
        QTest::newRow("lives a day") << QJsonObject()
                                     << QJsonObject { { QStringLiteral("iat"), Now },
                                                      { QStringLiteral("exp"), Now + 86400 } }
                                     << Verified::Valid << access
                                     << QStringList { QStringLiteral("token.long-lived:warning") };

        // iat (RFC 7519 §4.1.6)
        QTest::newRow("issued 2 min in the future")
            << QJsonObject() << claim("iat", Now + 120) << Verified::Valid << access
            << QStringList { QStringLiteral("token.issued-in-future:warning") };
        QTest::newRow("issued 30 s in the future, within skew")
            << QJsonObject() << claim("iat", Now + 30) << Verified::Valid << access << QStringList();

        // iss (RFC 9068 §4)
        QTest::newRow("iss mismatch")
            << QJsonObject() << claim("iss", QStringLiteral("https://evil.example.test")) << Verified::Valid
            << access << QStringList { QStringLiteral("token.iss-mismatch:error") };
        QTest::newRow("iss with a trailing slash")
            << QJsonObject() << claim("iss", QStringLiteral("https://as.example.test/")) << Verified::Valid
            << access << QStringList { QStringLiteral("token.iss-mismatch:error") };
        QTest::newRow("iss missing") << QJsonObject() << claim("iss", remove) << Verified::Valid << access
                                     << QStringList { QStringLiteral("token.iss-missing:error") };
        FindingsEngine::TokenContext anyIssuer = access;
        anyIssuer.expectedIssuer.clear();
        QTest::newRow("no issuer expected")
            << QJsonObject() << claim("iss", QStringLiteral("https://whoever.example.test"))
            << Verified::Valid << anyIssuer << QStringList();

        // typ (RFC 9068 §2.1) and aud (§2.2)
        QTest::newRow("typ JWT where an access token is expected")
            << QJsonObject { { QStringLiteral("typ"), QStringLiteral("JWT") } } << QJsonObject()
            << Verified::Valid << access << QStringList { QStringLiteral("token.not-rfc9068:info") };
        QTest::newRow("no typ where an access token is expected")
            << QJsonObject { { QStringLiteral("typ"), remove } } << QJsonObject() << Verified::Valid << access
            << QStringList { QStringLiteral("token.not-rfc9068:info") };
        QTest::newRow("typ application/at+jwt")
            << QJsonObject { { QStringLiteral("typ"), QStringLiteral("application/at+jwt") } }
            << QJsonObject() << Verified::Valid << access << QStringList();
        QTest::newRow("typ JWT, no access token expected")
            << QJsonObject { { QStringLiteral("typ"), QStringLiteral("JWT") } } << QJsonObject()
            << Verified::Valid << other << QStringList();
        QTest::newRow("at+jwt without aud")
            << QJsonObject() << claim("aud", remove) << Verified::Valid << access
            << QStringList { QStringLiteral("token.aud-missing:warning") };
        QTest::newRow("at+jwt with an aud array")
            << QJsonObject()
            << claim("aud",
                     QJsonArray { QStringLiteral("https://api.example.test"), QStringLiteral("other") })
            << Verified::Valid << access << QStringList();
        QTest::newRow("plain JWT without aud")
            << QJsonObject { { QStringLiteral("typ"), QStringLiteral("JWT") } } << claim("aud", remove)
            << Verified::Valid << other << QStringList();

        // claims that are there but malformed (RFC 7519 §4.1)
        QTest::newRow("iss is a number") << QJsonObject() << claim("iss", 42) << Verified::Valid << access
                                         << sorted({ QStringLiteral("token.malformed-claim:error"),
                                                     QStringLiteral("token.iss-mismatch:error") });
    }

    void token()
    {
        QFETCH(QJsonObject, headerPatch);
        QFETCH(QJsonObject, claimsPatch);
        QFETCH(Verified, verified);
        QFETCH(FindingsEngine::TokenContext, context);
        QFETCH(QStringList, expected);

        const Jwt jwt
            = makeJwt(patched(accessTokenHeader(), headerPatch), patched(accessTokenClaims(), claimsPatch));
        QVERIFY(jwt.isJws());
        const JwsVerification checked = verification(verified, jwt.alg);
        const Findings findings
            = FindingsEngine::forToken(jwt, verified == Verified::NotChecked ? nullptr : &checked, context);
        QCOMPARE(summary(findings), expected);
        QVERIFY(wellFormed(findings));
    }

    void tokenSignatureInvalidCarriesTheVerifiersMessage()
    {
        const Jwt jwt = makeJwt(accessTokenHeader(), accessTokenClaims());
        JwsVerification checked = verification(Verified::Invalid, jwt.alg);
        checked.message = QStringLiteral("invalid signature: RS256 with key \"k1\"");
        const Findings findings = FindingsEngine::forToken(jwt, &checked, accessTokenContext());
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.constFirst().message, checked.message);
    }

    void tokenExpiredSaysWhen()
    {
        QJsonObject claims = accessTokenClaims();
        claims.insert(QStringLiteral("exp"), Now - 3 * 3600);
        claims.insert(QStringLiteral("iat"), Now - 4 * 3600 + 1800);
        const Jwt jwt = makeJwt(accessTokenHeader(), claims);
        const JwsVerification checked = verification(Verified::Valid, jwt.alg);
        const Findings findings = FindingsEngine::forToken(jwt, &checked, accessTokenContext());
        QCOMPARE(summary(findings), QStringList { QStringLiteral("token.expired:error") });
        const QString expectedExp = QDateTime::fromSecsSinceEpoch(Now - 3 * 3600, Qt::UTC)
                                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QVERIFY2(findings.constFirst().message.contains(expectedExp),
                 qPrintable(findings.constFirst().message));
    }

    void tokenPayloadNotJson()
    {
        const Jwt jwt = tokenWithPayload(accessTokenHeader(), "just some bytes");
        QVERIFY(jwt.isJws());
        QVERIFY(!jwt.payloadIsJson);
        const JwsVerification checked = verification(Verified::Valid, jwt.alg);
        const Findings findings = FindingsEngine::forToken(jwt, &checked, accessTokenContext());
        // Nothing about claims can be said: exactly one finding, no claim finding.
        QCOMPARE(summary(findings), QStringList { QStringLiteral("token.payload-not-json:info") });
    }

    void tokenUnsignedPayloadNotJsonWithNone()
    {
        const Jwt jwt
            = tokenWithPayload(QJsonObject { { QStringLiteral("alg"), QStringLiteral("none") } }, "[1,2]");
        const Findings findings = FindingsEngine::forToken(jwt, nullptr, accessTokenContext());
        QCOMPARE(summary(findings),
                 sorted({ QStringLiteral("token.alg-none:error"),
                          QStringLiteral("token.payload-not-json:info") }));
        QVERIFY(hasErrors(findings));
    }

    void hasErrorsOnlyForErrors()
    {
        QVERIFY(!hasErrors({}));
        QVERIFY(!hasErrors({ Finding { Finding::Severity::Warning, QStringLiteral("w"), {}, {} },
                             Finding { Finding::Severity::Info, QStringLiteral("i"), {}, {} } }));
        QVERIFY(hasErrors({ Finding { Finding::Severity::Info, QStringLiteral("i"), {}, {} },
                            Finding { Finding::Severity::Error, QStringLiteral("e"), {}, {} } }));
    }

    void isLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1/") << true;
        QTest::newRow("127.1.2.3") << QStringLiteral("http://127.1.2.3:80/") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost/") << true;
        QTest::newRow("LocalHost") << QStringLiteral("http://LocalHost/") << true;
        QTest::newRow("[::1]") << QStringLiteral("http://[::1]/") << true;
        QTest::newRow("0.0.0.0") << QStringLiteral("http://0.0.0.0/") << false;
        QTest::newRow("10.0.0.1") << QStringLiteral("http://10.0.0.1/") << false;
        QTest::newRow("localhost.example.test") << QStringLiteral("http://localhost.example.test/") << false;
        QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("http://127.0.0.1.nip.io/") << false;
        QTest::newRow("no host") << QStringLiteral("http:///path") << false;
    }

    void isLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, loopback);
        QCOMPARE(FindingsEngine::isLoopback(QUrl(url)), loopback);
    }
};

QTEST_GUILESS_MAIN(TestFindingsEngine)
#include "tst_findings_engine.moc"
