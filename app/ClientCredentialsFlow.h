#pragma once

#include "FlowResult.h"
#include "Profile.h"

#include <QObject>

#include "HttpClient.h"

// The client credentials grant (RFC 6749 §4.4) with scope, audience, resource indicators and extra
// parameters.
class ClientCredentialsFlow final : public QObject
{
    Q_OBJECT
public:
    explicit ClientCredentialsFlow(HttpClient *http, QObject *parent = nullptr);

    // Emits finished() exactly once per call, asynchronously. clientSecret is ignored for auth method none.
    void start(const Profile &profile, const QString &clientSecret);

    // The request that start() sends, for display, tests and teaching.
    static HttpRequestSpec buildRequest(const Profile &profile, const QString &clientSecret);

Q_SIGNALS:
    void finished(const TokenResult &result);

private:
    HttpClient *m_http;
};
