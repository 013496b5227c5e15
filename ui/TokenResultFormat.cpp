#include "TokenResultFormat.h"

#include "FindingsEngine.h"
#include "TextSanitizer.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TokenResultFormat", text);
}

// Server text for a rich-text label: control characters stripped, HTML escaped.
QString serverHtml(const QString &text)
{
    return TextSanitizer::sanitize(text, false, 2000).toHtmlEscaped();
}

QString linkHtml(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    const QString shown = serverHtml(uri);
    if (url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")))
        return QStringLiteral("<a href=\"%1\">%2</a>")
            .arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(), shown);
    return shown;
}

// A validation failure as a finding; the engine's message names the rule, the id says what failed.
Finding validationFinding(const TokenResult &result)
{
    Finding finding;
    finding.severity = Finding::Severity::Error;
    finding.message = result.message;
    const QString message = result.message.toLower();
    if (message.contains(QLatin1String("state"))) {
        finding.id = QStringLiteral("flow.state-mismatch");
        finding.reference = QStringLiteral("RFC 6749 §10.12");
    } else if (message.contains(QLatin1String("iss"))) {
        finding.id = QStringLiteral("flow.issuer-mismatch");
        finding.reference = QStringLiteral("RFC 9207");
    } else if (message.contains(QLatin1String("id token"))) {
        finding.id = QStringLiteral("flow.id-token-rejected");
        finding.reference = QStringLiteral("OIDC Core §3.1.3.7");
    } else {
        finding.id = QStringLiteral("flow.validation-failed");
    }
    return finding;
}

} // namespace

namespace TokenResultFormat {

QString errorHtml(const TokenResult &result, const QString &heading)
{
    QStringList lines;
    const OAuthError &error = result.oauthError;
    const QString title = QStringLiteral("<b>%1</b>").arg(heading.toHtmlEscaped());
    if (error.isEmpty()) {
        lines.append(tr("%1 %2").arg(title, serverHtml(result.message)));
    } else {
        QString line = tr("%1 <b>%2</b>").arg(title, serverHtml(error.error));
        if (!error.description.isEmpty())
            line += tr(" — %1").arg(serverHtml(error.description));
        lines.append(line);
    }
    QStringList details;
    if (error.httpStatus != 0)
        details.append(tr("HTTP status %1").arg(error.httpStatus));
    if (!error.uri.isEmpty())
        details.append(tr("More information: %1").arg(linkHtml(error.uri)));
    if (!details.isEmpty())
        lines.append(details.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    if (!result.hint.isEmpty())
        lines.append(tr("Hint: %1").arg(serverHtml(result.hint)));
    return lines.join(QStringLiteral("<br>"));
}

Findings findings(const Profile &profile, const TokenResult &result, const QString &grantType)
{
    Findings all;
    if (result.status == FlowStatus::ValidationError && !hasErrors(result.findings))
        all.append(validationFinding(result));
    all += result.findings;
    if (result.ok())
        all += FindingsEngine::forTokenResponse(result.token, profile.scope, grantType);
    all += FindingsEngine::forProfile(profile);
    return all;
}

} // namespace TokenResultFormat
