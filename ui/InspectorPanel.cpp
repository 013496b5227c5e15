#include "InspectorPanel.h"

#include "EndpointResultView.h"
#include "InspectionResultView.h"
#include "JwksCache.h"
#include "SecretField.h"
#include "TokenActions.h"
#include "TokenInspector.h"
#include "TokenPartsView.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace {

constexpr int DebounceMs = 350;

QLabel *noteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

} // namespace

InspectorPanel::InspectorPanel(HttpClient *http, SecretVault *vault, QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_cache(new JwksCache(http, this))
    , m_inspector(new TokenInspector(http, m_cache, this))
    , m_debounce(new QTimer(this))
    , m_ticker(new QTimer(this))
    , m_tokenEdit(new QLineEdit(this))
    , m_inspectButton(new QPushButton(tr("Inspect"), this))
    , m_useAccessToken(new QPushButton(tr("Inspect current access token"), this))
    , m_useIdToken(new QPushButton(tr("Inspect ID token"), this))
    , m_sourceLabel(noteLabel(this))
    , m_parts(new TokenPartsView(this))
    , m_legend(new QLabel(this))
    , m_hmacSecret(new SecretField(this))
    , m_skew(new QSpinBox(this))
    , m_useProfileKeys(new QCheckBox(tr("Check against the profile's issuer and keys"), this))
    , m_keySource(noteLabel(this))
    , m_actions(new TokenActions(http, vault, this))
    , m_result(new InspectionResultView(this))
{
    setObjectName(QStringLiteral("inspectorPanel"));
    m_tokenEdit->setObjectName(QStringLiteral("inspectTokenEdit"));
    m_inspectButton->setObjectName(QStringLiteral("inspectButton"));
    m_useAccessToken->setObjectName(QStringLiteral("inspectCurrentAccessTokenButton"));
    m_useIdToken->setObjectName(QStringLiteral("inspectCurrentIdTokenButton"));
    m_sourceLabel->setObjectName(QStringLiteral("inspectSourceLabel"));
    m_parts->setObjectName(QStringLiteral("tokenPartsView"));
    m_legend->setObjectName(QStringLiteral("tokenPartsLegend"));
    m_hmacSecret->setObjectName(QStringLiteral("hmacSecretField"));
    m_hmacSecret->lineEdit()->setObjectName(QStringLiteral("hmacSecretEdit"));
    m_skew->setObjectName(QStringLiteral("clockSkewSpin"));
    m_useProfileKeys->setObjectName(QStringLiteral("useProfileKeysCheck"));
    m_keySource->setObjectName(QStringLiteral("keySourceLabel"));

    m_tokenEdit->setPlaceholderText(tr("Paste a JWT, a JWE or an opaque token"));
    m_tokenEdit->setClearButtonEnabled(true);
    m_tokenEdit->setFont(m_parts->font());
    m_inspectButton->setToolTip(tr("Decode the token and check it again (keys are fetched anew when "
                                   "they are older than %1 min)")
                                    .arg(JwksCache::DefaultMaxAgeSeconds / 60));
    m_parts->setMinimumHeight(m_parts->fontMetrics().lineSpacing() * 4);
    m_legend->setTextFormat(Qt::RichText);
    m_hmacSecret->lineEdit()->setPlaceholderText(tr("for HS256/384/512 tokens"));
    m_hmacSecret->setToolTip(tr("The shared secret of an HMAC-signed token. Kept in memory only."));
    m_skew->setRange(0, 3600);
    m_skew->setValue(60);
    m_skew->setSuffix(tr(" s"));
    m_skew->setToolTip(
        tr("Tolerance for exp, nbf and iat: the clocks of servers and clients differ a little"));
    m_useProfileKeys->setChecked(true);
    m_useProfileKeys->setToolTip(
        tr("Verify the signature with the keys the profile's JWKS URL (or its issuer's "
           "metadata) publishes, and expect the profile's issuer in iss"));

    auto *inputRow = new QHBoxLayout;
    auto *tokenLabel = new QLabel(tr("&Token:"), this);
    tokenLabel->setBuddy(m_tokenEdit);
    inputRow->addWidget(tokenLabel);
    inputRow->addWidget(m_tokenEdit, 1);
    inputRow->addWidget(m_inspectButton);
    inputRow->addSpacing(12);
    inputRow->addWidget(m_useAccessToken);
    inputRow->addWidget(m_useIdToken);

    auto *encodedTitle = new QHBoxLayout;
    encodedTitle->addWidget(new QLabel(tr("<b>Encoded</b>"), this));
    encodedTitle->addWidget(m_sourceLabel, 1);

    auto *options = new QFormLayout;
    options->setContentsMargins(0, 0, 0, 0);
    options->addRow(tr("HMAC &secret:"), m_hmacSecret);
    options->addRow(tr("Clock s&kew:"), m_skew);
    auto *keysBox = new QWidget(this);
    auto *keysLayout = new QVBoxLayout(keysBox);
    keysLayout->setContentsMargins(0, 0, 0, 0);
    keysLayout->setSpacing(2);
    keysLayout->addWidget(m_useProfileKeys);
    keysLayout->addWidget(m_keySource);
    options->addRow(tr("Keys:"), keysBox);
    options->addRow(tr("Ask the server:"), m_actions);
    m_skew->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(encodedTitle);
    leftLayout->addWidget(m_parts, 1);
    leftLayout->addWidget(m_legend);
    leftLayout->addLayout(options);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_result);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 380, 570 });
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(inputRow);
    layout->addWidget(splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    m_ticker->setInterval(1000);
    connect(m_debounce, &QTimer::timeout, this, &InspectorPanel::inspect);
    connect(m_ticker, &QTimer::timeout, this, [this] { m_result->setNow(m_clock()); });
    connect(m_inspector, &TokenInspector::finished, this, &InspectorPanel::inspectionFinished);
    connect(m_inspectButton, &QPushButton::clicked, this, &InspectorPanel::inspect);
    connect(m_tokenEdit, &QLineEdit::returnPressed, this, &InspectorPanel::inspect);
    connect(m_tokenEdit, &QLineEdit::textEdited, this, [this] {
        m_source = TokenSource::Pasted;
        m_sourceLabel->clear();
    });
    connect(m_tokenEdit, &QLineEdit::textChanged, this, &InspectorPanel::scheduleInspection);
    connect(m_hmacSecret->lineEdit(), &QLineEdit::textChanged, this, &InspectorPanel::scheduleInspection);
    connect(m_skew, &QSpinBox::valueChanged, this, &InspectorPanel::scheduleInspection);
    connect(m_useProfileKeys, &QCheckBox::toggled, this, &InspectorPanel::scheduleInspection);
    connect(m_useAccessToken, &QPushButton::clicked, this, [this] {
        if (m_current)
            inspectToken(m_current->accessToken, TokenSource::AccessToken);
    });
    connect(m_useIdToken, &QPushButton::clicked, this, [this] {
        if (m_current)
            inspectToken(m_current->idToken, TokenSource::IdToken);
    });
    connect(m_actions, &TokenActions::availabilityChanged, this, &InspectorPanel::updateIntrospectButton);
    connect(m_result, &InspectionResultView::introspectRequested, this,
            [this] { m_actions->run(TokenActions::Action::Introspect); });
    connect(m_actions, &TokenActions::started, this,
            [this](TokenActions::Action action, const QUrl &endpoint) {
                m_result->endpointResultView()->showStarted(action, endpoint);
                m_result->showEndpointTab();
            });
    connect(m_actions, &TokenActions::finished, this,
            [this](TokenActions::Action action, const EndpointResult &result) {
                m_result->endpointResultView()->showResult(action, result, m_clock());
                m_result->showEndpointTab();
            });

    m_ticker->start();
    updateShortcuts();
    updateKeySource();
    updateIntrospectButton();
}

