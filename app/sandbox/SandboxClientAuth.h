#pragma once

#include "SandboxClient.h"
#include "SandboxHttp.h"

#include <QList>

// Who is calling the token, introspection or revocation endpoint (RFC 6749 §2.3): client_secret_basic and
// client_secret_post for the confidential client, client_id alone for a public one; one method per request.
struct SandboxClientAuth
{
    const SandboxClient *client = nullptr; // set when authenticated
    QString error; // "invalid_client" or "invalid_request"
    QString description;

    bool ok() const { return client != nullptr; }
    QHttpServerResponse failure() const { return SandboxHttp::oauthError(error, description); }

    // allowPublic: a public client may identify itself with client_id (token endpoint only).
    static SandboxClientAuth authenticate(const QHttpServerRequest &request,
                                          const SandboxHttp::Parameters &form,
                                          const QList<SandboxClient> &clients, bool allowPublic);
};
