#include "TokenPanel.h"

#include "Clipboard.h"
#include "DisplayFormat.h"
#include "FindingsEngine.h"
#include "FindingsView.h"
#include "JwtParser.h"
#include "TextSanitizer.h"
#include "TokenFieldsModel.h"
#include "WireLog.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace {

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

} // namespace

TokenPanel::TokenPanel(Clipboard *clipboard, WireLog *log, QWidget *parent)
    : QWidget(parent)
    , m_clipboard(clipboard)
    , m_log(log)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_timer(new QTimer(this))
    , m_getTokenAction(new QAction(tr("&Get Token"), this))
    , m_getTokenButton(new QPushButton(tr("Get token"), this))
    , m_busyIndicator(new QProgressBar(this))
    , m_profileLabel(new QLabel(this))
    , m_insecureLabel(new QLabel(tr("INSECURE"), this))
    , m_placeholder(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_expiryLabel(new QLabel(this))
    , m_fieldsModel(new TokenFieldsModel(this))
    , m_fieldsView(new QTableView(this))
    , m_tokenBox(new QWidget(this))
    , m_revealCheck(new QCheckBox(tr("Reveal tokens"), this))
    , m_copyTokenButton(new QPushButton(tr("Copy access token"), this))
    , m_copyHeaderButton(new QPushButton(tr("Copy Authorization header"), this))
    , m_copyNote(new QLabel(this))
    , m_tokenKind(new QLabel(this))
    , m_inspectAccessButton(new QPushButton(tr("Inspect access token"), this))
    , m_inspectIdButton(new QPushButton(tr("Inspect ID token"), this))
    , m_findingsTitle(new QLabel(this))
    , m_findingsView(new FindingsView(this))
{
    setObjectName(QStringLiteral("tokenPanel"));
    m_getTokenAction->setObjectName(QStringLiteral("getTokenAction"));
    m_getTokenButton->setObjectName(QStringLiteral("getTokenButton"));
    m_busyIndicator->setObjectName(QStringLiteral("tokenBusyIndicator"));
    m_profileLabel->setObjectName(QStringLiteral("tokenProfileLabel"));
    m_insecureLabel->setObjectName(QStringLiteral("insecureLabel"));
    m_placeholder->setObjectName(QStringLiteral("tokenPlaceholderLabel"));
    m_errorLabel->setObjectName(QStringLiteral("tokenErrorLabel"));
    m_statusLabel->setObjectName(QStringLiteral("tokenStatusLabel"));
    m_expiryLabel->setObjectName(QStringLiteral("expiryLabel"));
    m_fieldsView->setObjectName(QStringLiteral("tokenFieldsView"));
    m_revealCheck->setObjectName(QStringLiteral("revealTokenCheck"));
    m_copyTokenButton->setObjectName(QStringLiteral("copyAccessTokenButton"));
    m_copyHeaderButton->setObjectName(QStringLiteral("copyAuthorizationHeaderButton"));
    m_copyNote->setObjectName(QStringLiteral("copyNoteLabel"));
    m_tokenKind->setObjectName(QStringLiteral("accessTokenKindLabel"));
    m_inspectAccessButton->setObjectName(QStringLiteral("inspectAccessTokenButton"));
    m_inspectIdButton->setObjectName(QStringLiteral("inspectIdTokenButton"));
    m_findingsTitle->setObjectName(QStringLiteral("tokenFindingsTitle"));
    m_findingsView->setObjectName(QStringLiteral("tokenFindingsView"));

    m_getTokenAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_getTokenAction->setStatusTip(
        tr("Request a token with the selected profile (client credentials grant)"));
    m_getTokenButton->setDefault(true);
    m_getTokenButton->setToolTip(m_getTokenAction->statusTip());
    m_getTokenButton->setMinimumWidth(110);
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setMaximumWidth(120);
    m_busyIndicator->setMaximumHeight(12);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->setAccessibleName(tr("Requesting a token"));
    m_busyIndicator->hide();
    m_profileLabel->setTextFormat(Qt::RichText);
    m_profileLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_insecureLabel->setStyleSheet(QStringLiteral(
        "background: #b02a37; color: white; font-weight: bold; padding: 2px 6px; border-radius: 3px;"));
    m_insecureLabel->setToolTip(tr("Certificate errors were ignored for this request: the profile accepts "
                                   "invalid certificates. Anyone on the network path could have read it."));
    m_insecureLabel->hide();

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet(QStringLiteral("color: palette(placeholder-text); padding: 24px;"));

    m_errorLabel->setTextFormat(Qt::RichText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setOpenExternalLinks(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_errorLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #f8d7da; color: #58151c; border: 1px solid "
                       "#f1aeb5; border-radius: 4px; padding: 8px; }"));
    m_errorLabel->hide();

    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont expiryFont = m_expiryLabel->font();
    expiryFont.setPointSizeF(expiryFont.pointSizeF() * 1.3);
    expiryFont.setBold(true);
    m_expiryLabel->setFont(expiryFont);

    m_fieldsView->setModel(m_fieldsModel);
    m_fieldsView->setFont(DisplayFormat::monospaceFont());
    m_fieldsView->verticalHeader()->hide();
    m_fieldsView->verticalHeader()->setDefaultSectionSize(m_fieldsView->fontMetrics().height() + 8);
    m_fieldsView->horizontalHeader()->setStretchLastSection(true);
    m_fieldsView->horizontalHeader()->setSectionResizeMode(TokenFieldsModel::FieldColumn,
                                                           QHeaderView::ResizeToContents);
    m_fieldsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fieldsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fieldsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fieldsView->setWordWrap(false);
    m_fieldsView->setTextElideMode(Qt::ElideRight);
    m_fieldsView->setAlternatingRowColors(true);

    m_revealCheck->setToolTip(tr("Show the token values instead of dots"));
    m_copyTokenButton->setToolTip(tr("The clipboard is cleared %1 after copying.")
                                      .arg(DisplayFormat::duration(Clipboard::DefaultClearDelayMs / 1000)));
    m_copyHeaderButton->setToolTip(m_copyTokenButton->toolTip());
    m_copyNote->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_tokenKind->setTextFormat(Qt::RichText);
    m_tokenKind->setWordWrap(true);
    m_inspectAccessButton->setToolTip(tr("Decode the access token, check its signature and list its claims "
                                         "in the Inspect tab"));
    m_inspectIdButton->setToolTip(tr("Check the ID token in the Inspect tab"));
    m_findingsView->setMaximumHeight(120);

    auto *header = new QHBoxLayout;
    header->addWidget(m_getTokenButton);
    header->addWidget(m_busyIndicator);
    header->addWidget(m_profileLabel, 1);
    header->addWidget(m_insecureLabel);

    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(m_revealCheck);
    copyRow->addStretch(1);
    copyRow->addWidget(m_copyNote);
    copyRow->addWidget(m_copyTokenButton);
    copyRow->addWidget(m_copyHeaderButton);

    auto *tokenLayout = new QVBoxLayout(m_tokenBox);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_expiryLabel);
    tokenLayout->addWidget(m_fieldsView, 1);
    tokenLayout->addLayout(copyRow);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_tokenKind, 1);
    kindRow->addWidget(m_inspectAccessButton);
    kindRow->addWidget(m_inspectIdButton);
    tokenLayout->addLayout(kindRow);
    m_tokenBox->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_placeholder, 100);
    layout->addWidget(m_tokenBox, 100);
    layout->addWidget(m_findingsTitle);
    layout->addWidget(m_findingsView);
    layout->addStretch(1); // keeps an error at the top when no token is shown
    m_findingsTitle->hide();
    m_findingsView->hide();
    m_statusLabel->hide();

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &TokenPanel::updateCountdown);
    connect(m_getTokenButton, &QPushButton::clicked, m_getTokenAction, &QAction::trigger);
    connect(m_revealCheck, &QCheckBox::toggled, m_fieldsModel, &TokenFieldsModel::setRevealed);
    connect(m_copyTokenButton, &QPushButton::clicked, this, &TokenPanel::copyAccessToken);
    connect(m_copyHeaderButton, &QPushButton::clicked, this, &TokenPanel::copyAuthorizationHeader);
    connect(m_inspectAccessButton, &QPushButton::clicked, this, [this] {
        if (m_token)
            Q_EMIT inspectRequested(m_token->accessToken, TokenSource::AccessToken);
    });
    connect(m_inspectIdButton, &QPushButton::clicked, this, [this] {
        if (m_token)
            Q_EMIT inspectRequested(m_token->idToken, TokenSource::IdToken);
    });
    connect(m_clipboard, &Clipboard::secretCleared, this,
            [this] { m_copyNote->setText(tr("Clipboard cleared.")); });
    setProfile(std::nullopt);
}

