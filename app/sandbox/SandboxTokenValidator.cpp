#include "SandboxTokenValidator.h"

#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"
#include "SandboxContext.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxTokenValidator", text);
}

SandboxTokenCheck refused(const QString &problem)
{
    SandboxTokenCheck check;
    check.problem = problem;
    return check;
}
} // namespace

namespace SandboxTokenValidator {

SandboxTokenCheck check(const SandboxContext &context, const QString &token)
{
    if (token.isEmpty())
        return refused(tr("no access token"));
    const JwtParseResult parsed = JwtParser().parse(token);
    if (parsed.kind != JwtParseResult::Kind::Jws)
        return refused(tr("not a signed JWT"));
    const JwkSetParseResult keys
        = JwkSetParser::parse(QJsonDocument(context.keys.jwks()).toJson(QJsonDocument::Compact));
    JwsVerifier verifier;
    verifier.setAllowedAlgorithms({ QStringLiteral("RS256"), QStringLiteral("ES256") });
    if (!verifier.verify(parsed.token, keys.set).isValid())
        return refused(tr("the signature is not valid"));
    if (!parsed.token.isAccessToken)
        return refused(tr("not an access token (typ must be at+jwt)"));
    const QJsonObject &claims = parsed.token.claims;
    if (claims.value(QLatin1String("iss")).toString() != context.issuerString())
        return refused(tr("issued by another issuer"));
    if (claims.value(QLatin1String("exp")).toInteger() <= context.now())
        return refused(tr("the access token expired"));
    if (context.store.isAccessTokenRevoked(claims.value(QLatin1String("jti")).toString()))
        return refused(tr("the access token was revoked"));
    SandboxTokenCheck check;
    check.valid = true;
    check.claims = claims;
    return check;
}

} // namespace SandboxTokenValidator
