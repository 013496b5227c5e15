// The profile editor on its own: fields in and out, inline validation, the client secret field.
#include "HttpClient.h"
#include "MemorySecretStore.h"
#include "ProfileEditorDialog.h"
#include "SecretVault.h"
#include "WireLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

class TestGuiProfileEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newProfileStartsIncomplete();
    void existingProfileLoadsFieldsAndSecret();
    void secretMaskedUntilShown();
    void authMethodNoneDisablesSecret();
    void extraParametersParsedPerLine();
    void insecureNeedsHttpsAndWarns();
    void tabOrderFollowsTheForm();
    void codeFlowFieldsLoadAndSave();
    void browserCommandNeedsPlaceholder();

private:
    template<class T> static T *find(QWidget *dialog, const char *name)
    {
        return dialog->findChild<T *>(QString::fromLatin1(name));
    }
    static Profile validProfile();
};

Profile TestGuiProfileEditor::validProfile()
{
    Profile profile = Profile::create(QStringLiteral("Staging"));
    profile.tokenUrl = QUrl(QStringLiteral("https://auth.example.com/token"));
    profile.clientId = QStringLiteral("client-1");
    profile.scope = QStringLiteral("read write");
    profile.audience = QStringLiteral("https://api.example.com");
    profile.resources
        = { QStringLiteral("https://api.example.com/a"), QStringLiteral("https://api.example.com/b") };
    profile.extraParameters = { { QStringLiteral("tenant"), QStringLiteral("acme") } };
    profile.timeoutSeconds = 12;
    return profile;
}

void TestGuiProfileEditor::newProfileStartsIncomplete()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(Profile::create(QString()), true, &vault, &http);
    dialog.show();
    auto *ok = find<QPushButton>(&dialog, "okButton");
    QVERIFY(!ok->isEnabled());
    // Nothing typed yet: no red text, but the user is told what is missing.
    QVERIFY(!find<QLabel>(&dialog, "nameError")->isVisible());
    auto *summary = find<QLabel>(&dialog, "validationSummaryLabel");
    QVERIFY(summary->isVisible());
    QVERIFY2(summary->text().contains(QLatin1String("Token endpoint")), qPrintable(summary->text()));

    QTest::keyClicks(find<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("x"));
    QTest::keyClick(find<QLineEdit>(&dialog, "nameEdit"), Qt::Key_Backspace);
    QVERIFY(find<QLabel>(&dialog, "nameError")->isVisible()); // touched and empty again
}

void TestGuiProfileEditor::existingProfileLoadsFieldsAndSecret()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    const Profile profile = validProfile();
    bool written = false;
    store.writeSecret(profile.secretKey(), QStringLiteral("the-secret"),
                      [&written](const SecretReply &) { written = true; });
    QTRY_VERIFY(written);

    ProfileEditorDialog dialog(profile, false, &vault, &http);
    dialog.show();
    QCOMPARE(find<QLineEdit>(&dialog, "nameEdit")->text(), profile.name);
    QCOMPARE(find<QLineEdit>(&dialog, "tokenUrlEdit")->text(),
             QStringLiteral("https://auth.example.com/token"));
    QCOMPARE(find<QComboBox>(&dialog, "authMethodCombo")->currentData().toString(),
             QStringLiteral("client_secret_basic"));
    QCOMPARE(find<QPlainTextEdit>(&dialog, "resourcesEdit")->toPlainText(),
             QStringLiteral("https://api.example.com/a\nhttps://api.example.com/b"));
    QCOMPARE(find<QPlainTextEdit>(&dialog, "extraParametersEdit")->toPlainText(),
             QStringLiteral("tenant=acme"));
    QCOMPARE(find<QSpinBox>(&dialog, "timeoutSpin")->value(), 12);
    QTRY_COMPARE(find<QLineEdit>(&dialog, "clientSecretEdit")->text(), QStringLiteral("the-secret"));
    QVERIFY(find<QPushButton>(&dialog, "okButton")->isEnabled());
    QCOMPARE(dialog.profile(), profile);
    QVERIFY(!dialog.secretModified());

    // An existing profile shows its problems at once.
    find<QLineEdit>(&dialog, "tokenUrlEdit")->setText(QStringLiteral("ftp://auth.example.com/token"));
    QVERIFY(find<QLabel>(&dialog, "tokenUrlError")->isVisible());
    QVERIFY(!find<QPushButton>(&dialog, "okButton")->isEnabled());
}

