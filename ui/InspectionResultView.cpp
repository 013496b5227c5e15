#include "InspectionResultView.h"

#include "ClaimsModel.h"
#include "DisplayFormat.h"
#include "EndpointResultView.h"
#include "FindingsView.h"
#include "TextSanitizer.h"
#include "UiColors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QString html(const QString &text)
{
    return TextSanitizer::sanitize(text, false, 2000).toHtmlEscaped();
}

QString jsonText(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isNull())
        return TextSanitizer::sanitize(QString::fromUtf8(document.toJson(QJsonDocument::Indented)), true);
    return TextSanitizer::fromServer(bytes, true);
}

QPlainTextEdit *jsonView(QWidget *parent, const QString &objectName)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(DisplayFormat::monospaceFont());
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    return view;
}

QString keyText(const JwsKeyInfo &key)
{
    if (key.isSecret)
        return InspectionResultView::tr("the HMAC secret you entered");
    QStringList parts;
    if (!key.kid.isEmpty())
        parts.append(InspectionResultView::tr("kid %1").arg(html(key.kid)));
    if (!key.kty.isEmpty())
        parts.append(InspectionResultView::tr("kty %1").arg(html(key.kty)));
    if (!key.crv.isEmpty())
        parts.append(InspectionResultView::tr("crv %1").arg(html(key.crv)));
    if (!key.alg.isEmpty())
        parts.append(InspectionResultView::tr("alg %1").arg(html(key.alg)));
    if (key.bits > 0)
        parts.append(InspectionResultView::tr("%1 bits").arg(key.bits));
    if (!key.thumbprint.isEmpty())
        parts.append(InspectionResultView::tr("thumbprint %1").arg(html(key.thumbprint)));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

InspectionResultView::InspectionResultView(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QLabel(this))
    , m_introspect(new QPushButton(tr("Introspect"), this))
    , m_verification(new QLabel(this))
    , m_findingsTitle(new QLabel(this))
    , m_findings(new FindingsView(this))
    , m_tabs(new QTabWidget(this))
    , m_claims(new ClaimsModel(this))
    , m_claimsView(new QTableView(this))
    , m_header(jsonView(this, QStringLiteral("headerJsonView")))
    , m_payload(jsonView(this, QStringLiteral("payloadJsonView")))
    , m_endpointResult(new EndpointResultView(this))
{
    setObjectName(QStringLiteral("inspectionResultView"));
    m_kind->setObjectName(QStringLiteral("tokenKindLabel"));
    m_introspect->setObjectName(QStringLiteral("introspectOpaqueButton"));
    m_verification->setObjectName(QStringLiteral("verificationLabel"));
    m_findingsTitle->setObjectName(QStringLiteral("inspectorFindingsTitle"));
    m_findings->setObjectName(QStringLiteral("inspectorFindingsView"));
    m_tabs->setObjectName(QStringLiteral("inspectorTabs"));
    m_claimsView->setObjectName(QStringLiteral("claimsView"));

    m_kind->setWordWrap(true);
    m_kind->setTextFormat(Qt::RichText);
    m_kind->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_introspect->hide();
    m_verification->setWordWrap(true);
    m_verification->setTextFormat(Qt::RichText);
    m_verification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findings->setMaximumHeight(130);
    m_findings->setPlaceholderText(tr("No findings."));

    ClaimsModel::showIn(m_claimsView, m_claims, 360);
    m_claimsView->verticalHeader()->setDefaultSectionSize(m_claimsView->fontMetrics().height() + 8);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_claimsView, tr("Claims"));
    m_tabs->addTab(m_header, tr("Header"));
    m_tabs->addTab(m_payload, tr("Payload"));
    m_tabs->addTab(m_endpointResult, tr("Server answer"));

    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kind, 1);
    kindRow->addWidget(m_introspect, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(kindRow);
    layout->addWidget(m_verification);
    layout->addWidget(m_findingsTitle);
    layout->addWidget(m_findings);
    layout->addWidget(m_tabs, 1);

    connect(m_introspect, &QPushButton::clicked, this, &InspectionResultView::introspectRequested);
    clear();
}

