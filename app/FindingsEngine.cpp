#include "FindingsEngine.h"

#include "JwsAlgorithm.h"
#include "JwsVerification.h"
#include "Jwt.h"
#include "JwtClaims.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSet>

namespace FindingsEngine {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FindingsEngine", text);
}

Finding make(Finding::Severity severity, const char *id, const QString &message, const char *reference)
{
    return Finding { severity, QLatin1String(id), message, QString::fromUtf8(reference) };
}

constexpr qint64 OneHour = 3600;

void checkEndpoint(Findings &findings, const QString &label, const QUrl &url)
{
    if (url.isEmpty() || url.scheme() != QLatin1String("http") || isLoopback(url))
        return;
    findings.append(make(Finding::Severity::Error, "endpoint.plain-http",
                         tr("The %1 %2 uses http:// on a non-loopback host: credentials and tokens cross the "
                            "network unencrypted.")
                             .arg(label, url.toDisplayString()),
                         "RFC 6749 §3.1, §3.2; RFC 9700 §2.6"));
}

QString durationText(qint64 seconds)
{
    if (seconds % 3600 == 0)
        return tr("%1 h").arg(seconds / 3600);
    if (seconds >= 3600)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 min").arg(seconds / 60);
}
} // namespace

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Findings forProfile(const Profile &profile)
{
    Findings findings;
    checkEndpoint(findings, tr("token endpoint"), profile.tokenUrl);
    checkEndpoint(findings, tr("authorization endpoint"), profile.endpoints.authorization);
    checkEndpoint(findings, tr("introspection endpoint"), profile.endpoints.introspection);
    checkEndpoint(findings, tr("revocation endpoint"), profile.endpoints.revocation);
    checkEndpoint(findings, tr("userinfo endpoint"), profile.endpoints.userinfo);
    checkEndpoint(findings, tr("JWKS URL"), profile.endpoints.jwks);
    if (profile.insecure)
        findings.append(make(Finding::Severity::Warning, "profile.insecure-tls",
                             tr("Certificate verification is off for this profile: anyone on the path can "
                                "impersonate the server."),
                             "RFC 6749 §10.9"));
    return findings;
}

Findings forMetadata(const ServerMetadata &metadata, const QUrl &requestedIssuer)
{
    Findings findings;
    const QString announced = metadata.raw.value(QLatin1String("issuer")).toString();
    if (!requestedIssuer.isEmpty() && !issuerMatches(announced, requestedIssuer))
        findings.append(make(Finding::Severity::Error, "metadata.issuer-mismatch",
                             tr("The metadata names the issuer \"%1\", but \"%2\" was asked for.")
                                 .arg(announced, requestedIssuer.toString()),
                             "RFC 8414 §3.3; OIDC Discovery §4.3"));
    checkEndpoint(findings, tr("issuer"), metadata.endpoints.issuer);
    checkEndpoint(findings, tr("token endpoint"), metadata.tokenEndpoint);
    checkEndpoint(findings, tr("authorization endpoint"), metadata.endpoints.authorization);
    checkEndpoint(findings, tr("JWKS URL"), metadata.endpoints.jwks);
    if (metadata.codeChallengeMethods.isEmpty())
        findings.append(
            make(Finding::Severity::Warning, "metadata.pkce-not-advertised",
                 tr("The server does not advertise PKCE (code_challenge_methods_supported): it may not "
                    "protect authorization codes against interception."),
                 "RFC 7636; RFC 9700 §2.1.1"));
    else if (!metadata.codeChallengeMethods.contains(QLatin1String("S256")))
        findings.append(make(Finding::Severity::Warning, "metadata.pkce-plain-only",
                             tr("The server offers PKCE only with \"plain\", which does not protect a leaked "
                                "authorization request; S256 is the one to use."),
                             "RFC 7636 §4.2; RFC 9700 §2.1.1"));
    if (metadata.grantTypes.contains(QLatin1String("implicit")))
        findings.append(
            make(Finding::Severity::Info, "metadata.implicit-grant",
                 tr("The server still offers the implicit grant, which current guidance says not to use."),
                 "RFC 9700 §2.1.2"));
    if (metadata.grantTypes.contains(QLatin1String("password")))
        findings.append(
            make(Finding::Severity::Info, "metadata.password-grant",
                 tr("The server offers the resource owner password grant, which must not be used."),
                 "RFC 9700 §2.4"));
    if (!metadata.authorizationResponseIssParameterSupported && !metadata.endpoints.authorization.isEmpty())
        findings.append(
            make(Finding::Severity::Info, "metadata.no-iss-parameter",
                 tr("Authorization responses carry no iss parameter, so a client talking to several "
                    "servers cannot detect mix-up attacks that way."),
                 "RFC 9207"));
    if (metadata.idTokenSigningAlgs.contains(QLatin1String("none")))
        findings.append(make(Finding::Severity::Error, "metadata.alg-none",
                             tr("The server lists \"none\" among its ID token signing algorithms."),
                             "RFC 8725 §3.1; OIDC Core §3.1.3.7"));
    return findings;
}

