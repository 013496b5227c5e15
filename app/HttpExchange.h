#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

using HttpHeader = QPair<QByteArray, QByteArray>;
using HttpHeaders = QList<HttpHeader>;

// One HTTP request and its response (or its transport failure), exactly as they crossed the wire.
// Values are raw (unredacted); Redaction produces the copy shown or exported.
struct HttpExchange
{
    int id = 0; // assigned by WireLog::append, increasing from 1
    QString purpose; // e.g. "Token request (client credentials)", "API request"
    QByteArray method;
    QUrl url;
    HttpHeaders requestHeaders;
    QByteArray requestBody;

    int status = 0; // 0 when no response arrived
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray responseBody;
    bool responseTruncated = false; // body exceeded the size cap and was cut

    QDateTime started; // UTC
    qint64 durationMs = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;

    QString transportError; // empty when a response was received
    bool insecure = false; // certificate errors were ignored on the profile's explicit opt-in
    QStringList secrets; // values that must never be shown unredacted (client secret, tokens)

    QByteArray requestHeader(const QByteArray &name) const;
    QByteArray responseHeader(const QByteArray &name) const;
};

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name);