void InspectionResultView::showEndpointTab()
{
    m_tabs->setCurrentWidget(m_endpointResult);
}

void InspectionResultView::setIntrospectAvailable(bool enabled, const QString &toolTip)
{
    m_introspect->setEnabled(enabled);
    m_introspect->setToolTip(toolTip);
}

void InspectionResultView::clear()
{
    m_kind->setText(tr("<i>Paste a token above: a JWT is decoded and checked, an opaque token can be "
                       "introspected.</i>"));
    m_introspect->hide();
    m_verification->hide();
    m_findingsTitle->hide();
    m_findings->clearFindings();
    m_findings->hide();
    m_claims->clear();
    m_header->clear();
    m_payload->clear();
}

void InspectionResultView::showBusy(const QString &text)
{
    m_verification->setText(text.toHtmlEscaped());
    m_verification->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_verification->show();
}

void InspectionResultView::setNow(const QDateTime &now)
{
    m_claims->setNow(now);
    m_endpointResult->setNow(now);
}

void InspectionResultView::showResult(const InspectionResult &result)
{
    showKind(result);
    showVerification(result);
    const JwtParseResult &parsed = result.parsed;
    QStringList warnings = parsed.warnings;
    if (result.verification)
        warnings += result.verification->warnings;
    m_findings->setFindings(result.findings, warnings);
    const QString summary = m_findings->summary();
    if (hasErrors(result.findings))
        m_findingsTitle->setText(
            QStringLiteral("<span style=\"color: %1;\">%2</span>")
                .arg(QLatin1String(UiColors::Error),
                     tr("<b>Findings:</b> %1 — a careful recipient rejects this token.").arg(summary)));
    else
        m_findingsTitle->setText(summary.isEmpty() ? tr("<b>Findings:</b> none")
                                                   : tr("<b>Findings:</b> %1").arg(summary));
    const bool decoded = parsed.kind == JwtParseResult::Kind::Jws || parsed.kind == JwtParseResult::Kind::Jwe;
    m_findingsTitle->setVisible(decoded);
    m_findings->setVisible(decoded && !summary.isEmpty());
    showDecoded(result);
}

void InspectionResultView::showKind(const InspectionResult &result)
{
    const JwtParseResult &parsed = result.parsed;
    const Jwt &token = parsed.token;
    m_introspect->setVisible(parsed.kind == JwtParseResult::Kind::Opaque);
    switch (parsed.kind) {
    case JwtParseResult::Kind::Jws: {
        QStringList details { tr("alg %1").arg(html(token.alg)) };
        if (!token.typ.isEmpty())
            details.append(tr("typ %1").arg(html(token.typ)));
        if (!token.kid.isEmpty())
            details.append(tr("kid %1").arg(html(token.kid)));
        QString text = tr("<b>Signed JWT (JWS)</b> · %1").arg(details.join(QStringLiteral(" · ")));
        if (token.isAccessToken)
            text += tr(" · an RFC 9068 access token");
        m_kind->setText(text);
        break;
    }
    case JwtParseResult::Kind::Jwe:
        m_kind->setText(
            tr("<b>Encrypted JWT (JWE)</b>: encrypted, it cannot be read without the key · alg %1 · "
               "enc %2")
                .arg(html(token.alg), html(token.enc)));
        break;
    case JwtParseResult::Kind::Opaque:
        m_kind->setText(tr("<b>Opaque token</b>: not a JWT. Only the authorization server knows what it "
                           "stands for: introspect it."));
        break;
    case JwtParseResult::Kind::Invalid:
        m_kind->setText(QStringLiteral("<span style=\"color: %1;\">%2</span>")
                            .arg(QLatin1String(UiColors::Error),
                                 tr("<b>Not a valid JWT:</b> %1").arg(html(parsed.message))));
        break;
    }
}

