#include "RecordingNetworkAccessManager.h"

#include "ExchangeGate.h"
#include "GatedNetworkReply.h"
#include "WireLog.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

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

// What one exchange needs from request to recording.
struct RecordingNetworkAccessManager::Tracking
{
    HttpExchange record;
    QElapsedTimer clock;
    QTimer *deadline = nullptr;
    int reason = 0; // 1 timeout, 2 too large
    bool sent = true; // false while a gate holds the request, and forever if it is refused
    TransportOptions options;
};

void RecordingNetworkAccessManager::setExchangeGate(ExchangeGate *gate)
{
    m_gate = gate;
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
    const bool hasBody = outgoingData || !outgoing.body.isEmpty();
    if (hasBody)
        request.setHeader(QNetworkRequest::ContentLengthHeader, outgoing.body.size());
    const Operation sent = outgoing.method == "POST" ? PostOperation : op;
    if (sent == CustomOperation)
        request.setAttribute(QNetworkRequest::CustomVerbAttribute, outgoing.method);

    auto tracking = std::make_shared<Tracking>();
    HttpExchange &record = tracking->record;
    record.purpose = outgoing.purpose;
    record.method = outgoing.method;
    record.url = request.url();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names)
        record.requestHeaders.append(HttpHeader(name, request.rawHeader(name)));
    record.requestBody = outgoing.body;
    record.secrets = outgoing.secrets;
    record.bytesSent = outgoing.body.size();
    tracking->options = m_options;

    const QByteArray body = outgoing.body;
    const auto sendNow = [this, request, sent, body, hasBody]() -> QNetworkReply * {
        auto *buffer = new QBuffer(this);
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
        QNetworkReply *reply
            = QNetworkAccessManager::createRequest(sent, request, hasBody ? buffer : nullptr);
        buffer->setParent(reply);
        return reply;
    };

    if (!m_gate) {
        QNetworkReply *reply = sendNow();
        startClock(*tracking);
        track(reply, tracking);
        tracking->deadline->start(qMax(1, tracking->options.timeoutMs));
        return reply;
    }

    auto *standIn = new GatedNetworkReply(request, sent, this);
    tracking->sent = false;
    track(standIn, tracking); // before the caller connects: the recording runs first and may peek
    m_gate->hold(
        record, standIn,
        [standIn, tracking, sendNow] {
            tracking->sent = true;
            startClock(*tracking);
            standIn->attach(sendNow());
            tracking->deadline->start(qMax(1, tracking->options.timeoutMs));
        },
        [standIn](const QString &reason) { standIn->refuse(reason); });
    return standIn;
}

void RecordingNetworkAccessManager::startClock(Tracking &tracking)
{
    tracking.record.started = QDateTime::currentDateTimeUtc();
    tracking.clock.start();
}

void RecordingNetworkAccessManager::track(QNetworkReply *reply, const std::shared_ptr<Tracking> &tracking)
{
    Tracking *t = tracking.get();
    t->deadline = new QTimer(reply);
    t->deadline->setSingleShot(true);
    connect(t->deadline, &QTimer::timeout, reply, [reply, t] {
        t->reason = 1;
        reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, t](qint64 received, qint64 total) {
        if (t->reason == 0
            && (received > t->options.maxResponseBytes || total > t->options.maxResponseBytes)) {
            t->reason = 2;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, t](const QList<QSslError> &) {
        if (t->options.insecure) {
            t->record.insecure = true;
            reply->ignoreSslErrors();
        }
    });
    // Connected before the caller can connect: this runs first and may still peek at the whole body.
    connect(reply, &QNetworkReply::finished, this, [this, reply, tracking] {
        Tracking &state = *tracking;
        HttpExchange &record = state.record;
        state.deadline->stop();
        record.durationMs = state.sent ? state.clock.elapsed() : 0;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        record.status = state.reason == 0 ? status.toInt() : 0;
        record.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        record.responseHeaders = reply->rawHeaderPairs();
        record.responseBody
            = reply->peek(qMin<qint64>(reply->bytesAvailable(), state.options.maxResponseBytes));
        record.responseTruncated = state.reason == 2;
        record.bytesReceived = record.responseBody.size();
        QString error;
        if (state.reason == 1)
            error = tr("No complete response within %1 s.").arg(state.options.timeoutMs / 1000.0, 0, 'g', 3);
        else if (state.reason == 2)
            error = tr("The response body exceeds the %1-byte limit; the transfer was stopped.")
                        .arg(state.options.maxResponseBytes);
        else if (!status.isValid())
            error = reply->errorString();
        record.transportError = error;
        // A request a gate refused never crossed the wire: it has no place in the wire log.
        if (m_log && state.sent)
            record.id = m_log->append(record);
        Q_EMIT exchangeFinished(record, error, state.reason == 1, state.reason == 2);
    });
}
