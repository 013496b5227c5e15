// The "Step through" tab as a teacher uses it: a client credentials run and a PKCE run (through its refresh)
// against the in-process sandbox, Next clicked until the end, each step's request, response and checks on
// screen, the sequence diagram with the expected arrows; Back, Restart, a click on an arrow, and "Reveal
// secrets" reaching the step shown. The test plays the browser.
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "ProfileStore.h"
#include "ProfilesPanel.h"
#include "SandboxClients.h"
#include "SandboxServer.h"
#include "SequenceDiagram.h"
#include "SequenceDiagramView.h"
#include "TeachingPanel.h"
#include "WireLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <memory>

namespace {
using P = SequenceParticipant;

struct ExpectedArrow
{
    P from;
    P to;
    const char *label;
};

QStringList itemTexts(const QListWidget *list)
{
    QStringList texts;
    for (int row = 0; row < list->count(); ++row)
        texts << list->item(row)->text();
    return texts;
}
} // namespace

class TestGuiTeaching final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home; // settings, sandbox folder of the window, profiles
    QTemporaryDir m_sandboxDir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    QNetworkAccessManager m_browser;
    QList<QUrl> m_opened;
    Profile m_clientCredentials;
    Profile m_pkce;

    template<class T> T *find(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    TeachingPanel *panel() const { return m_window->teachingPanel(); }
    QString text(const char *name) const
    {
        if (auto *edit = find<QPlainTextEdit>(name))
            return edit->toPlainText();
        if (auto *label = find<QLabel>(name))
            return label->text();
        return {};
    }
    QStringList checks() const { return itemTexts(find<QListWidget>("stepChecks")); }

    Profile sandboxProfile(const QString &name, bool confidential) const
    {
        const QString issuer = m_sandbox->issuer().toString();
        Profile p = Profile::create(name);
        p.tokenUrl = QUrl(issuer + QStringLiteral("/token"));
        p.endpoints.issuer = m_sandbox->issuer();
        p.endpoints.authorization = QUrl(issuer + QStringLiteral("/authorize"));
        p.endpoints.jwks = QUrl(issuer + QStringLiteral("/jwks"));
        p.endpoints.userinfo = QUrl(issuer + QStringLiteral("/userinfo"));
        p.clientId = QLatin1String(confidential ? SandboxClients::ConfidentialId : SandboxClients::PublicId);
        p.authMethod = confidential ? ClientAuthMethod::ClientSecretBasic : ClientAuthMethod::None;
        p.scope = confidential ? QStringLiteral("read") : QStringLiteral("openid profile");
        p.sandboxRole
            = confidential ? QStringLiteral("client-credentials-basic") : QStringLiteral("code-pkce");
        p.timeoutSeconds = 10;
        return p;
    }

    void choose(const Profile &profile)
    {
        m_window->findChild<ProfilesPanel *>(QStringLiteral("profilesPanel"))->selectProfile(profile.id);
        find<QTabWidget>("mainTabs")->setCurrentWidget(panel());
        QTRY_VERIFY(text("teachingProfile").contains(profile.name));
    }

    void clickNext()
    {
        auto *next = find<QPushButton>("teachingNext");
        QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled() || panel()->session()->isFinished(), 15000);
        QVERIFY2(next->isEnabled(), qPrintable(text("teachingStatus")));
        QTest::mouseClick(next, Qt::LeftButton);
    }

    // Clicks Next until the run ends; on every step the title on screen is the selected step's.
    void clickToTheEnd()
    {
        for (int clicks = 0; clicks < 40 && !panel()->session()->isFinished(); ++clicks) {
            auto *next = find<QPushButton>("teachingNext");
            QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled() || panel()->session()->isFinished(), 15000);
            if (panel()->session()->isFinished())
                break;
            QTest::mouseClick(next, Qt::LeftButton);
            const auto *steps = find<QListWidget>("teachingSteps");
            QCOMPARE(steps->currentRow(), panel()->session()->current());
            QVERIFY(
                text("stepTitle").contains(panel()->session()->step(panel()->session()->current()).title));
            QVERIFY(!text("stepRequest").isEmpty());
            QVERIFY(!text("stepResponse").isEmpty());
        }
        QVERIFY(panel()->session()->isFinished());
    }

    void expectArrows(const QList<ExpectedArrow> &expected)
    {
        const QList<SequenceDiagramArrow> arrows = panel()->session()->diagram()->arrows();
        QStringList drawn;
        for (const SequenceDiagramArrow &arrow : arrows)
            drawn << QStringLiteral("%1→%2 %3").arg(int(arrow.from)).arg(int(arrow.to)).arg(arrow.label);
        QCOMPARE(arrows.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i)
            QVERIFY2(arrows.at(i).from == expected.at(i).from && arrows.at(i).to == expected.at(i).to
                         && arrows.at(i).label.contains(QLatin1String(expected.at(i).label)),
                     qPrintable(QStringLiteral("arrow %1 of:\n").arg(i) + drawn.join(QLatin1Char('\n'))));
        QCOMPARE(panel()->diagramView()->diagram(), panel()->session()->diagram());
    }

    void saveScreenshot(const QString &name)
    {
        const QString folder = qEnvironmentVariable("TEACHING_SCREENSHOT_DIR");
        if (folder.isEmpty())
            return;
        QCoreApplication::processEvents(); // pending layout requests, so the picture is what a user sees
        m_window->grab().save(folder + QLatin1Char('/') + name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_sandboxDir.isValid());
        qputenv("OAUTH_DEBUGGER_HOME", m_home.path().toLocal8Bit());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
        m_sandbox = std::make_unique<SandboxServer>(m_sandboxDir.path());
        m_sandbox->setAutoApprove(true);
        QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));

        m_clientCredentials = sandboxProfile(QStringLiteral("Sandbox: client credentials"), true);
        m_pkce = sandboxProfile(QStringLiteral("Sandbox: code + PKCE"), false);
        QString error;
        QVERIFY2(ProfileStore(m_home.path()).save({ m_clientCredentials, m_pkce }, &error),
                 qPrintable(error));
    }

    void init()
    {
        m_secrets = std::make_unique<MemorySecretStore>();
        const SandboxClient *client
            = SandboxClients::find(m_sandbox->clients(), QLatin1String(SandboxClients::ConfidentialId));
        QVERIFY(client);
        bool stored = false;
        m_secrets->writeSecret(m_clientCredentials.secretKey(), client->clientSecret,
                               [&stored](const SecretReply &reply) { stored = reply.ok(); });
        QTRY_VERIFY(stored);
        m_window = std::make_unique<MainWindow>(ProfileStore(m_home.path()), m_secrets.get());
        m_opened.clear();
        panel()->setBrowserOpener([this](const QUrl &url, const QString &, QString *) {
            m_opened << url;
            QNetworkReply *page = m_browser.get(QNetworkRequest(url)); // follows the redirect to the listener
            connect(page, &QNetworkReply::finished, page, &QObject::deleteLater);
            return true;
        });
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void clientCredentialsStepByStep()
    {
        choose(m_clientCredentials);
        QCOMPARE(find<QComboBox>("teachingFlow")->currentText(), QStringLiteral("Client credentials"));
        QCOMPARE(find<QLineEdit>("teachingApiUrl")->text(),
                 m_sandbox->issuer().toString() + QStringLiteral("/api/hello"));
        QTest::mouseClick(find<QPushButton>("teachingStart"), Qt::LeftButton);

        // Step 1, before anything is sent: the request, redacted, and why.
        auto *steps = find<QListWidget>("teachingSteps");
        QTRY_COMPARE(steps->count(), 1);
        QVERIFY(text("stepTitle").contains(QStringLiteral("Token request")));
        QVERIFY(text("stepReference").contains(QStringLiteral("RFC 6749 §4.4.2")));
        QVERIFY(find<QTextBrowser>("stepExplanation")
                    ->toPlainText()
                    .contains(QStringLiteral("client_secret_basic")));
        const QString request = text("stepRequest");
        QVERIFY2(request.startsWith(QStringLiteral("POST /token HTTP/1.1")), qPrintable(request));
        QVERIFY(request.contains(QStringLiteral("grant_type=client_credentials")));
        QVERIFY(request.contains(QStringLiteral("Authorization: Basic [redacted")));
        QCOMPARE(find<QPushButton>("teachingNext")->text(), QStringLiteral("Send ▶"));
        QCOMPARE(m_window->wireLog()->count(), 0);
        // "Reveal secrets" reaches the step even while the wire log is still empty.
        find<QCheckBox>("revealSecretsCheck")->setChecked(true);
        QVERIFY2(
            text("stepRequest").contains(QStringLiteral("Authorization: Basic c2FuZGJveC1jb25maWRlbnRpYWw6")),
            qPrintable(text("stepRequest")));
        find<QCheckBox>("revealSecretsCheck")->setChecked(false);
        QVERIFY(text("stepRequest").contains(QStringLiteral("Authorization: Basic [redacted")));

        clickNext(); // send
        QTRY_VERIFY(text("stepResponse").startsWith(QStringLiteral("HTTP/1.1 200")));
        QVERIFY2(!text("stepResponse").contains(QStringLiteral("\"access_token\": \"ey")),
                 "the token is redacted");
        QTRY_VERIFY(checks().join(QLatin1Char('\n')).contains(QStringLiteral("✓  access_token is present")));
        QCOMPARE(m_window->wireLog()->count(), 1);

        clickToTheEnd();
        QVERIFY2(panel()->session()->succeeded(), qPrintable(text("teachingStatus")));
        QVERIFY(text("teachingStatus").contains(QStringLiteral("Run complete")));
        const QStringList listed = itemTexts(steps);
        QCOMPARE(listed.size(), 4);
        QVERIFY2(listed.at(1).contains(QStringLiteral("JWKS")), qPrintable(listed.join(QLatin1Char('\n'))));
        QVERIFY(listed.at(3).contains(QStringLiteral("protected API")));
        for (const QString &item : listed)
            QVERIFY2(item.startsWith(QStringLiteral("✓")), qPrintable(item));
        // The last step on screen: the API answered, and the client said why it trusts that.
        QVERIFY(text("stepRequest").contains(QStringLiteral("Authorization: Bearer [redacted")));
        QVERIFY(text("stepResponse").startsWith(QStringLiteral("HTTP/1.1 200")));
        QVERIFY(checks().join(QLatin1Char('\n')).contains(QStringLiteral("accepted the token")));
        QCOMPARE(m_window->wireLog()->count(), 3); // every exchange in the wire log

        expectArrows({ { P::Client, P::AuthorizationServer, "/token" },
                       { P::AuthorizationServer, P::Client, "200" },
                       { P::Client, P::AuthorizationServer, "/jwks" },
                       { P::AuthorizationServer, P::Client, "200" },
                       { P::Client, P::ResourceServer, "/api/hello" },
                       { P::ResourceServer, P::Client, "200" } });
        saveScreenshot(QStringLiteral("teaching-client-credentials.png"));

        // A click on the JWKS request arrow opens its step and its exchange.
        QSignalSpy requested(panel(), &TeachingPanel::exchangeRequested);
        SequenceDiagramView *view = panel()->diagramView();
        const QRectF arrow = view->arrowRect(2);
        QVERIFY(!arrow.isEmpty());
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, arrow.center().toPoint());
        QCOMPARE(panel()->session()->current(), 1);
        QCOMPARE(steps->currentRow(), 1);
        QVERIFY(text("stepTitle").contains(QStringLiteral("JWKS")));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toInt(), panel()->session()->diagram()->arrows().at(2).exchangeId);

        // Back reviews without sending; Restart starts over, nothing sent until Next.
        QTest::mouseClick(find<QPushButton>("teachingBack"), Qt::LeftButton);
        QCOMPARE(panel()->session()->current(), 0);
        QVERIFY(text("stepTitle").contains(QStringLiteral("Token request")));
        QVERIFY(!find<QPushButton>("teachingBack")->isEnabled());
        // "Reveal secrets" in the wire log reveals them here too.
        QVERIFY(text("stepRequest").contains(QStringLiteral("Authorization: Basic [redacted")));
        find<QCheckBox>("revealSecretsCheck")->setChecked(true);
        QVERIFY(text("stepRequest")
                    .contains(QStringLiteral("Authorization: Basic c2FuZGJveC1jb25maWRlbnRpYWw6")));
        find<QCheckBox>("revealSecretsCheck")->setChecked(false);
        QVERIFY(text("stepRequest").contains(QStringLiteral("Authorization: Basic [redacted")));

        QTest::mouseClick(find<QPushButton>("teachingRestart"), Qt::LeftButton);
        QTRY_COMPARE(steps->count(), 1);
        QVERIFY(panel()->session()->diagram()->isEmpty());
        QVERIFY(text("stepResponse").contains(QStringLiteral("Not sent yet")));
        QCOMPARE(m_window->wireLog()->count(), 3);
        QCOMPARE(find<QPushButton>("teachingNext")->text(), QStringLiteral("Send ▶"));
    }

    void pkceStepByStep()
    {
        choose(m_pkce);
        QCOMPARE(find<QComboBox>("teachingFlow")->currentText(),
                 QStringLiteral("Authorization code with PKCE"));
        QTest::mouseClick(find<QPushButton>("teachingStart"), Qt::LeftButton);
        auto *steps = find<QListWidget>("teachingSteps");
        QTRY_COMPARE(steps->count(), 1);
        QVERIFY(text("stepTitle").contains(QStringLiteral("Authorization request")));
        QVERIFY(text("stepRequest").contains(QStringLiteral("code_challenge_method = S256")));
        QVERIFY2(
            text("stepRequest").contains(QStringLiteral("code_verifier (kept by the client) = [redacted")),
            qPrintable(text("stepRequest")));
        QCOMPARE(find<QPushButton>("teachingNext")->text(), QStringLiteral("Open browser ▶"));
        saveScreenshot(QStringLiteral("teaching-authorization-request.png"));
        QVERIFY(m_opened.isEmpty());

        clickNext(); // the browser goes to the authorization server and comes back
        QCOMPARE(m_opened.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(steps->count() >= 3, 15000);
        clickNext(); // to the callback
        QVERIFY(text("stepTitle").contains(QStringLiteral("Callback")));
        QVERIFY(checks().join(QLatin1Char('\n')).contains(QStringLiteral("✓  state matched")));
        QVERIFY(text("stepRequest").contains(QStringLiteral("code = [redacted")));
        clickNext(); // to the token request, not sent yet
        QVERIFY(text("stepTitle").contains(QStringLiteral("Token request (authorization code)")));
        QVERIFY(text("stepRequest").contains(QStringLiteral("code_verifier=[redacted")));
        QCOMPARE(m_window->wireLog()->count(), 0);

        // On to the refresh, the run's last request: shown before it is sent, the refresh token redacted.
        for (int clicks = 0; clicks < 20 && !text("stepTitle").contains(QStringLiteral("Refresh")); ++clicks)
            clickNext();
        QVERIFY2(text("stepTitle").contains(QStringLiteral("Refresh token request")),
                 qPrintable(text("stepTitle")));
        QVERIFY(text("stepReference").contains(QStringLiteral("RFC 6749 §6")));
        QVERIFY(find<QTextBrowser>("stepExplanation")->toPlainText().contains(QStringLiteral("Rotation")));
        QVERIFY2(text("stepRequest").contains(QStringLiteral("grant_type=refresh_token")),
                 qPrintable(text("stepRequest")));
        QVERIFY(text("stepRequest").contains(QStringLiteral("refresh_token=[redacted")));
        QCOMPARE(find<QPushButton>("teachingNext")->text(), QStringLiteral("Send ▶"));
        QCOMPARE(m_window->wireLog()->count(), 4); // token, JWKS, userinfo, API; the refresh waits
        clickNext(); // send the refresh
        QTRY_VERIFY(panel()->session()->isFinished());
        QVERIFY(text("stepResponse").startsWith(QStringLiteral("HTTP/1.1 200")));
        QVERIFY2(
            checks().join(QLatin1Char('\n')).contains(QStringLiteral("✓  Rotation: a new refresh_token")),
            qPrintable(checks().join(QLatin1Char('\n'))));
        QVERIFY(checks().join(QLatin1Char('\n')).contains(QStringLiteral("✓  sub is the same")));
        QVERIFY(text("teachingStatus").contains(QStringLiteral("Run complete")));

        clickToTheEnd();
        QVERIFY2(panel()->session()->succeeded(), qPrintable(text("teachingStatus")));
        const QStringList listed = itemTexts(steps);
        QCOMPARE(listed.size(), 8);
        for (const QString &item : listed)
            QVERIFY2(item.startsWith(QStringLiteral("✓")), qPrintable(item));
        panel()->session()->setCurrent(4);
        QVERIFY(text("stepTitle").contains(QStringLiteral("ID token")));
        const QString idChecks = checks().join(QLatin1Char('\n'));
        QVERIFY2(idChecks.contains(QStringLiteral("✓  nonce matches")), qPrintable(idChecks));
        QVERIFY(idChecks.contains(QStringLiteral("✓  aud contains sandbox-public")));
        QCOMPARE(m_window->wireLog()->count(), 5); // token, JWKS, userinfo, API, refresh

        expectArrows({ { P::Client, P::UserAgent, "/authorize" },
                       { P::UserAgent, P::AuthorizationServer, "GET /authorize" },
                       { P::AuthorizationServer, P::UserAgent, "302" },
                       { P::UserAgent, P::Client, "/callback" },
                       { P::Client, P::AuthorizationServer, "/token" },
                       { P::AuthorizationServer, P::Client, "200" },
                       { P::Client, P::AuthorizationServer, "/jwks" },
                       { P::AuthorizationServer, P::Client, "200" },
                       { P::Client, P::AuthorizationServer, "/userinfo" },
                       { P::AuthorizationServer, P::Client, "200" },
                       { P::Client, P::ResourceServer, "/api/hello" },
                       { P::ResourceServer, P::Client, "200" },
                       { P::Client, P::AuthorizationServer, "grant_type=refresh_token" },
                       { P::AuthorizationServer, P::Client, "200" } });

        // A front-channel arrow opens its step; it has no exchange in the wire log.
        QSignalSpy requested(panel(), &TeachingPanel::exchangeRequested);
        SequenceDiagramView *view = panel()->diagramView();
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->arrowRect(3).center().toPoint());
        QCOMPARE(panel()->session()->current(), 1);
        QCOMPARE(requested.count(), 0);
        panel()->session()->setCurrent(2);
        saveScreenshot(QStringLiteral("teaching-pkce.png"));

        // Present: the tab becomes a window of its own for the projector; closing it brings the tab back.
        auto *tabs = find<QTabWidget>("mainTabs");
        const int tabCount = tabs->count();
        QTest::mouseClick(find<QPushButton>("teachingPresent"), Qt::LeftButton);
        QVERIFY(panel()->isWindow());
        QVERIFY(panel()->isPresenting());
        QCOMPARE(tabs->count(), tabCount - 1);
        QCOMPARE(tabs->indexOf(panel()), -1);
        const QString folder = qEnvironmentVariable("TEACHING_SCREENSHOT_DIR");
        if (!folder.isEmpty()) {
            QCoreApplication::processEvents();
            panel()->showNormal(); // the offscreen screen is small: a projector-sized picture instead
            panel()->resize(1400, 860);
            QCoreApplication::processEvents();
            panel()->grab().save(folder + QStringLiteral("/teaching-presenting.png"));
        }
        panel()->close();
        QVERIFY(!panel()->isWindow());
        QVERIFY(!panel()->isPresenting());
        QCOMPARE(tabs->count(), tabCount);
        QCOMPARE(tabs->currentWidget(), panel());
        QVERIFY(!find<QPushButton>("teachingPresent")->isChecked());
        QCOMPARE(panel()->session()->count(), 8); // the run is still there
        // F5 presents, Escape comes back.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        find<QListWidget>("teachingSteps")->setFocus();
        QTest::keyClick(find<QListWidget>("teachingSteps"), Qt::Key_F5);
        QVERIFY(panel()->isPresenting());
        panel()->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), panel());
        QTest::keyClick(find<QPushButton>("teachingNext"), Qt::Key_Escape);
        QVERIFY(!panel()->isPresenting());
        QCOMPARE(tabs->currentWidget(), panel());
    }
};

QTEST_MAIN(TestGuiTeaching)
#include "tst_gui_teaching.moc"
