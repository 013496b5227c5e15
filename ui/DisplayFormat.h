#pragma once

#include <QByteArray>
#include <QFont>
#include <QString>
#include <optional>

// Presentation helpers shared by the panels: durations, sizes, response bodies, fonts.
namespace DisplayFormat {

// Bodies larger than this are shown as raw text without pretty-printing, to keep the UI responsive.
constexpr qint64 PrettyPrintLimit = 2 * 1024 * 1024;

// "42 s", "4 min 12 s", "2 h 5 min", "3 d 4 h".
QString duration(qint64 seconds);
// "Expires in 4 min 12 s", "Expired 10 s ago", "No expiry given by the server".
QString countdown(std::optional<qint64> secondsLeft);
// "512 bytes", "1.5 KB", "2.0 MB".
QString byteSize(qint64 bytes);

struct FormattedBody
{
    QString text;
    QString note; // why the body is shown the way it is, empty when nothing to say
    bool json = false;
};
// JSON bodies indented, other bodies as sanitized text; bodies over PrettyPrintLimit as raw text.
FormattedBody body(const QByteArray &body, const QByteArray &contentType);

QFont monospaceFont();

// The engine's one-line messages start in lower case ("signature valid: ..."); a label starts a sentence.
QString sentence(const QString &text);

} // namespace DisplayFormat
