#include "ProfileEditorDialog.h"

#include "CodeFlowEditor.h"
#include "DiscoveryPanel.h"
#include "EndpointsEditor.h"
#include "SecretField.h"
#include "SecretVault.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QShowEvent>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const char *const ErrorStyle = "color: #b02a37;";
const char *const NoteStyle = "color: palette(placeholder-text);";
const char *const WarningStyle = "color: #8a5300;";

QString normalizedKey(const QString &key)
{
    QString normalized = key.toLower();
    normalized.remove(QLatin1Char('_'));
    normalized.remove(QLatin1Char('-'));
    return normalized;
}

// Profile::validate() keys (and their JSON spellings) onto the editor's fields.
QString fieldForProblem(const QString &key)
{
    static const QHash<QString, QString> fields = {
        { QStringLiteral("name"), QStringLiteral("name") },
        { QStringLiteral("tokenurl"), QStringLiteral("tokenUrl") },
        { QStringLiteral("tokenendpoint"), QStringLiteral("tokenUrl") },
        { QStringLiteral("clientid"), QStringLiteral("clientId") },
        { QStringLiteral("authmethod"), QStringLiteral("authMethod") },
        { QStringLiteral("clientauthmethod"), QStringLiteral("authMethod") },
        { QStringLiteral("tokenendpointauthmethod"), QStringLiteral("authMethod") },
        { QStringLiteral("scope"), QStringLiteral("scope") },
        { QStringLiteral("audience"), QStringLiteral("audience") },
        { QStringLiteral("resource"), QStringLiteral("resources") },
        { QStringLiteral("resources"), QStringLiteral("resources") },
        { QStringLiteral("extraparameters"), QStringLiteral("extraParameters") },
        { QStringLiteral("extraparams"), QStringLiteral("extraParameters") },
        { QStringLiteral("parameters"), QStringLiteral("extraParameters") },
        { QStringLiteral("timeout"), QStringLiteral("timeoutSeconds") },
        { QStringLiteral("timeoutseconds"), QStringLiteral("timeoutSeconds") },
        { QStringLiteral("cafile"), QStringLiteral("caFile") },
        { QStringLiteral("insecure"), QStringLiteral("insecure") },
        { QStringLiteral("issuer"), QStringLiteral("issuer") },
        { QStringLiteral("authorizationendpoint"), QStringLiteral("authorizationEndpoint") },
        { QStringLiteral("introspectionendpoint"), QStringLiteral("introspectionEndpoint") },
        { QStringLiteral("revocationendpoint"), QStringLiteral("revocationEndpoint") },
        { QStringLiteral("userinfoendpoint"), QStringLiteral("userinfoEndpoint") },
        { QStringLiteral("jwksuri"), QStringLiteral("jwksUri") },
        { QStringLiteral("deviceauthorizationendpoint"), QStringLiteral("deviceAuthorizationEndpoint") },
        { QStringLiteral("pushedauthorizationrequestendpoint"),
          QStringLiteral("pushedAuthorizationEndpoint") },
        { QStringLiteral("redirectport"), QStringLiteral("redirectPort") },
        { QStringLiteral("redirectpath"), QStringLiteral("redirectPath") },
        { QStringLiteral("pkcemethod"), QStringLiteral("pkceMethod") },
        { QStringLiteral("browsercommand"), QStringLiteral("browserCommand") },
        { QStringLiteral("refreshleadseconds"), QStringLiteral("refreshLeadSeconds") },
        { QStringLiteral("autorefresh"), QStringLiteral("refreshLeadSeconds") },
    };
    return fields.value(normalizedKey(key));
}

QStringList nonEmptyLines(const QString &text)
{
    QStringList lines;
    const QStringList all = text.split(QLatin1Char('\n'));
    for (const QString &line : all) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines.append(trimmed);
    }
    return lines;
}

