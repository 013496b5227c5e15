#include "TeachingChecks.h"

#include "ApiRequest.h"
#include "EndpointResult.h"
#include "FormEncoding.h"
#include "JwtClaims.h"
#include "JwtParser.h"
#include "Profile.h"
#include "ServerEndpoints.h"
#include "TextSanitizer.h"
#include "TokenInspector.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace TeachingChecks {

namespace {
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("TeachingChecks", text, disambiguation, n);
}

TeachingCheck passed(const QString &text, const QString &reference = {})
{
    return { TeachingCheck::Outcome::Passed, text, reference };
}

TeachingCheck failed(const QString &text, const QString &reference = {})
{
    return { TeachingCheck::Outcome::Failed, text, reference };
}

TeachingCheck warning(const QString &text, const QString &reference = {})
{
    return { TeachingCheck::Outcome::Warning, text, reference };
}

QString formField(const QByteArray &body, const QString &name)
{
    const QUrlQuery query(QString::fromLatin1(body).replace(QLatin1Char('+'), QLatin1Char(' ')));
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

bool hasFormField(const QByteArray &body, const QString &name)
{
    return QUrlQuery(QString::fromLatin1(body)).hasQueryItem(name);
}

QString parameter(const QList<QPair<QString, QString>> &parameters, const QString &name)
{
    for (const auto &item : parameters)
        if (item.first == name)
            return item.second;
    return {};
}

QString statusLine(const HttpExchange &exchange)
{
    return QStringLiteral("HTTP %1 %2")
        .arg(exchange.status)
        .arg(QString::fromLatin1(exchange.reason))
        .trimmed();
}

TeachingCheck clientAuthentication(const Profile &profile)
{
    switch (profile.authMethod) {
    case ClientAuthMethod::ClientSecretBasic:
        return passed(
            tr("The client authenticated with HTTP Basic (client_secret_basic): id and secret form-encoded, "
               "then base64."),
            QStringLiteral("RFC 6749 §2.3.1"));
    case ClientAuthMethod::ClientSecretPost:
        return passed(tr("The client authenticated with client_id and client_secret in the body "
                         "(client_secret_post)."),
                      QStringLiteral("RFC 6749 §2.3.1"));
    case ClientAuthMethod::None:
        break;
    }
    return passed(tr("A public client: only client_id is sent, no secret."), QStringLiteral("RFC 6749 §2.1"));
}

// token_type and expires_in of a successful token response.
QList<TeachingCheck> typeAndLifetime(const TokenResponse &token)
{
    QList<TeachingCheck> checks;
    if (token.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0)
        checks.append(
            passed(tr("token_type is \"%1\": send it as Authorization: Bearer.").arg(token.tokenType),
                   QStringLiteral("RFC 6750 §2.1")));
    else
        checks.append(warning(tr("token_type is \"%1\", not Bearer.").arg(token.tokenType),
                              QStringLiteral("RFC 6749 §7.1")));
    if (token.expiresAt.isValid())
        checks.append(passed(
            tr("expires_in: the token is valid for %1 s.").arg(token.receivedAt.secsTo(token.expiresAt)),
            QStringLiteral("RFC 6749 §5.1")));
    else
        checks.append(warning(tr("No expires_in: the client cannot know when the token expires."),
                              QStringLiteral("RFC 6749 §5.1")));
    return checks;
}

// The failure of a token request: no answer, or an error answer with its hint.
QList<TeachingCheck> tokenFailure(const TokenResult &result, const HttpExchange &exchange)
{
    if (exchange.status == 0)
        return { failed(result.message.isEmpty() ? tr("No response arrived.") : result.message) };
    QList<TeachingCheck> checks;
    checks.append(failed(result.oauthError.isEmpty()
                             ? tr("%1: %2").arg(statusLine(exchange), result.message)
                             : tr("%1 with the OAuth error \"%2\": %3")
                                   .arg(statusLine(exchange), result.oauthError.error, result.message),
                         QStringLiteral("RFC 6749 §5.2")));
    if (!result.hint.isEmpty())
        checks.append(warning(result.hint));
    return checks;
}

QStringList scopeList(const QString &scope)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

JwtClaims claimsOf(const QString &token)
{
    const JwtParseResult parsed = JwtParser().parse(token);
    return JwtClaims(parsed.kind == JwtParseResult::Kind::Jws ? parsed.token.claims : QJsonObject());
}

QString utcTime(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
}

bool hasFinding(const Findings &findings, const QString &prefix, Finding *found = nullptr)
{
    for (const Finding &finding : findings) {
        if (finding.id.startsWith(prefix) && finding.severity != Finding::Severity::Info) {
            if (found)
                *found = finding;
            return true;
        }
    }
    return false;
}
} // namespace

