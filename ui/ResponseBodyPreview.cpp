#include "ResponseBodyPreview.h"

#include "DisplayFormat.h"
#include "JsonIndenter.h"
#include "LongLines.h"
#include "TextSanitizer.h"

#include <QCoreApplication>

namespace ResponseBodyPreview {

namespace {

bool looksLikeJson(const QByteArray &body, const QByteArray &contentType)
{
    if (contentType.toLower().contains("json"))
        return true;
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

// The first bytes of text, cut before a UTF-8 sequence that would be split.
QByteArray utf8Prefix(const QByteArray &text, qsizetype bytes)
{
    if (bytes >= text.size())
        return text;
    qsizetype end = bytes;
    while (end > 0 && (uchar(text.at(end)) & 0xC0) == 0x80)
        --end;
    return text.left(end);
}

// text without a UTF-8 sequence cut off at its end.
QByteArray withoutPartialTail(QByteArray text)
{
    qsizetype lead = text.size() - 1;
    while (lead > 0 && (uchar(text.at(lead)) & 0xC0) == 0x80)
        --lead;
    if (lead < 0)
        return text;
    const uchar c = uchar(text.at(lead));
    const qsizetype length = c < 0x80 ? 1
        : (c >> 5) == 0x6             ? 2
        : (c >> 4) == 0xE             ? 3
        : (c >> 3) == 0x1E            ? 4
                                      : 1;
    if (lead + length > text.size())
        text.truncate(lead);
    return text;
}

// Cuts text to at most maxChars, at the last line end when there is one in the second half.
QString cutAtLine(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    const qsizetype lineEnd = text.lastIndexOf(QLatin1Char('\n'), maxChars - 1);
    return text.left(lineEnd > maxChars / 2 ? lineEnd + 1 : maxChars);
}

Result formatText(const QByteArray &body, const QByteArray &contentType, qsizetype maxChars,
                  const std::function<bool()> &cancelled)
{
    Result result;
    if (body.isEmpty())
        return result;
    if (body.size() <= DisplayFormat::PrettyPrintLimit) {
        const DisplayFormat::FormattedBody formatted = DisplayFormat::body(body, contentType);
        result.note = formatted.note;
        result.json = formatted.json;
        result.text = maxChars < 0 ? formatted.text : cutAtLine(formatted.text, maxChars);
        result.complete = result.text.size() == formatted.text.size();
        return result;
    }
    if (looksLikeJson(body, contentType)) {
        bool whole = true;
        // One output byte is at most one character; a little extra lets the cut fall on a line end.
        const QByteArray indented
            = JsonIndenter::indent(body, maxChars < 0 ? -1 : maxChars + 1, &whole, cancelled);
        result.text = TextSanitizer::fromServer(whole ? indented : withoutPartialTail(indented), true);
        if (maxChars >= 0 && result.text.size() > maxChars) {
            result.text = cutAtLine(result.text, maxChars);
            whole = false;
        }
        result.complete = whole;
        result.json = true;
        result.note = QCoreApplication::translate("ResponseBodyPreview",
                                                  "Indented without parsing (the body is larger than %1), so "
                                                  "it was not checked for JSON errors.")
                          .arg(DisplayFormat::byteSize(DisplayFormat::PrettyPrintLimit));
        return result;
    }
    const QByteArray shown = maxChars < 0 ? body : utf8Prefix(body, maxChars);
    result.text = TextSanitizer::fromServer(shown, true);
    const bool cut = maxChars >= 0 && result.text.size() > maxChars;
    if (cut)
        result.text = cutAtLine(result.text, maxChars);
    result.complete = shown.size() == body.size() && !cut;
    result.note
        = QCoreApplication::translate("ResponseBodyPreview", "Shown as text: the body is larger than %1.")
              .arg(DisplayFormat::byteSize(DisplayFormat::PrettyPrintLimit));
    return result;
}

} // namespace

Result format(const QByteArray &body, const QByteArray &contentType, qsizetype maxChars,
              const std::function<bool()> &cancelled)
{
    Result result = formatText(body, contentType, maxChars, cancelled);
    bool broken = false;
    result.text = LongLines::breakLongLines(result.text, LongLines::DisplayLimit, 0, &broken);
    if (broken) {
        const QString note
            = QCoreApplication::translate("ResponseBodyPreview",
                                          "Lines longer than %L1 characters are broken for display; "
                                          "“Save body…” and “Copy body” keep the body as received.")
                  .arg(LongLines::DisplayLimit);
        result.note = result.note.isEmpty() ? note : result.note + QLatin1Char(' ') + note;
    }
    return result;
}

} // namespace ResponseBodyPreview
