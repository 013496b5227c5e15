#pragma once

#include "EndpointResult.h"
#include "Profile.h"

#include <QObject>

// RFC 7662: asks the authorization server whether a token is active and what it stands for.
class TokenIntrospection final : public QObject
{
    Q_OBJECT
public:
    explicit TokenIntrospection(HttpClient *http, QObject *parent = nullptr);

    // tokenTypeHint: "access_token", "refresh_token" or empty. Emits finished() once, asynchronously.
    void introspect(const Profile &profile, const QString &clientSecret, const QString &token,
                    const QString &tokenTypeHint = {});

Q_SIGNALS:
    void finished(const EndpointResult &result);

private:
    HttpClient *m_http;
};