QList<TeachingCheck> forTokenResponse(const TokenResult &result, const HttpExchange &exchange,
                                      const Profile &profile)
{
    QList<TeachingCheck> checks { clientAuthentication(profile) };
    if (exchange.status == 0 || !result.ok())
        return checks + tokenFailure(result, exchange);
    checks.append(passed(tr("%1: a successful token response.").arg(statusLine(exchange)),
                         QStringLiteral("RFC 6749 §5.1")));
    const TokenResponse &token = result.token;
    checks.append(passed(tr("access_token is present (%1 characters).").arg(token.accessToken.size()),
                         QStringLiteral("RFC 6749 §5.1")));
    checks += typeAndLifetime(token);
    const QString requested = profile.scope.simplified();
    if (!token.scope.isEmpty() && token.scope != requested)
        checks.append(warning(tr("The server granted scope \"%1\", not the requested \"%2\".")
                                  .arg(TextSanitizer::sanitize(token.scope, false, 200), requested),
                              QStringLiteral("RFC 6749 §3.3")));
    else if (!requested.isEmpty())
        checks.append(
            passed(tr("Scope granted as requested: %1.").arg(requested), QStringLiteral("RFC 6749 §3.3")));
    if (!token.idToken.isEmpty())
        checks.append(
            passed(tr("id_token is present: it is checked next."), QStringLiteral("OIDC Core §3.1.3.3")));
    if (!token.refreshToken.isEmpty())
        checks.append(passed(tr("refresh_token is present: the client keeps it secret."),
                             QStringLiteral("RFC 6749 §1.5")));
    for (const QString &text : result.warnings)
        checks.append(warning(text));
    return checks;
}

