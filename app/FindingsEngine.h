#pragma once

#include "Finding.h"
#include "Profile.h"
#include "ServerMetadata.h"
#include "TokenResponse.h"

#include <QDateTime>

struct Jwt;
struct JwsVerification;

// Computes findings: what a careful reviewer would point out about each thing the debugger sees.
namespace FindingsEngine {

Findings forProfile(const Profile &profile);
Findings forMetadata(const ServerMetadata &metadata, const QUrl &requestedIssuer);
// requestedScope: what the client asked for (empty if nothing); grantType: "client_credentials"...
Findings forTokenResponse(const TokenResponse &response, const QString &requestedScope,
                          const QString &grantType);

struct TokenContext
{
    QDateTime now;
    qint64 skewSeconds = 60;
    QString expectedIssuer; // empty: not checked
    bool issuerPublishesPublicKeys = false; // an HMAC-signed token then is suspicious
    bool publicClient = false;
    bool expectAccessToken = false; // the token came from the access_token field
};
// verification may be null when no key source was available.
Findings forToken(const Jwt &token, const JwsVerification *verification, const TokenContext &context);

bool isLoopback(const QUrl &url);

} // namespace FindingsEngine
