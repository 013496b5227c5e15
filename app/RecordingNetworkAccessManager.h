#pragma once

#include "HttpExchange.h"
#include "TransportOptions.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <functional>
#include <memory>

class ExchangeGate;
class WireLog;

// A QNetworkAccessManager for code we do not control (QOAuth2AuthorizationCodeFlow): every request it makes
// is recorded in the wire log with its body and the response body (peeked before the caller reads it),
// a hook may amend the request before it leaves (headers, body), and each request gets a deadline and a
// body cap. The outcome of each exchange is announced with exchangeFinished().
class RecordingNetworkAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit RecordingNetworkAccessManager(WireLog *log, QObject *parent = nullptr);

    // Amends an outgoing request: headers, body, the wire-log purpose and secrets to redact.
    struct Outgoing
    {
        QNetworkRequest request;
        QByteArray method;
        QByteArray body;
        QString purpose;
        QStringList secrets;
    };
    using RequestHook = std::function<void(Outgoing &)>;
    void setRequestHook(RequestHook hook) { m_hook = std::move(hook); }
    void setTransportOptions(const TransportOptions &options) { m_options = options; }
    // When set, each request waits at the gate (after the hook amended it); the caller gets a stand-in reply
    // at once. Its deadline starts when the gate lets it go; a refused request is not recorded.
    void setExchangeGate(ExchangeGate *gate);

Q_SIGNALS:
    // transportError is empty when a response arrived (whatever its status).
    void exchangeFinished(const HttpExchange &exchange, const QString &transportError, bool timedOut,
                          bool tooLarge);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    struct Tracking;
    void track(QNetworkReply *reply, const std::shared_ptr<Tracking> &tracking);
    static void startClock(Tracking &tracking);

    WireLog *m_log;
    RequestHook m_hook;
    TransportOptions m_options;
    QPointer<ExchangeGate> m_gate;
};
