#include "DisplayFormat.h"

#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLocale>

namespace {

bool looksLikeJson(const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    if (type.contains("json"))
        return true;
    const QByteArray trimmed = body.trimmed();
    return trimmed.startsWith('{') || trimmed.startsWith('[');
}

} // namespace

namespace DisplayFormat {

QString duration(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < 60)
        return QCoreApplication::translate("DisplayFormat", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("DisplayFormat", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60);
    if (seconds < 86400)
        return QCoreApplication::translate("DisplayFormat", "%1 h %2 min")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60);
    return QCoreApplication::translate("DisplayFormat", "%1 d %2 h")
        .arg(seconds / 86400)
        .arg((seconds % 86400) / 3600);
}

QString countdown(std::optional<qint64> secondsLeft)
{
    if (!secondsLeft)
        return QCoreApplication::translate("DisplayFormat",
                                           "No expiry given by the server (expires_in absent)");
    if (*secondsLeft > 0)
        return QCoreApplication::translate("DisplayFormat", "Expires in %1").arg(duration(*secondsLeft));
    if (*secondsLeft == 0)
        return QCoreApplication::translate("DisplayFormat", "Expires now");
    return QCoreApplication::translate("DisplayFormat", "Expired %1 ago").arg(duration(*secondsLeft));
}

QString byteSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

FormattedBody body(const QByteArray &body, const QByteArray &contentType)
{
    FormattedBody result;
    if (body.isEmpty())
        return result;
    if (body.size() > PrettyPrintLimit) {
        result.text = TextSanitizer::fromServer(body, true);
        result.note
            = QCoreApplication::translate("DisplayFormat", "Shown as raw text: the body is larger than %1.")
                  .arg(byteSize(PrettyPrintLimit));
        return result;
    }
    if (looksLikeJson(body, contentType)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError && !document.isNull()) {
            result.text
                = TextSanitizer::sanitize(QString::fromUtf8(document.toJson(QJsonDocument::Indented)), true);
            result.json = true;
            return result;
        }
        result.note = QCoreApplication::translate(
                          "DisplayFormat", "The body is not valid JSON (%1 at offset %2): shown as text.")
                          .arg(error.errorString())
                          .arg(error.offset);
    }
    result.text = TextSanitizer::fromServer(body, true);
    return result;
}

QFont monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

QString sentence(const QString &text)
{
    if (text.isEmpty() || !text.at(0).isLower())
        return text;
    return text.at(0).toUpper() + text.mid(1);
}

} // namespace DisplayFormat
