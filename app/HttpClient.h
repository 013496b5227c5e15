#pragma once

#include "HttpExchange.h"
#include "TransportOptions.h"

#include <QObject>
#include <QPointer>
#include <functional>

class ExchangeGate;
class QNetworkAccessManager;
class WireLog;

struct HttpRequestSpec
{
    QString purpose;
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    // The body holds credentials (client_secret, code_verifier...): never resend it to another origin.
    bool bodyCarriesCredentials = false;
    QStringList secrets; // values to redact wherever they appear in the recorded exchange
};

enum class TransportError {
    None,
    Network, // DNS, refused, reset, protocol error
    Tls, // handshake or certificate failure
    Timeout, // the whole-exchange deadline passed
    TooLarge, // response body over the cap
    RedirectRefused, // redirect loop, too many redirects, or credentials would cross origins
    Configuration, // e.g. unreadable CA file, unsupported URL scheme
};

struct HttpResult
{
    TransportError error = TransportError::None;
    QString errorMessage; // specific, human-readable
    HttpExchange exchange; // the final exchange (after redirects)
    QList<int> exchangeIds; // every exchange recorded for this request, redirects included

    bool ok() const { return error == TransportError::None; }
};

// Sends HTTP requests with a deadline, a body cap, TLS options and origin-aware redirects,
// and records every exchange in the wire log.
class HttpClient final : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(WireLog *log, QObject *parent = nullptr);
    ~HttpClient() override;

    void setNetworkAccessManager(QNetworkAccessManager *manager);
    QNetworkAccessManager *networkAccessManager() const { return m_manager; }
    WireLog *wireLog() const { return m_log; }
    // When set, every request waits at the gate before it goes out (step-through teaching); its deadline
    // starts when the gate lets it go. Redirects of a released request follow without waiting again.
    void setExchangeGate(ExchangeGate *gate);
    ExchangeGate *exchangeGate() const;

    using Callback = std::function<void(const HttpResult &)>;
    // The callback runs exactly once, from the event loop, unless the client is destroyed first.
    void send(const HttpRequestSpec &request, const TransportOptions &options, Callback done);

    static QString errorName(TransportError error);

private:
    class Exchange;
    WireLog *m_log;
    QNetworkAccessManager *m_manager;
    QPointer<ExchangeGate> m_gate;
};