// The three sections' fields start at the same x.
void alignLabels(const QList<QFormLayout *> &forms)
{
    QList<QWidget *> labels;
    int width = 0;
    for (QFormLayout *form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (item && item->widget()) {
                labels.append(item->widget());
                width = qMax(width, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(width);
}

QPlainTextEdit *smallTextEdit(QWidget *parent, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 14);
    return edit;
}

} // namespace

ProfileEditorDialog::ProfileEditorDialog(const Profile &profile, bool isNew, SecretVault *vault,
                                         HttpClient *http, QWidget *parent)
    : QDialog(parent)
    , m_original(profile)
    , m_isNew(isNew)
    , m_vault(vault)
    , m_name(new QLineEdit(this))
    , m_issuer(new QLineEdit(this))
    , m_discoverButton(new QPushButton(tr("&Discover"), this))
    , m_discovery(new DiscoveryPanel(http, this))
    , m_tokenUrl(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_authMethod(new QComboBox(this))
    , m_secret(new SecretField(this))
    , m_secretNote(new QLabel(this))
    , m_scope(new QLineEdit(this))
    , m_audience(new QLineEdit(this))
    , m_resources(smallTextEdit(this, tr("https://api.example.com (one per line)")))
    , m_extraParameters(smallTextEdit(this, tr("name=value (one per line)")))
    , m_timeout(new QSpinBox(this))
    , m_caFile(new QLineEdit(this))
    , m_caBrowse(new QToolButton(this))
    , m_insecure(new QCheckBox(tr("Accept invalid certificates (insecure)"), this))
    , m_insecureWarning(new QLabel(this))
    , m_otherErrors(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_form(new QWidget(this))
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("profileEditorDialog"));
    setWindowTitle(isNew ? tr("New Profile") : tr("Edit Profile"));
    setMinimumWidth(660);

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_issuer->setObjectName(QStringLiteral("issuerEdit"));
    m_discoverButton->setObjectName(QStringLiteral("discoverButton"));
    m_tokenUrl->setObjectName(QStringLiteral("tokenUrlEdit"));
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_authMethod->setObjectName(QStringLiteral("authMethodCombo"));
    m_secret->setObjectName(QStringLiteral("clientSecretField"));
    m_secret->lineEdit()->setObjectName(QStringLiteral("clientSecretEdit"));
    m_secret->toggleButton()->setObjectName(QStringLiteral("clientSecretToggle"));
    m_secretNote->setObjectName(QStringLiteral("secretNoteLabel"));
    m_scope->setObjectName(QStringLiteral("scopeEdit"));
    m_audience->setObjectName(QStringLiteral("audienceEdit"));
    m_resources->setObjectName(QStringLiteral("resourcesEdit"));
    m_extraParameters->setObjectName(QStringLiteral("extraParametersEdit"));
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caBrowse->setObjectName(QStringLiteral("caFileBrowseButton"));
    m_insecure->setObjectName(QStringLiteral("insecureCheck"));
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarningLabel"));
    m_otherErrors->setObjectName(QStringLiteral("otherErrorsLabel"));
    m_summary->setObjectName(QStringLiteral("validationSummaryLabel"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));

    m_name->setPlaceholderText(tr("e.g. Staging API"));
    m_issuer->setPlaceholderText(tr("https://auth.example.com, then Discover fills in the endpoints"));
    m_issuer->installEventFilter(this); // Enter discovers instead of closing the dialog
    m_discoverButton->setToolTip(
        tr("Fetch the issuer's metadata (OpenID Connect Discovery, RFC 8414) and fill "
           "in the token endpoint and the other endpoints"));
    m_discoverButton->setAutoDefault(false);
    m_tokenUrl->setPlaceholderText(tr("https://auth.example.com/oauth2/token"));
    m_clientId->setPlaceholderText(tr("as registered with the authorization server"));
    m_scope->setPlaceholderText(tr("space-separated, e.g. read write"));
    m_audience->setPlaceholderText(tr("optional, e.g. https://api.example.com"));
    m_caFile->setPlaceholderText(tr("optional PEM file with extra CA certificates"));
    m_authMethod->addItem(tr("client_secret_basic (HTTP Basic authentication)"),
                          clientAuthMethodName(ClientAuthMethod::ClientSecretBasic));
    m_authMethod->addItem(tr("client_secret_post (secret in the request body)"),
                          clientAuthMethodName(ClientAuthMethod::ClientSecretPost));
    m_authMethod->addItem(tr("none (public client, no secret)"),
                          clientAuthMethodName(ClientAuthMethod::None));
    m_timeout->setRange(1, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_caBrowse->setText(tr("Browse…"));
    m_secretNote->setWordWrap(true);
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(QLatin1String(ErrorStyle));
    m_insecureWarning->setText(tr("Certificate errors will be ignored: anyone on the network path could read "
                                  "the client secret and the tokens. Use this only with test servers."));
    m_otherErrors->setWordWrap(true);
    m_otherErrors->setStyleSheet(QLatin1String(ErrorStyle));
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QLatin1String(NoteStyle));

    auto *nameForm = m_nameForm = new QFormLayout;
    nameForm->addRow(tr("&Name:"), fieldWithError(m_name, QStringLiteral("name"), tr("Name")));

    auto *server = new QGroupBox(tr("Authorization server"), this);
    auto *serverForm = new QFormLayout(server);
    auto *issuerBox = new QWidget(this);
    auto *issuerLayout = new QHBoxLayout(issuerBox);
    issuerLayout->setContentsMargins(0, 0, 0, 0);
    issuerLayout->addWidget(m_issuer, 1);
    issuerLayout->addWidget(m_discoverButton);
    issuerBox->setFocusProxy(m_issuer);
    serverForm->addRow(tr("Issu&er:"), fieldWithError(issuerBox, QStringLiteral("issuer"), tr("Issuer")));
    serverForm->addRow(QString(), m_discovery);
    serverForm->addRow(tr("&Token endpoint:"),
                       fieldWithError(m_tokenUrl, QStringLiteral("tokenUrl"), tr("Token endpoint")));
    m_endpoints
        = new EndpointsEditor([this](QWidget *field, const QString &key,
                                     const QString &title) { return fieldWithError(field, key, title); },
                              this);
    serverForm->addRow(m_endpoints);

    auto *client = new QGroupBox(tr("Client"), this);
    auto *clientForm = new QFormLayout(client);
    clientForm->addRow(tr("Client &ID:"),
                       fieldWithError(m_clientId, QStringLiteral("clientId"), tr("Client ID")));
    clientForm->addRow(
        tr("Client &authentication:"),
        fieldWithError(m_authMethod, QStringLiteral("authMethod"), tr("Client authentication")));
    auto *secretBox = new QWidget(this);
    auto *secretLayout = new QVBoxLayout(secretBox);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->setSpacing(2);
    secretLayout->addWidget(m_secret);
    secretLayout->addWidget(m_secretNote);
    clientForm->addRow(tr("Client &secret:"), secretBox);
    m_codeFlow
        = new CodeFlowEditor([this](QWidget *field, const QString &key,
                                    const QString &title) { return fieldWithError(field, key, title); },
                             this);
    clientForm->addRow(m_codeFlow);

    auto *request = new QGroupBox(tr("Token request"), this);
    auto *requestForm = new QFormLayout(request);
    requestForm->addRow(tr("S&cope:"), fieldWithError(m_scope, QStringLiteral("scope"), tr("Scope")));
    requestForm->addRow(tr("A&udience:"),
                        fieldWithError(m_audience, QStringLiteral("audience"), tr("Audience")));
    requestForm->addRow(tr("&Resources:"),
                        fieldWithError(m_resources, QStringLiteral("resources"), tr("Resources")));
    requestForm->addRow(
        tr("E&xtra parameters:"),
        fieldWithError(m_extraParameters, QStringLiteral("extraParameters"), tr("Extra parameters")));

    auto *connection = new QGroupBox(tr("Connection"), this);
    auto *connectionForm = new QFormLayout(connection);
    connectionForm->addRow(tr("Ti&meout:"),
                           fieldWithError(m_timeout, QStringLiteral("timeoutSeconds"), tr("Timeout")));
    auto *caBox = new QWidget(this);
    auto *caLayout = new QHBoxLayout(caBox);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(m_caBrowse);
    connectionForm->addRow(tr("CA &file:"), fieldWithError(caBox, QStringLiteral("caFile"), tr("CA file")));
    auto *insecureBox = new QWidget(this);
    auto *insecureLayout = new QVBoxLayout(insecureBox);
    insecureLayout->setContentsMargins(0, 0, 0, 0);
    insecureLayout->setSpacing(2);
    insecureLayout->addWidget(m_insecure);
    insecureLayout->addWidget(m_insecureWarning);
    connectionForm->addRow(QString(),
                           fieldWithError(insecureBox, QStringLiteral("insecure"), tr("Certificates")));

    alignLabels({ nameForm, serverForm, m_endpoints->form(), clientForm, m_codeFlow->form(), requestForm,
                  connectionForm });
    m_timeout->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_timeout->setMinimumWidth(m_timeout->fontMetrics().horizontalAdvance(QStringLiteral("3600 s")) + 48);

    auto *formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(nameForm);
    formLayout->addWidget(server);
    formLayout->addWidget(client);
    formLayout->addWidget(request);
    formLayout->addWidget(connection);
    formLayout->addStretch(1);
    m_scroll->setWidget(m_form);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_otherErrors);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_caBrowse, &QToolButton::clicked, this, &ProfileEditorDialog::browseCaFile);
    connect(m_discoverButton, &QPushButton::clicked, this, &ProfileEditorDialog::discover);
    connect(m_discovery, &DiscoveryPanel::busyChanged, this, &ProfileEditorDialog::discoveryBusyChanged);
    connect(m_discovery, &DiscoveryPanel::accepted, this, &ProfileEditorDialog::applyMetadata);

    loadProfile(profile);
    connectChanges();
    updateAuthMethod();
    updateInsecureWarning();
    updateDiscoverButton();
    revalidate();
    orderTabs();
    fitToContent();

    m_secret->lineEdit()->setPlaceholderText(tr("Reading from %1…").arg(m_vault->backendName()));
    QPointer<ProfileEditorDialog> self(this);
    m_vault->read(profile.secretKey(), [self](const SecretReply &reply) {
        if (self)
            self->secretRead(reply);
    });
}

