#pragma once

#include "FlowResult.h"
#include "TeachingStep.h"

#include <QList>
#include <optional>

struct ApiResponse;
struct EndpointResult;
struct InspectionResult;
struct Profile;

// The checks a client makes at each step, put into words for the step-through mode. Pure functions over the
// engine's results: the engine decides, these only describe.
namespace TeachingChecks {

// A token endpoint answer (client credentials or code exchange). `request` is the exchange as sent.
QList<TeachingCheck> forTokenResponse(const TokenResult &result, const HttpExchange &exchange,
                                      const Profile &profile);
// A refresh (RFC 6749 §6): the answer against the tokens it replaces. `previous` holds the tokens of the
// sign-in (its id_token is the original one), `exchange` the refresh request as sent and answered.
QList<TeachingCheck> forRefreshResponse(const TokenResult &result, const HttpExchange &exchange,
                                        const TokenResponse &previous, const Profile &profile);
// A refreshed ID token against the original one (OIDC Core §12.2): same iss, sub and aud, and auth_time
// still the time of the original sign-in.
QList<TeachingCheck> forRefreshedIdToken(const QString &original, const QString &refreshed);
// What the code exchange carried: PKCE verifier and the same redirect_uri as the authorization request.
QList<TeachingCheck> forCodeExchange(const HttpExchange &exchange, const QUrl &authorizationUrl);
// The callback's parameters against what was sent: state, code, iss (RFC 9207).
QList<TeachingCheck> forCallback(const QList<QPair<QString, QString>> &parameters, bool accepted,
                                 const QString &rejection, const QString &expectedIssuer);
// A JWT verified against the issuer's keys: signature and kid, then the claims (iss, aud, exp, nonce...).
QList<TeachingCheck> forTokenValidation(const QString &token, const std::optional<QString> &signatureMessage,
                                        bool signatureOk, const Findings &findings, const QString &issuer,
                                        const QString &audience, bool nonceExpected);
QList<TeachingCheck> forInspection(const InspectionResult &inspection, const QString &issuer);
// A JWKS answer: how many keys, and which one the token's kid names.
QList<TeachingCheck> forJwks(const HttpExchange &exchange, const QString &kid);
QList<TeachingCheck> forApiResponse(const ApiResponse &response);
QList<TeachingCheck> forUserInfo(const EndpointResult &result, const QString &expectedSubject);

bool anyFailed(const QList<TeachingCheck> &checks);

} // namespace TeachingChecks