void InspectorPanel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_result->setNow(m_clock());
}

void InspectorPanel::setProfile(const std::optional<Profile> &profile)
{
    m_profile = profile;
    m_actions->setProfile(profile);
    updateKeySource();
    if (!m_tokenEdit->text().trimmed().isEmpty())
        scheduleInspection(); // other keys, another expected issuer
}

void InspectorPanel::setCurrentToken(const std::optional<TokenResponse> &token)
{
    m_current = token;
    updateShortcuts();
}

void InspectorPanel::updateShortcuts()
{
    const bool access = m_current && !m_current->accessToken.isEmpty();
    const bool id = m_current && !m_current->idToken.isEmpty();
    m_useAccessToken->setEnabled(access);
    m_useIdToken->setEnabled(id);
    m_useAccessToken->setToolTip(access ? tr("Put the access token from the Token tab here")
                                        : tr("Get a token in the Token tab first"));
    m_useIdToken->setToolTip(id ? tr("Put the ID token from the Token tab here")
                                : tr("The token response on display has no id_token"));
}

bool InspectorPanel::usesProfileKeys() const
{
    return m_profile && m_useProfileKeys->isChecked()
        && (!m_profile->endpoints.jwks.isEmpty() || !m_profile->endpoints.issuer.isEmpty());
}

