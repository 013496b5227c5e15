#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <optional>

class QHttpServerRequest;

// Request and response helpers shared by the sandbox's endpoints.
namespace SandboxHttp {

// A form body (or query) with each parameter at most once (RFC 6749 §3.1, §3.2).
struct Parameters
{
    QMap<QString, QString> values;
    QString repeated; // the first parameter sent more than once, when any

    QString value(const char *name) const { return values.value(QLatin1String(name)); }
    bool has(const char *name) const { return values.contains(QLatin1String(name)); }
};

Parameters formBody(const QHttpServerRequest &request);
// Content-Type is application/x-www-form-urlencoded (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
bool isFormRequest(const QHttpServerRequest &request);
// The checks every form POST endpoint starts with: POST, a form body, no repeated parameter. A response when
// one fails.
std::optional<QHttpServerResponse> checkFormPost(const QHttpServerRequest &request, const Parameters &form);
Parameters query(const QHttpServerRequest &request);
QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
// The token of "Authorization: Bearer <token>" (RFC 6750 §2.1); empty when there is none.
QString bearerToken(const QHttpServerRequest &request);

// JSON with Cache-Control: no-store (RFC 6749 §5.1).
QHttpServerResponse json(const QJsonObject &object,
                         QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
// RFC 6749 §5.2 error object. invalid_client gets 401 and a Basic challenge.
QHttpServerResponse oauthError(const QString &error, const QString &description,
                               QHttpServerResponse::StatusCode status
                               = QHttpServerResponse::StatusCode::BadRequest);
// RFC 6750 §3: 401 (or 403 for insufficient_scope) with WWW-Authenticate: Bearer realm="sandbox"[, error=...,
// error_description=...].
QHttpServerResponse bearerChallenge(const QString &error, const QString &description,
                                    QHttpServerResponse::StatusCode status
                                    = QHttpServerResponse::StatusCode::Unauthorized);
QHttpServerResponse methodNotAllowed(const QByteArray &allowed);

} // namespace SandboxHttp
