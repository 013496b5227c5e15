#include "TextSanitizer.h"

#include <QList>

namespace TextSanitizer {

static bool isUnsafe(char32_t c, bool keepNewlines)
{
    if (c == U'\n')
        return !keepNewlines;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
        return true;
    // Bidirectional overrides and isolates can make text read differently from what it is.
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F)
        return true;
    return false;
}

QString sanitize(const QString &text, bool keepNewlines, int maxLength)
{
    QString out;
    out.reserve(text.size());
    const QList<uint> codePoints = text.toUcs4();
    int written = 0;
    for (const uint cp : codePoints) {
        const auto c = static_cast<char32_t>(cp);
        if (maxLength >= 0 && written >= maxLength) {
            // The ellipsis counts: the result is at most maxLength characters.
            if (maxLength > 0)
                out.chop(out.back().isLowSurrogate() ? 2 : 1);
            out += QChar(0x2026); // …
            break;
        }
        if (c == U'\t') {
            out += QLatin1Char(' ');
        } else if (c == U'\r') {
            continue; // CRLF becomes LF; a lone CR would let a server overwrite the line on a terminal
        } else if (isUnsafe(c, keepNewlines)) {
            if (c != U'\n')
                continue;
            out += QLatin1Char(' '); // a flattened newline counts against maxLength like any character
        } else {
            out += QString::fromUcs4(&c, 1);
        }
        ++written;
    }
    return out;
}

QString fromServer(const QByteArray &bytes, bool keepNewlines, int maxLength)
{
    return sanitize(QString::fromUtf8(bytes), keepNewlines, maxLength);
}

} // namespace TextSanitizer
