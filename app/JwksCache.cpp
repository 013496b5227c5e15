#include "JwksCache.h"

#include "JwkSetParser.h"
#include "TokenEndpointReply.h"

#include <QPointer>
#include <QTimer>

JwksCache::JwksCache(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

void JwksCache::fetch(const QUrl &url, const TransportOptions &transport, bool forceRefresh, Callback done)
{
    const QString key = url.toString(QUrl::FullyEncoded);
    const auto cached = m_entries.constFind(key);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!forceRefresh && cached != m_entries.constEnd() && cached->fetchedAt.secsTo(now) < m_maxAgeSeconds) {
        JwksFetchResult result;
        result.status = FlowStatus::Success;
        result.set = cached->set;
        result.url = url;
        result.fromCache = true;
        result.fetchedAt = cached->fetchedAt;
        QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
        return;
    }
    HttpRequestSpec request;
    request.purpose = tr("JWKS");
    request.url = url;
    request.headers.append(HttpHeader("Accept", "application/jwk-set+json, application/json"));
    TransportOptions options = transport;
    options.maxResponseBytes = qMin<qint64>(options.maxResponseBytes, JwkSetParser::MaximumSize);
    const QPointer<JwksCache> self(this);
    m_http->send(request, options, [self, url, key, done = std::move(done)](const HttpResult &reply) {
        if (!self)
            return;
        JwksFetchResult result;
        result.url = url;
        result.exchangeIds = reply.exchangeIds;
        result.fetchedAt = QDateTime::currentDateTimeUtc();
        if (!reply.ok()) {
            result.status = TokenEndpointReply::statusForTransportError(reply.error);
            result.message = tr("The JWKS could not be fetched from %1: %2")
                                 .arg(url.toDisplayString(), reply.errorMessage);
            result.hint = TokenEndpointReply::hintForTransportError(reply.error);
        } else if (reply.exchange.status != 200) {
            result.status = FlowStatus::ServerError;
            result.message = tr("The JWKS URL %1 answered HTTP %2.")
                                 .arg(url.toDisplayString())
                                 .arg(reply.exchange.status);
            result.hint = tr("Check the jwks_uri (discovery gives the right one).");
        } else {
            const JwkSetParseResult parsed = JwkSetParser::parse(reply.exchange.responseBody);
            if (!parsed.ok) {
                result.status = FlowStatus::ServerError;
                result.message = tr("%1 is not a JWKS: %2").arg(url.toDisplayString(), parsed.error);
            } else {
                result.status = FlowStatus::Success;
                result.set = parsed.set;
                self->m_entries.insert(key, Entry { parsed.set, result.fetchedAt });
            }
        }
        done(result);
    });
}
