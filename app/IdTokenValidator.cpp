#include "IdTokenValidator.h"

#include "Jwt.h"
#include "JwtClaims.h"

#include <QCoreApplication>

namespace IdTokenValidator {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("IdTokenValidator", text);
}

Finding error(const char *id, const QString &message, const char *reference)
{
    return Finding { Finding::Severity::Error, QLatin1String(id), message, QString::fromUtf8(reference) };
}
} // namespace

Findings validate(const Jwt &idToken, const IdTokenExpectations &expected, const QDateTime &now,
                  qint64 skewSeconds)
{
    Findings findings;
    if (!idToken.isJws()) {
        findings.append(error("idtoken.not-signed", tr("The ID token is not a signed JWT."), "OIDC Core §2"));
        return findings;
    }
    const JwtClaims claims(idToken.claims);
    const StringClaim iss = claims.issuer();
    if (!iss.valid || iss.value != expected.issuer)
        findings.append(error(
            "idtoken.iss-mismatch",
            iss.present
                ? tr("The ID token's iss \"%1\" is not the issuer \"%2\".").arg(iss.value, expected.issuer)
                : tr("The ID token has no iss."),
            "OIDC Core §3.1.3.7 (2)"));
    if (!claims.subject().valid)
        findings.append(error("idtoken.sub-missing", tr("The ID token has no sub."), "OIDC Core §2"));
    const AudienceClaim aud = claims.audience();
    if (!aud.contains(expected.clientId))
        findings.append(error("idtoken.aud-mismatch",
                              aud.present
                                  ? tr("The ID token's aud (%1) does not contain the client ID \"%2\".")
                                        .arg(aud.values.join(QStringLiteral(", ")), expected.clientId)
                                  : tr("The ID token has no aud."),
                              "OIDC Core §3.1.3.7 (3)"));
    const StringClaim azp = claims.authorizedParty();
    if (aud.valid && aud.values.size() > 1 && !azp.present)
        findings.append(Finding { Finding::Severity::Warning, QStringLiteral("idtoken.azp-missing"),
                                  tr("The ID token has several audiences but no azp."),
                                  QStringLiteral("OIDC Core §3.1.3.7 (4)") });
    if (azp.present && azp.value != expected.clientId)
        findings.append(error(
            "idtoken.azp-mismatch",
            tr("The ID token's azp \"%1\" is not the client ID \"%2\".").arg(azp.value, expected.clientId),
            "OIDC Core §3.1.3.7 (5)"));
    if (!claims.expiresAt().present)
        findings.append(error("idtoken.exp-missing", tr("The ID token has no exp."), "OIDC Core §2"));
    if (!claims.issuedAt().valid)
        findings.append(error("idtoken.iat-missing", tr("The ID token has no valid iat."),
                              "OIDC Core §2, §3.1.3.7 (10)"));
    if (!expected.nonce.isEmpty()) {
        const StringClaim nonce = claims.nonce();
        if (!nonce.present)
            findings.append(error("idtoken.nonce-missing",
                                  tr("A nonce was sent, but the ID token carries none: it may be replayed."),
                                  "OIDC Core §3.1.3.7 (11)"));
        else if (nonce.value != expected.nonce)
            findings.append(
                error("idtoken.nonce-mismatch",
                      tr("The ID token's nonce does not match the one sent: it may be replayed or "
                         "injected."),
                      "OIDC Core §3.1.3.7 (11)"));
    }
    if (expected.maxAgeSeconds) {
        const NumericDateClaim authTime = claims.authTime();
        if (!authTime.valid)
            findings.append(error("idtoken.auth-time-missing",
                                  tr("max_age was requested, but the ID token has no auth_time."),
                                  "OIDC Core §3.1.3.7 (13)"));
        else if (now.isValid()
                 && authTime.msecsSinceEpoch / 1000 + *expected.maxAgeSeconds + skewSeconds
                     < now.toSecsSinceEpoch())
            findings.append(error(
                "idtoken.auth-too-old",
                tr("The user signed in longer ago than max_age (%1 s) allows.").arg(*expected.maxAgeSeconds),
                "OIDC Core §3.1.3.7 (13)"));
    }
    return findings;
}

} // namespace IdTokenValidator
