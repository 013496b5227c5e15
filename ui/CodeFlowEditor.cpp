#include "CodeFlowEditor.h"

#include "CollapsibleSection.h"
#include "UiColors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

CodeFlowEditor::CodeFlowEditor(const FieldWrapper &wrap, QWidget *parent)
    : QWidget(parent)
    , m_section(new CollapsibleSection(QString(), this))
    , m_form(new QFormLayout)
    , m_port(new QSpinBox(this))
    , m_path(new QLineEdit(this))
    , m_pkce(new QComboBox(this))
    , m_pkceNote(new QLabel(this))
    , m_browser(new QLineEdit(this))
    , m_autoRefresh(new QCheckBox(tr("Refresh the access token automatically"), this))
    , m_refreshLead(new QSpinBox(this))
{
    setObjectName(QStringLiteral("codeFlowEditor"));
    m_section->setObjectName(QStringLiteral("codeFlowSection"));
    m_section->toggleButton()->setObjectName(QStringLiteral("codeFlowToggle"));
    m_section->toggleButton()->setToolTip(
        tr("Redirect, PKCE, browser and automatic refresh for Sign in (code + PKCE)"));
    m_port->setObjectName(QStringLiteral("redirectPortSpin"));
    m_path->setObjectName(QStringLiteral("redirectPathEdit"));
    m_pkce->setObjectName(QStringLiteral("pkceMethodCombo"));
    m_pkceNote->setObjectName(QStringLiteral("pkceNoteLabel"));
    m_browser->setObjectName(QStringLiteral("browserCommandEdit"));
    m_autoRefresh->setObjectName(QStringLiteral("autoRefreshCheck"));
    m_refreshLead->setObjectName(QStringLiteral("refreshLeadSpin"));

    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setToolTip(tr("The port of the loopback listener on 127.0.0.1 that receives the redirect. "
                          "Native clients may use any port (RFC 8252 §7.3); choose a fixed one only when "
                          "the server registered the redirect URI with its port."));
    m_port->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_port->setMinimumWidth(m_port->fontMetrics().horizontalAdvance(m_port->specialValueText()) + 48);
    m_path->setPlaceholderText(tr("/callback"));
    m_path->setToolTip(tr("The path of the redirect URI: http://127.0.0.1:PORT/PATH"));
    m_pkce->addItem(tr("S256 (recommended)"), Pkce::methodName(Pkce::Method::S256));
    m_pkce->addItem(tr("plain"), Pkce::methodName(Pkce::Method::Plain));
    m_pkce->addItem(tr("none (no PKCE)"), Pkce::methodName(Pkce::Method::None));
    m_pkceNote->setWordWrap(true);
    m_browser->setPlaceholderText(tr("e.g. firefox --private-window %u"));
    m_browser->setToolTip(tr("The program that opens the authorization URL; %u stands for the URL. Empty: "
                             "the browser chosen under Settings, else the system browser."));
    m_refreshLead->setRange(0, 86400);
    m_refreshLead->setSuffix(tr(" s before expiry"));
    m_refreshLead->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_refreshLead->setToolTip(tr("When the token has a refresh token and an expiry, refresh it this long "
                                 "before it expires"));

    auto *pkceBox = new QWidget(this);
    auto *pkceLayout = new QVBoxLayout(pkceBox);
    pkceLayout->setContentsMargins(0, 0, 0, 0);
    pkceLayout->setSpacing(2);
    pkceLayout->addWidget(m_pkce);
    pkceLayout->addWidget(m_pkceNote);
    pkceBox->setFocusProxy(m_pkce);

    auto *refreshBox = new QWidget(this);
    auto *refreshLayout = new QHBoxLayout(refreshBox);
    refreshLayout->setContentsMargins(0, 0, 0, 0);
    refreshLayout->addWidget(m_autoRefresh);
    refreshLayout->addWidget(m_refreshLead);
    refreshLayout->addStretch(1);
    refreshBox->setFocusProxy(m_autoRefresh);

    auto *content = new QWidget(m_section);
    content->setLayout(m_form);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(tr("Redirect &port:"), wrap(m_port, QStringLiteral("redirectPort"), tr("Redirect port")));
    m_form->addRow(tr("Redirect pat&h:"), wrap(m_path, QStringLiteral("redirectPath"), tr("Redirect path")));
    m_form->addRow(tr("PKC&E:"), wrap(pkceBox, QStringLiteral("pkceMethod"), tr("PKCE")));
    m_form->addRow(tr("&Browser command:"),
                   wrap(m_browser, QStringLiteral("browserCommand"), tr("Browser command")));
    m_form->addRow(tr("Re&fresh:"),
                   wrap(refreshBox, QStringLiteral("refreshLeadSeconds"), tr("Automatic refresh")));
    m_section->setContent(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_section);

    connect(m_section, &CollapsibleSection::expandedChanged, this, &CodeFlowEditor::expandedChanged);
    connect(m_port, &QSpinBox::valueChanged, this, [this] {
        updateTitle();
        Q_EMIT edited(QStringLiteral("redirectPort"));
    });
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        updateTitle();
        Q_EMIT edited(QStringLiteral("redirectPath"));
    });
    connect(m_pkce, &QComboBox::currentIndexChanged, this, [this] {
        updateTitle();
        updatePkceNote();
        Q_EMIT edited(QStringLiteral("pkceMethod"));
    });
    connect(m_browser, &QLineEdit::textChanged, this,
            [this] { Q_EMIT edited(QStringLiteral("browserCommand")); });
    connect(m_autoRefresh, &QCheckBox::toggled, this, [this] {
        updateRefreshLead();
        updateTitle();
        Q_EMIT edited(QStringLiteral("refreshLeadSeconds"));
    });
    connect(m_refreshLead, &QSpinBox::valueChanged, this,
            [this] { Q_EMIT edited(QStringLiteral("refreshLeadSeconds")); });
    setProfile(Profile());
}

