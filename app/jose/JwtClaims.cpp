#include "JwtClaims.h"

#include "JoseText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <cmath>

namespace {
constexpr double LatestNumericDate = 253402300799.0; // 9999-12-31T23:59:59Z

QString tr(const char *text)
{
    return QCoreApplication::translate("JwtClaims", text);
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("a boolean");
    case QJsonValue::Double:
        return tr("a number");
    case QJsonValue::String:
        return tr("a string");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("absent");
}
} // namespace

QDateTime NumericDateClaim::toDateTime() const
{
    return valid ? QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC) : QDateTime();
}

JwtClaims::JwtClaims(const QJsonObject &claims)
    : m_claims(claims)
{
}

NumericDateClaim JwtClaims::numericDate(const QString &name) const
{
    NumericDateClaim claim;
    claim.name = name;
    const QJsonValue value = m_claims.value(name);
    claim.present = !value.isUndefined();
    if (!claim.present)
        return claim;
    if (value.isString()) {
        bool isNumber = false;
        value.toString().toDouble(&isNumber);
        claim.error = isNumber
            ? tr("%1 is the string %2; a NumericDate must be a JSON number, not a quoted one")
                  .arg(name, JoseText::quoted(value.toString()))
            : tr("%1 is the string %2, not a NumericDate (seconds since 1970 as a JSON number)")
                  .arg(name, JoseText::quoted(value.toString()));
        return claim;
    }
    if (!value.isDouble()) {
        claim.error = tr("%1 is %2, not a NumericDate (a JSON number)").arg(name, jsonTypeName(value));
        return claim;
    }
    claim.seconds = value.toDouble();
    if (!std::isfinite(claim.seconds) || claim.seconds < 0) {
        claim.error = tr("%1 is negative (%2); a NumericDate counts seconds since 1970")
                          .arg(name)
                          .arg(claim.seconds, 0, 'g', 17);
        return claim;
    }
    if (claim.seconds > LatestNumericDate) {
        claim.error = tr("%1 (%2) is after the year 9999; milliseconds instead of seconds?")
                          .arg(name)
                          .arg(claim.seconds, 0, 'g', 17);
        return claim;
    }
    claim.valid = true;
    claim.msecsSinceEpoch = static_cast<qint64>(std::llround(claim.seconds * 1000.0));
    return claim;
}

StringClaim JwtClaims::string(const QString &name) const
{
    StringClaim claim;
    claim.name = name;
    const QJsonValue value = m_claims.value(name);
    claim.present = !value.isUndefined();
    if (!claim.present)
        return claim;
    if (!value.isString()) {
        claim.error = tr("%1 is %2, not a string").arg(name, jsonTypeName(value));
        return claim;
    }
    claim.valid = true;
    claim.value = value.toString();
    return claim;
}

AudienceClaim JwtClaims::audience() const
{
    AudienceClaim claim;
    const QJsonValue value = m_claims.value(QLatin1String("aud"));
    claim.present = !value.isUndefined();
    if (!claim.present)
        return claim;
    if (value.isString()) {
        claim.valid = true;
        claim.values << value.toString();
        return claim;
    }
    if (!value.isArray()) {
        claim.error = tr("aud is %1, not a string or an array of strings").arg(jsonTypeName(value));
        return claim;
    }
    claim.isArray = true;
    const QJsonArray entries = value.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isString()) {
            claim.error = tr("aud[%1] is %2, not a string").arg(i).arg(jsonTypeName(entries.at(i)));
            claim.values.clear();
            return claim;
        }
        claim.values << entries.at(i).toString();
    }
    claim.valid = true;
    return claim;
}

QStringList JwtClaims::scopes() const
{
    return scope().value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList JwtClaims::problems() const
{
    QStringList result;
    for (const NumericDateClaim &claim : { expiresAt(), notBefore(), issuedAt(), authTime() }) {
        if (claim.present && !claim.valid)
            result << claim.error;
    }
    for (const StringClaim &claim :
         { issuer(), subject(), authorizedParty(), nonce(), jwtId(), scope(), clientId() }) {
        if (claim.present && !claim.valid)
            result << claim.error;
    }
    const AudienceClaim aud = audience();
    if (aud.present && !aud.valid)
        result << aud.error;
    return result;
}

bool JwtClaims::isExpired(const QDateTime &now, qint64 skewSeconds) const
{
    const NumericDateClaim exp = expiresAt();
    if (!exp.present)
        return false;
    if (!exp.valid)
        return true;
    return now.toMSecsSinceEpoch() >= exp.msecsSinceEpoch + skewSeconds * 1000;
}

bool JwtClaims::isNotYetValid(const QDateTime &now, qint64 skewSeconds) const
{
    const NumericDateClaim nbf = notBefore();
    if (!nbf.present)
        return false;
    if (!nbf.valid)
        return true;
    return now.toMSecsSinceEpoch() < nbf.msecsSinceEpoch - skewSeconds * 1000;
}

std::optional<qint64> JwtClaims::secondsUntilExpiry(const QDateTime &now) const
{
    const NumericDateClaim exp = expiresAt();
    if (!exp.valid)
        return std::nullopt;
    return (exp.msecsSinceEpoch - now.toMSecsSinceEpoch()) / 1000;
}

QString JwtClaims::expiryText(const QDateTime &now) const
{
    const NumericDateClaim exp = expiresAt();
    if (!exp.present)
        return tr("no exp claim: the token does not expire by itself");
    if (!exp.valid)
        return exp.error;
    const qint64 remainingMs = exp.msecsSinceEpoch - now.toMSecsSinceEpoch();
    if (remainingMs > 0) {
        if (remainingMs < 1000)
            return tr("expires in less than a second");
        return tr("expires in %1").arg(JoseText::duration(remainingMs / 1000));
    }
    if (-remainingMs < 1000)
        return tr("expired just now");
    return tr("expired %1 ago").arg(JoseText::duration(-remainingMs / 1000));
}
