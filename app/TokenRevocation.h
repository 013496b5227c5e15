#pragma once

#include "EndpointResult.h"
#include "Profile.h"

#include <QObject>

// RFC 7009: tells the authorization server a token is no longer needed.
class TokenRevocation final : public QObject
{
    Q_OBJECT
public:
    explicit TokenRevocation(HttpClient *http, QObject *parent = nullptr);

    void revoke(const Profile &profile, const QString &clientSecret, const QString &token,
                const QString &tokenTypeHint = {});

Q_SIGNALS:
    void finished(const EndpointResult &result);

private:
    HttpClient *m_http;
};