void TokenPanel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    updateCountdown();
}

void TokenPanel::setProfile(const std::optional<Profile> &profile)
{
    m_profile = profile;
    m_placeholder->setText(profile
                               ? tr("No token yet. Click Get token: the request and the response appear in "
                                    "the wire log below.")
                               : tr("No profile selected. Add a profile with the token endpoint and the "
                                    "client of the server you want to debug, then click Get token."));
    if (!profile) {
        m_profileLabel->setText(tr("<i>No profile selected</i>"));
    } else {
        const QString name = profile->name.toHtmlEscaped();
        const QString endpoint = profile->tokenUrl.toDisplayString().toHtmlEscaped();
        m_profileLabel->setText(tr("<b>%1</b> &nbsp;·&nbsp; %2 &nbsp;·&nbsp; %3")
                                    .arg(name, clientAuthMethodName(profile->authMethod), endpoint));
        m_profileLabel->setToolTip(profile->tokenUrl.toDisplayString());
    }
    updateActions();
}

void TokenPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_busyIndicator->setVisible(busy);
    if (busy && m_profile) {
        m_statusLabel->setText(tr("Requesting a token from %1…").arg(m_profile->tokenUrl.toDisplayString()));
        m_statusLabel->show();
    }
    updateActions();
}

void TokenPanel::updateActions()
{
    const bool enabled = m_profile.has_value() && !m_busy;
    m_getTokenAction->setEnabled(enabled);
    m_getTokenButton->setEnabled(enabled);
    m_copyTokenButton->setEnabled(m_token.has_value() && !m_token->accessToken.isEmpty());
    m_copyHeaderButton->setEnabled(m_copyTokenButton->isEnabled());
}

