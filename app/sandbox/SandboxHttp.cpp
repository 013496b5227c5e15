#include "SandboxHttp.h"

#include "FormEncoding.h"

#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QJsonDocument>

namespace {
using Status = QHttpServerResponse::StatusCode;

SandboxHttp::Parameters collect(const QList<QPair<QString, QString>> &pairs)
{
    SandboxHttp::Parameters parameters;
    for (const auto &pair : pairs) {
        if (parameters.values.contains(pair.first) && parameters.repeated.isEmpty())
            parameters.repeated = pair.first;
        parameters.values.insert(pair.first, pair.second);
    }
    return parameters;
}

QByteArray quoted(const QString &text)
{
    QByteArray value = text.toUtf8();
    value.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + value + '"';
}
} // namespace

namespace SandboxHttp {

Parameters formBody(const QHttpServerRequest &request)
{
    return collect(FormEncoding::decode(request.body()));
}

bool isFormRequest(const QHttpServerRequest &request)
{
    const QByteArray type = header(request, "Content-Type").split(';').constFirst().trimmed();
    return type.compare("application/x-www-form-urlencoded", Qt::CaseInsensitive) == 0;
}

std::optional<QHttpServerResponse> checkFormPost(const QHttpServerRequest &request, const Parameters &form)
{
    const QString invalidRequest = QStringLiteral("invalid_request");
    if (request.method() != QHttpServerRequest::Method::Post)
        return methodNotAllowed("POST");
    if (!isFormRequest(request))
        return oauthError(invalidRequest,
                          QCoreApplication::translate("SandboxHttp",
                                                      "the body must be "
                                                      "application/x-www-form-urlencoded"));
    if (!form.repeated.isEmpty())
        return oauthError(invalidRequest,
                          QCoreApplication::translate("SandboxHttp", "parameter %1 sent more than once")
                              .arg(form.repeated));
    return std::nullopt;
}

Parameters query(const QHttpServerRequest &request)
{
    // Decoded as a form ('+' is a space), the way browsers encode GET forms.
    return collect(FormEncoding::decode(request.url().query(QUrl::FullyEncoded).toLatin1()));
}

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QString bearerToken(const QHttpServerRequest &request)
{
    const QByteArray authorization = header(request, "Authorization").trimmed();
    const qsizetype space = authorization.indexOf(' ');
    if (space < 0 || authorization.left(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromLatin1(authorization.mid(space + 1).trimmed());
}

QHttpServerResponse json(const QJsonObject &object, QHttpServerResponse::StatusCode status)
{
    QHttpServerResponse response(QByteArrayLiteral("application/json"),
                                 QJsonDocument(object).toJson(QJsonDocument::Compact), status);
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    return response;
}

QHttpServerResponse oauthError(const QString &error, const QString &description,
                               QHttpServerResponse::StatusCode status)
{
    const bool invalidClient = error == QLatin1String("invalid_client");
    QJsonObject object { { QStringLiteral("error"), error } };
    if (!description.isEmpty())
        object.insert(QStringLiteral("error_description"), description);
    QHttpServerResponse response = json(object, invalidClient ? Status::Unauthorized : status);
    if (invalidClient)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                           QByteArrayLiteral("Basic realm=\"sandbox\""));
    return response;
}

QHttpServerResponse bearerChallenge(const QString &error, const QString &description,
                                    QHttpServerResponse::StatusCode status)
{
    QByteArray challenge = "Bearer realm=\"sandbox\"";
    if (!error.isEmpty())
        challenge += ", error=" + quoted(error);
    if (!description.isEmpty())
        challenge += ", error_description=" + quoted(description);
    QHttpServerResponse response = json(
        QJsonObject { { QStringLiteral("error"), error.isEmpty() ? QStringLiteral("unauthorized") : error } },
        status);
    response.setHeader(QByteArrayLiteral("WWW-Authenticate"), challenge);
    return response;
}

QHttpServerResponse methodNotAllowed(const QByteArray &allowed)
{
    QHttpServerResponse response(Status::MethodNotAllowed);
    response.setHeader(QByteArrayLiteral("Allow"), allowed);
    return response;
}

} // namespace SandboxHttp