void CodeFlowEditor::setProfile(const Profile &profile)
{
    m_port->setValue(profile.redirectPort);
    m_path->setText(profile.redirectPath);
    m_pkce->setCurrentIndex(qMax(0, m_pkce->findData(Pkce::methodName(profile.pkceMethod))));
    m_browser->setText(profile.browserCommand);
    m_autoRefresh->setChecked(profile.autoRefresh);
    m_refreshLead->setValue(profile.refreshLeadSeconds);
    updateRefreshLead();
    updatePkceNote();
    updateTitle();
}

void CodeFlowEditor::readInto(Profile &profile) const
{
    profile.redirectPort = m_port->value();
    profile.redirectPath = m_path->text().trimmed();
    profile.pkceMethod = Pkce::methodFromName(m_pkce->currentData().toString()).value_or(Pkce::Method::S256);
    profile.browserCommand = m_browser->text().trimmed();
    profile.autoRefresh = m_autoRefresh->isChecked();
    profile.refreshLeadSeconds = m_refreshLead->value();
}

QStringList CodeFlowEditor::keys() const
{
    return { QStringLiteral("redirectPort"), QStringLiteral("redirectPath"), QStringLiteral("pkceMethod"),
             QStringLiteral("browserCommand"), QStringLiteral("refreshLeadSeconds") };
}

QList<QWidget *> CodeFlowEditor::focusChain() const
{
    return { m_section->toggleButton(), m_port, m_path, m_pkce, m_browser, m_autoRefresh, m_refreshLead };
}

bool CodeFlowEditor::isExpanded() const
{
    return m_section->isExpanded();
}

void CodeFlowEditor::setExpanded(bool expanded)
{
    m_section->setExpanded(expanded);
}

void CodeFlowEditor::updateTitle()
{
    const QString port = m_port->value() == 0 ? tr("any port") : tr("port %1").arg(m_port->value());
    const QString path = m_path->text().trimmed();
    QString title = tr("Authorization code flow (%1, %2, PKCE %3")
                        .arg(port, path.isEmpty() ? tr("no path") : path, m_pkce->currentData().toString());
    if (m_autoRefresh->isChecked())
        title += tr(", automatic refresh");
    m_section->setTitle(title + QLatin1Char(')'));
}

void CodeFlowEditor::updatePkceNote()
{
    const auto method = Pkce::methodFromName(m_pkce->currentData().toString()).value_or(Pkce::Method::S256);
    QString note;
    const char *color = UiColors::Note;
    switch (method) {
    case Pkce::Method::S256:
        note = tr("The code challenge is the SHA-256 of a secret verifier the client keeps (RFC 7636 §4.2).");
        break;
    case Pkce::Method::Plain:
        note = tr("Weaker: the challenge is the verifier itself, so whoever sees the authorization request "
                  "can redeem a stolen code. Use it only for servers without S256 (RFC 7636 §7.2).");
        color = UiColors::Warning;
        break;
    case Pkce::Method::None:
        note = tr("Only for servers without PKCE: a stolen authorization code can then be redeemed by "
                  "anyone (RFC 9700 §2.1.1).");
        color = UiColors::Warning;
        break;
    }
    m_pkceNote->setText(note);
    m_pkceNote->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(color)));
}

void CodeFlowEditor::updateRefreshLead()
{
    m_refreshLead->setEnabled(m_autoRefresh->isChecked());
}
