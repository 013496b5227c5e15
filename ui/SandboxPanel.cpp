#include "SandboxPanel.h"

#include "Clipboard.h"
#include "SandboxClientsModel.h"
#include "SandboxController.h"
#include "UiColors.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Note)));
    return label;
}

QPushButton *smallButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    return button;
}

QLineEdit *urlField(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    return edit;
}

} // namespace

SandboxPanel::SandboxPanel(SandboxController *sandbox, Clipboard *clipboard, QWidget *parent)
    : QWidget(parent)
    , m_sandbox(sandbox)
    , m_clipboard(clipboard)
    , m_clientsModel(new SandboxClientsModel(this))
    , m_status(new QLabel(this))
    , m_startButton(smallButton(tr("Start"), QStringLiteral("sandboxStartButton"), this))
    , m_stopButton(smallButton(tr("Stop"), QStringLiteral("sandboxStopButton"), this))
    , m_port(new QSpinBox(this))
    , m_startWithApp(new QCheckBox(tr("Start the sandbox with the app"), this))
    , m_issuer(urlField(QStringLiteral("sandboxIssuerEdit"), this))
    , m_apiUrl(urlField(QStringLiteral("sandboxApiUrlEdit"), this))
    , m_copyIssuer(smallButton(tr("Copy"), QStringLiteral("sandboxCopyIssuerButton"), this))
    , m_openDocs(smallButton(tr("Docs"), QStringLiteral("sandboxDocsButton"), this))
    , m_copyApiUrl(smallButton(tr("Copy"), QStringLiteral("sandboxCopyApiUrlButton"), this))
    , m_clientsView(new QTableView(this))
    , m_revealSecrets(new QCheckBox(tr("Show secrets"), this))
    , m_copySecret(smallButton(tr("Copy secret"), QStringLiteral("sandboxCopySecretButton"), this))
    , m_profilesButton(
          smallButton(tr("Create/Update sandbox profiles"), QStringLiteral("sandboxProfilesButton"), this))
    , m_autoApprove(new QCheckBox(tr("Auto-approve sign-ins (skip the sign-in page)"), this))
    , m_slowSeconds(new QSpinBox(this))
{
    setObjectName(QStringLiteral("sandboxPanel"));
    m_status->setObjectName(QStringLiteral("sandboxStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_port->setObjectName(QStringLiteral("sandboxPortSpin"));
    m_startWithApp->setObjectName(QStringLiteral("sandboxStartWithAppCheck"));
    m_clientsView->setObjectName(QStringLiteral("sandboxClientsView"));
    m_revealSecrets->setObjectName(QStringLiteral("sandboxRevealSecretsCheck"));
    m_autoApprove->setObjectName(QStringLiteral("sandboxAutoApproveCheck"));
    m_slowSeconds->setObjectName(QStringLiteral("sandboxSlowSeconds"));

    auto *banner = new QLabel(
        tr("<b>A teaching and test aid, not for production.</b> It listens on 127.0.0.1 only, has one demo "
           "user, and keeps its keys and demo secret unencrypted in %1.")
            .arg(QDir::toNativeSeparators(sandbox->dataFolder()).toHtmlEscaped()),
        this);
    banner->setObjectName(QStringLiteral("sandboxBanner"));
    banner->setWordWrap(true);
    banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner->setStyleSheet(
        QStringLiteral("QLabel { color: %1; background: #fff4dc; border: 1px solid #e0b252; "
                       "border-radius: 4px; padding: 6px; }")
            .arg(QLatin1String(UiColors::Warning)));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(banner);
    layout->addWidget(createServerSection());
    layout->addWidget(createClientsSection());
    layout->addWidget(createBehaviourSection());
    layout->addWidget(createFaultsSection());
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("sandboxScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    // Asynchronous: generating missing keys would otherwise freeze the window for a good part of a second.
    connect(m_startButton, &QPushButton::clicked, m_sandbox, &SandboxController::startAsync);
    connect(m_stopButton, &QPushButton::clicked, m_sandbox, &SandboxController::stop);
    connect(m_port, &QSpinBox::valueChanged, m_sandbox, &SandboxController::setPreferredPort);
    connect(m_startWithApp, &QCheckBox::toggled, m_sandbox, &SandboxController::setStartsWithApp);
    connect(m_copyIssuer, &QPushButton::clicked, this, [this] { m_clipboard->copyText(m_issuer->text()); });
    connect(m_copyApiUrl, &QPushButton::clicked, this, [this] { m_clipboard->copyText(m_apiUrl->text()); });
    connect(m_openDocs, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl(m_sandbox->issuer().toString() + QStringLiteral("/docs")));
    });
    connect(m_revealSecrets, &QCheckBox::toggled, m_clientsModel, &SandboxClientsModel::setSecretsRevealed);
    connect(m_copySecret, &QPushButton::clicked, this, &SandboxPanel::copySecret);
    connect(m_profilesButton, &QPushButton::clicked, this, &SandboxPanel::createProfilesRequested);
    connect(m_autoApprove, &QCheckBox::toggled, this, [this](bool on) {
        SandboxSettings settings = m_sandbox->settings();
        settings.autoApprove = on;
        m_sandbox->setSettings(settings);
    });
    connect(m_slowSeconds, &QSpinBox::valueChanged, this, [this](int seconds) {
        SandboxSettings settings = m_sandbox->settings();
        settings.slowSeconds = seconds;
        m_sandbox->setSettings(settings);
    });
    connect(m_sandbox, &SandboxController::runningChanged, this, &SandboxPanel::updateState);
    connect(m_sandbox, &SandboxController::startFailed, this, &SandboxPanel::updateState);
    connect(m_sandbox, &SandboxController::startingChanged, this, &SandboxPanel::updateState);
    connect(m_sandbox, &SandboxController::settingsChanged, this, &SandboxPanel::updateSettings);
    updateSettings();
    updateState();
}

QWidget *SandboxPanel::createServerSection()
{
    auto *box = new QGroupBox(tr("Server"), this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setToolTip(tr("Used at the next start. When it is busy the sandbox takes any free port, and the "
                          "sandbox profiles follow."));
    m_copyIssuer->setToolTip(tr("Copy the issuer URL"));
    m_openDocs->setToolTip(tr("Open the sandbox's documentation page in the browser"));
    m_copyApiUrl->setToolTip(tr("Copy the demo API's URL, for the Request tab"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_startButton);
    controls->addWidget(m_stopButton);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Port:"), box));
    controls->addWidget(m_port, 1);

    auto *issuer = new QHBoxLayout;
    issuer->addWidget(m_issuer, 1);
    issuer->addWidget(m_copyIssuer);
    issuer->addWidget(m_openDocs);
    auto *api = new QHBoxLayout;
    api->addWidget(m_apiUrl, 1);
    api->addWidget(m_copyApiUrl);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Issuer:"), issuer);
    form->addRow(tr("Demo API:"), api);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_status);
    layout->addLayout(controls);
    layout->addWidget(m_startWithApp);
    layout->addLayout(form);
    return box;
}

QWidget *SandboxPanel::createClientsSection()
{
    auto *box = new QGroupBox(tr("Demo clients"), this);
    m_clientsView->setModel(m_clientsModel);
    m_clientsView->setSelectionBehavior(QAbstractItemView::SelectColumns);
    m_clientsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_clientsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_clientsView->setWordWrap(false);
    m_clientsView->setTextElideMode(Qt::ElideMiddle);
    m_clientsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_clientsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_clientsView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_clientsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_clientsView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_copySecret->setToolTip(
        tr("Copy the confidential client's secret (cleared from the clipboard after %1 s)")
            .arg(Clipboard::DefaultClearDelayMs / 1000));
    m_profilesButton->setToolTip(tr(
        "Adds the ready-made sandbox profiles that are missing and points all of them at this sandbox; "
        "your other changes to them are kept. The secret goes to the keychain, never to the profile file."));

    auto *row = new QHBoxLayout;
    row->addWidget(m_revealSecrets);
    row->addStretch(1);
    row->addWidget(m_copySecret);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_clientsView);
    layout->addLayout(row);
    layout->addWidget(m_profilesButton);
    return box;
}

QSpinBox *SandboxPanel::lifetimeSpin(const QString &objectName, qint64 SandboxSettings::*field)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(1, 30 * 86400);
    spin->setSuffix(tr(" s"));
    spin->setAccelerated(true);
    m_lifetimes.insert(spin, field);
    connect(spin, &QSpinBox::valueChanged, this, [this, field](int seconds) {
        SandboxSettings settings = m_sandbox->settings();
        settings.*field = seconds;
        m_sandbox->setSettings(settings);
    });
    return spin;
}

