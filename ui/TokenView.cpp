#include "TokenView.h"

#include "Clipboard.h"
#include "DisplayFormat.h"
#include "JwtParser.h"
#include "TextSanitizer.h"
#include "TokenFieldsModel.h"
#include "UiColors.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// Server text for a rich-text label: control characters stripped, HTML escaped.
QString serverHtml(const QString &text)
{
    return TextSanitizer::sanitize(text, false, 2000).toHtmlEscaped();
}

} // namespace

TokenView::TokenView(Clipboard *clipboard, QWidget *parent)
    : QWidget(parent)
    , m_clipboard(clipboard)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_timer(new QTimer(this))
    , m_expiryLabel(new QLabel(this))
    , m_refreshNote(new QLabel(this))
    , m_autoRefreshNote(new QLabel(this))
    , m_fieldsModel(new TokenFieldsModel(this))
    , m_fieldsView(new QTableView(this))
    , m_revealCheck(new QCheckBox(tr("Reveal tokens"), this))
    , m_copyTokenButton(new QPushButton(tr("Copy access token"), this))
    , m_copyHeaderButton(new QPushButton(tr("Copy Authorization header"), this))
    , m_copyNote(new QLabel(this))
    , m_tokenKind(new QLabel(this))
    , m_inspectAccessButton(new QPushButton(tr("Inspect access token"), this))
    , m_inspectIdButton(new QPushButton(tr("Inspect ID token"), this))
{
    setObjectName(QStringLiteral("tokenView"));
    m_expiryLabel->setObjectName(QStringLiteral("expiryLabel"));
    m_refreshNote->setObjectName(QStringLiteral("refreshRotationLabel"));
    m_autoRefreshNote->setObjectName(QStringLiteral("autoRefreshLabel"));
    m_fieldsView->setObjectName(QStringLiteral("tokenFieldsView"));
    m_revealCheck->setObjectName(QStringLiteral("revealTokenCheck"));
    m_copyTokenButton->setObjectName(QStringLiteral("copyAccessTokenButton"));
    m_copyHeaderButton->setObjectName(QStringLiteral("copyAuthorizationHeaderButton"));
    m_copyNote->setObjectName(QStringLiteral("copyNoteLabel"));
    m_tokenKind->setObjectName(QStringLiteral("accessTokenKindLabel"));
    m_inspectAccessButton->setObjectName(QStringLiteral("inspectAccessTokenButton"));
    m_inspectIdButton->setObjectName(QStringLiteral("inspectIdTokenButton"));

    QFont expiryFont = m_expiryLabel->font();
    expiryFont.setPointSizeF(expiryFont.pointSizeF() * 1.3);
    expiryFont.setBold(true);
    m_expiryLabel->setFont(expiryFont);
    m_refreshNote->setWordWrap(true);
    m_refreshNote->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(QLatin1String(UiColors::Warning)));
    m_refreshNote->hide();
    m_autoRefreshNote->setWordWrap(true);
    m_autoRefreshNote->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Note)));
    m_autoRefreshNote->hide();

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

    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(m_revealCheck);
    copyRow->addStretch(1);
    copyRow->addWidget(m_copyNote);
    copyRow->addWidget(m_copyTokenButton);
    copyRow->addWidget(m_copyHeaderButton);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_tokenKind, 1);
    kindRow->addWidget(m_inspectAccessButton);
    kindRow->addWidget(m_inspectIdButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_expiryLabel);
    layout->addWidget(m_refreshNote);
    layout->addWidget(m_autoRefreshNote);
    layout->addWidget(m_fieldsView, 1);
    layout->addLayout(copyRow);
    layout->addLayout(kindRow);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &TokenView::updateCountdown);
    connect(m_revealCheck, &QCheckBox::toggled, m_fieldsModel, &TokenFieldsModel::setRevealed);
    connect(m_copyTokenButton, &QPushButton::clicked, this, &TokenView::copyAccessToken);
    connect(m_copyHeaderButton, &QPushButton::clicked, this, &TokenView::copyAuthorizationHeader);
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
    updateCopyButtons();
}

void TokenView::setToken(const TokenResponse &token)
{
    m_token = token;
    m_copyNote->clear();
    m_revealCheck->setChecked(false);
    m_fieldsModel->setRevealed(false);
    m_fieldsModel->setToken(token);
    setRefreshNote(QString());
    showTokenKind(token);
    updateCountdown();
    m_timer->start();
    updateCopyButtons();
}

void TokenView::clear()
{
    m_token.reset();
    m_timer->stop();
    m_copyNote->clear();
    m_fieldsModel->clear();
    setRefreshNote(QString());
    updateCountdown();
    updateCopyButtons();
}

void TokenView::setRefreshNote(const QString &note)
{
    m_refreshNote->setText(note);
    m_refreshNote->setVisible(!note.isEmpty());
}

void TokenView::setAutoRefreshNote(const QString &note)
{
    m_autoRefreshNote->setText(note);
    m_autoRefreshNote->setVisible(!note.isEmpty());
}

void TokenView::setClock(Clock clock)
{
    m_clock = std::move(clock);
    updateCountdown();
}

void TokenView::updateCopyButtons()
{
    m_copyTokenButton->setEnabled(m_token.has_value() && !m_token->accessToken.isEmpty());
    m_copyHeaderButton->setEnabled(m_copyTokenButton->isEnabled());
}

void TokenView::updateCountdown()
{
    if (!m_token) {
        m_expiryLabel->clear();
        return;
    }
    const std::optional<qint64> left = m_token->secondsLeft(m_clock());
    m_expiryLabel->setText(DisplayFormat::countdown(left));
    const char *color = nullptr;
    if (left && *left <= 0)
        color = UiColors::Error;
    else if (left && *left < 60)
        color = UiColors::Warning;
    else if (left)
        color = UiColors::Ok;
    m_expiryLabel->setStyleSheet(color ? QStringLiteral("color: %1;").arg(QLatin1String(color)) : QString());
    if (!left)
        m_timer->stop();
}

void TokenView::copyAccessToken()
{
    if (!m_token)
        return;
    m_clipboard->copySecret(m_token->accessToken);
    m_copyNote->setText(tr("Copied. The clipboard will be cleared in %1.")
                            .arg(DisplayFormat::duration(m_clipboard->clearDelayMs() / 1000)));
}

void TokenView::copyAuthorizationHeader()
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

void TokenView::showTokenKind(const TokenResponse &token)
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
