#include "EndpointResultView.h"

#include "ClaimsModel.h"
#include "DisplayFormat.h"
#include "TextSanitizer.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QString serverHtml(const QString &text)
{
    return TextSanitizer::sanitize(text, false, 2000).toHtmlEscaped();
}

} // namespace

EndpointResultView::EndpointResultView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_claims(new ClaimsModel(this))
    , m_claimsView(new QTableView(this))
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("endpointResultView"));
    m_status->setObjectName(QStringLiteral("endpointResultLabel"));
    m_claimsView->setObjectName(QStringLiteral("endpointClaimsView"));
    m_body->setObjectName(QStringLiteral("endpointBodyView"));

    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ClaimsModel::showIn(m_claimsView, m_claims, 320);
    m_body->setReadOnly(true);
    m_body->setFont(DisplayFormat::monospaceFont());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_claimsView, 1);
    layout->addWidget(m_body, 1);
    clear();
}

void EndpointResultView::setStatus(const QString &html, const char *background, const char *border,
                                   const char *text)
{
    m_status->setText(html);
    m_status->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %3; border: 1px solid %2; border-radius: 4px; "
                       "padding: 6px; }")
            .arg(QLatin1String(background), QLatin1String(border), QLatin1String(text)));
}

void EndpointResultView::clear()
{
    m_claims->clear();
    m_claimsView->hide();
    m_body->clear();
    m_body->hide();
    m_status->setText(tr("Introspect, Revoke and UserInfo ask the selected profile's authorization server "
                         "about the token. The answer appears here; the exchange in the wire log."));
    m_status->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
}

void EndpointResultView::showStarted(TokenActions::Action action, const QUrl &endpoint)
{
    clear();
    QString what;
    switch (action) {
    case TokenActions::Action::Introspect:
        what = tr("Introspecting the token at %1…");
        break;
    case TokenActions::Action::Revoke:
        what = tr("Revoking the token at %1…");
        break;
    case TokenActions::Action::UserInfo:
        what = tr("Fetching the user's claims from %1…");
        break;
    }
    m_status->setText(what.arg(serverHtml(endpoint.toDisplayString())));
}

void EndpointResultView::setNow(const QDateTime &now)
{
    m_claims->setNow(now);
}

void EndpointResultView::showResult(TokenActions::Action action, const EndpointResult &result,
                                    const QDateTime &now)
{
    clear();
    if (!result.ok()) {
        showFailure(result);
        return;
    }
    QString warnings;
    for (const QString &warning : result.warnings)
        warnings += QStringLiteral("<br>") + tr("Warning: %1").arg(serverHtml(warning));
    switch (action) {
    case TokenActions::Action::Introspect:
        if (result.active.value_or(false))
            setStatus(
                tr("<b>active: true</b> — the server accepts this token (HTTP %1).").arg(result.httpStatus)
                    + warnings,
                "#d1e7dd", "#a3cfbb", "#0a3622");
        else
            setStatus(
                tr("<b>active: false</b> — the token is expired, revoked, unknown to the server, or not "
                   "for this client (RFC 7662 §2.2 does not say which).")
                    + warnings,
                "#fff3cd", "#ffda6a", "#664d03");
        m_claims->setClaims(result.json, now);
        m_claimsView->show();
        break;
    case TokenActions::Action::Revoke:
        setStatus(tr("<b>Revoked</b> (HTTP %1). Servers answer the same for tokens they do not know "
                     "(RFC 7009 §2.2): introspect the token to confirm it is no longer active.")
                          .arg(result.httpStatus)
                      + warnings,
                  "#d1e7dd", "#a3cfbb", "#0a3622");
        break;
    case TokenActions::Action::UserInfo: {
        setStatus(tr("<b>UserInfo</b> (HTTP %1)").arg(result.httpStatus) + warnings, "#d1e7dd", "#a3cfbb",
                  "#0a3622");
        const DisplayFormat::FormattedBody body = DisplayFormat::body(result.body, result.contentType);
        m_body->setPlainText(body.text);
        m_body->show();
        break;
    }
    }
}

void EndpointResultView::showFailure(const EndpointResult &result)
{
    QStringList lines;
    lines.append(tr("<b>Failed:</b> %1").arg(serverHtml(result.message)));
    if (result.challenge.present) {
        QString line = tr("Bearer challenge: %1").arg(serverHtml(result.challenge.summary()));
        const QString explanation = result.challenge.explanation();
        if (!explanation.isEmpty())
            line += tr(" — %1").arg(serverHtml(explanation));
        lines.append(line);
    }
    if (!result.hint.isEmpty())
        lines.append(tr("Hint: %1").arg(serverHtml(result.hint)));
    for (const QString &warning : result.warnings)
        lines.append(tr("Warning: %1").arg(serverHtml(warning)));
    setStatus(lines.join(QStringLiteral("<br>")), "#f8d7da", "#f1aeb5", "#58151c");
    if (!result.body.isEmpty()) {
        m_body->setPlainText(DisplayFormat::body(result.body, result.contentType).text);
        m_body->show();
    }
}