Profile ProfileEditorDialog::profile() const
{
    Profile profile = m_original;
    profile.name = m_name->text().trimmed();
    profile.tokenUrl = QUrl(m_tokenUrl->text().trimmed(), QUrl::StrictMode);
    profile.endpoints.issuer = QUrl(m_issuer->text().trimmed(), QUrl::StrictMode);
    m_endpoints->readInto(profile.endpoints);
    m_codeFlow->readInto(profile);
    profile.clientId = m_clientId->text().trimmed();
    profile.authMethod = clientAuthMethodFromName(m_authMethod->currentData().toString())
                             .value_or(ClientAuthMethod::ClientSecretBasic);
    profile.scope = m_scope->text().simplified();
    profile.audience = m_audience->text().trimmed();
    profile.resources = nonEmptyLines(m_resources->toPlainText());
    profile.extraParameters.clear();
    const QStringList lines = nonEmptyLines(m_extraParameters->toPlainText());
    for (const QString &line : lines) {
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            continue; // reported by extraParameterErrors()
        profile.extraParameters.append({ line.left(equals).trimmed(), line.mid(equals + 1).trimmed() });
    }
    profile.timeoutSeconds = m_timeout->value();
    profile.caFile = m_caFile->text().trimmed();
    profile.insecure = m_insecure->isChecked();
    return profile;
}

