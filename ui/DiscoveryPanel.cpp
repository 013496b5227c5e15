#include "DiscoveryPanel.h"

#include "FindingsEngine.h"
#include "FindingsView.h"
#include "TextSanitizer.h"
#include "UiColors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString serverHtml(const QString &text)
{
    return TextSanitizer::sanitize(text, false, 300).toHtmlEscaped();
}

QString listHtml(const QStringList &values, const QString &none)
{
    if (values.isEmpty())
        return QStringLiteral("<i>%1</i>").arg(none.toHtmlEscaped());
    QStringList shown;
    for (const QString &value : values)
        shown.append(serverHtml(value));
    return shown.join(QStringLiteral(", "));
}

} // namespace

DiscoveryPanel::DiscoveryPanel(HttpClient *http, QWidget *parent)
    : QWidget(parent)
    , m_discovery(new Discovery(http, this))
    , m_status(new QLabel(this))
    , m_confirm(new QPushButton(tr("Use these endpoints anyway"), this))
    , m_support(new QLabel(this))
    , m_findings(new FindingsView(this))
{
    setObjectName(QStringLiteral("discoveryPanel"));
    m_status->setObjectName(QStringLiteral("discoveryStatusLabel"));
    m_confirm->setObjectName(QStringLiteral("confirmMismatchButton"));
    m_support->setObjectName(QStringLiteral("serverSupportLabel"));
    m_findings->setObjectName(QStringLiteral("metadataFindingsView"));

    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_confirm->setToolTip(tr("Fill the endpoints from this metadata although it names another issuer"));
    m_confirm->setAutoDefault(false);
    m_support->setWordWrap(true);
    m_support->setTextFormat(Qt::RichText);
    m_support->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findings->setMaximumHeight(150);

    auto *confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_confirm);
    confirmRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_status);
    layout->addLayout(confirmRow);
    layout->addWidget(m_support);
    layout->addWidget(m_findings);

    connect(m_discovery, &Discovery::finished, this, &DiscoveryPanel::finished);
    connect(m_confirm, &QPushButton::clicked, this, &DiscoveryPanel::confirmMismatch);
    reset();
}

void DiscoveryPanel::reset()
{
    m_pending.reset();
    m_status->clear();
    m_status->hide();
    m_confirm->hide();
    m_support->hide();
    m_findings->hide();
}

void DiscoveryPanel::issuerEdited()
{
    if (m_pending)
        reset();
}

void DiscoveryPanel::discover(const QUrl &issuer, const TransportOptions &transport)
{
    if (m_busy)
        return;
    reset();
    m_requested = issuer;
    setStatus(tr("Fetching the metadata of %1…").arg(serverHtml(issuer.toDisplayString())), UiColors::Note);
    setBusy(true);
    m_discovery->discover(issuer, transport);
}

void DiscoveryPanel::setBusy(bool busy)
{
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void DiscoveryPanel::setStatus(const QString &html, const char *color)
{
    m_status->setText(html);
    m_status->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(color)));
    m_status->show();
}

void DiscoveryPanel::finished(const DiscoveryResult &result)
{
    setBusy(false);
    if (result.status != FlowStatus::Success) {
        QString html = tr("<b>Discovery failed:</b> %1").arg(serverHtml(result.message));
        if (!result.hint.isEmpty())
            html += QStringLiteral("<br>") + tr("Hint: %1").arg(serverHtml(result.hint));
        if (!result.tried.isEmpty())
            html += QStringLiteral("<br>")
                + tr("Tried: %1").arg(serverHtml(result.tried.join(QStringLiteral(", "))));
        setStatus(html, UiColors::Error);
        return;
    }
    showSupport(result.metadata);
    m_findings->setFindings(FindingsEngine::forMetadata(result.metadata, m_requested), result.warnings);
    m_findings->show();
    if (result.issuerMismatch) {
        m_pending = result;
        setStatus(tr("<b>Issuer mismatch:</b> %1<br>Nothing was filled in. Check the issuer; use the "
                     "endpoints only if you trust %2.")
                      .arg(serverHtml(result.message), serverHtml(result.documentUrl.toDisplayString())),
                  UiColors::Error);
        m_confirm->show();
        return;
    }
    accept(result.metadata, result.documentUrl);
}