Findings forTokenResponse(const TokenResponse &response, const QString &requestedScope,
                          const QString &grantType)
{
    Findings findings;
    if (response.tokenType.isEmpty())
        findings.append(
            make(Finding::Severity::Warning, "response.token-type-missing",
                 tr("The response has no token_type; clients cannot know how to present the token."),
                 "RFC 6749 §5.1"));
    else if (response.tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        findings.append(
            make(Finding::Severity::Info, "response.token-type-not-bearer",
                 tr("token_type is \"%1\", not Bearer: the token must be presented the way that type "
                    "defines.")
                     .arg(response.tokenType),
                 "RFC 6749 §7.1"));
    if (!response.expiresIn)
        findings.append(
            make(Finding::Severity::Info, "response.expires-in-missing",
                 tr("The response has no expires_in: the client cannot know when the token expires."),
                 "RFC 6749 §5.1"));
    else if (*response.expiresIn > OneHour)
        findings.append(
            make(Finding::Severity::Warning, "response.long-lived-access-token",
                 tr("The access token lives %1; short-lived access tokens limit the damage of a leak.")
                     .arg(durationText(*response.expiresIn)),
                 "RFC 9700 §2.2.1; RFC 6819 §5.1.5.3"));
    if (grantType == QLatin1String("client_credentials") && !response.refreshToken.isEmpty())
        findings.append(
            make(Finding::Severity::Info, "response.refresh-token-for-client-credentials",
                 tr("A refresh token came with a client credentials grant; the client can simply ask "
                    "again."),
                 "RFC 6749 §4.4.3"));
    if (!requestedScope.trimmed().isEmpty() && !response.scope.isEmpty()) {
        const QStringList asked = requestedScope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QStringList granted = response.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QSet<QString> askedSet(asked.begin(), asked.end());
        const QSet<QString> grantedSet(granted.begin(), granted.end());
        if (askedSet != grantedSet)
            findings.append(make(Finding::Severity::Info, "response.scope-differs",
                                 tr("Granted scope \"%1\" differs from the requested \"%2\".")
                                     .arg(response.scope, requestedScope),
                                 "RFC 6749 §3.3"));
    }
    return findings;
}

Findings forToken(const Jwt &token, const JwsVerification *verification, const TokenContext &context)
{
    Findings findings;
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(token.alg);
    if (algorithm.family == JwsAlgorithm::Family::None)
        findings.append(make(Finding::Severity::Error, "token.alg-none",
                             tr("The token is unsigned (alg \"%1\"): anyone can forge it.").arg(token.alg),
                             "RFC 8725 §3.1"));
    if (algorithm.family == JwsAlgorithm::Family::Hmac
        && (context.issuerPublishesPublicKeys || context.publicClient))
        findings.append(
            make(Finding::Severity::Error, "token.hmac-with-public-keys",
                 context.publicClient
                     ? tr("The token is HMAC-signed (%1) for a public client, which cannot keep a "
                          "shared secret.")
                           .arg(token.alg)
                     : tr("The token is HMAC-signed (%1) although the issuer publishes public keys: "
                          "a sign of algorithm confusion.")
                           .arg(token.alg),
                 "RFC 8725 §3.1, §3.2"));
    for (const QLatin1String member : { QLatin1String("jku"), QLatin1String("x5u"), QLatin1String("jwk") }) {
        if (token.header.contains(member))
            findings.append(
                make(Finding::Severity::Warning, "token.header-key-reference",
                     tr("The header carries \"%1\"; a verifier must never fetch or trust a key the token "
                        "names itself.")
                         .arg(member),
                     "RFC 8725 §3.10"));
    }
    if (verification) {
        if (!verification->isValid())
            findings.append(make(Finding::Severity::Error, "token.signature-invalid", verification->message,
                                 "RFC 7515 §5.2"));
    } else if (token.isJws() && algorithm.family != JwsAlgorithm::Family::None) {
        findings.append(make(Finding::Severity::Warning, "token.signature-not-checked",
                             tr("The signature was not checked: no JWKS, issuer or secret was given."),
                             "RFC 7515 §5.2"));
    }
    if (!token.payloadIsJson) {
        findings.append(make(Finding::Severity::Info, "token.payload-not-json",
                             tr("The payload is not a JSON claims set."), "RFC 7519 §7.2"));
        return findings;
    }

    const JwtClaims claims(token.claims);
    for (const QString &problem : claims.problems())
        findings.append(make(Finding::Severity::Error, "token.malformed-claim", problem, "RFC 7519 §4.1"));
    const NumericDateClaim exp = claims.expiresAt();
    if (!exp.present)
        findings.append(make(context.expectAccessToken || token.isAccessToken ? Finding::Severity::Warning
                                                                              : Finding::Severity::Info,
                             "token.exp-missing", tr("The token has no exp: it never expires."),
                             token.isAccessToken ? "RFC 9068 §2.2" : "RFC 7519 §4.1.4"));
    else if (context.now.isValid() && claims.isExpired(context.now, context.skewSeconds))
        findings.append(make(Finding::Severity::Error, "token.expired",
                             tr("The token %1 (exp %2 UTC).")
                                 .arg(claims.expiryText(context.now),
                                      exp.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                             "RFC 7519 §4.1.4"));
    if (context.now.isValid() && claims.notBefore().present
        && claims.isNotYetValid(context.now, context.skewSeconds))
        findings.append(
            make(Finding::Severity::Error, "token.not-yet-valid",
                 tr("The token is not valid before %1 UTC.")
                     .arg(claims.notBefore().toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                 "RFC 7519 §4.1.5"));
    const NumericDateClaim iat = claims.issuedAt();
    if (exp.valid && iat.valid && exp.seconds - iat.seconds > OneHour)
        findings.append(
            make(Finding::Severity::Warning, "token.long-lived",
                 tr("The token lives %1 (iat to exp); short-lived access tokens limit the damage of a "
                    "leak.")
                     .arg(durationText(static_cast<qint64>(exp.seconds - iat.seconds))),
                 "RFC 9700 §2.2.1"));
    if (iat.valid && context.now.isValid()
        && iat.msecsSinceEpoch > context.now.toMSecsSinceEpoch() + context.skewSeconds * 1000)
        findings.append(
            make(Finding::Severity::Warning, "token.issued-in-future",
                 tr("The token claims to be issued in the future: the issuer's clock or this one is "
                    "wrong."),
                 "RFC 7519 §4.1.6"));
    const StringClaim iss = claims.issuer();
    if (!context.expectedIssuer.isEmpty()) {
        if (!iss.present)
            findings.append(
                make(Finding::Severity::Error, "token.iss-missing",
                     tr("The token has no iss, so it cannot be tied to \"%1\".").arg(context.expectedIssuer),
                     "RFC 9068 §4; OIDC Core §3.1.3.7"));
        else if (!issuerMatches(iss.value, QUrl(context.expectedIssuer)))
            findings.append(make(Finding::Severity::Error, "token.iss-mismatch",
                                 tr("The token was issued by \"%1\", not by the expected \"%2\".")
                                     .arg(iss.value, context.expectedIssuer),
                                 "RFC 9068 §4; RFC 9207"));
    }
    if (context.expectAccessToken && !token.isAccessToken)
        findings.append(
            make(Finding::Severity::Info, "token.not-rfc9068",
                 tr("This JWT access token has typ \"%1\", not \"at+jwt\": resource servers cannot tell "
                    "it from an ID token by its header.")
                     .arg(token.typ.isEmpty() ? tr("(none)") : token.typ),
                 "RFC 9068 §2.1"));
    if (token.isAccessToken && !claims.audience().present)
        findings.append(make(Finding::Severity::Warning, "token.aud-missing",
                             tr("The access token has no aud: any resource server would accept it."),
                             "RFC 9068 §2.2"));
    return findings;
}

} // namespace FindingsEngine
