#include "ApiRequest.h"

#include "TokenEndpointReply.h"

#include <QPointer>

ApiRequest::ApiRequest(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

bool ApiRequest::parseHeaderLine(const QString &line, HttpHeader *header, QString *error)
{
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? QString() : line.left(colon);
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (colon < 0)
        return fail(tr("\"%1\" is not a header: expected \"Name: value\".").arg(line));
    if (name.isEmpty())
        return fail(tr("\"%1\" has no header name before the colon.").arg(line));
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool tchar = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
            || QStringView(u"!#$%&'*+-.^_`|~").contains(c);
        if (!tchar)
            return fail(
                tr("Header name \"%1\" may not contain \"%2\" (RFC 9110 §5.1).").arg(name, QString(c)));
    }
    const QString value = line.mid(colon + 1).trimmed();
    for (const QChar c : value) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QChar(0))
            return fail(tr("The value of header \"%1\" contains a line break or NUL.").arg(name));
    }
    if (header)
        *header = { name.toLatin1(), value.toUtf8() };
    if (error)
        error->clear();
    return true;
}

void ApiRequest::send(const ApiRequestSpec &spec)
{
    HttpRequestSpec request;
    request.purpose = tr("API request");
    request.method = spec.method.trimmed().toUpper();
    request.url = spec.url;
    if (!spec.bearerToken.isEmpty()) {
        request.headers.append(HttpHeader("Authorization", "Bearer " + spec.bearerToken.toUtf8()));
        request.secrets.append(spec.bearerToken);
    }
    request.headers.append(spec.headers);
    request.body = spec.body;

    const QPointer<ApiRequest> self(this);
    m_http->send(request, spec.transport, [self](const HttpResult &reply) {
        if (!self)
            return;
        ApiResponse response;
        response.exchangeIds = reply.exchangeIds;
        response.insecure = reply.exchange.insecure;
        response.httpStatus = reply.exchange.status;
        response.reason = reply.exchange.reason;
        response.headers = reply.exchange.responseHeaders;
        response.body = reply.exchange.responseBody;
        response.truncated = reply.exchange.responseTruncated;
        response.durationMs = reply.exchange.durationMs;
        if (response.httpStatus != 0) // headers arrived, even when the body was then refused
            response.challenge = bearerChallengeFrom(
                parseWwwAuthenticate(reply.exchange.responseHeader("www-authenticate")));
        if (!reply.ok()) {
            response.status = TokenEndpointReply::statusForTransportError(reply.error);
            response.message = reply.errorMessage;
        } else {
            const bool success = response.httpStatus >= 200 && response.httpStatus < 300;
            response.status = success ? FlowStatus::Success : FlowStatus::ServerError;
            if (!success)
                response.message
                    = tr("HTTP %1 %2").arg(response.httpStatus).arg(QString::fromLatin1(response.reason));
        }
        Q_EMIT self->finished(response);
    });
}