void DiscoveryPanel::confirmMismatch()
{
    if (!m_pending)
        return;
    const DiscoveryResult result = *m_pending;
    m_pending.reset();
    m_confirm->hide();
    accept(result.metadata, result.documentUrl);
    m_status->setText(m_status->text() + QLatin1Char(' ')
                      + tr("The issuer field now holds the issuer the server announces: tokens will be "
                           "checked against it."));
}

void DiscoveryPanel::accept(const ServerMetadata &metadata, const QUrl &documentUrl)
{
    struct Named
    {
        QUrl url;
        QString name;
    };
    const ServerEndpoints &endpoints = metadata.endpoints;
    const QList<Named> all = {
        { endpoints.authorization, tr("authorization") },
        { endpoints.introspection, tr("introspection") },
        { endpoints.revocation, tr("revocation") },
        { endpoints.userinfo, tr("userinfo") },
        { endpoints.jwks, tr("JWKS") },
        { endpoints.deviceAuthorization, tr("device authorization") },
        { endpoints.pushedAuthorization, tr("pushed authorization (PAR)") },
    };
    QStringList missing;
    for (const Named &endpoint : all) {
        if (endpoint.url.isEmpty())
            missing.append(endpoint.name);
    }
    QString html = tr("<b>Endpoints filled in</b> from %1.").arg(serverHtml(documentUrl.toDisplayString()));
    if (metadata.tokenEndpoint.isEmpty())
        html += QLatin1Char(' ') + tr("The metadata has no token endpoint: the field was left as it was.");
    if (!missing.isEmpty())
        html += QLatin1Char(' ') + tr("Not announced: %1.").arg(missing.join(tr(", ")).toHtmlEscaped());
    setStatus(html, UiColors::Ok);
    Q_EMIT accepted(metadata);
}

void DiscoveryPanel::showSupport(const ServerMetadata &metadata)
{
    const auto row = [](const QString &name, const QString &valueHtml) {
        return QStringLiteral(
                   "<tr><td style=\"padding-right: 10px; white-space: nowrap;\">%1</td><td>%2</td></tr>")
            .arg(name.toHtmlEscaped(), valueHtml);
    };
    const bool grantsListed = metadata.raw.contains(QLatin1String("grant_types_supported"));
    const bool authListed = metadata.raw.contains(QLatin1String("token_endpoint_auth_methods_supported"));
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    html += row(tr("Grant types:"),
                listHtml(metadata.grantTypes, tr("none listed"))
                    + (grantsListed ? QString() : tr(" <i>(not listed: the RFC 8414 default)</i>")));
    html += row(tr("Client authentication:"),
                listHtml(metadata.tokenEndpointAuthMethods, tr("none listed"))
                    + (authListed ? QString() : tr(" <i>(not listed: the RFC 8414 default)</i>")));
    html += row(tr("PKCE methods:"), listHtml(metadata.codeChallengeMethods, tr("not advertised")));
    html += row(tr("ID token signing:"), listHtml(metadata.idTokenSigningAlgs, tr("not listed")));
    html += row(tr("iss in responses:"),
                metadata.authorizationResponseIssParameterSupported ? tr("supported (RFC 9207)")
                                                                    : tr("<i>not supported</i>"));
    if (metadata.requirePushedAuthorizationRequests)
        html += row(tr("PAR:"), tr("required for every authorization request"));
    if (!metadata.scopes.isEmpty())
        html += row(tr("Scopes:"), listHtml(metadata.scopes, QString()));
    html += QStringLiteral("</table>");
    m_support->setText(html);
    m_support->show();
}
