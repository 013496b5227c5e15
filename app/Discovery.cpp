#include "Discovery.h"

#include "TextSanitizer.h"
#include "TokenEndpointReply.h"

#include <QPointer>
#include <QTimer>

Discovery::Discovery(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

QList<QUrl> Discovery::candidateUrls(const QUrl &issuer)
{
    QString path = issuer.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QUrl base = issuer;
    base.setQuery(QString());
    base.setFragment(QString());

    QUrl openid = base;
    openid.setPath(path + QStringLiteral("/.well-known/openid-configuration"));
    QUrl rfc8414 = base;
    rfc8414.setPath(QStringLiteral("/.well-known/oauth-authorization-server") + path);
    QList<QUrl> urls { openid, rfc8414 };
    if (!path.isEmpty()) {
        QUrl openidInserted = base;
        openidInserted.setPath(QStringLiteral("/.well-known/openid-configuration") + path);
        urls.append(openidInserted);
    }
    return urls;
}

void Discovery::discover(const QUrl &issuer, const TransportOptions &transport)
{
    DiscoveryResult result;
    const QString scheme = issuer.scheme();
    if (!issuer.isValid() || issuer.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        result.status = FlowStatus::UsageError;
        result.message
            = tr("The issuer must be an absolute https:// URL, got \"%1\".").arg(issuer.toString());
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    if (issuer.hasQuery() || issuer.hasFragment())
        result.warnings.append(tr("An issuer has no query or fragment (RFC 8414 §2); they were ignored."));
    tryNext(issuer, transport, candidateUrls(issuer), result);
}

void Discovery::tryNext(const QUrl &issuer, const TransportOptions &transport, QList<QUrl> remaining,
                        DiscoveryResult result)
{
    const QUrl url = remaining.takeFirst();
    result.tried.append(url.toString());
    HttpRequestSpec request;
    request.purpose = tr("Discovery");
    request.url = url;
    request.headers.append(HttpHeader("Accept", "application/json"));
    const QPointer<Discovery> self(this);
    m_http->send(
        request, transport, [self, issuer, transport, remaining, result](const HttpResult &reply) mutable {
            if (!self)
                return;
            result.exchangeIds += reply.exchangeIds;
            result.insecure = result.insecure || reply.exchange.insecure;
            if (!reply.ok()) {
                result.status = TokenEndpointReply::statusForTransportError(reply.error);
                result.message = reply.errorMessage;
                result.hint = TokenEndpointReply::hintForTransportError(reply.error);
                Q_EMIT self->finished(result);
                return;
            }
            const int status = reply.exchange.status;
            if (status != 200) {
                if (!remaining.isEmpty()
                    && (status == 404 || status == 400 || status == 401 || status == 403 || status == 405))
                    return self->tryNext(issuer, transport, remaining, result);
                result.status = FlowStatus::ServerError;
                const QString notFound = tr("No metadata found: %1 answered HTTP %2.")
                                             .arg(reply.exchange.url.toString())
                                             .arg(status);
                // An unusable document found at an earlier location says more than this status.
                result.message
                    = result.message.isEmpty() ? notFound : result.message + QLatin1Char(' ') + notFound;
                result.hint = tr("Check the issuer URL; it must be exactly the issuer the server announces.");
                Q_EMIT self->finished(result);
                return;
            }
            QString error;
            QStringList warnings;
            const auto metadata = ServerMetadata::parse(reply.exchange.responseBody, &error, &warnings);
            if (!metadata) {
                if (!remaining.isEmpty()) {
                    result.message = tr("%1: %2").arg(reply.exchange.url.toString(), error);
                    return self->tryNext(issuer, transport, remaining, result);
                }
                result.status = FlowStatus::ServerError;
                result.message = tr("%1: %2").arg(reply.exchange.url.toString(), error);
                Q_EMIT self->finished(result);
                return;
            }
            result.status = FlowStatus::Success;
            result.message.clear(); // an unusable document at an earlier location no longer matters
            result.metadata = *metadata;
            result.documentUrl = reply.exchange.url;
            result.warnings += warnings;
            // OIDC Discovery §4.3 and RFC 8414 §3.3: the issuer must be identical to the one asked for.
            const QString announced = metadata->raw.value(QLatin1String("issuer")).toString();
            QUrl requested = issuer;
            requested.setQuery(QString());
            requested.setFragment(QString());
            if (!issuerMatches(announced, requested)) {
                result.issuerMismatch = true;
                result.message
                    = tr("The server announces the issuer \"%1\", not \"%2\" (RFC 8414 §3.3): tokens it "
                         "issues "
                         "will not match the issuer you asked for.")
                          .arg(TextSanitizer::sanitize(announced, false, 300), requested.toString());
            }
            Q_EMIT self->finished(result);
        });
}
