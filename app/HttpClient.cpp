#include "HttpClient.h"

#include "ExchangeGate.h"
#include "WireLog.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <optional>

Q_LOGGING_CATEGORY(lcHttp, "oauthdebugger.http")

namespace {
constexpr qint64 ReadBufferBytes = 1024 * 1024;

bool isHttpScheme(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
        == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

bool isCredentialHeader(const QByteArray &name)
{
    static const QList<QByteArray> names { "authorization", "proxy-authorization", "cookie", "dpop" };
    return names.contains(name.toLower());
}

QString formatBytes(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return HttpClient::tr("%1 MiB").arg(bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0)
        return HttpClient::tr("%1 KiB").arg(bytes / 1024);
    return HttpClient::tr("%1 bytes").arg(bytes);
}
} // namespace

// One logical request: the exchanges of its redirect chain, one deadline, one callback.
class HttpClient::Exchange final : public QObject
{
public:
    Exchange(HttpClient *client, const HttpRequestSpec &spec, const TransportOptions &options, Callback done)
        : QObject(client)
        , m_client(client)
        , m_spec(spec)
        , m_options(options)
        , m_done(std::move(done))
    {
    }

    ~Exchange() override
    {
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
        }
    }

    void start()
    {
        if (!isHttpScheme(m_spec.url) || m_spec.url.host().isEmpty())
            return failLater(TransportError::Configuration,
                             tr("%1 is not an http:// or https:// URL.").arg(m_spec.url.toDisplayString()));
        if (!m_options.caFile.isEmpty()) {
            const QList<QSslCertificate> certificates
                = QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
            if (certificates.isEmpty())
                return failLater(
                    TransportError::Configuration,
                    tr("No PEM certificate could be read from the CA file %1.").arg(m_options.caFile));
            m_ssl = QSslConfiguration::defaultConfiguration();
            m_ssl->addCaCertificates(certificates);
        }
        if (ExchangeGate *gate = m_client->exchangeGate()) {
            gate->hold(
                preview(), this, [this] { go(); },
                [this](const QString &reason) { failLater(TransportError::Configuration, reason); });
            return;
        }
        go();
    }

private:
    void go()
    {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] { abortWith(TransportError::Timeout); });
        m_deadline.start(qMax(1, m_options.timeoutMs));
        sendCurrent();
    }

    // The request as it will be recorded, for a gate to show before it leaves.
    HttpExchange preview() const
    {
        HttpExchange request;
        request.purpose = m_spec.purpose;
        request.method = m_spec.method;
        request.url = m_spec.url;
        request.requestHeaders = m_spec.headers;
        if (headerValue(request.requestHeaders, "user-agent").isEmpty())
            request.requestHeaders.append(HttpHeader("User-Agent", userAgent()));
        request.requestBody = m_spec.body;
        request.secrets = m_spec.secrets;
        return request;
    }

    static QByteArray userAgent() { return QByteArrayLiteral("OAuthDebugger/" OAUTH_DEBUGGER_VERSION); }

    static QString tr(const char *text) { return HttpClient::tr(text); }

    void failLater(TransportError error, const QString &message)
    {
        QTimer::singleShot(0, this, [this, error, message] { finish(error, message); });
    }

    void sendCurrent()
    {
        m_visited.insert(m_spec.url.toString(QUrl::FullyEncoded));
        QNetworkRequest request(m_spec.url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        if (m_spec.url.scheme() == QLatin1String("https")) {
            // Only for https: loading the TLS backend (OpenSSL and its configuration) costs milliseconds of
            // start-up that an http:// request (a local test server) has no use for.
            if (!m_ssl)
                m_ssl = QSslConfiguration::defaultConfiguration();
            request.setSslConfiguration(*m_ssl);
        }

        m_record = HttpExchange();
        m_record.purpose = m_spec.purpose;
        m_record.method = m_spec.method;
        m_record.url = m_spec.url;
        m_record.secrets = m_spec.secrets;
        bool hasUserAgent = false;
        for (const HttpHeader &header : std::as_const(m_spec.headers)) {
            request.setRawHeader(header.first, header.second);
            hasUserAgent = hasUserAgent || header.first.compare("user-agent", Qt::CaseInsensitive) == 0;
        }
        if (!hasUserAgent) {
            const QByteArray agent = userAgent();
            request.setRawHeader("User-Agent", agent);
            m_spec.headers.append(HttpHeader("User-Agent", agent));
        }
        m_record.requestHeaders = m_spec.headers;
        m_record.requestBody = m_spec.body;
        m_record.bytesSent = m_spec.body.size();
        for (const HttpHeader &header : std::as_const(m_spec.headers))
            m_record.bytesSent += header.first.size() + header.second.size() + 4;
        m_record.started = QDateTime::currentDateTimeUtc();
        m_body.clear();
        m_abortReason = TransportError::None;
        m_sslErrors.clear();
        m_clock.start();

        QNetworkAccessManager *manager = m_client->networkAccessManager();
        const bool hasBody = !m_spec.body.isEmpty() || m_spec.method == "POST" || m_spec.method == "PUT"
            || m_spec.method == "PATCH";
        m_reply = hasBody ? manager->sendCustomRequest(request, m_spec.method, m_spec.body)
                          : manager->sendCustomRequest(request, m_spec.method);
        // Bound what the network thread queues for this (GUI) thread: unbounded, a fast 50 MB download
        // arrives as one burst of queued chunks that the event loop works through without a break.
        m_reply->setReadBufferSize(ReadBufferBytes);
        connect(m_reply, &QNetworkReply::metaDataChanged, this, &Exchange::checkDeclaredLength);
        connect(m_reply, &QNetworkReply::readyRead, this, &Exchange::readAvailable);
        connect(m_reply, &QNetworkReply::sslErrors, this, &Exchange::handleSslErrors);
        connect(m_reply, &QNetworkReply::finished, this, &Exchange::replyFinished);
    }

    void checkDeclaredLength()
    {
        bool ok = false;
        const qint64 declared = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok && declared > m_options.maxResponseBytes) {
            m_record.responseTruncated = true;
            abortWith(TransportError::TooLarge);
        }
    }

    void readAvailable()
    {
        const qint64 room = m_options.maxResponseBytes - m_body.size();
        // Ask for what is there, not for the room left: read(n) allocates n bytes before reading.
        m_body += m_reply->read(qBound<qint64>(0, room, m_reply->bytesAvailable()));
        if (m_reply->bytesAvailable() > 0) {
            m_record.responseTruncated = true;
            abortWith(TransportError::TooLarge);
        }
    }

    void handleSslErrors(const QList<QSslError> &errors)
    {
        for (const QSslError &error : errors)
            m_sslErrors.append(error.errorString());
        if (m_options.insecure) {
            m_record.insecure = true;
            m_reply->ignoreSslErrors();
        }
    }

    void abortWith(TransportError reason)
    {
        if (!m_reply || m_abortReason != TransportError::None)
            return;
        m_abortReason = reason;
        m_reply->abort();
    }

    void replyFinished()
    {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        if (m_abortReason == TransportError::None)
            readRemaining(reply);

        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const bool answered = status.isValid() && m_abortReason == TransportError::None;
        m_record.durationMs = m_clock.elapsed();
        m_record.status = status.toInt();
        m_record.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        m_record.responseHeaders = reply->rawHeaderPairs();
        m_record.responseBody = m_body;
        m_record.bytesReceived = m_body.size();
        for (const HttpHeader &header : std::as_const(m_record.responseHeaders))
            m_record.bytesReceived += header.first.size() + header.second.size() + 4;

        TransportError error = TransportError::None;
        QString message;
        if (m_abortReason == TransportError::Timeout) {
            error = TransportError::Timeout;
            message = tr("No complete response within %1 s (the deadline covers the whole exchange).")
                          .arg(m_options.timeoutMs / 1000.0, 0, 'g', 3);
        } else if (m_abortReason == TransportError::TooLarge) {
            error = TransportError::TooLarge;
            message = tr("The response body exceeds the %1 limit; the transfer was stopped.")
                          .arg(formatBytes(m_options.maxResponseBytes));
        } else if (!answered) {
            error = classify(reply->error());
            message = error == TransportError::Tls && !m_sslErrors.isEmpty()
                ? tr("TLS failure: %1").arg(m_sslErrors.join(QStringLiteral("; ")))
                : reply->errorString();
        }
        if (error != TransportError::None)
            m_record.transportError = message;
        if (m_client->wireLog())
            m_record.id = m_client->wireLog()->append(m_record);
        m_ids.append(m_record.id);
        const HttpExchange recorded = m_record;
        if (error != TransportError::None)
            return finish(error, message, recorded);
        if (followRedirect(recorded))
            return;
        finish(TransportError::None, QString(), recorded);
    }

    void readRemaining(QNetworkReply *reply)
    {
        const qint64 room = m_options.maxResponseBytes - m_body.size();
        m_body += reply->read(qBound<qint64>(0, room, reply->bytesAvailable()));
        if (reply->bytesAvailable() > 0) {
            m_record.responseTruncated = true;
            m_abortReason = TransportError::TooLarge;
        }
    }

    static TransportError classify(QNetworkReply::NetworkError error)
    {
        switch (error) {
        case QNetworkReply::SslHandshakeFailedError:
            return TransportError::Tls;
        case QNetworkReply::TimeoutError:
            return TransportError::Timeout;
        case QNetworkReply::ProtocolUnknownError:
            return TransportError::Configuration;
        default:
            return TransportError::Network;
        }
    }

    // Returns true when a new request went out.
    bool followRedirect(const HttpExchange &recorded)
    {
        const int status = recorded.status;
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
            return false;
        const QByteArray location = recorded.responseHeader("location");
        if (location.isEmpty())
            return false; // a 3xx without Location is the final answer
        const QUrl target = m_spec.url.resolved(QUrl::fromEncoded(location));
        if (!target.isValid() || !isHttpScheme(target)) {
            finish(TransportError::RedirectRefused,
                   tr("Refused to follow a redirect to %1: not an http(s) URL.")
                       .arg(QString::fromUtf8(location)),
                   recorded);
            return true;
        }
        if (m_visited.contains(target.toString(QUrl::FullyEncoded))) {
            finish(TransportError::RedirectRefused,
                   tr("Redirect loop: %1 was already requested.").arg(target.toDisplayString()), recorded);
            return true;
        }
        if (++m_redirects > m_options.maxRedirects) {
            finish(TransportError::RedirectRefused,
                   tr("More than %1 redirects; stopped at %2.")
                       .arg(m_options.maxRedirects)
                       .arg(target.toDisplayString()),
                   recorded);
            return true;
        }
        const bool keepsBody = status == 307 || status == 308 || (m_spec.method != "POST" && status != 303);
        const bool crossOrigin = !sameOrigin(m_spec.url, target);
        if (crossOrigin && keepsBody && m_spec.bodyCarriesCredentials && !m_spec.body.isEmpty()) {
            finish(TransportError::RedirectRefused,
                   tr("Refused to follow a redirect from %1 to another origin (%2): the request body carries "
                      "credentials.")
                       .arg(m_spec.url.toDisplayString(), target.toDisplayString()),
                   recorded);
            return true;
        }
        if (!keepsBody) {
            if (status == 303 || m_spec.method == "POST")
                m_spec.method = "GET";
            m_spec.body.clear();
            m_spec.headers.removeIf([](const HttpHeader &h) {
                return h.first.compare("content-type", Qt::CaseInsensitive) == 0
                    || h.first.compare("content-length", Qt::CaseInsensitive) == 0;
            });
        }
        if (crossOrigin) {
            m_spec.headers.removeIf([](const HttpHeader &h) { return isCredentialHeader(h.first); });
            qCInfo(lcHttp) << "credentials dropped on redirect to another origin" << target.toDisplayString();
        }
        m_spec.url = target;
        sendCurrent();
        return true;
    }

    void finish(TransportError error, const QString &message, const HttpExchange &exchange = {})
    {
        if (m_finished)
            return;
        m_finished = true;
        m_deadline.stop();
        HttpResult result;
        result.error = error;
        result.errorMessage = message;
        result.exchange = exchange;
        result.exchangeIds = m_ids;
        Callback done = std::move(m_done);
        deleteLater();
        if (done)
            done(result);
    }

    HttpClient *m_client;
    HttpRequestSpec m_spec;
    TransportOptions m_options;
    Callback m_done;
    // Made only for https: even an empty QSslConfiguration loads the TLS backend.
    std::optional<QSslConfiguration> m_ssl;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QPointer<QNetworkReply> m_reply;
    HttpExchange m_record;
    QByteArray m_body;
    QStringList m_sslErrors;
    QSet<QString> m_visited;
    QList<int> m_ids;
    TransportError m_abortReason = TransportError::None;
    int m_redirects = 0;
    bool m_finished = false;
};

HttpClient::HttpClient(WireLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_manager(new QNetworkAccessManager(this))
{
}

HttpClient::~HttpClient() = default;

void HttpClient::setExchangeGate(ExchangeGate *gate)
{
    m_gate = gate;
}

ExchangeGate *HttpClient::exchangeGate() const
{
    return m_gate;
}

void HttpClient::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    if (manager)
        m_manager = manager;
}

void HttpClient::send(const HttpRequestSpec &request, const TransportOptions &options, Callback done)
{
    auto *exchange = new Exchange(this, request, options, std::move(done));
    exchange->start();
}

QString HttpClient::errorName(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return tr("no error");
    case TransportError::Network:
        return tr("network error");
    case TransportError::Tls:
        return tr("TLS error");
    case TransportError::Timeout:
        return tr("timeout");
    case TransportError::TooLarge:
        return tr("response too large");
    case TransportError::RedirectRefused:
        return tr("redirect refused");
    case TransportError::Configuration:
        return tr("configuration error");
    }
    return {};
}
