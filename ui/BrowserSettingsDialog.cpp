#include "BrowserSettingsDialog.h"

#include "UiColors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {
const QLatin1String BrowserCommandKey("browser/command");
} // namespace

BrowserSettingsDialog::BrowserSettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_command(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("browserSettingsDialog"));
    setWindowTitle(tr("Browser"));
    setMinimumWidth(520);
    m_command->setObjectName(QStringLiteral("globalBrowserCommandEdit"));
    m_error->setObjectName(QStringLiteral("globalBrowserCommandError"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));

    m_command->setPlaceholderText(tr("empty: the system browser; e.g. firefox --private-window %u"));
    m_command->setText(browserCommand());
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Error)));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *note
        = new QLabel(tr("Sign in opens the authorization URL with this command; %u stands for the URL. "
                        "A profile's own browser command comes first. A private window keeps the "
                        "sign-in apart from your usual browser session."),
                     this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(UiColors::Note)));

    auto *form = new QFormLayout;
    form->addRow(tr("Browser &command:"), m_command);
    form->addRow(QString(), m_error);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_command, &QLineEdit::textChanged, this, &BrowserSettingsDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BrowserSettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QString BrowserSettingsDialog::browserCommand()
{
    return QSettings().value(BrowserCommandKey).toString();
}

void BrowserSettingsDialog::setBrowserCommand(const QString &command)
{
    QSettings settings;
    if (command.isEmpty())
        settings.remove(BrowserCommandKey);
    else
        settings.setValue(BrowserCommandKey, command);
}

void BrowserSettingsDialog::validate()
{
    const QString command = m_command->text().trimmed();
    const bool valid = command.isEmpty() || command.contains(QLatin1String("%u"));
    m_error->setText(valid ? QString() : tr("The command must contain %u where the URL goes."));
    m_error->setVisible(!valid);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

void BrowserSettingsDialog::save()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    setBrowserCommand(m_command->text().trimmed());
    accept();
}