QString TokenPanel::exchangeSummary(const TokenResult &result) const
{
    if (result.exchangeIds.isEmpty())
        return {};
    const HttpExchange *exchange = m_log->findById(result.exchangeIds.constLast());
    if (!exchange)
        return {};
    if (exchange->status == 0)
        return tr("%1 %2, no response after %3 ms")
            .arg(QString::fromLatin1(exchange->method), exchange->url.toDisplayString())
            .arg(exchange->durationMs);
    return tr("%1 %2 → HTTP %3, %4 ms")
        .arg(QString::fromLatin1(exchange->method), exchange->url.toDisplayString())
        .arg(exchange->status)
        .arg(exchange->durationMs);
}

void TokenPanel::showResult(const Profile &profile, const TokenResult &result)
{
    m_placeholder->hide();
    m_insecureLabel->setVisible(result.insecure);
    showFindings(profile, result);
    m_copyNote->clear();

    const QString summary = exchangeSummary(result);
    if (result.ok()) {
        m_token = result.token;
        m_errorLabel->hide();
        m_revealCheck->setChecked(false);
        m_fieldsModel->setRevealed(false);
        m_fieldsModel->setToken(result.token);
        showTokenKind(result.token);
        const QDateTime received = result.token.receivedAt.isValid() ? result.token.receivedAt : m_clock();
        QString status = tr("Token for “%1” received at %2.")
                             .arg(profile.name, QLocale().toString(received.toLocalTime().time()));
        if (!summary.isEmpty())
            status += QLatin1Char(' ') + summary;
        m_statusLabel->setText(status);
        m_statusLabel->show();
        m_tokenBox->show();
        updateCountdown();
        m_timer->start();
    } else {
        m_token.reset();
        m_timer->stop();
        m_fieldsModel->clear();
        m_tokenBox->hide();
        m_statusLabel->setText(summary.isEmpty() ? tr("Profile “%1”.").arg(profile.name)
                                                 : tr("Profile “%1”: %2").arg(profile.name, summary));
        m_statusLabel->show();
        showError(result);
    }
    updateActions();
    Q_EMIT tokenChanged();
}