void InspectorPanel::updateKeySource()
{
    if (!m_profile) {
        m_useProfileKeys->setEnabled(false);
        m_keySource->setText(tr("No profile selected."));
        return;
    }
    const ServerEndpoints &endpoints = m_profile->endpoints;
    m_useProfileKeys->setEnabled(!endpoints.jwks.isEmpty() || !endpoints.issuer.isEmpty());
    if (!endpoints.jwks.isEmpty())
        m_keySource->setText(tr("“%1”: JWKS %2").arg(m_profile->name, endpoints.jwks.toDisplayString()));
    else if (!endpoints.issuer.isEmpty())
        m_keySource->setText(tr("“%1”: issuer %2 (its metadata names the JWKS)")
                                 .arg(m_profile->name, endpoints.issuer.toDisplayString()));
    else
        m_keySource->setText(
            tr("“%1” has no issuer or JWKS URL: Discover in the profile editor fills them in.")
                .arg(m_profile->name));
}

void InspectorPanel::updateIntrospectButton()
{
    const QString reason = m_actions->whyNot(TokenActions::Action::Introspect);
    m_result->setIntrospectAvailable(
        reason.isEmpty(), reason.isEmpty() ? tr("Ask the authorization server what this token is") : reason);
}

QString InspectorPanel::normalizedToken() const
{
    QString token = m_tokenEdit->text().trimmed();
    if (token.startsWith(QLatin1String("Authorization:"), Qt::CaseInsensitive))
        token = token.mid(14).trimmed();
    if (token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
        token = token.mid(7).trimmed();
    return token;
}

void InspectorPanel::inspectToken(const QString &token, TokenSource source)
{
    m_source = source;
    m_tokenEdit->setText(token);
    m_tokenEdit->setCursorPosition(0);
    m_sourceLabel->setText(source == TokenSource::AccessToken ? tr("access token from the Token tab")
                                                              : tr("ID token from the Token tab"));
    inspect();
}

void InspectorPanel::scheduleInspection()
{
    m_debounce->start();
}

void InspectorPanel::inspect()
{
    m_debounce->stop();
    const QString token = normalizedToken();
    m_actions->setToken(token, m_source);
    if (m_busy) {
        m_again = true; // the answer under way is for other inputs
        return;
    }
    if (token.isEmpty()) {
        m_parts->clearToken();
        m_legend->clear();
        m_result->clear();
        return;
    }
    InspectionRequest request;
    request.token = token;
    request.hmacSecret = m_hmacSecret->text().toUtf8();
    request.skewSeconds = m_skew->value();
    request.now = m_clock();
    request.expectAccessToken = m_source == TokenSource::AccessToken;
    if (m_profile) {
        request.transport = m_profile->transportOptions();
        request.publicClient = !m_profile->needsSecret();
        if (usesProfileKeys()) {
            request.jwksUrl = m_profile->endpoints.jwks;
            request.issuer = m_profile->endpoints.issuer;
        }
        if (m_source == TokenSource::IdToken)
            request.idToken = IdTokenExpectations { m_profile->endpoints.issuer.toString(),
                                                    m_profile->clientId, QString(), std::nullopt };
    }
    m_busy = true;
    m_inspected = token;
    if (request.hmacSecret.isEmpty() && (!request.jwksUrl.isEmpty() || !request.issuer.isEmpty()))
        m_result->showBusy(tr("Fetching the keys of “%1”…").arg(m_profile->name));
    m_inspector->inspect(request);
}

void InspectorPanel::inspectionFinished(const InspectionResult &result)
{
    m_busy = false;
    if (m_again) {
        m_again = false;
        inspect();
        return;
    }
    m_parts->setToken(m_inspected, result.parsed.kind);
    m_legend->setText(TokenPartsView::legendHtml(result.parsed.kind));
    m_result->showResult(result);
    m_result->setNow(m_clock());
}