void TestGuiProfileEditor::secretMaskedUntilShown()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(validProfile(), false, &vault, &http);
    dialog.show();
    auto *secret = find<QLineEdit>(&dialog, "clientSecretEdit");
    QTest::keyClicks(secret, QStringLiteral("typed"));
    QVERIFY(dialog.secretModified());
    QCOMPARE(dialog.secret(), QStringLiteral("typed"));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    find<QToolButton>(&dialog, "clientSecretToggle")->click();
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    find<QToolButton>(&dialog, "clientSecretToggle")->click();
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
}

void TestGuiProfileEditor::authMethodNoneDisablesSecret()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(validProfile(), false, &vault, &http);
    dialog.show();
    auto *combo = find<QComboBox>(&dialog, "authMethodCombo");
    auto *secret = find<QLineEdit>(&dialog, "clientSecretEdit");
    QVERIFY(secret->isEnabled());
    combo->setCurrentIndex(combo->findData(QStringLiteral("none")));
    QVERIFY(!secret->isEnabled());
    QCOMPARE(dialog.profile().authMethod, ClientAuthMethod::None);
    combo->setCurrentIndex(combo->findData(QStringLiteral("client_secret_post")));
    QVERIFY(secret->isEnabled());
    QCOMPARE(dialog.profile().authMethod, ClientAuthMethod::ClientSecretPost);
}

void TestGuiProfileEditor::extraParametersParsedPerLine()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(validProfile(), false, &vault, &http);
    dialog.show();
    auto *edit = find<QPlainTextEdit>(&dialog, "extraParametersEdit");
    auto *error = find<QLabel>(&dialog, "extraParametersError");
    edit->setPlainText(QStringLiteral("tenant=acme\n\n  prompt = none \nbroken"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("Line 4")), qPrintable(error->text()));
    QVERIFY(!find<QPushButton>(&dialog, "okButton")->isEnabled());

    edit->setPlainText(QStringLiteral("tenant=acme\n\n  prompt = none \nempty="));
    QVERIFY(!error->isVisible());
    const QList<QPair<QString, QString>> expected = { { QStringLiteral("tenant"), QStringLiteral("acme") },
                                                      { QStringLiteral("prompt"), QStringLiteral("none") },
                                                      { QStringLiteral("empty"), QString() } };
    QCOMPARE(dialog.profile().extraParameters, expected);
    QVERIFY(find<QPushButton>(&dialog, "okButton")->isEnabled());
}

void TestGuiProfileEditor::insecureNeedsHttpsAndWarns()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(validProfile(), false, &vault, &http);
    dialog.show();
    auto *insecure = find<QCheckBox>(&dialog, "insecureCheck");
    auto *warning = find<QLabel>(&dialog, "insecureWarningLabel");
    QVERIFY(!warning->isVisible());
    insecure->click();
    QVERIFY(warning->isVisible());
    QVERIFY(find<QPushButton>(&dialog, "okButton")->isEnabled());
    QVERIFY(dialog.profile().insecure);

    find<QLineEdit>(&dialog, "tokenUrlEdit")->setText(QStringLiteral("http://auth.example.com/token"));
    QVERIFY(find<QLabel>(&dialog, "insecureError")->isVisible());
    QVERIFY(!find<QPushButton>(&dialog, "okButton")->isEnabled());
}

void TestGuiProfileEditor::tabOrderFollowsTheForm()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(validProfile(), false, &vault, &http);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    find<QLineEdit>(&dialog, "nameEdit")->setFocus();
    // Discover is disabled while the issuer is empty; the collapsed endpoint fields are skipped.
    const QStringList expected
        = { QStringLiteral("issuerEdit"),         QStringLiteral("tokenUrlEdit"),
            QStringLiteral("endpointsToggle"),    QStringLiteral("clientIdEdit"),
            QStringLiteral("authMethodCombo"),    QStringLiteral("clientSecretEdit"),
            QStringLiteral("clientSecretToggle"), QStringLiteral("codeFlowToggle"),
            QStringLiteral("scopeEdit"),          QStringLiteral("audienceEdit"),
            QStringLiteral("resourcesEdit"),      QStringLiteral("extraParametersEdit"),
            QStringLiteral("timeoutSpin") };
    for (const QString &name : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        // A spin box's focus lands on its inner line edit.
        const QString focused = focus->objectName().isEmpty() && focus->parentWidget()
            ? focus->parentWidget()->objectName()
            : focus->objectName();
        QCOMPARE(focused, name);
    }
}

