#include "SequenceDiagramLabels.h"

#include "HttpExchange.h"
#include "Redaction.h"
#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <QUrlQuery>

#include <algorithm>

namespace SequenceDiagramLabels {

namespace {
constexpr int MaxPathLength = 36;
constexpr int MaxQueryLength = 40;
constexpr int MaxErrorLength = 40;
constexpr int MaxFieldNames = 3;

QString tr(const char *text)
{
    return QCoreApplication::translate("SequenceDiagram", text);
}

// Parameters whose values teach something and are never secret. Everything else shows its name only.
bool showsValue(const QString &name)
{
    static const QSet<QString> names {
        QStringLiteral("response_type"),
        QStringLiteral("grant_type"),
        QStringLiteral("token_type_hint"),
        QStringLiteral("error"),
        QStringLiteral("prompt"),
        QStringLiteral("response_mode"),
        QStringLiteral("code_challenge_method"),
    };
    return names.contains(name) && !Redaction::isSecretField(name);
}

QString shortPath(const QUrl &url)
{
    QString path = url.path(QUrl::FullyDecoded);
    if (path.isEmpty())
        path = QStringLiteral("/");
    path = TextSanitizer::sanitize(path);
    if (path.size() > MaxPathLength) // keep the end: "/…/openid-configuration" says more than the start
        path = QChar(0x2026) + path.right(MaxPathLength - 1);
    return path;
}

QString parameterSummary(const QList<QPair<QString, QString>> &items, const QString &separator)
{
    QStringList parts;
    for (const auto &item : items) {
        const QString name = TextSanitizer::sanitize(item.first, false, 24);
        if (name.isEmpty())
            continue;
        if (showsValue(item.first) && !item.second.isEmpty())
            parts.append(name + QLatin1Char('=') + TextSanitizer::sanitize(item.second, false, 24));
        else
            parts.append(name);
    }
    return TextSanitizer::sanitize(parts.join(separator), false, MaxQueryLength);
}

QList<QPair<QString, QString>> formFields(const QByteArray &body)
{
    return QUrlQuery(QString::fromUtf8(QByteArray(body).replace('+', ' '))).queryItems(QUrl::FullyDecoded);
}

bool isForm(const HttpExchange &exchange)
{
    return exchange.requestHeader("content-type").toLower().contains("x-www-form-urlencoded");
}

// What the request carries that matters to the lesson: the grant type, or the names of the form fields
// (client credentials aside, which the wire log shows), or the bearer token's presence.
QString requestDetail(const HttpExchange &exchange)
{
    if (isForm(exchange) && !exchange.requestBody.isEmpty()) {
        QList<QPair<QString, QString>> fields = formFields(exchange.requestBody);
        for (const auto &field : fields) {
            if (field.first == QLatin1String("grant_type"))
                return parameterSummary({ field }, QString());
        }
        fields.erase(std::remove_if(fields.begin(), fields.end(),
                                    [](const QPair<QString, QString> &field) {
                                        return field.first == QLatin1String("client_id")
                                            || field.first == QLatin1String("client_secret");
                                    }),
                     fields.end());
        if (fields.size() > MaxFieldNames)
            fields = fields.mid(0, MaxFieldNames);
        const QString summary = parameterSummary(fields, QStringLiteral(", "));
        if (!summary.isEmpty())
            return summary;
    }
    const QByteArray authorization = exchange.requestHeader("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space > 0) // the scheme only: "Bearer", "DPoP", "Basic"
        return TextSanitizer::fromServer(authorization.left(space), false, 12);
    return {};
}

QString jsonSummary(const QJsonObject &object, bool *isError)
{
    const QString error = object.value(QLatin1String("error")).toString();
    if (!error.isEmpty()) {
        *isError = true;
        return TextSanitizer::sanitize(error, false, MaxErrorLength);
    }
    QStringList parts;
    for (const char *name : { "access_token", "id_token", "refresh_token", "issued_token_type" }) {
        if (object.contains(QLatin1String(name)))
            parts.append(QLatin1String(name));
    }
    if (object.value(QLatin1String("active")).isBool())
        parts.append(object.value(QLatin1String("active")).toBool() ? QStringLiteral("active=true")
                                                                    : QStringLiteral("active=false"));
    if (object.value(QLatin1String("keys")).isArray())
        parts.append(QStringLiteral("keys (%1)").arg(object.value(QLatin1String("keys")).toArray().size()));
    if (parts.isEmpty() && object.contains(QLatin1String("issuer")))
        parts.append(tr("metadata"));
    if (parts.isEmpty() && object.contains(QLatin1String("sub")))
        parts.append(QStringLiteral("sub"));
    return parts.join(QStringLiteral(", "));
}
} // namespace

QString request(const HttpExchange &exchange)
{
    QString label = TextSanitizer::fromServer(exchange.method.isEmpty() ? QByteArray("GET") : exchange.method,
                                              false, 10)
        + QLatin1Char(' ') + shortPath(exchange.url);
    if (exchange.url.hasQuery())
        label += QLatin1Char('?')
            + parameterSummary(QUrlQuery(exchange.url).queryItems(QUrl::FullyDecoded), QStringLiteral("&"));
    const QString detail = requestDetail(exchange);
    if (!detail.isEmpty())
        label += QStringLiteral(" (") + detail + QLatin1Char(')');
    return label;
}

QString response(const HttpExchange &exchange)
{
    if (exchange.status == 0) {
        const QString why = exchange.transportError.isEmpty() ? tr("no response") : exchange.transportError;
        return QStringLiteral("\u2715 ") + TextSanitizer::sanitize(why, false, MaxErrorLength);
    }
    QString label = QString::number(exchange.status);
    if (exchange.status >= 300 && exchange.status < 400) {
        const QByteArray location = exchange.responseHeader("location");
        if (!location.isEmpty())
            return redirect(exchange.url.resolved(QUrl::fromEncoded(location)), exchange.status);
    }
    bool isError = false;
    QString summary;
    const QJsonDocument json = QJsonDocument::fromJson(exchange.responseBody);
    if (json.isObject())
        summary = jsonSummary(json.object(), &isError);
    // The reason phrase unless the server's error code says more ("400 invalid_client").
    if (!isError && !exchange.reason.isEmpty())
        label += QLatin1Char(' ') + TextSanitizer::fromServer(exchange.reason, false, 24);
    if (!summary.isEmpty())
        label += QLatin1Char(' ') + summary;
    if (!exchange.transportError.isEmpty() && exchange.status >= 400 && summary.isEmpty()
        && exchange.reason.isEmpty())
        label += QLatin1Char(' ') + TextSanitizer::sanitize(exchange.transportError, false, MaxErrorLength);
    return label;
}

QString urlSummary(const QUrl &url)
{
    const QUrl shown = Redaction::redactUrl(url, {});
    QString summary = shortPath(shown);
    if (shown.hasQuery())
        summary += QLatin1Char('?')
            + parameterSummary(QUrlQuery(shown).queryItems(QUrl::FullyDecoded), QStringLiteral("&"));
    if (shown.hasFragment()) // implicit and form-post style responses carry their parameters here
        summary += QLatin1Char('#')
            + parameterSummary(QUrlQuery(shown.fragment(QUrl::FullyEncoded)).queryItems(QUrl::FullyDecoded),
                               QStringLiteral("&"));
    return summary;
}

QString redirect(const QUrl &location, int status)
{
    return QString::number(status) + QStringLiteral(" \u2192 ") + urlSummary(location);
}

} // namespace SequenceDiagramLabels
