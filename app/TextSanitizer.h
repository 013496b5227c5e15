#pragma once

#include <QByteArray>
#include <QString>

// Text from a server is stripped of control characters (C0, C1, DEL, bidi overrides) before it reaches a
// terminal or a label. Newlines and tabs survive only where allowed.
namespace TextSanitizer {

QString sanitize(const QString &text, bool keepNewlines = false, int maxLength = -1);
QString fromServer(const QByteArray &bytes, bool keepNewlines = false,
                   int maxLength = -1); // UTF-8 decode + sanitize

} // namespace TextSanitizer
