#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

// What the Request tab shows of a response body. Bodies up to DisplayFormat::PrettyPrintLimit are formatted
// as DisplayFormat::body() does (JSON parsed, checked and indented); larger JSON is indented by JsonIndenter
// without being parsed, anything else shown as sanitized text. The text can be cut to a preview of at most
// maxChars characters (at a line end where there is one), so a 50 MB body costs the GUI a screenful.
// Pure functions of their input: safe to call from a worker thread.
namespace ResponseBodyPreview {

// The preview the Request tab shows first.
constexpr qsizetype PreviewChars = 64 * 1024;

struct Result
{
    QString text;
    QString note; // how the body is shown (not parsed, not valid JSON, raw text), empty when nothing to say
    bool json = false;
    bool complete = true; // false when text is a preview of a longer formatted body
};

// maxChars < 0: the whole formatted body.
Result format(const QByteArray &body, const QByteArray &contentType, qsizetype maxChars,
              const std::function<bool()> &cancelled = {});

} // namespace ResponseBodyPreview
