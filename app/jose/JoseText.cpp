#include "JoseText.h"

#include <QCoreApplication>

namespace JoseText {

namespace {
constexpr int MaximumQuotedLength = 80;

QString tr(const char *text)
{
    return QCoreApplication::translate("JoseText", text);
}

bool isUnsafe(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x200e && c <= 0x200f)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString twoUnits(qint64 major, const char *majorUnit, qint64 minor, const char *minorUnit)
{
    if (minor == 0)
        return tr("%1 %2").arg(major).arg(tr(majorUnit));
    return tr("%1 %2 %3 %4").arg(major).arg(tr(majorUnit)).arg(minor).arg(tr(minorUnit));
}
} // namespace

QString quoted(const QString &untrusted)
{
    QString text;
    text.reserve(qMin(untrusted.size(), MaximumQuotedLength) + 3);
    for (const QChar c : untrusted) {
        if (text.size() >= MaximumQuotedLength) {
            text += QChar(0x2026); // …
            break;
        }
        text += isUnsafe(c.unicode()) ? QChar(0xfffd) : c;
    }
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString duration(qint64 seconds)
{
    constexpr qint64 Minute = 60;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    seconds = qAbs(seconds);
    if (seconds >= Day)
        return twoUnits(seconds / Day, QT_TRANSLATE_NOOP("JoseText", "d"), (seconds % Day) / Hour,
                        QT_TRANSLATE_NOOP("JoseText", "h"));
    if (seconds >= Hour)
        return twoUnits(seconds / Hour, QT_TRANSLATE_NOOP("JoseText", "h"), (seconds % Hour) / Minute,
                        QT_TRANSLATE_NOOP("JoseText", "min"));
    if (seconds >= Minute)
        return twoUnits(seconds / Minute, QT_TRANSLATE_NOOP("JoseText", "min"), seconds % Minute,
                        QT_TRANSLATE_NOOP("JoseText", "s"));
    return tr("%1 s").arg(seconds);
}

} // namespace JoseText