QList<TeachingCheck> forRefreshResponse(const TokenResult &result, const HttpExchange &exchange,
                                        const TokenResponse &previous, const Profile &profile)
{
    QList<TeachingCheck> checks { clientAuthentication(profile) };
    if (hasFormField(exchange.requestBody, QStringLiteral("redirect_uri"))
        || hasFormField(exchange.requestBody, QStringLiteral("code_verifier")))
        checks.append(
            warning(tr("The request carries redirect_uri or code_verifier: a refresh needs neither."),
                    QStringLiteral("RFC 6749 §6")));
    else
        checks.append(passed(tr("grant_type=refresh_token with the refresh token only: no code, no "
                                "redirect_uri, no PKCE verifier, and no browser."),
                             QStringLiteral("RFC 6749 §6")));
    if (exchange.status == 0 || !result.ok())
        return checks + tokenFailure(result, exchange);
    checks.append(passed(tr("%1: a successful token response.").arg(statusLine(exchange)),
                         QStringLiteral("RFC 6749 §5.1")));
    const TokenResponse &token = result.token;
    if (token.accessToken == previous.accessToken)
        checks.append(warning(tr("The same access_token came back: nothing was renewed."),
                              QStringLiteral("RFC 6749 §6")));
    else
        checks.append(
            passed(tr("A new access_token (%1 characters): the old one is simply not used any more.")
                       .arg(token.accessToken.size()),
                   QStringLiteral("RFC 6749 §6")));
    checks += typeAndLifetime(token);

    // Rotation: a new refresh token replaces the old one, which a rotating server no longer accepts.
    const bool publicClient = profile.authMethod == ClientAuthMethod::None;
    const QString rotation = QStringLiteral("RFC 6749 §6, RFC 9700 §4.14.2");
    if (token.refreshToken.isEmpty())
        checks.append(
            publicClient
                ? warning(tr("No new refresh_token: the old one stays valid and the client keeps "
                             "it. A public client's refresh token should rotate unless it is "
                             "sender-constrained."),
                          rotation)
                : passed(tr("No new refresh_token: the old one stays valid and the client keeps it."),
                         rotation));
    else if (token.refreshToken == previous.refreshToken)
        checks.append(publicClient ? warning(tr("The same refresh_token came back: no rotation. A public "
                                                "client's refresh token should rotate unless it is "
                                                "sender-constrained."),
                                             rotation)
                                   : passed(tr("The same refresh_token came back: this server does not "
                                               "rotate."),
                                            rotation));
    else
        checks.append(passed(tr("Rotation: a new refresh_token replaces the old one. The client stores it "
                                "and forgets the old one; if the old one is ever presented again, the server "
                                "can tell that it was stolen and revoke the whole grant."),
                             rotation));

    // Scope: the same as the original grant, or narrower; never more (RFC 6749 §6).
    const QStringList original = scopeList(previous.scope.isEmpty() ? profile.scope : previous.scope);
    const QStringList granted = scopeList(token.scope);
    QStringList added;
    for (const QString &scope : granted)
        if (!original.contains(scope))
            added << scope;
    QStringList dropped;
    for (const QString &scope : original)
        if (!granted.isEmpty() && !granted.contains(scope))
            dropped << scope;
    if (!added.isEmpty())
        checks.append(warning(tr("The server granted scope the original grant did not have: %1.")
                                  .arg(TextSanitizer::sanitize(added.join(QLatin1Char(' ')), false, 200)),
                              QStringLiteral("RFC 6749 §6")));
    else if (!dropped.isEmpty())
        checks.append(warning(tr("The scope is narrower than before: %1 no longer granted.")
                                  .arg(dropped.join(QLatin1Char(' '))),
                              QStringLiteral("RFC 6749 §6")));
    else if (!original.isEmpty())
        checks.append(passed(tr("Scope unchanged: %1.").arg(original.join(QLatin1Char(' '))),
                             QStringLiteral("RFC 6749 §6")));

    if (token.idToken.isEmpty())
        checks.append(passed(tr("No new id_token: optional on a refresh; the original one still says who "
                                "signed in."),
                             QStringLiteral("OIDC Core §12.2")));
    else
        checks += forRefreshedIdToken(previous.idToken, token.idToken);
    for (const QString &text : result.warnings)
        checks.append(warning(text));
    return checks;
}

QList<TeachingCheck> forRefreshedIdToken(const QString &original, const QString &refreshed)
{
    const QString reference = QStringLiteral("OIDC Core §12.2");
    const JwtClaims before = claimsOf(original);
    const JwtClaims after = claimsOf(refreshed);
    if (after.json().isEmpty())
        return { failed(tr("The new id_token is not a signed JWT."), QStringLiteral("OIDC Core §2")) };
    if (before.json().isEmpty())
        return { warning(tr("A new id_token came back, but there is no original one to compare it with."),
                         reference) };
    QList<TeachingCheck> checks;
    const auto same = [&checks, &reference](const QString &claim, const QString &was, const QString &is,
                                            const QString &meaning) {
        if (was == is)
            checks.append(passed(tr("%1 is the same as in the original ID token (%2): %3.")
                                     .arg(claim, TextSanitizer::sanitize(is, false, 120), meaning),
                                 reference));
        else
            checks.append(failed(tr("%1 changed from \"%2\" to \"%3\": this ID token must not be used.")
                                     .arg(claim, TextSanitizer::sanitize(was, false, 120),
                                          TextSanitizer::sanitize(is, false, 120)),
                                 reference));
    };
    same(QStringLiteral("iss"), before.issuer().value, after.issuer().value, tr("the same server"));
    same(QStringLiteral("sub"), before.subject().value, after.subject().value, tr("the same user"));
    same(QStringLiteral("aud"), before.audience().values.join(QStringLiteral(", ")),
         after.audience().values.join(QStringLiteral(", ")), tr("the same client"));
    const NumericDateClaim wasAuth = before.authTime();
    const NumericDateClaim isAuth = after.authTime();
    if (wasAuth.valid && isAuth.valid && wasAuth.msecsSinceEpoch == isAuth.msecsSinceEpoch)
        checks.append(passed(tr("auth_time is still the original sign-in (%1 UTC): a refresh is not a new "
                                "sign-in.")
                                 .arg(utcTime(isAuth.msecsSinceEpoch)),
                             reference));
    else if (wasAuth.valid && isAuth.valid)
        checks.append(failed(tr("auth_time moved from %1 to %2 UTC, but nobody signed in again.")
                                 .arg(utcTime(wasAuth.msecsSinceEpoch), utcTime(isAuth.msecsSinceEpoch)),
                             reference));
    else if (wasAuth.valid)
        checks.append(warning(tr("The original ID token had auth_time, the new one has none."), reference));
    return checks;
}