QString ProfileEditorDialog::secret() const
{
    return m_secret->text();
}

QWidget *ProfileEditorDialog::fieldWithError(QWidget *field, const QString &key, const QString &title)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    box->setFocusProxy(field);
    auto *error = new QLabel(box);
    error->setObjectName(key + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setTextFormat(Qt::PlainText);
    error->setStyleSheet(QLatin1String(ErrorStyle));
    error->hide();
    layout->addWidget(error);
    m_errorLabels.insert(key, error);
    m_fieldTitles.insert(key, title);
    m_fieldOrder.append(key);
    return box;
}

void ProfileEditorDialog::loadProfile(const Profile &profile)
{
    m_name->setText(profile.name);
    m_tokenUrl->setText(profile.tokenUrl.toString());
    m_issuer->setText(profile.endpoints.issuer.toString());
    m_endpoints->setEndpoints(profile.endpoints);
    m_codeFlow->setProfile(profile);
    m_clientId->setText(profile.clientId);
    m_authMethod->setCurrentIndex(qMax(0, m_authMethod->findData(clientAuthMethodName(profile.authMethod))));
    m_scope->setText(profile.scope);
    m_audience->setText(profile.audience);
    m_resources->setPlainText(profile.resources.join(QLatin1Char('\n')));
    QStringList parameters;
    for (const auto &parameter : profile.extraParameters)
        parameters.append(parameter.first + QLatin1Char('=') + parameter.second);
    m_extraParameters->setPlainText(parameters.join(QLatin1Char('\n')));
    m_timeout->setValue(profile.timeoutSeconds);
    m_caFile->setText(profile.caFile);
    m_insecure->setChecked(profile.insecure);
}