void TokenPanel::showError(const TokenResult &result)
{
    QStringList lines;
    const OAuthError &error = result.oauthError;
    if (error.isEmpty()) {
        lines.append(tr("<b>Token request failed:</b> %1").arg(serverHtml(result.message)));
    } else {
        QString line = tr("<b>Token request failed:</b> <b>%1</b>").arg(serverHtml(error.error));
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
    m_errorLabel->setText(lines.join(QStringLiteral("<br>")));
    m_errorLabel->show();
}

void TokenPanel::updateCountdown()
{
    if (!m_token) {
        m_expiryLabel->clear();
        return;
    }
    const std::optional<qint64> left = m_token->secondsLeft(m_clock());
    m_expiryLabel->setText(DisplayFormat::countdown(left));
    QString color;
    if (left && *left <= 0)
        color = QStringLiteral("#b02a37");
    else if (left && *left < 60)
        color = QStringLiteral("#8a5300");
    else if (left)
        color = QStringLiteral("#146c43");
    m_expiryLabel->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
    if (!left)
        m_timer->stop();
}

void TokenPanel::copyAccessToken()
{
    if (!m_token)
        return;
    m_clipboard->copySecret(m_token->accessToken);
    m_copyNote->setText(tr("Copied. The clipboard will be cleared in %1.")
                            .arg(DisplayFormat::duration(m_clipboard->clearDelayMs() / 1000)));
}

void TokenPanel::copyAuthorizationHeader()
{
    if (!m_token)
        return;
    QString type = TextSanitizer::sanitize(m_token->tokenType, false, 64);
    if (type.isEmpty() || type.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0)
        type = QStringLiteral("Bearer");
    m_clipboard->copySecret(QStringLiteral("Authorization: ") + type + QLatin1Char(' ')
                            + m_token->accessToken);
    m_copyNote->setText(tr("Copied. The clipboard will be cleared in %1.")
                            .arg(DisplayFormat::duration(m_clipboard->clearDelayMs() / 1000)));
}

void TokenPanel::showTokenKind(const TokenResponse &token)
{
    const JwtParseResult parsed = JwtParser().parse(token.accessToken);
    QString kind;
    switch (parsed.kind) {
    case JwtParseResult::Kind::Jws:
        kind = tr("a signed JWT (%1%2)")
                   .arg(serverHtml(parsed.token.alg),
                        parsed.token.isAccessToken ? tr(", RFC 9068 access token") : QString());
        break;
    case JwtParseResult::Kind::Jwe:
        kind = tr("an encrypted JWT (JWE): only its audience can read it");
        break;
    case JwtParseResult::Kind::Opaque:
        kind = tr("opaque, not a JWT: introspect it to learn what it stands for");
        break;
    case JwtParseResult::Kind::Invalid:
        kind = tr("a broken JWT: %1").arg(serverHtml(parsed.message));
        break;
    }
    m_tokenKind->setText(tr("<b>Access token:</b> %1").arg(kind));
    m_inspectIdButton->setVisible(!token.idToken.isEmpty());
}

void TokenPanel::showFindings(const Profile &profile, const TokenResult &result)
{
    Findings findings = FindingsEngine::forProfile(profile);
    if (result.ok())
        findings = FindingsEngine::forTokenResponse(result.token, profile.scope,
                                                    QStringLiteral("client_credentials"))
            + findings;
    m_findingsView->setFindings(findings, result.warnings);
    const QString summary = m_findingsView->summary();
    m_findingsTitle->setText(summary.isEmpty() ? tr("<b>Findings:</b> nothing to report")
                                               : tr("<b>Findings:</b> %1").arg(summary));
    m_findingsTitle->show();
    m_findingsView->setVisible(!m_findingsView->findings().isEmpty());
}
