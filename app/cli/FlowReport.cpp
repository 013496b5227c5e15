#include "FlowReport.h"

#include "Console.h"
#include "EndpointResult.h"
#include "FlowResult.h"
#include "FlowStep.h"
#include "TextSanitizer.h"
#include "WwwAuthenticate.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FlowReport", text);
}
} // namespace

namespace FlowReport {

void printWarnings(Console &console, const QStringList &warnings)
{
    for (const QString &warning : warnings)
        console.warning(TextSanitizer::sanitize(warning));
}

void printInsecureMarker(Console &console)
{
    console.warning(tr("certificate verification disabled (--insecure)"));
}

void printFailure(Console &console, const TokenResult &result)
{
    printFailure(console, result.oauthError, result.message, result.hint);
}

void printFailure(Console &console, const EndpointResult &result)
{
    if (!result.challenge.present) {
        printFailure(console, result.oauthError, result.message, result.hint);
        return;
    }
    // The challenge's own explanation is the better hint for a resource server's refusal (RFC 6750 §3.1).
    printFailure(console, result.oauthError, result.message, QString());
    printChallenge(console, result.challenge);
    if (result.challenge.explanation().isEmpty() && !result.hint.isEmpty())
        console.hint(TextSanitizer::sanitize(result.hint));
}

void printFailure(Console &console, const OAuthError &oauth, const QString &message, const QString &hint)
{
    if (oauth.isEmpty()) {
        console.error(TextSanitizer::sanitize(message));
    } else {
        QString line = TextSanitizer::sanitize(oauth.error);
        if (!oauth.description.isEmpty())
            line += QStringLiteral(": ") + TextSanitizer::sanitize(oauth.description);
        if (oauth.httpStatus != 0)
            line += QStringLiteral(" (HTTP %1)").arg(oauth.httpStatus);
        console.error(line);
        if (!oauth.uri.isEmpty())
            console.note(tr("the server refers to %1").arg(TextSanitizer::sanitize(oauth.uri)));
    }
    QString hintLine = optionHint(oauth.error);
    if (hintLine.isEmpty())
        hintLine = TextSanitizer::sanitize(hint);
    if (!hintLine.isEmpty())
        console.hint(hintLine);
}

QString optionHint(const QString &oauthError)
{
    if (oauthError == QLatin1String("invalid_client"))
        return tr("check the client secret and --auth method (the server expects client_secret_basic or "
                  "client_secret_post)");
    if (oauthError == QLatin1String("invalid_target"))
        return tr("check --resource: the server does not accept that resource indicator for this client (RFC "
                  "8707)");
    if (oauthError == QLatin1String("invalid_scope"))
        return tr("check --scope: the server refused a requested scope");
    return {};
}

void printChallenge(Console &console, const BearerChallenge &challenge)
{
    if (!challenge.present)
        return;
    console.message(tr("challenge: %1").arg(TextSanitizer::sanitize(challenge.summary())));
    const QString explanation = challenge.explanation();
    if (!explanation.isEmpty())
        console.hint(TextSanitizer::sanitize(explanation));
}

void printStep(Console &console, const FlowStep &step, bool detail)
{
    if (step.kind == FlowStep::Kind::Failed)
        return;
    QString line
        = (step.ok ? QStringLiteral("* ") : QStringLiteral("! ")) + TextSanitizer::sanitize(step.title);
    if (!step.reference.isEmpty())
        line += QStringLiteral(" (") + step.reference + QLatin1Char(')');
    console.message(line);
    if (detail && !step.detail.isEmpty())
        console.message(QStringLiteral("  ") + TextSanitizer::sanitize(step.detail));
}

void printFindings(Console &console, const Findings &findings)
{
    for (const Finding &finding : findings)
        console.message(QStringLiteral("finding: %1 %2: %3%4")
                            .arg(Finding::severityName(finding.severity), finding.id,
                                 TextSanitizer::sanitize(finding.message),
                                 finding.reference.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (") + finding.reference + QLatin1Char(')')));
}

} // namespace FlowReport