void ProfileEditorDialog::connectChanges()
{
    const auto lineEdit = [this](QLineEdit *edit, const QString &key) {
        connect(edit, &QLineEdit::textChanged, this, [this, key] { markTouched(key); });
    };
    lineEdit(m_name, QStringLiteral("name"));
    lineEdit(m_tokenUrl, QStringLiteral("tokenUrl"));
    lineEdit(m_clientId, QStringLiteral("clientId"));
    lineEdit(m_scope, QStringLiteral("scope"));
    lineEdit(m_audience, QStringLiteral("audience"));
    lineEdit(m_caFile, QStringLiteral("caFile"));
    lineEdit(m_issuer, QStringLiteral("issuer"));
    connect(m_issuer, &QLineEdit::textChanged, this, &ProfileEditorDialog::updateDiscoverButton);
    connect(m_issuer, &QLineEdit::textEdited, m_discovery, &DiscoveryPanel::issuerEdited);
    connect(m_endpoints, &EndpointsEditor::edited, this, &ProfileEditorDialog::markTouched);
    connect(m_endpoints, &EndpointsEditor::expandedChanged, this, [this](bool expanded) {
        if (expanded)
            fitToContent();
    });
    connect(m_codeFlow, &CodeFlowEditor::edited, this, &ProfileEditorDialog::markTouched);
    connect(m_codeFlow, &CodeFlowEditor::expandedChanged, this, [this](bool expanded) {
        if (expanded)
            fitToContent();
    });
    connect(m_resources, &QPlainTextEdit::textChanged, this,
            [this] { markTouched(QStringLiteral("resources")); });
    connect(m_extraParameters, &QPlainTextEdit::textChanged, this,
            [this] { markTouched(QStringLiteral("extraParameters")); });
    connect(m_timeout, &QSpinBox::valueChanged, this,
            [this] { markTouched(QStringLiteral("timeoutSeconds")); });
    connect(m_authMethod, &QComboBox::currentIndexChanged, this, [this] {
        updateAuthMethod();
        markTouched(QStringLiteral("authMethod"));
    });
    connect(m_insecure, &QCheckBox::toggled, this, [this] {
        updateInsecureWarning();
        markTouched(QStringLiteral("insecure"));
    });
    connect(m_secret->lineEdit(), &QLineEdit::textEdited, this, [this] {
        m_secretModified = true;
        updateSecretNote();
    });
}

