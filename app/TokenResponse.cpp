#include "TokenResponse.h"

#include "FormEncoding.h"
#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace {
constexpr int ExcerptLength = 500;

QString tr(const char *text)
{
    return QCoreApplication::translate("TokenResponse", text);
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

QString excerpt(const QByteArray &body)
{
    return TextSanitizer::fromServer(body.left(ExcerptLength * 4), false, ExcerptLength);
}

QString htmlTitle(const QByteArray &body)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = title.match(QString::fromUtf8(body.left(64 * 1024)));
    return match.hasMatch() ? TextSanitizer::sanitize(match.captured(1).simplified(), false, 120) : QString();
}

QString describeContentType(const QByteArray &type)
{
    return type.isEmpty() ? tr("no content type") : QString::fromLatin1(type);
}

QString stringOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::fromUtf8(
        QJsonDocument(value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
            .toJson(QJsonDocument::Compact));
}

bool looksLikeFormResponse(const QByteArray &body)
{
    static const QRegularExpression form(QStringLiteral("^[A-Za-z0-9_.%+*-]+=[^\\s<>{}]*$"));
    return body.size() < 64 * 1024 && form.match(QString::fromLatin1(body)).hasMatch()
        && (body.contains("access_token=") || body.contains("error="));
}

// Reads expires_in leniently: a number, or a string holding one (with a warning).
void readExpiresIn(const QJsonValue &value, TokenParseResult &result)
{
    if (value.isUndefined() || value.isNull())
        return;
    double seconds = 0;
    bool ok = false;
    if (value.isDouble()) {
        seconds = value.toDouble();
        ok = true;
    } else if (value.isString()) {
        seconds = value.toString().trimmed().toDouble(&ok);
        if (ok)
            result.warnings.append(
                tr("expires_in is a string (\"%1\"); RFC 6749 §5.1 defines it as a number. "
                   "Accepted.")
                    .arg(TextSanitizer::sanitize(value.toString(), false, 40)));
    }
    if (!ok) {
        result.warnings.append(tr("expires_in is not a number (%1); the token lifetime is unknown.")
                                   .arg(TextSanitizer::sanitize(stringOf(value), false, 40)));
        return;
    }
    if (seconds < 0 || seconds > 1e12) {
        result.warnings.append(tr("expires_in is %1, which is not a usable lifetime; ignored.").arg(seconds));
        return;
    }
    if (seconds != static_cast<double>(static_cast<qint64>(seconds)))
        result.warnings.append(tr("expires_in has a fraction (%1); rounded down.").arg(seconds));
    result.token.expiresIn = static_cast<qint64>(seconds);
    result.token.expiresAt = result.token.receivedAt.addSecs(*result.token.expiresIn);
}
} // namespace

std::optional<qint64> TokenResponse::secondsLeft(const QDateTime &now) const
{
    if (!expiresAt.isValid())
        return std::nullopt;
    return now.secsTo(expiresAt);
}

