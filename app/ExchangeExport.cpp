#include "ExchangeExport.h"

#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace ExchangeExport {

namespace {
constexpr int VerboseBodyLimit = 64 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("ExchangeExport", text);
}

// POSIX shell single-quoting: everything literal, a quote becomes '\''.
QString shellQuote(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QJsonArray headerArray(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const HttpHeader &header : headers)
        array.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(header.first) },
                                   { QStringLiteral("value"), QString::fromUtf8(header.second) } });
    return array;
}

bool isUtf8Text(const QByteArray &bytes)
{
    const QString decoded = QString::fromUtf8(bytes);
    return !decoded.contains(QChar::ReplacementCharacter) && !bytes.contains('\0');
}

QString statusText(const HttpExchange &exchange)
{
    return QString::fromLatin1(exchange.reason);
}

void appendPrefixedBody(QString &out, const QByteArray &body, QLatin1String prefix)
{
    if (body.isEmpty())
        return;
    out += prefix.left(1) + QLatin1Char('\n');
    const QString text = TextSanitizer::fromServer(body.left(VerboseBodyLimit), true);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        out += prefix + line + QLatin1Char('\n');
    if (body.size() > VerboseBodyLimit)
        out += prefix + tr("[… %1 more bytes not shown]").arg(body.size() - VerboseBodyLimit)
            + QLatin1Char('\n');
}
} // namespace

QString toCurl(const HttpExchange &exchange)
{
    QStringList parts { QStringLiteral("curl") };
    const QString method = QString::fromLatin1(exchange.method);
    if (method == QLatin1String("HEAD"))
        parts << QStringLiteral("--head");
    else if (!(method == QLatin1String("GET") && exchange.requestBody.isEmpty())
             && !(method == QLatin1String("POST") && !exchange.requestBody.isEmpty()))
        parts << QStringLiteral("-X") << shellQuote(method);
    parts << shellQuote(QString::fromUtf8(exchange.url.toEncoded()));
    for (const HttpHeader &header : exchange.requestHeaders) {
        if (header.first.compare("content-length", Qt::CaseInsensitive) == 0)
            continue; // curl computes it
        parts << QStringLiteral("-H")
              << shellQuote(QString::fromLatin1(header.first) + QStringLiteral(": ")
                            + QString::fromUtf8(header.second));
    }
    if (!exchange.requestBody.isEmpty())
        parts << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(exchange.requestBody));
    return parts.join(QStringLiteral(" \\\n  "));
}

QByteArray toHar(const QList<HttpExchange> &exchanges, const QString &creatorVersion)
{
    QJsonArray entries;
    for (const HttpExchange &exchange : exchanges) {
        QJsonArray queryString;
        const QList<QPair<QString, QString>> items = QUrlQuery(exchange.url).queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            queryString.append(QJsonObject { { QStringLiteral("name"), item.first },
                                             { QStringLiteral("value"), item.second } });

        QJsonObject request {
            { QStringLiteral("method"), QString::fromLatin1(exchange.method) },
            { QStringLiteral("url"), QString::fromUtf8(exchange.url.toEncoded()) },
            { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), headerArray(exchange.requestHeaders) },
            { QStringLiteral("queryString"), queryString },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), exchange.requestBody.size() },
        };
        if (!exchange.requestBody.isEmpty()) {
            request.insert(
                QStringLiteral("postData"),
                QJsonObject { { QStringLiteral("mimeType"),
                                QString::fromLatin1(exchange.requestHeader("content-type")) },
                              { QStringLiteral("text"), QString::fromUtf8(exchange.requestBody) } });
        }

        QJsonObject content {
            { QStringLiteral("size"), exchange.responseBody.size() },
            { QStringLiteral("mimeType"), QString::fromLatin1(exchange.responseHeader("content-type")) },
        };
        if (isUtf8Text(exchange.responseBody)) {
            content.insert(QStringLiteral("text"), QString::fromUtf8(exchange.responseBody));
        } else {
            content.insert(QStringLiteral("text"), QString::fromLatin1(exchange.responseBody.toBase64()));
            content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        }
        QString redirectUrl;
        if (exchange.status >= 300 && exchange.status < 400)
            redirectUrl = QString::fromUtf8(exchange.responseHeader("location"));
        QJsonObject response {
            { QStringLiteral("status"), exchange.status },
            { QStringLiteral("statusText"), statusText(exchange) },
            { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), headerArray(exchange.responseHeaders) },
            { QStringLiteral("content"), content },
            { QStringLiteral("redirectURL"), redirectUrl },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), exchange.status == 0 ? -1 : exchange.responseBody.size() },
        };
        if (!exchange.transportError.isEmpty())
            response.insert(QStringLiteral("_error"), exchange.transportError);

        const qint64 duration = qMax<qint64>(0, exchange.durationMs);
        QJsonObject entry {
            { QStringLiteral("startedDateTime"), exchange.started.toUTC().toString(Qt::ISODateWithMs) },
            { QStringLiteral("time"), duration },
            { QStringLiteral("request"), request },
            { QStringLiteral("response"), response },
            { QStringLiteral("cache"), QJsonObject() },
            { QStringLiteral("timings"),
              QJsonObject { { QStringLiteral("send"), 0 },
                            { QStringLiteral("wait"), duration },
                            { QStringLiteral("receive"), 0 } } },
        };
        if (!exchange.purpose.isEmpty())
            entry.insert(QStringLiteral("comment"), exchange.purpose);
        entries.append(entry);
    }
    const QJsonObject log {
        { QStringLiteral("version"), QStringLiteral("1.2") },
        { QStringLiteral("creator"),
          QJsonObject { { QStringLiteral("name"), QStringLiteral("OAuth Debugger") },
                        { QStringLiteral("version"), creatorVersion } } },
        { QStringLiteral("entries"), entries },
    };
    return QJsonDocument(QJsonObject { { QStringLiteral("log"), log } }).toJson(QJsonDocument::Indented);
}

