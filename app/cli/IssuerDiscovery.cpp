#include "IssuerDiscovery.h"

#include "CliContext.h"
#include "CliLogging.h"
#include "Console.h"
#include "FlowReport.h"
#include "TextSanitizer.h"

IssuerDiscovery::IssuerDiscovery(CliContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_discovery(new Discovery(context->http(), this))
{
    connect(m_discovery, &Discovery::finished, this, &IssuerDiscovery::onFinished);
}

void IssuerDiscovery::start(const QUrl &issuer, const TransportOptions &transport, bool acceptMismatch)
{
    m_acceptMismatch = acceptMismatch;
    qCDebug(lcCli) << "discovering the metadata of" << issuer;
    m_discovery->discover(issuer, transport);
}

void IssuerDiscovery::onFinished(const DiscoveryResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (result.status != FlowStatus::Success) {
        console.error(TextSanitizer::sanitize(result.message));
        if (result.status != FlowStatus::UsageError) {
            for (const QString &url : result.tried)
                console.note(tr("tried %1").arg(TextSanitizer::sanitize(url)));
        }
        if (!result.hint.isEmpty())
            console.hint(TextSanitizer::sanitize(result.hint));
        Q_EMIT failed(exitCodeFor(result.status));
        return;
    }
    if (result.issuerMismatch) {
        if (!m_acceptMismatch) {
            console.error(TextSanitizer::sanitize(result.message));
            console.note(tr("the metadata came from %1").arg(result.documentUrl.toString()));
            console.hint(
                tr("pass the issuer exactly as the server announces it (a trailing slash counts), or "
                   "--accept-issuer-mismatch to use this metadata anyway"));
            Q_EMIT failed(exitCodeFor(FlowStatus::ValidationError));
            return;
        }
        console.warning(TextSanitizer::sanitize(result.message));
        console.note(tr("used anyway (--accept-issuer-mismatch)"));
    }
    Q_EMIT succeeded(result);
}
