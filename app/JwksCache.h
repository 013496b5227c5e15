#pragma once

#include "FlowResult.h"
#include "HttpClient.h"
#include "JwkSet.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <functional>

struct JwksFetchResult
{
    FlowStatus status = FlowStatus::ServerError;
    JwkSet set;
    QUrl url;
    bool fromCache = false;
    QDateTime fetchedAt; // UTC
    QString message;
    QString hint;
    QList<int> exchangeIds;
};

// Fetches JSON Web Key Sets and keeps them for a while; a verifier that meets an unknown kid asks again with
// forceRefresh (keys rotate), once.
class JwksCache final : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxAgeSeconds = 300;

    explicit JwksCache(HttpClient *http, QObject *parent = nullptr);

    void setMaxAgeSeconds(int seconds) { m_maxAgeSeconds = seconds; }
    void clear() { m_entries.clear(); }

    using Callback = std::function<void(const JwksFetchResult &)>;
    // The callback runs once, from the event loop.
    void fetch(const QUrl &url, const TransportOptions &transport, bool forceRefresh, Callback done);

private:
    struct Entry
    {
        JwkSet set;
        QDateTime fetchedAt;
    };
    HttpClient *m_http;
    QHash<QString, Entry> m_entries;
    int m_maxAgeSeconds = DefaultMaxAgeSeconds;
};