void ProfileEditorDialog::markTouched(const QString &key)
{
    m_touched.insert(key);
    revalidate();
}

QStringList ProfileEditorDialog::extraParameterErrors() const
{
    QStringList errors;
    const QStringList lines = m_extraParameters->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            errors.append(tr("Line %1: expected name=value.").arg(i + 1));
        else if (equals == 0)
            errors.append(tr("Line %1: the parameter name is empty.").arg(i + 1));
    }
    return errors;
}

void ProfileEditorDialog::revalidate()
{
    QHash<QString, QStringList> problems;
    QStringList other;
    const auto validation = profile().validate();
    for (const auto &problem : validation) {
        const QString field = fieldForProblem(problem.first);
        if (field.isEmpty() || !m_errorLabels.contains(field))
            other.append(problem.second);
        else
            problems[field].append(problem.second);
    }
    const QStringList parameterErrors = extraParameterErrors();
    if (!parameterErrors.isEmpty())
        problems[QStringLiteral("extraParameters")]
            = parameterErrors + problems.value(QStringLiteral("extraParameters"));

    QStringList untouched;
    for (const QString &key : std::as_const(m_fieldOrder)) {
        QLabel *label = m_errorLabels.value(key);
        const QStringList messages = problems.value(key);
        const bool show = !messages.isEmpty() && (!m_isNew || m_touched.contains(key));
        label->setText(messages.join(QLatin1Char('\n')));
        label->setVisible(show);
        if (!messages.isEmpty() && !show)
            untouched.append(m_fieldTitles.value(key));
    }
    // A problem must not hide in a collapsed section.
    const QStringList endpointKeys = m_endpoints->keys();
    for (const QString &key : endpointKeys) {
        if (!problems.value(key).isEmpty() && (!m_isNew || m_touched.contains(key)))
            m_endpoints->setExpanded(true);
    }
    const QStringList codeFlowKeys = m_codeFlow->keys();
    for (const QString &key : codeFlowKeys) {
        if (!problems.value(key).isEmpty() && (!m_isNew || m_touched.contains(key)))
            m_codeFlow->setExpanded(true);
    }
    m_otherErrors->setText(other.join(QLatin1Char('\n')));
    m_otherErrors->setVisible(!other.isEmpty());
    m_summary->setText(untouched.isEmpty() ? QString()
                                           : tr("Still needed: %1").arg(untouched.join(tr(", "))));
    m_summary->setVisible(!untouched.isEmpty());

    const bool valid = problems.isEmpty() && other.isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

void ProfileEditorDialog::updateAuthMethod()
{
    const bool needsSecret = profile().needsSecret();
    m_secret->setEnabled(needsSecret);
    updateSecretNote();
}

void ProfileEditorDialog::updateSecretNote()
{
    QString note;
    const char *style = NoteStyle;
    if (!profile().needsSecret()) {
        note = tr("Public clients send no secret: only the client ID identifies them.");
    } else if (m_secretState == SecretState::Unavailable) {
        note = tr("No keychain service is running: the secret will be kept for this session only.");
        style = WarningStyle;
    } else if (m_secretState == SecretState::Failed) {
        note = tr("Could not read the stored secret: %1").arg(m_secretError);
        style = ErrorStyle;
    } else if (m_secretState != SecretState::Loading && m_secret->text().isEmpty()) {
        note = tr("No secret entered: token requests will fail until you add one.");
    } else {
        note = tr("Stored in %1, never in the profile file.").arg(m_vault->backendName());
    }
    m_secretNote->setText(note);
    m_secretNote->setStyleSheet(QLatin1String(style));
}

void ProfileEditorDialog::updateInsecureWarning()
{
    m_insecureWarning->setVisible(m_insecure->isChecked());
}

void ProfileEditorDialog::browseCaFile()
{
    const QString file
        = QFileDialog::getOpenFileName(this, tr("Choose CA Certificates"), m_caFile->text(),
                                       tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

void ProfileEditorDialog::secretRead(const SecretReply &reply)
{
    m_secret->lineEdit()->setPlaceholderText(QString());
    switch (reply.status) {
    case SecretReply::Status::Ok:
        m_secretState = SecretState::Loaded;
        if (!m_secretModified)
            m_secret->setText(reply.value);
        break;
    case SecretReply::Status::NotFound:
        m_secretState = SecretState::NotFound;
        break;
    case SecretReply::Status::Unavailable:
        m_secretState = SecretState::Unavailable;
        m_secretNote->setToolTip(reply.error);
        break;
    case SecretReply::Status::Failed:
        m_secretState = SecretState::Failed;
        m_secretError = reply.error;
        break;
    }
    updateSecretNote();
}

void ProfileEditorDialog::updateDiscoverButton()
{
    m_discoverButton->setEnabled(!m_discovery->isBusy() && !m_issuer->text().trimmed().isEmpty());
}

void ProfileEditorDialog::discover()
{
    if (!m_discoverButton->isEnabled())
        return;
    m_discovery->discover(QUrl(m_issuer->text().trimmed(), QUrl::StrictMode), profile().transportOptions());
}

void ProfileEditorDialog::discoveryBusyChanged(bool busy)
{
    m_discoverButton->setText(busy ? tr("Discovering…") : tr("&Discover"));
    updateDiscoverButton();
    if (!busy)
        fitToContent();
}

void ProfileEditorDialog::applyMetadata(const ServerMetadata &metadata)
{
    if (!metadata.endpoints.issuer.isEmpty())
        m_issuer->setText(metadata.endpoints.issuer.toString());
    if (!metadata.tokenEndpoint.isEmpty())
        m_tokenUrl->setText(metadata.tokenEndpoint.toString());
    m_endpoints->setEndpoints(metadata.endpoints);
    m_endpoints->setExpanded(true);
    fitToContent();
}

void ProfileEditorDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The name row sits above the group boxes: indent it like their rows, so all fields line up.
    const QWidget *nameBox = m_name->parentWidget();
    const QWidget *clientIdBox = m_clientId->parentWidget();
    const int left = clientIdBox->mapTo(m_form, QPoint()).x() - nameBox->mapTo(m_form, QPoint()).x();
    const int right = (nameBox->mapTo(m_form, QPoint()).x() + nameBox->width())
        - (clientIdBox->mapTo(m_form, QPoint()).x() + clientIdBox->width());
    if (left != 0 || right != 0) {
        const QMargins margins = m_nameForm->contentsMargins();
        m_nameForm->setContentsMargins(margins.left() + left, margins.top(), margins.right() + right,
                                       margins.bottom());
    }
}

bool ProfileEditorDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_issuer && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            discover();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

// Keyboard order follows the form from top to bottom, the endpoint fields included.
void ProfileEditorDialog::orderTabs()
{
    QList<QWidget *> order { m_name, m_issuer, m_discoverButton, m_discovery->confirmButton(), m_tokenUrl };
    order += m_endpoints->focusChain();
    order += { m_clientId, m_authMethod, m_secret->lineEdit(), m_secret->toggleButton() };
    order += m_codeFlow->focusChain();
    order += { m_scope,   m_audience, m_resources, m_extraParameters,
               m_timeout, m_caFile,   m_caBrowse,  m_insecure };
    for (int i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

// As tall as the form needs, within the screen; the form scrolls beyond that.
void ProfileEditorDialog::fitToContent()
{
    const QScreen *screen = this->screen();
    const int available = screen ? screen->availableGeometry().height() : 800;
    const int chrome = layout()->sizeHint().height() - m_scroll->sizeHint().height();
    const int wanted = chrome + m_form->sizeHint().height() + 2 * m_scroll->frameWidth();
    const int target = qMin(wanted, available - 80);
    if (!testAttribute(Qt::WA_Resized) || target > height())
        resize(qMax(width(), sizeHint().width()), target);
}