void TestGuiProfileEditor::codeFlowFieldsLoadAndSave()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    Profile profile = validProfile();
    profile.redirectPort = 8765;
    profile.redirectPath = QStringLiteral("/cb");
    profile.pkceMethod = Pkce::Method::Plain;
    profile.browserCommand = QStringLiteral("firefox --private-window %u");
    profile.autoRefresh = true;
    profile.refreshLeadSeconds = 90;
    ProfileEditorDialog dialog(profile, false, &vault, &http);
    dialog.show();

    auto *toggle = find<QToolButton>(&dialog, "codeFlowToggle");
    QVERIFY2(toggle->text().contains(QLatin1String("port 8765")), qPrintable(toggle->text()));
    QVERIFY(!find<QSpinBox>(&dialog, "redirectPortSpin")->isVisible()); // collapsed until opened
    toggle->click();
    QVERIFY(find<QSpinBox>(&dialog, "redirectPortSpin")->isVisible());
    QCOMPARE(find<QSpinBox>(&dialog, "redirectPortSpin")->value(), 8765);
    QCOMPARE(find<QLineEdit>(&dialog, "redirectPathEdit")->text(), QStringLiteral("/cb"));
    QCOMPARE(find<QComboBox>(&dialog, "pkceMethodCombo")->currentData().toString(), QStringLiteral("plain"));
    QVERIFY2(find<QLabel>(&dialog, "pkceNoteLabel")->text().contains(QLatin1String("Weaker")),
             qPrintable(find<QLabel>(&dialog, "pkceNoteLabel")->text()));
    QCOMPARE(find<QLineEdit>(&dialog, "browserCommandEdit")->text(), profile.browserCommand);
    QVERIFY(find<QCheckBox>(&dialog, "autoRefreshCheck")->isChecked());
    QCOMPARE(find<QSpinBox>(&dialog, "refreshLeadSpin")->value(), 90);

    find<QSpinBox>(&dialog, "redirectPortSpin")->setValue(0);
    QCOMPARE(find<QSpinBox>(&dialog, "redirectPortSpin")->text(), QStringLiteral("any free port"));
    auto *pkce = find<QComboBox>(&dialog, "pkceMethodCombo");
    pkce->setCurrentIndex(pkce->findData(QStringLiteral("none")));
    QVERIFY(find<QLabel>(&dialog, "pkceNoteLabel")->text().contains(QLatin1String("without PKCE")));
    find<QCheckBox>(&dialog, "autoRefreshCheck")->click();
    QVERIFY(!find<QSpinBox>(&dialog, "refreshLeadSpin")->isEnabled());
    const Profile edited = dialog.profile();
    QCOMPARE(edited.redirectPort, 0);
    QCOMPARE(edited.pkceMethod, Pkce::Method::None);
    QCOMPARE(edited.autoRefresh, false);
    QCOMPARE(edited.browserCommand, profile.browserCommand);
    QVERIFY(find<QPushButton>(&dialog, "okButton")->isEnabled());
}

void TestGuiProfileEditor::browserCommandNeedsPlaceholder()
{
    MemorySecretStore store;
    SecretVault vault(&store);
    WireLog log;
    HttpClient http(&log);
    ProfileEditorDialog dialog(validProfile(), false, &vault, &http);
    dialog.show();
    auto *browser = find<QLineEdit>(&dialog, "browserCommandEdit");
    browser->setText(QStringLiteral("firefox"));
    // The error opens the collapsed section and names the placeholder.
    auto *error = find<QLabel>(&dialog, "browserCommandError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("%u")), qPrintable(error->text()));
    QVERIFY(!find<QPushButton>(&dialog, "okButton")->isEnabled());
    browser->setText(QStringLiteral("firefox %u"));
    QVERIFY(!error->isVisible());
    QVERIFY(find<QPushButton>(&dialog, "okButton")->isEnabled());
}

QTEST_MAIN(TestGuiProfileEditor)
#include "tst_gui_profile_editor.moc"