QWidget *SandboxPanel::createBehaviourSection()
{
    auto *box = new QGroupBox(tr("Behaviour"), this);
    m_autoApprove->setToolTip(tr("Off: the browser shows the sandbox's sign-in and consent page."));
    auto *form = new QFormLayout;
    form->addRow(
        tr("Access token:"),
        lifetimeSpin(QStringLiteral("sandboxAccessTokenLifetime"), &SandboxSettings::accessTokenLifetime));
    form->addRow(tr("ID token:"),
                 lifetimeSpin(QStringLiteral("sandboxIdTokenLifetime"), &SandboxSettings::idTokenLifetime));
    form->addRow(
        tr("Refresh token:"),
        lifetimeSpin(QStringLiteral("sandboxRefreshTokenLifetime"), &SandboxSettings::refreshTokenLifetime));
    form->addRow(tr("Authorization code:"),
                 lifetimeSpin(QStringLiteral("sandboxCodeLifetime"), &SandboxSettings::codeLifetime));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_autoApprove);
    layout->addWidget(
        noteLabel(tr("Lifetimes apply to the next token; short ones make expiry easy to show."), box));
    layout->addLayout(form);
    return box;
}

QWidget *SandboxPanel::createFaultsSection()
{
    auto *box = new QGroupBox(tr("Fault switches"), this);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(
        noteLabel(tr("Each turns one correct answer into a specific wrong one. For this session "
                     "only: they are all off again when the app restarts."),
                  box));
    const QList<SandboxFault> faults = SandboxSettings::allFaults();
    for (const SandboxFault fault : faults) {
        auto *check = new QCheckBox(SandboxSettings::faultDescription(fault), box);
        check->setObjectName(QStringLiteral("sandboxFault-") + SandboxSettings::faultName(fault));
        m_faults.insert(fault, check);
        connect(check, &QCheckBox::toggled, this, [this, fault](bool on) { m_sandbox->setFault(fault, on); });
        if (fault != SandboxFault::SlowTokenEndpoint) {
            layout->addWidget(check);
            continue;
        }
        m_slowSeconds->setRange(1, 120);
        m_slowSeconds->setSuffix(tr(" s"));
        m_slowSeconds->setToolTip(tr("How long the slow token endpoint waits before it answers"));
        auto *row = new QHBoxLayout;
        row->addWidget(check);
        row->addWidget(m_slowSeconds);
        row->addStretch(1);
        layout->addLayout(row);
    }
    return box;
}

