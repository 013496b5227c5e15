#include "Redaction.h"

#include "FormEncoding.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

namespace Redaction {

namespace {
// Secrets shorter than this are only redacted by field name: replacing every "ab" in a log helps nobody.
constexpr int MinimumLiteralSecretLength = 3;

const QSet<QString> &secretFields()
{
    static const QSet<QString> fields {
        QStringLiteral("client_secret"),
        QStringLiteral("access_token"),
        QStringLiteral("refresh_token"),
        QStringLiteral("id_token"),
        QStringLiteral("code"),
        QStringLiteral("code_verifier"),
        QStringLiteral("client_assertion"),
        QStringLiteral("assertion"),
        QStringLiteral("password"),
        QStringLiteral("token"),
        QStringLiteral("device_code"),
        QStringLiteral("subject_token"),
        QStringLiteral("actor_token"),
        QStringLiteral("logout_token"),
        QStringLiteral("user_code"),
    };
    return fields;
}

QByteArray replaceLiteralSecrets(QByteArray text, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.size() < MinimumLiteralSecretLength)
            continue;
        const QByteArray raw = secret.toUtf8();
        const QByteArray mark = placeholder(raw);
        text.replace(raw, mark);
        const QByteArray formEncoded = FormEncoding::encodeComponent(secret);
        if (formEncoded != raw)
            text.replace(formEncoded, mark);
        const QByteArray percentEncoded = QUrl::toPercentEncoding(secret);
        if (percentEncoded != raw && percentEncoded != formEncoded)
            text.replace(percentEncoded, mark);
    }
    return text;
}

QByteArray redactFormFields(const QByteArray &body)
{
    QList<QByteArray> parts = body.split('&');
    for (QByteArray &part : parts) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        QByteArray name = part.left(eq);
        name.replace('+', ' ');
        if (isSecretField(QString::fromUtf8(QByteArray::fromPercentEncoding(name))) && eq + 1 < part.size()) {
            const QByteArray value
                = QByteArray::fromPercentEncoding(QByteArray(part.mid(eq + 1)).replace('+', ' '));
            part = part.left(eq + 1) + placeholder(value);
        }
    }
    return parts.join('&');
}

QByteArray redactJsonFields(const QByteArray &body)
{
    // Textual, so the server's formatting survives: "name" : "value" for every secret field name.
    static const QRegularExpression field(
        QStringLiteral("\"([A-Za-z_]+)\"(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\""));
    const QString text = QString::fromUtf8(body);
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = field.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (!isSecretField(match.captured(1)))
            continue;
        out += QStringView(text).mid(last, match.capturedStart(3) - last);
        out += QString::fromUtf8(placeholder(match.captured(3).toUtf8()));
        last = match.capturedEnd(3);
    }
    if (last == 0)
        return body;
    out += QStringView(text).mid(last);
    return out.toUtf8();
}

bool looksLikeForm(const QByteArray &body)
{
    static const QRegularExpression form(QStringLiteral("^[A-Za-z0-9_.%+*-]+=[^\\s]*$"));
    return !body.isEmpty() && body.size() < 64 * 1024 && form.match(QString::fromLatin1(body)).hasMatch();
}
} // namespace

QByteArray placeholder(const QByteArray &secret)
{
    return "[redacted " + QByteArray::number(secret.size()) + " bytes]";
}

bool isSecretField(const QString &name)
{
    return secretFields().contains(name.toLower());
}

bool isSecretHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie"
        || lower == "set-cookie";
}

QByteArray redactHeaderValue(const QByteArray &name, const QByteArray &value)
{
    if (!isSecretHeader(name))
        return value;
    const QByteArray lower = name.toLower();
    if (lower == "authorization" || lower == "proxy-authorization") {
        const qsizetype space = value.indexOf(' ');
        if (space > 0) // keep the scheme: "Basic", "Bearer" and "DPoP" are part of the lesson
            return value.left(space + 1) + placeholder(value.mid(space + 1).trimmed());
    }
    return placeholder(value);
}

QByteArray redactBody(const QByteArray &body, const QByteArray &contentType, const QStringList &secrets)
{
    if (body.isEmpty())
        return body;
    QByteArray out = body;
    const QByteArray type = contentType.toLower();
    const QByteArray trimmed = body.trimmed();
    if (type.contains("json") || trimmed.startsWith('{') || trimmed.startsWith('['))
        out = redactJsonFields(out);
    else if (type.contains("x-www-form-urlencoded") || looksLikeForm(trimmed))
        out = redactFormFields(out);
    return replaceLiteralSecrets(out, secrets);
}

QUrl redactUrl(const QUrl &url, const QStringList &secrets)
{
    QUrl out = url;
    if (url.hasQuery())
        out.setQuery(QString::fromUtf8(redactFormFields(url.query(QUrl::FullyEncoded).toUtf8())),
                     QUrl::TolerantMode);
    if (url.hasFragment()) // implicit-flow tokens arrive in the fragment
        out.setFragment(QString::fromUtf8(redactFormFields(url.fragment(QUrl::FullyEncoded).toUtf8())),
                        QUrl::TolerantMode);
    const QByteArray encoded = replaceLiteralSecrets(out.toEncoded(), secrets);
    return QUrl::fromEncoded(encoded, QUrl::TolerantMode);
}

HttpExchange redacted(const HttpExchange &exchange)
{
    HttpExchange copy = exchange;
    copy.url = redactUrl(exchange.url, exchange.secrets);
    for (HttpHeader &header : copy.requestHeaders)
        header.second
            = replaceLiteralSecrets(redactHeaderValue(header.first, header.second), exchange.secrets);
    for (HttpHeader &header : copy.responseHeaders)
        header.second
            = replaceLiteralSecrets(redactHeaderValue(header.first, header.second), exchange.secrets);
    copy.requestBody
        = redactBody(exchange.requestBody, exchange.requestHeader("content-type"), exchange.secrets);
    copy.responseBody
        = redactBody(exchange.responseBody, exchange.responseHeader("content-type"), exchange.secrets);
    copy.transportError
        = QString::fromUtf8(replaceLiteralSecrets(exchange.transportError.toUtf8(), exchange.secrets));
    return copy;
}

} // namespace Redaction
