#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

// Claims (of an introspection response, a token) as readable "name: value" lines: times in UTC with how
// far away they are, lists joined, everything from the server sanitized.
namespace ClaimText {

// "in 9 min 12 s", "3 min ago", "now".
QString relative(qint64 secondsFromNow);
// "2024-05-01 12:00:00 UTC (in 9 min 12 s)".
QString time(qint64 epochSeconds, const QDateTime &now);
// A claim whose number is a time in seconds since the epoch (exp, iat, nbf, auth_time, updated_at).
bool isTimeClaim(const QString &name);
// Strings as they are, numbers and booleans as JSON writes them, lists of strings joined by ", ",
// anything else as compact JSON.
QString value(const QJsonValue &value);
// One line per claim: those named in `first` in that order, then the others alphabetically.
QStringList lines(const QJsonObject &claims, const QStringList &first, const QDateTime &now);

} // namespace ClaimText
