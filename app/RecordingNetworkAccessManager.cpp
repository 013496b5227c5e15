#include "RecordingNetworkAccessManager.h"

#include "WireLog.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>
#include <memory>

RecordingNetworkAccessManager::RecordingNetworkAccessManager(WireLog *log, QObject *parent)
    : QNetworkAccessManager(parent)
    , m_log(log)
{
}

static QByteArray methodOf(QNetworkAccessManager::Operation op, const QNetworkRequest &request)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation:
        return "HEAD";
    case QNetworkAccessManager::GetOperation:
        return "GET";
    case QNetworkAccessManager::PutOperation:
        return "PUT";
    case QNetworkAccessManager::PostOperation:
        return "POST";
    case QNetworkAccessManager::DeleteOperation:
        return "DELETE";
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return "GET";
}

QNetworkReply *RecordingNetworkAccessManager::createRequest(Operation op,
                                                            const QNetworkRequest &originalRequest,
                                                            QIODevice *outgoingData)
{
    Outgoing outgoing;
    outgoing.request = originalRequest;
    outgoing.method = methodOf(op, originalRequest);
    if (outgoingData) {
        outgoing.body = outgoingData->readAll();
    }
    if (m_hook)
        m_hook(outgoing);

    QNetworkRequest request = outgoing.request;
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!outgoing.body.isEmpty() || outgoingData)
        request.setHeader(QNetworkRequest::ContentLengthHeader, outgoing.body.size());
    auto *body = new QBuffer(this);
    body->setData(outgoing.body);
    body->open(QIODevice::ReadOnly);
    const Operation sent = outgoing.method == "POST" ? PostOperation : op;
    if (sent == CustomOperation)
        request.setAttribute(QNetworkRequest::CustomVerbAttribute, outgoing.method);
    QNetworkReply *reply = QNetworkAccessManager::createRequest(
        sent, request, outgoingData || !outgoing.body.isEmpty() ? body : nullptr);
    body->setParent(reply);

    auto record = std::make_shared<HttpExchange>();
    record->purpose = outgoing.purpose;
    record->method = outgoing.method;
    record->url = request.url();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names)
        record->requestHeaders.append(HttpHeader(name, request.rawHeader(name)));
    record->requestBody = outgoing.body;
    record->secrets = outgoing.secrets;
    record->started = QDateTime::currentDateTimeUtc();
    record->bytesSent = outgoing.body.size();
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto reason = std::make_shared<int>(0); // 1 timeout, 2 too large
    const TransportOptions options = m_options;

    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, reason] {
        *reason = 1;
        reply->abort();
    });
    deadline->start(qMax(1, options.timeoutMs));
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, reason, options](qint64 received, qint64 total) {
                if (*reason == 0
                    && (received > options.maxResponseBytes || total > options.maxResponseBytes)) {
                    *reason = 2;
                    reply->abort();
                }
            });
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, record, options](const QList<QSslError> &) {
        if (options.insecure) {
            record->insecure = true;
            reply->ignoreSslErrors();
        }
    });
    // Connected before the caller can connect: this runs first and may still peek at the whole body.
    connect(reply, &QNetworkReply::finished, this, [this, reply, record, clock, reason, deadline, options] {
        deadline->stop();
        record->durationMs = clock->elapsed();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        record->status = *reason == 0 ? status.toInt() : 0;
        record->reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        record->responseHeaders = reply->rawHeaderPairs();
        record->responseBody = reply->peek(qMin<qint64>(reply->bytesAvailable(), options.maxResponseBytes));
        record->responseTruncated = *reason == 2;
        record->bytesReceived = record->responseBody.size();
        QString error;
        if (*reason == 1)
            error = tr("No complete response within %1 s.").arg(options.timeoutMs / 1000.0, 0, 'g', 3);
        else if (*reason == 2)
            error = tr("The response body exceeds the %1-byte limit; the transfer was stopped.")
                        .arg(options.maxResponseBytes);
        else if (!status.isValid())
            error = reply->errorString();
        record->transportError = error;
        if (m_log)
            record->id = m_log->append(*record);
        Q_EMIT exchangeFinished(*record, error, *reason == 1, *reason == 2);
    });
    return reply;
}
