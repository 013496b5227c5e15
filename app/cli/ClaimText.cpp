#include "ClaimText.h"

#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ClaimText", text);
}

QString duration(qint64 seconds)
{
    constexpr qint64 Minute = 60;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    const auto pair = [](qint64 big, const QString &bigUnit, qint64 small, const QString &smallUnit) {
        return small == 0 ? QStringLiteral("%1 %2").arg(big).arg(bigUnit)
                          : QStringLiteral("%1 %2 %3 %4").arg(big).arg(bigUnit).arg(small).arg(smallUnit);
    };
    if (seconds < Minute)
        return QStringLiteral("%1 %2").arg(seconds).arg(tr("s"));
    if (seconds < Hour)
        return pair(seconds / Minute, tr("min"), seconds % Minute, tr("s"));
    if (seconds < Day)
        return pair(seconds / Hour, tr("h"), seconds % Hour / Minute, tr("min"));
    return pair(seconds / Day, tr("d"), seconds % Day / Hour, tr("h"));
}
} // namespace

namespace ClaimText {

QString relative(qint64 secondsFromNow)
{
    if (secondsFromNow == 0)
        return tr("now");
    if (secondsFromNow > 0)
        return tr("in %1").arg(duration(secondsFromNow));
    return tr("%1 ago").arg(duration(-secondsFromNow));
}

QString time(qint64 epochSeconds, const QDateTime &now)
{
    const QDateTime at = QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC);
    return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC (")
        + relative(epochSeconds - now.toSecsSinceEpoch()) + QLatin1Char(')');
}

bool isTimeClaim(const QString &name)
{
    static const QStringList names { QStringLiteral("exp"), QStringLiteral("iat"), QStringLiteral("nbf"),
                                     QStringLiteral("auth_time"), QStringLiteral("updated_at") };
    return names.contains(name);
}

QString value(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return TextSanitizer::sanitize(value.toString());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QStringList items;
        for (const QJsonValue &item : array) {
            if (!item.isString())
                break;
            items.append(item.toString());
        }
        if (items.size() == array.size())
            return TextSanitizer::sanitize(items.join(QStringLiteral(", ")));
        return TextSanitizer::sanitize(
            QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
    }
    case QJsonValue::Object:
        return TextSanitizer::sanitize(
            QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // As JSON writes it: whole numbers without a fraction or an exponent.
        const QJsonArray wrapped { value };
        const QByteArray json = QJsonDocument(wrapped).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QStringList lines(const QJsonObject &claims, const QStringList &first, const QDateTime &now)
{
    QStringList names;
    for (const QString &name : first) {
        if (claims.contains(name))
            names.append(name);
    }
    const QStringList keys = claims.keys(); // sorted
    for (const QString &name : keys) {
        if (!first.contains(name))
            names.append(name);
    }
    QStringList result;
    for (const QString &name : std::as_const(names)) {
        const QJsonValue claim = claims.value(name);
        const bool asTime = isTimeClaim(name) && claim.isDouble() && std::isfinite(claim.toDouble())
            && std::abs(claim.toDouble()) < 1e14;
        const QString text
            = asTime ? time(static_cast<qint64>(std::floor(claim.toDouble())), now) : value(claim);
        result.append(TextSanitizer::sanitize(name) + QStringLiteral(": ") + text);
    }
    return result;
}

} // namespace ClaimText
