#include "TokenInspector.h"

#include "FindingsEngine.h"
#include "JwsVerifier.h"
#include "JwtParser.h"

#include <QPointer>
#include <QTimer>

TokenInspector::TokenInspector(HttpClient *http, JwksCache *cache, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_cache(cache)
{
}

void TokenInspector::inspect(const InspectionRequest &request)
{
    InspectionRequest req = request;
    if (!req.now.isValid())
        req.now = QDateTime::currentDateTimeUtc();
    InspectionResult result;
    result.token = req.token;
    result.now = req.now;
    result.parsed = JwtParser().parse(req.token);

    if (result.parsed.kind != JwtParseResult::Kind::Jws) {
        // Nothing to verify: say what the token is. An opaque token or a JWE is not a failure; a broken JWT
        // is.
        result.status = result.parsed.kind == JwtParseResult::Kind::Invalid ? FlowStatus::ValidationError
                                                                            : FlowStatus::Success;
        result.message = result.parsed.message;
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    if (!req.hmacSecret.isEmpty()) {
        result.verification = JwsVerifier().verifyWithSecret(result.parsed.token, req.hmacSecret);
        QTimer::singleShot(0, this, [this, req, result] { complete(req, result); });
        return;
    }
    if (!req.jwksUrl.isEmpty()) {
        fetchKeys(req, result, false);
        return;
    }
    if (!req.issuer.isEmpty()) {
        auto *discovery = new Discovery(m_http, this);
        connect(discovery, &Discovery::finished, this,
                [this, discovery, req, result](const DiscoveryResult &found) mutable {
                    discovery->deleteLater();
                    result.exchangeIds += found.exchangeIds;
                    if (found.issuerMismatch) { // RFC 8414 §3.3: such metadata must not be used
                        result.status = FlowStatus::ValidationError;
                        result.message = found.message;
                        Q_EMIT finished(result);
                        return;
                    }
                    if (found.status != FlowStatus::Success || found.metadata.endpoints.jwks.isEmpty()) {
                        result.status
                            = found.status == FlowStatus::Success ? FlowStatus::ServerError : found.status;
                        result.message = found.status == FlowStatus::Success
                            ? tr("The issuer's metadata has no jwks_uri; the signature cannot be checked.")
                            : found.message;
                        Q_EMIT finished(result);
                        return;
                    }
                    req.jwksUrl = found.metadata.endpoints.jwks;
                    fetchKeys(req, result, false);
                });
        discovery->discover(req.issuer, req.transport);
        return;
    }
    QTimer::singleShot(0, this, [this, req, result] { complete(req, result); });
}

void TokenInspector::fetchKeys(const InspectionRequest &request, InspectionResult result, bool forceRefresh)
{
    result.jwksUrl = request.jwksUrl;
    const QPointer<TokenInspector> self(this);
    m_cache->fetch(request.jwksUrl, request.transport, forceRefresh,
                   [self, request, result, forceRefresh](const JwksFetchResult &keys) mutable {
                       if (!self)
                           return;
                       result.exchangeIds += keys.exchangeIds;
                       result.jwksRefetched = result.jwksRefetched || forceRefresh;
                       if (keys.status != FlowStatus::Success) {
                           result.status = keys.status;
                           result.message = keys.message;
                           Q_EMIT self->finished(result);
                           return;
                       }
                       self->verifyAgainst(request, result, keys.set);
                   });
}

void TokenInspector::verifyAgainst(const InspectionRequest &request, InspectionResult result,
                                   const JwkSet &keys)
{
    const JwsVerification verification = JwsVerifier().verify(result.parsed.token, keys);
    // Keys rotate: an unknown kid earns one fresh copy of the JWKS, never more.
    if (verification.status == JwsVerification::Status::NoMatchingKey && !result.jwksRefetched
        && !result.parsed.token.kid.isEmpty()) {
        fetchKeys(request, result, true);
        return;
    }
    result.verification = verification;
    complete(request, result);
}

void TokenInspector::complete(const InspectionRequest &request, InspectionResult result)
{
    FindingsEngine::TokenContext context;
    context.now = request.now;
    context.skewSeconds = request.skewSeconds;
    context.expectedIssuer = request.idToken ? QString() : request.issuer.toString();
    context.publicClient = request.publicClient;
    context.expectAccessToken = request.expectAccessToken;
    context.issuerPublishesPublicKeys = !request.jwksUrl.isEmpty() || !request.issuer.isEmpty();
    result.findings = FindingsEngine::forToken(
        result.parsed.token, result.verification ? &*result.verification : nullptr, context);
    if (request.idToken)
        result.findings += IdTokenValidator::validate(result.parsed.token, *request.idToken, request.now,
                                                      request.skewSeconds);
    if (hasErrors(result.findings)) {
        result.status = FlowStatus::ValidationError;
        for (const Finding &finding : std::as_const(result.findings)) {
            if (finding.severity == Finding::Severity::Error) {
                result.message = finding.message;
                break;
            }
        }
    } else {
        result.status = FlowStatus::Success;
        result.message = result.verification
            ? result.verification->message
            : tr("Decoded; the signature was not checked (no JWKS, issuer or secret).");
    }
    Q_EMIT finished(result);
}
