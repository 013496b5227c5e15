#include "LongLines.h"

namespace LongLines {

QString breakLongLines(const QString &text, qsizetype maxChars, qsizetype prefixLength, bool *broken)
{
    if (broken)
        *broken = false;
    maxChars = qMax(maxChars, prefixLength + 1);
    // Most texts have no long line: answer them without copying.
    qsizetype lineStart = 0;
    bool any = false;
    while (lineStart <= text.size()) {
        qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), lineStart);
        if (lineEnd < 0)
            lineEnd = text.size();
        if (lineEnd - lineStart > maxChars) {
            any = true;
            break;
        }
        lineStart = lineEnd + 1;
    }
    if (!any)
        return text;

    QString out;
    out.reserve(text.size() + text.size() / maxChars * (prefixLength + 1) + 16);
    lineStart = 0;
    while (lineStart <= text.size()) {
        qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), lineStart);
        const bool last = lineEnd < 0;
        if (last)
            lineEnd = text.size();
        const QStringView line = QStringView(text).mid(lineStart, lineEnd - lineStart);
        const QStringView prefix = line.left(qMin(prefixLength, line.size()));
        out += line.left(qMin(maxChars, line.size()));
        for (qsizetype position = maxChars; position < line.size(); position += maxChars - prefix.size()) {
            out += QLatin1Char('\n');
            out += prefix;
            out += line.mid(position, maxChars - prefix.size());
        }
        if (!last)
            out += QLatin1Char('\n');
        lineStart = lineEnd + 1;
    }
    if (broken)
        *broken = true;
    return out;
}

} // namespace LongLines