QList<TeachingCheck> forCodeExchange(const HttpExchange &exchange, const QUrl &authorizationUrl)
{
    QList<TeachingCheck> checks;
    const QUrlQuery authorization(authorizationUrl);
    const QString challengeMethod
        = authorization.queryItemValue(QStringLiteral("code_challenge_method"), QUrl::FullyDecoded);
    if (hasFormField(exchange.requestBody, QStringLiteral("code_verifier")))
        checks.append(passed(tr("code_verifier sent: the server hashes it (%1) and compares it with the "
                                "code_challenge of the authorization request (PKCE).")
                                 .arg(challengeMethod.isEmpty() ? QStringLiteral("S256") : challengeMethod),
                             QStringLiteral("RFC 7636 §4.5")));
    else
        checks.append(warning(tr("No code_verifier: PKCE is off, so a stolen code could be redeemed."),
                              QStringLiteral("RFC 9700 §2.1.1")));
    const QString sentRedirect = formField(exchange.requestBody, QStringLiteral("redirect_uri"));
    const QString askedRedirect
        = authorization.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    if (!sentRedirect.isEmpty() && sentRedirect == askedRedirect)
        checks.append(
            passed(tr("redirect_uri is identical to the authorization request's (%1).").arg(sentRedirect),
                   QStringLiteral("RFC 6749 §4.1.3")));
    else
        checks.append(failed(tr("redirect_uri \"%1\" differs from the authorization request's \"%2\".")
                                 .arg(sentRedirect, askedRedirect),
                             QStringLiteral("RFC 6749 §4.1.3")));
    return checks;
}

QList<TeachingCheck> forCallback(const QList<QPair<QString, QString>> &parameters, bool accepted,
                                 const QString &rejection, const QString &expectedIssuer)
{
    QList<TeachingCheck> checks;
    if (!accepted) {
        checks.append(failed(rejection, QStringLiteral("RFC 6749 §4.1.2")));
        return checks;
    }
    checks.append(passed(tr("state matched the one the client sent: this answer belongs to its own request."),
                         QStringLiteral("RFC 6749 §10.12")));
    checks.append(passed(tr("A code arrived: short-lived and single-use, it is worthless without the PKCE "
                            "verifier."),
                         QStringLiteral("RFC 6749 §4.1.2")));
    const QString issuer = parameter(parameters, QStringLiteral("iss"));
    if (!issuer.isEmpty())
        checks.append(passed(tr("iss is %1, the issuer the client talks to (no mix-up).").arg(expectedIssuer),
                             QStringLiteral("RFC 9207 §2.4")));
    return checks;
}

