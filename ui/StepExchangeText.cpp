#include "StepExchangeText.h"

#include "DisplayFormat.h"
#include "Redaction.h"
#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace StepExchangeText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StepExchangeText", text);
}

QString headerLines(const HttpHeaders &headers)
{
    QStringList lines;
    for (const HttpHeader &header : headers)
        lines << TextSanitizer::sanitize(QString::fromLatin1(header.first + ": " + header.second), false,
                                         2000);
    return lines.join(QLatin1Char('\n'));
}

// A form body reads best one parameter per line; the '&' stays so it is still the same body.
QString bodyText(const QByteArray &body, const QByteArray &contentType)
{
    if (body.isEmpty())
        return {};
    if (contentType.toLower().startsWith("application/x-www-form-urlencoded"))
        return TextSanitizer::sanitize(
            QString::fromLatin1(body).replace(QLatin1Char('&'), QStringLiteral("&\n")), true, 20000);
    const DisplayFormat::FormattedBody formatted = DisplayFormat::body(body, contentType);
    return formatted.note.isEmpty()
        ? formatted.text
        : formatted.text + QStringLiteral("\n\n(") + formatted.note + QLatin1Char(')');
}

QString target(const QUrl &url)
{
    const QString query = url.query(QUrl::FullyEncoded);
    return (url.path().isEmpty() ? QStringLiteral("/") : url.path())
        + (query.isEmpty() ? QString() : QLatin1Char('?') + query);
}

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString parameterLines(const QList<QPair<QString, QString>> &parameters, bool revealSecrets)
{
    QStringList lines;
    for (const auto &parameter : parameters) {
        const QString name = parameter.first.section(QLatin1Char(' '), 0, 0);
        const bool secret = Redaction::isSecretField(name);
        const QString value = secret && !revealSecrets
            ? QString::fromUtf8(Redaction::placeholder(parameter.second.toUtf8()))
            : TextSanitizer::sanitize(parameter.second, false, 2000);
        lines << QStringLiteral("  %1 = %2").arg(parameter.first, value);
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

QString request(const TeachingStep &step, bool revealSecrets)
{
    const HttpExchange exchange = revealSecrets ? step.exchange : Redaction::redacted(step.exchange);
    if (step.frontChannel) {
        // Redaction of the URL hides the code in a callback; the parameter list says what each value is.
        QString text = step.id == QLatin1String("callback")
            ? tr("The browser calls the client's redirect URI:")
            : tr("The client sends the browser to:");
        text += QStringLiteral("\n\nGET %1 HTTP/1.1\nHost: %2")
                    .arg(TextSanitizer::sanitize(target(exchange.url), false, 8000), hostOf(exchange.url));
        if (!step.parameters.isEmpty())
            text += QStringLiteral("\n\n") + tr("Parameters:") + QLatin1Char('\n')
                + parameterLines(step.parameters, revealSecrets);
        return text;
    }
    QString text = QStringLiteral("%1 %2 HTTP/1.1\nHost: %3")
                       .arg(QString::fromLatin1(exchange.method),
                            TextSanitizer::sanitize(target(exchange.url), false, 8000), hostOf(exchange.url));
    const QString headers = headerLines(exchange.requestHeaders);
    if (!headers.isEmpty())
        text += QLatin1Char('\n') + headers;
    const QString body = bodyText(exchange.requestBody, exchange.requestHeader("content-type"));
    if (!body.isEmpty())
        text += QStringLiteral("\n\n") + body;
    return text;
}

QString response(const TeachingStep &step, bool revealSecrets)
{
    if (step.frontChannel || step.exchange.status == 0) {
        if (!step.exchange.transportError.isEmpty())
            return tr("No response: %1").arg(step.exchange.transportError);
        return step.outcome;
    }
    const HttpExchange exchange = revealSecrets ? step.exchange : Redaction::redacted(step.exchange);
    QString text
        = QStringLiteral("HTTP/1.1 %1 %2").arg(exchange.status).arg(QString::fromLatin1(exchange.reason));
    const QString headers = headerLines(exchange.responseHeaders);
    if (!headers.isEmpty())
        text += QLatin1Char('\n') + headers;
    const QString body = bodyText(exchange.responseBody, exchange.responseHeader("content-type"));
    if (!body.isEmpty())
        text += QStringLiteral("\n\n") + body;
    if (exchange.responseTruncated)
        text += QStringLiteral("\n\n") + tr("(truncated: the body exceeded the size limit)");
    return text;
}

} // namespace StepExchangeText