void SandboxPanel::updateState()
{
    const bool running = m_sandbox->isRunning();
    const QString issuer = m_sandbox->issuer().toString();
    if (running) {
        QString text = tr("<b>Running</b> at %1").arg(issuer.toHtmlEscaped());
        if (m_sandbox->usedFallbackPort())
            text += QLatin1String("<br>")
                + tr("Port %1 was busy, so it took a free one.").arg(m_sandbox->preferredPort());
        m_status->setText(text);
        m_status->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Ok)));
    } else if (m_sandbox->isStarting()) {
        m_status->setText(tr("<b>Starting…</b>"));
        m_status->setStyleSheet(QString());
    } else if (!m_sandbox->errorString().isEmpty()) {
        m_status->setText(m_sandbox->errorString().toHtmlEscaped());
        m_status->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Error)));
    } else {
        m_status->setText(tr("<b>Stopped</b>"));
        m_status->setStyleSheet(QString());
    }
    m_startButton->setEnabled(!running && !m_sandbox->isStarting());
    m_stopButton->setEnabled(running || m_sandbox->isStarting());
    m_issuer->setText(issuer);
    m_apiUrl->setText(running ? issuer + QStringLiteral("/api/hello") : QString());
    m_issuer->setPlaceholderText(tr("not running"));
    for (QPushButton *button : { m_copyIssuer, m_openDocs, m_copyApiUrl, m_profilesButton })
        button->setEnabled(running);
    m_clientsModel->setClients(m_sandbox->clients());
    m_copySecret->setEnabled(running);
}

void SandboxPanel::updateSettings()
{
    const SandboxSettings settings = m_sandbox->settings();
    const QSignalBlocker portBlocker(m_port);
    m_port->setValue(m_sandbox->preferredPort());
    const QSignalBlocker startBlocker(m_startWithApp);
    m_startWithApp->setChecked(m_sandbox->startsWithApp());
    const QSignalBlocker approveBlocker(m_autoApprove);
    m_autoApprove->setChecked(settings.autoApprove);
    for (auto it = m_lifetimes.cbegin(); it != m_lifetimes.cend(); ++it) {
        const QSignalBlocker blocker(it.key());
        it.key()->setValue(static_cast<int>(qMin<qint64>(settings.*it.value(), it.key()->maximum())));
    }
    for (auto it = m_faults.cbegin(); it != m_faults.cend(); ++it) {
        const QSignalBlocker blocker(it.value());
        it.value()->setChecked(settings.has(it.key()));
    }
    const QSignalBlocker slowBlocker(m_slowSeconds);
    m_slowSeconds->setValue(settings.slowSeconds);
}

void SandboxPanel::copySecret()
{
    const QList<SandboxClient> &clients = m_clientsModel->clients();
    const QModelIndex selected = m_clientsView->currentIndex();
    // The selected client's secret, else the (only) confidential client's.
    if (selected.isValid() && !clients.at(selected.column()).isPublic()) {
        m_clipboard->copySecret(clients.at(selected.column()).clientSecret);
        return;
    }
    for (const SandboxClient &client : clients) {
        if (!client.isPublic()) {
            m_clipboard->copySecret(client.clientSecret);
            return;
        }
    }
}
