#pragma once

#include "HttpClient.h"
#include "Profile.h"

// A form POST to an endpoint that authenticates the client (token, introspection, revocation, PAR),
// with the profile's method: RFC 6749 §2.3.1 Basic or body parameters, or client_id alone for public clients.
namespace ClientAuthentication {

HttpRequestSpec formPost(const QString &purpose, const QUrl &url, QList<QPair<QString, QString>> fields,
                         const Profile &profile, const QString &clientSecret);

// RFC 7662 §2.1 / RFC 7009 §2.1: "token" and, when given, "token_type_hint", with client authentication.
// The token is listed among the secrets to redact.
HttpRequestSpec tokenPost(const QString &purpose, const QUrl &url, const QString &token,
                          const QString &tokenTypeHint, const Profile &profile, const QString &clientSecret);

} // namespace ClientAuthentication