TokenParseResult parseTokenResponse(int httpStatus, const QByteArray &contentType, const QByteArray &body,
                                    const QDateTime &receivedAt)
{
    TokenParseResult result;
    result.token.receivedAt = receivedAt.toUTC();
    const QByteArray type = mediaType(contentType);
    const bool success = httpStatus >= 200 && httpStatus < 300;
    const QByteArray trimmed = body.trimmed();

    QJsonObject object;
    bool parsed = false;
    QString parseProblem;
    if (trimmed.startsWith('{') || trimmed.startsWith('[') || type.contains("json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
        if (error.error != QJsonParseError::NoError)
            parseProblem = tr("invalid JSON at byte %1: %2").arg(error.offset).arg(error.errorString());
        else if (!document.isObject())
            parseProblem = tr("the JSON is not an object");
        else {
            object = document.object();
            parsed = true;
            if (!type.contains("json"))
                result.warnings.append(
                    tr("The JSON response was served as %1, not application/json (RFC 6749 §5.1). "
                       "Accepted.")
                        .arg(describeContentType(type)));
        }
    } else if (type == "application/x-www-form-urlencoded" || looksLikeFormResponse(trimmed)) {
        const QList<QPair<QString, QString>> fields = FormEncoding::decode(trimmed);
        for (const auto &field : fields)
            object.insert(field.first, field.second);
        parsed = !object.isEmpty();
        if (parsed)
            result.warnings.append(
                tr("The response is form-encoded, not JSON as RFC 6749 §5.1 requires (GitHub "
                   "answers this way unless asked for JSON). Accepted."));
    }

    if (parsed && object.contains(QLatin1String("error"))) {
        result.kind = TokenParseResult::Kind::OAuthError;
        result.error.error
            = TextSanitizer::sanitize(stringOf(object.value(QLatin1String("error"))), false, 200);
        result.error.description
            = TextSanitizer::sanitize(stringOf(object.value(QLatin1String("error_description"))), true, 2000);
        result.error.uri
            = TextSanitizer::sanitize(stringOf(object.value(QLatin1String("error_uri"))), false, 500);
        result.error.httpStatus = httpStatus;
        if (!object.value(QLatin1String("error")).isString())
            result.warnings.append(tr("The error field is not a string (RFC 6749 §5.2)."));
        if (success)
            result.warnings.append(
                tr("The server sent an error with HTTP %1; RFC 6749 §5.2 requires HTTP 400 "
                   "(or 401 for client authentication).")
                    .arg(httpStatus));
        result.message = result.error.description.isEmpty()
            ? tr("%1 (HTTP %2)").arg(result.error.error).arg(httpStatus)
            : tr("%1: %2 (HTTP %3)").arg(result.error.error, result.error.description).arg(httpStatus);
        result.token.raw = object;
        return result;
    }

    if (!success) {
        result.kind = TokenParseResult::Kind::HttpError;
        result.error.httpStatus = httpStatus;
        result.bodyExcerpt = excerpt(body);
        const QString title = type.contains("html") ? htmlTitle(body) : QString();
        if (body.isEmpty())
            result.message = tr("HTTP %1 from the token endpoint with an empty body.").arg(httpStatus);
        else if (type.contains("html"))
            // A proxy's or a crashed server's error page: say plainly that it is not what RFC 6749 defines.
            result.message = tr("HTTP %1 from the token endpoint: an HTML page (%2) came instead of a JSON "
                                "error response (RFC 6749 §5.2)%3.")
                                 .arg(httpStatus)
                                 .arg(QString::fromLatin1(type),
                                      title.isEmpty() ? QString() : tr(", page title \"%1\"").arg(title));
        else
            result.message = tr("HTTP %1 from the token endpoint with %2, not an OAuth error response.")
                                 .arg(httpStatus)
                                 .arg(describeContentType(type));
        return result;
    }

    if (!parsed) {
        result.kind = TokenParseResult::Kind::Malformed;
        result.bodyExcerpt = excerpt(body);
        if (body.isEmpty())
            result.message = tr("HTTP %1 with an empty body: no token response.").arg(httpStatus);
        else if (!parseProblem.isEmpty())
            result.message
                = tr("HTTP %1, but the body is not a token response: %2.").arg(httpStatus).arg(parseProblem);
        else
            result.message = tr("HTTP %1 with %2, not a JSON token response.")
                                 .arg(httpStatus)
                                 .arg(describeContentType(type));
        return result;
    }

    result.token.raw = object;
    const QJsonValue accessToken = object.value(QLatin1String("access_token"));
    if (!accessToken.isString() || accessToken.toString().isEmpty()) {
        result.kind = TokenParseResult::Kind::Malformed;
        result.bodyExcerpt = excerpt(body);
        result.message = tr("The response has no access_token (RFC 6749 §5.1 requires it).");
        return result;
    }
    result.kind = TokenParseResult::Kind::Success;
    result.token.accessToken = accessToken.toString();
    result.token.tokenType = stringOf(object.value(QLatin1String("token_type")));
    result.token.refreshToken = stringOf(object.value(QLatin1String("refresh_token")));
    result.token.idToken = stringOf(object.value(QLatin1String("id_token")));
    result.token.scope = stringOf(object.value(QLatin1String("scope")));
    if (result.token.tokenType.isEmpty())
        result.warnings.append(tr("token_type is missing; RFC 6749 §5.1 requires it (usually \"Bearer\")."));
    readExpiresIn(object.value(QLatin1String("expires_in")), result);
    return result;
}