void InspectionResultView::setVerification(const QString &text, const char *background, const char *border,
                                           const char *color)
{
    m_verification->setText(text);
    m_verification->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %3; border: 1px solid %2; border-radius: 4px; "
                       "padding: 6px; }")
            .arg(QLatin1String(background), QLatin1String(border), QLatin1String(color)));
    m_verification->show();
}

void InspectionResultView::showVerification(const InspectionResult &result)
{
    if (result.parsed.kind != JwtParseResult::Kind::Jws) {
        m_verification->hide();
        return;
    }
    if (!result.verification) {
        if (result.status == FlowStatus::ServerError || result.status == FlowStatus::TransportError)
            setVerification(tr("<b>✘ Signature not checked:</b> the keys could not be fetched: %1")
                                .arg(html(result.message)),
                            "#f8d7da", "#f1aeb5", "#58151c");
        else
            setVerification(
                tr("<b>Signature not checked:</b> enter the HMAC secret, or select a profile with "
                   "an issuer or a JWKS URL and verify with its keys."),
                "#fff3cd", "#ffda6a", "#664d03");
        return;
    }
    const JwsVerification &verification = *result.verification;
    // The engine's message repeats the verdict the headline already gives.
    QString detail = verification.message;
    for (const QLatin1String prefix :
         { QLatin1String("signature valid: "), QLatin1String("invalid signature: ") }) {
        if (detail.startsWith(prefix, Qt::CaseInsensitive))
            detail = detail.mid(prefix.size());
    }
    QString text = verification.isValid() ? tr("<b>✔ Signature valid</b> — %1").arg(html(detail))
                                          : tr("<b>✘ Signature invalid</b> — %1").arg(html(detail));
    if (verification.hasKey)
        text += QStringLiteral("<br>") + tr("Key: %1").arg(keyText(verification.key));
    QString keySource;
    if (!result.jwksUrl.isEmpty())
        keySource = tr("Keys from %1%2")
                        .arg(result.jwksUrl.toDisplayString(),
                             result.jwksRefetched ? tr(" (fetched again: the kid was unknown)") : QString());
    m_verification->setToolTip(keySource);
    if (result.jwksRefetched)
        text += QStringLiteral("<br>") + html(keySource);
    if (verification.isValid())
        setVerification(text, "#d1e7dd", "#a3cfbb", "#0a3622");
    else
        setVerification(text, "#f8d7da", "#f1aeb5", "#58151c");
}

void InspectionResultView::showDecoded(const InspectionResult &result)
{
    const JwtParseResult &parsed = result.parsed;
    const Jwt &token = parsed.token;
    if (parsed.kind == JwtParseResult::Kind::Jws || parsed.kind == JwtParseResult::Kind::Jwe)
        m_header->setPlainText(jsonText(token.headerJson));
    else
        m_header->clear();
    if (parsed.kind == JwtParseResult::Kind::Jws) {
        if (token.payloadIsJson) {
            m_payload->setPlainText(jsonText(token.payload));
            m_claims->setClaims(token.claims, result.now);
            m_claimsView->resizeColumnToContents(ClaimsModel::ValueColumn);
            const int widest = m_claimsView->viewport()->width() * 3 / 5;
            if (widest > 100 && m_claimsView->columnWidth(ClaimsModel::ValueColumn) > widest)
                m_claimsView->setColumnWidth(ClaimsModel::ValueColumn, widest);
        } else {
            m_payload->setPlainText(TextSanitizer::fromServer(token.payload, true));
            m_claims->clear();
        }
    } else {
        m_payload->setPlainText(parsed.kind == JwtParseResult::Kind::Jwe
                                    ? tr("(encrypted: the payload cannot be read without the key)")
                                    : QString());
        m_claims->clear();
    }
}
