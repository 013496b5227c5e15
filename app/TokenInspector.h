#pragma once

#include "Discovery.h"
#include "Finding.h"
#include "FlowResult.h"
#include "IdTokenValidator.h"
#include "JwksCache.h"
#include "JwsVerification.h"
#include "JwtParseResult.h"

#include <QObject>
#include <optional>

struct InspectionRequest
{
    QString token;
    QUrl jwksUrl; // where the keys are; when empty and issuer is set, discovery finds jwks_uri
    QUrl issuer; // also the expected iss
    QByteArray hmacSecret; // for HS256/384/512 tokens
    TransportOptions transport;
    qint64 skewSeconds = 60;
    QDateTime now; // invalid: the time inspect() is called
    bool expectAccessToken = false; // the token came from an access_token field
    bool publicClient = false;
    std::optional<IdTokenExpectations> idToken; // validate as an ID token (OIDC Core §3.1.3.7)
};

struct InspectionResult
{
    // Success: decoded, and nothing that was checked failed. ValidationError: a bad signature, an expired
    // token, a failed ID token check, or a broken JWT. Server/TransportError: the keys could not be fetched.
    FlowStatus status = FlowStatus::ValidationError;
    QString token; // the token inspected, as given
    JwtParseResult parsed;
    std::optional<JwsVerification> verification; // absent when there was no key source
    QUrl jwksUrl;
    bool jwksRefetched = false; // an unknown kid made the inspector fetch the JWKS again
    Findings findings;
    QString message; // one line summary
    QDateTime now;
    QList<int> exchangeIds;
};

// Decodes a token, verifies its signature against the issuer's keys or a secret, and computes findings.
class TokenInspector final : public QObject
{
    Q_OBJECT
public:
    TokenInspector(HttpClient *http, JwksCache *cache, QObject *parent = nullptr);

    // Emits finished() exactly once per call, asynchronously.
    void inspect(const InspectionRequest &request);

Q_SIGNALS:
    void finished(const InspectionResult &result);

private:
    void fetchKeys(const InspectionRequest &request, InspectionResult result, bool forceRefresh);
    void verifyAgainst(const InspectionRequest &request, InspectionResult result, const JwkSet &keys);
    void complete(const InspectionRequest &request, InspectionResult result);

    HttpClient *m_http;
    JwksCache *m_cache;
};