QList<TeachingCheck> forTokenValidation(const QString &token, const std::optional<QString> &signatureMessage,
                                        bool signatureOk, const Findings &findings, const QString &issuer,
                                        const QString &audience, bool nonceExpected)
{
    QList<TeachingCheck> checks;
    const JwtParseResult parsed = JwtParser().parse(token);
    if (parsed.kind != JwtParseResult::Kind::Jws) {
        checks.append(warning(tr("The token is not a signed JWT (%1): only the server can say what it means.")
                                  .arg(parsed.message),
                              QStringLiteral("RFC 7519 §1")));
        return checks;
    }
    const Jwt &jwt = parsed.token;
    if (signatureMessage)
        checks.append(signatureOk ? passed(*signatureMessage, QStringLiteral("RFC 7515 §5.2"))
                                  : failed(*signatureMessage, QStringLiteral("RFC 7515 §5.2")));
    else
        checks.append(
            warning(tr("The signature was not checked: no JWKS is known."), QStringLiteral("RFC 7515 §5.2")));
    const JwtClaims claims(jwt.claims);
    Finding finding;
    if (hasFinding(findings, QStringLiteral("idtoken.iss"), &finding)
        || hasFinding(findings, QStringLiteral("token.iss"), &finding))
        checks.append(failed(finding.message, finding.reference));
    else if (!issuer.isEmpty() && !issuerMatches(claims.issuer().value, QUrl(issuer)))
        checks.append(failed(tr("iss \"%1\" is not the expected issuer \"%2\".")
                                 .arg(TextSanitizer::sanitize(claims.issuer().value, false, 200), issuer),
                             QStringLiteral("RFC 7519 §4.1.1")));
    else if (claims.issuer().present)
        checks.append(passed(tr("iss is %1, the expected issuer.").arg(claims.issuer().value),
                             QStringLiteral("RFC 7519 §4.1.1")));
    if (hasFinding(findings, QStringLiteral("idtoken.aud"), &finding)
        || hasFinding(findings, QStringLiteral("token.aud"), &finding))
        checks.append(failed(finding.message, finding.reference));
    else if (!audience.isEmpty() && claims.audience().contains(audience))
        checks.append(passed(tr("aud contains %1.").arg(audience), QStringLiteral("RFC 7519 §4.1.3")));
    else if (claims.audience().present)
        checks.append(passed(tr("aud is %1.").arg(claims.audience().values.join(QStringLiteral(", "))),
                             QStringLiteral("RFC 7519 §4.1.3")));
    if (hasFinding(findings, QStringLiteral("token.expired"), &finding)
        || hasFinding(findings, QStringLiteral("token.exp"), &finding)
        || hasFinding(findings, QStringLiteral("idtoken.exp"), &finding))
        checks.append(failed(finding.message, finding.reference));
    else if (claims.expiresAt().valid)
        checks.append(
            passed(tr("exp is in the future: valid until %1 UTC.")
                       .arg(QDateTime::fromMSecsSinceEpoch(claims.expiresAt().msecsSinceEpoch, Qt::UTC)
                                .toString(QStringLiteral("HH:mm:ss"))),
                   QStringLiteral("RFC 7519 §4.1.4")));
    if (nonceExpected) {
        if (hasFinding(findings, QStringLiteral("idtoken.nonce"), &finding))
            checks.append(failed(finding.message, finding.reference));
        else
            checks.append(passed(tr("nonce matches the one sent in the authorization request: no replay."),
                                 QStringLiteral("OIDC Core §3.1.3.7 (11)")));
    }
    // Whatever else the engine found, in its own words.
    for (const Finding &other : findings) {
        if (other.severity == Finding::Severity::Info)
            continue;
        const bool shown = std::any_of(checks.cbegin(), checks.cend(), [&other](const TeachingCheck &check) {
            return check.text == other.message;
        });
        if (!shown)
            checks.append(other.severity == Finding::Severity::Error
                              ? failed(other.message, other.reference)
                              : warning(other.message, other.reference));
    }
    return checks;
}

QList<TeachingCheck> forInspection(const InspectionResult &inspection, const QString &issuer)
{
    std::optional<QString> signature;
    if (inspection.verification)
        signature = inspection.verification->message;
    const bool signatureOk = inspection.verification && inspection.verification->isValid();
    QList<TeachingCheck> checks = forTokenValidation(inspection.token, signature, signatureOk,
                                                     inspection.findings, issuer, QString(), false);
    if (inspection.status != FlowStatus::Success && !anyFailed(checks))
        checks.append(failed(inspection.message));
    return checks;
}

