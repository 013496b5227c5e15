#pragma once

#include <QString>

// An error response from an authorization server (RFC 6749 §5.2) or a resource server.
struct OAuthError
{
    QString error; // e.g. "invalid_client"; empty when the server gave no OAuth error code
    QString description; // error_description
    QString uri; // error_uri
    int httpStatus = 0;

    bool isEmpty() const { return error.isEmpty(); }
};