QString toVerboseText(const HttpExchange &exchange)
{
    QString out;
    const QLatin1String requestPrefix("> ");
    const QLatin1String responsePrefix("< ");
    if (!exchange.purpose.isEmpty())
        out += QStringLiteral("* ") + TextSanitizer::sanitize(exchange.purpose) + QLatin1Char('\n');
    QString target = QString::fromUtf8(exchange.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    if (target.isEmpty())
        target = QStringLiteral("/");
    out += requestPrefix + QString::fromLatin1(exchange.method) + QLatin1Char(' ')
        + TextSanitizer::sanitize(target) + QStringLiteral(" HTTP/1.1\n");
    out += requestPrefix + QStringLiteral("Host: ")
        + QString::fromUtf8(exchange.url.toEncoded(QUrl::RemoveScheme | QUrl::RemovePath | QUrl::RemoveQuery
                                                   | QUrl::RemoveFragment | QUrl::RemoveUserInfo))
              .mid(2)
        + QLatin1Char('\n');
    for (const HttpHeader &header : exchange.requestHeaders)
        out += requestPrefix + TextSanitizer::fromServer(header.first) + QStringLiteral(": ")
            + TextSanitizer::fromServer(header.second) + QLatin1Char('\n');
    appendPrefixedBody(out, exchange.requestBody, requestPrefix);

    if (!exchange.transportError.isEmpty() && exchange.status == 0) {
        out += QStringLiteral("* ")
            + tr("No response: %1").arg(TextSanitizer::sanitize(exchange.transportError)) + QLatin1Char('\n');
    } else {
        out += responsePrefix + QStringLiteral("HTTP/1.1 ") + QString::number(exchange.status)
            + QLatin1Char(' ') + TextSanitizer::fromServer(exchange.reason) + QLatin1Char('\n');
        for (const HttpHeader &header : exchange.responseHeaders)
            out += responsePrefix + TextSanitizer::fromServer(header.first) + QStringLiteral(": ")
                + TextSanitizer::fromServer(header.second) + QLatin1Char('\n');
        appendPrefixedBody(out, exchange.responseBody, responsePrefix);
        if (!exchange.transportError.isEmpty())
            out += QStringLiteral("* ") + TextSanitizer::sanitize(exchange.transportError)
                + QLatin1Char('\n');
    }
    out += QStringLiteral("* ")
        + tr("%1 ms, %2 bytes sent, %3 bytes received%4")
              .arg(exchange.durationMs)
              .arg(exchange.bytesSent)
              .arg(exchange.bytesReceived)
              .arg(exchange.insecure ? tr(", certificate NOT verified (insecure)") : QString())
        + QLatin1Char('\n');
    return out;
}

} // namespace ExchangeExport
