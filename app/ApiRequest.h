#pragma once

#include "FlowResult.h"
#include "HttpClient.h"
#include "WwwAuthenticate.h"

#include <QObject>

struct ApiRequestSpec
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers; // sent as given, after Authorization
    QByteArray body;
    QString bearerToken; // sent as "Authorization: Bearer <token>" unless empty
    TransportOptions transport;
};

struct ApiResponse
{
    FlowStatus status = FlowStatus::TransportError; // Success for 2xx, ServerError for other statuses
    int httpStatus = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body;
    bool truncated = false;
    qint64 durationMs = 0;
    BearerChallenge challenge;
    QString message; // for failures: transport error or "HTTP 401 Unauthorized"
    bool insecure = false;
    QList<int> exchangeIds;
};

// Sends any HTTP request with the bearer token attached (RFC 6750 §2.1).
class ApiRequest final : public QObject
{
    Q_OBJECT
public:
    explicit ApiRequest(HttpClient *http, QObject *parent = nullptr);

    // Emits finished() exactly once per call, asynchronously.
    void send(const ApiRequestSpec &spec);

    // Parses "Name: value" lines; returns false with an error naming the bad line.
    static bool parseHeaderLine(const QString &line, HttpHeader *header, QString *error);

Q_SIGNALS:
    void finished(const ApiResponse &response);

private:
    HttpClient *m_http;
};
