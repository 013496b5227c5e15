#pragma once

#include "Finding.h"
#include "OAuthError.h"
#include "TokenResponse.h"

#include <QList>
#include <QString>
#include <QStringList>

// How a flow, request or command ended. Maps one to one onto the CLI's exit codes.
enum class FlowStatus {
    Success = 0,
    UsageError = 2, // bad input from the user: missing field, invalid URL, no secret
    ServerError = 3, // the server answered with an OAuth or HTTP error, or an unusable response
    TransportError = 4, // network, TLS or timeout failure
    ValidationError = 5, // bad signature, state mismatch...
};

inline int exitCodeFor(FlowStatus status)
{
    return static_cast<int>(status);
}

struct TokenResult
{
    FlowStatus status = FlowStatus::ServerError;
    TokenResponse token; // valid when status == Success
    OAuthError oauthError; // set when the server sent an OAuth error
    QString message; // one line: what went wrong, with the server's words
    QString hint; // one line: the likely cause, may be empty
    QStringList warnings;
    Findings findings; // e.g. ID token validation
    bool insecure = false;
    QList<int> exchangeIds;

    bool ok() const { return status == FlowStatus::Success; }
};
