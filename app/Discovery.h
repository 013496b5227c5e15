#pragma once

#include "FlowResult.h"
#include "HttpClient.h"
#include "ServerMetadata.h"

#include <QObject>

struct DiscoveryResult
{
    FlowStatus status = FlowStatus::ServerError;
    ServerMetadata metadata;
    QUrl documentUrl; // where the metadata was found
    bool issuerMismatch = false; // metadata.issuer differs from the requested issuer: the user must confirm
    QString message;
    QString hint;
    QStringList warnings;
    QStringList tried; // every URL asked, in order
    QList<int> exchangeIds;
    bool insecure = false;
};

// Finds an authorization server's metadata from its issuer URL: OpenID Connect Discovery
// (issuer + /.well-known/openid-configuration), then RFC 8414 (/.well-known/oauth-authorization-server
// inserted between host and path), then the OpenID variant with path insertion.
class Discovery final : public QObject
{
    Q_OBJECT
public:
    explicit Discovery(HttpClient *http, QObject *parent = nullptr);

    static QList<QUrl> candidateUrls(const QUrl &issuer);

    // Emits finished() exactly once per call, asynchronously.
    void discover(const QUrl &issuer, const TransportOptions &transport);

Q_SIGNALS:
    void finished(const DiscoveryResult &result);

private:
    void tryNext(const QUrl &issuer, const TransportOptions &transport, QList<QUrl> remaining,
                 DiscoveryResult result);

    HttpClient *m_http;
};
