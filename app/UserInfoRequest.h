#pragma once

#include "EndpointResult.h"
#include "Profile.h"

#include <QObject>

// OpenID Connect Core §5.3: the claims about the signed-in user, for an access token.
class UserInfoRequest final : public QObject
{
    Q_OBJECT
public:
    explicit UserInfoRequest(HttpClient *http, QObject *parent = nullptr);

    void fetch(const Profile &profile, const QString &accessToken);

Q_SIGNALS:
    void finished(const EndpointResult &result);

private:
    HttpClient *m_http;
};