QList<TeachingCheck> forJwks(const HttpExchange &exchange, const QString &kid)
{
    QList<TeachingCheck> checks;
    if (exchange.status < 200 || exchange.status >= 300) {
        checks.append(failed(exchange.status
                                 ? tr("%1: the keys could not be fetched.").arg(statusLine(exchange))
                                 : exchange.transportError));
        return checks;
    }
    const QJsonArray keys
        = QJsonDocument::fromJson(exchange.responseBody).object().value(QLatin1String("keys")).toArray();
    QStringList kids;
    for (const QJsonValue &key : keys)
        kids.append(
            TextSanitizer::sanitize(key.toObject().value(QLatin1String("kid")).toString(), false, 80));
    checks.append(passed(
        tr("%1: a JWK set with %n key(s): public keys only, safe to publish.", nullptr, int(keys.size()))
            .arg(statusLine(exchange)),
        QStringLiteral("RFC 7517 §5")));
    if (!kid.isEmpty()) {
        if (kids.contains(kid))
            checks.append(passed(tr("The token's header names kid \"%1\": that key is in the set.").arg(kid),
                                 QStringLiteral("RFC 7515 §4.1.4")));
        else
            checks.append(
                warning(tr("No key in the set has the token's kid \"%1\": keys may have rotated, so "
                           "the client fetches the set once more before it gives up.")
                            .arg(kid),
                        QStringLiteral("RFC 7515 §4.1.4")));
    }
    return checks;
}

QList<TeachingCheck> forApiResponse(const ApiResponse &response)
{
    QList<TeachingCheck> checks;
    checks.append(passed(tr("The access token was sent in the Authorization header as a Bearer token."),
                         QStringLiteral("RFC 6750 §2.1")));
    if (response.httpStatus == 0) {
        checks.append(failed(response.message));
        return checks;
    }
    const QString line = QStringLiteral("HTTP %1 %2")
                             .arg(response.httpStatus)
                             .arg(QString::fromLatin1(response.reason))
                             .trimmed();
    if (response.status == FlowStatus::Success) {
        checks.append(passed(tr("%1: the resource server accepted the token.").arg(line),
                             QStringLiteral("RFC 6750 §2.1")));
        return checks;
    }
    checks.append(failed(tr("%1: the resource server refused the request.").arg(line),
                         QStringLiteral("RFC 6750 §3.1")));
    if (response.challenge.present)
        checks.append(failed(tr("WWW-Authenticate says error=\"%1\"%2.")
                                 .arg(response.challenge.error,
                                      response.challenge.errorDescription.isEmpty()
                                          ? QString()
                                          : QStringLiteral(": ") + response.challenge.errorDescription),
                             QStringLiteral("RFC 6750 §3")));
    return checks;
}

QList<TeachingCheck> forUserInfo(const EndpointResult &result, const QString &expectedSubject)
{
    QList<TeachingCheck> checks;
    checks.append(
        passed(tr("The access token was sent as a Bearer token."), QStringLiteral("OIDC Core §5.3.1")));
    if (!result.ok()) {
        checks.append(failed(result.message, QStringLiteral("OIDC Core §5.3.3")));
        return checks;
    }
    checks.append(passed(tr("HTTP %1: the claims about the signed-in user came back.").arg(result.httpStatus),
                         QStringLiteral("OIDC Core §5.3.2")));
    const QString subject = result.json.value(QLatin1String("sub")).toString();
    if (expectedSubject.isEmpty())
        return checks;
    if (subject == expectedSubject)
        checks.append(passed(tr("sub \"%1\" is the ID token's sub: the same user.").arg(subject),
                             QStringLiteral("OIDC Core §5.3.2")));
    else
        checks.append(failed(tr("sub \"%1\" is not the ID token's \"%2\": the response must not be used.")
                                 .arg(TextSanitizer::sanitize(subject, false, 100), expectedSubject),
                             QStringLiteral("OIDC Core §5.3.2")));
    return checks;
}

bool anyFailed(const QList<TeachingCheck> &checks)
{
    return std::any_of(checks.cbegin(), checks.cend(), [](const TeachingCheck &check) {
        return check.outcome == TeachingCheck::Outcome::Failed;
    });
}

} // namespace TeachingChecks
