#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Settings › Browser: the command that Sign in uses to open the authorization URL for profiles that name no
// browser of their own, kept in the application settings. Empty: the system browser.
class BrowserSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit BrowserSettingsDialog(QWidget *parent = nullptr);

    static QString browserCommand(); // as saved; empty: the system browser
    static void setBrowserCommand(const QString &command);

private:
    void validate();
    void save();

    QLineEdit *m_command;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
