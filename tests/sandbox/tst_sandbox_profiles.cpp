// The ready-made sandbox profiles: created from the running sandbox's metadata, kept in step when it comes
// back on another port without losing what the user changed, never holding a secret, and usable as they
// are: the client credentials flow gets a token with each confidential one.
#include "ClientCredentialsFlow.h"
#include "HttpClient.h"
#include "ProfileStore.h"
#include "SandboxClients.h"
#include "SandboxProfiles.h"
#include "SandboxServer.h"
#include "WireLog.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

Q_DECLARE_METATYPE(TokenResult)

namespace {

const Profile *withRole(const QList<Profile> &profiles, const char *role)
{
    for (const Profile &profile : profiles) {
        if (profile.sandboxRole == QLatin1String(role))
            return &profile;
    }
    return nullptr;
}

QString secretOf(const SandboxServer &server)
{
    const SandboxClient *client
        = SandboxClients::find(server.clients(), QLatin1String(SandboxClients::ConfidentialId));
    return client ? client->clientSecret : QString();
}

} // namespace

class TestSandboxProfiles final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dataDir; // the sandbox's keys and demo secret
    std::unique_ptr<SandboxServer> m_server;

    void startServer(quint16 port = 0)
    {
        m_server.reset(); // frees the previous port
        m_server = std::make_unique<SandboxServer>(m_dataDir.path());
        QVERIFY2(m_server->start(port), qPrintable(m_server->errorString()));
    }

    Profile otherProfile() const
    {
        Profile profile = Profile::create(QStringLiteral("Staging"));
        profile.tokenUrl = QUrl(QStringLiteral("https://as.example/token"));
        profile.clientId = QStringLiteral("staging-client");
        return profile;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        QVERIFY(m_dataDir.isValid());
    }

    void init() { startServer(); }
    void cleanup() { m_server.reset(); }

    void createsOneProfilePerRoleFromTheMetadata()
    {
        const Profile other = otherProfile();
        const SandboxProfiles::Update update = SandboxProfiles::apply({ other }, *m_server, true);
        QVERIFY2(update.error.isEmpty(), qPrintable(update.error));
        QCOMPARE(update.profiles.size(), 4);
        QCOMPARE(update.profiles.first(), other);
        QCOMPARE(update.createdIds.size(), 3);
        QVERIFY(update.updatedIds.isEmpty());
        QVERIFY(SandboxProfiles::hasSandboxProfiles(update.profiles));
        QVERIFY(!SandboxProfiles::hasSandboxProfiles({ other }));

        const QString issuer = m_server->issuer().toString();
        const Profile *basic = withRole(update.profiles, SandboxProfiles::ClientCredentialsBasic);
        const Profile *post = withRole(update.profiles, SandboxProfiles::ClientCredentialsPost);
        const Profile *pkce = withRole(update.profiles, SandboxProfiles::CodeWithPkce);
        QVERIFY(basic && post && pkce);
        QCOMPARE(SandboxProfiles::idOfRole(update.profiles, QLatin1String(SandboxProfiles::CodeWithPkce)),
                 pkce->id);
        for (const Profile *profile : { basic, post, pkce }) {
            QVERIFY(update.createdIds.contains(profile->id));
            QVERIFY2(profile->validate().isEmpty(), qPrintable(profile->validate().value(0).second));
            QCOMPARE(profile->tokenUrl, QUrl(issuer + QStringLiteral("/token")));
            QCOMPARE(profile->endpoints.issuer, m_server->issuer());
            QCOMPARE(profile->endpoints.authorization, QUrl(issuer + QStringLiteral("/authorize")));
            QCOMPARE(profile->endpoints.jwks, QUrl(issuer + QStringLiteral("/jwks")));
            QCOMPARE(profile->endpoints.introspection, QUrl(issuer + QStringLiteral("/introspect")));
            QCOMPARE(profile->endpoints.revocation, QUrl(issuer + QStringLiteral("/revoke")));
            QCOMPARE(profile->endpoints.userinfo, QUrl(issuer + QStringLiteral("/userinfo")));
            QVERIFY(profile->endpoints.issParameterSupported);
        }
        QCOMPARE(basic->clientId, QLatin1String(SandboxClients::ConfidentialId));
        QCOMPARE(basic->authMethod, ClientAuthMethod::ClientSecretBasic);
        QCOMPARE(post->clientId, QLatin1String(SandboxClients::ConfidentialId));
        QCOMPARE(post->authMethod, ClientAuthMethod::ClientSecretPost);
        QCOMPARE(pkce->clientId, QLatin1String(SandboxClients::PublicId));
        QCOMPARE(pkce->authMethod, ClientAuthMethod::None);
        QCOMPARE(pkce->pkceMethod, Pkce::Method::S256);
        QVERIFY(pkce->scope.split(QLatin1Char(' ')).contains(QLatin1String("openid")));

        // The public client's registered redirect URIs: loopback, /callback, any port (RFC 8252 §7.3).
        const SandboxClient *publicClient
            = SandboxClients::find(m_server->clients(), QLatin1String(SandboxClients::PublicId));
        QVERIFY(publicClient);
        QCOMPARE(pkce->redirectPort, 0);
        QVERIFY(publicClient->acceptsRedirectUri(
            QUrl(QStringLiteral("http://127.0.0.1:49152") + pkce->redirectPath)));
    }

    void applyingAgainChangesNothing()
    {
        const SandboxProfiles::Update first = SandboxProfiles::apply({}, *m_server, true);
        const SandboxProfiles::Update second = SandboxProfiles::apply(first.profiles, *m_server, true);
        QVERIFY(!second.changed());
        QCOMPARE(second.profiles, first.profiles);
    }

    void followsThePortAndKeepsUserFields()
    {
        const Profile other = otherProfile();
        QList<Profile> profiles = SandboxProfiles::apply({ other }, *m_server, true).profiles;
        const quint16 oldPort = static_cast<quint16>(m_server->issuer().port());

        // The user renames a profile, narrows its scope, adds a parameter and switches its authentication.
        Profile *basic = nullptr;
        for (Profile &profile : profiles) {
            if (profile.sandboxRole == QLatin1String(SandboxProfiles::ClientCredentialsBasic))
                basic = &profile;
        }
        QVERIFY(basic);
        basic->name = QStringLiteral("My sandbox client");
        basic->scope = QStringLiteral("read");
        basic->timeoutSeconds = 3;
        basic->extraParameters = { { QStringLiteral("foo"), QStringLiteral("bar") } };
        basic->authMethod = ClientAuthMethod::ClientSecretPost;
        const QString basicId = basic->id;

        // The sandbox comes back on another port: the old one is held by someone else.
        m_server.reset();
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, oldPort));
        startServer();
        QVERIFY(m_server->issuer().port() != oldPort);

        const SandboxProfiles::Update update = SandboxProfiles::apply(profiles, *m_server, false);
        QVERIFY2(update.error.isEmpty(), qPrintable(update.error));
        QCOMPARE(update.profiles.size(), 4);
        QVERIFY(update.createdIds.isEmpty());
        QCOMPARE(update.updatedIds.size(), 3);
        QCOMPARE(update.profiles.first(), other); // not a sandbox profile: untouched
        const QString issuer = m_server->issuer().toString();
        for (const Profile &profile : update.profiles) {
            if (!SandboxProfiles::isSandboxProfile(profile))
                continue;
            QCOMPARE(profile.tokenUrl, QUrl(issuer + QStringLiteral("/token")));
            QCOMPARE(profile.endpoints.issuer, m_server->issuer());
            QCOMPARE(profile.endpoints.authorization, QUrl(issuer + QStringLiteral("/authorize")));
        }
        const Profile *updated = withRole(update.profiles, SandboxProfiles::ClientCredentialsBasic);
        QVERIFY(updated);
        QCOMPARE(updated->id, basicId);
        QCOMPARE(updated->name, QStringLiteral("My sandbox client"));
        QCOMPARE(updated->scope, QStringLiteral("read"));
        QCOMPARE(updated->timeoutSeconds, 3);
        QCOMPARE(updated->extraParameters.size(), 1);
        // The role decides the client and its authentication: "basic" stays Basic.
        QCOMPARE(updated->authMethod, ClientAuthMethod::ClientSecretBasic);
        QCOMPARE(updated->clientId, QLatin1String(SandboxClients::ConfidentialId));
    }

    void deletedProfilesComeBackOnlyWhenAsked()
    {
        QList<Profile> profiles = SandboxProfiles::apply({}, *m_server, true).profiles;
        profiles.removeIf([](const Profile &profile) {
            return profile.sandboxRole == QLatin1String(SandboxProfiles::ClientCredentialsPost);
        });
        const SandboxProfiles::Update follow = SandboxProfiles::apply(profiles, *m_server, false);
        QCOMPARE(follow.profiles.size(), 2);
        QVERIFY(!follow.changed());
        const SandboxProfiles::Update create = SandboxProfiles::apply(profiles, *m_server, true);
        QCOMPARE(create.profiles.size(), 3);
        QCOMPARE(create.createdIds.size(), 1);
        QVERIFY(withRole(create.profiles, SandboxProfiles::ClientCredentialsPost));
    }

    void unusableMetadataIsAnErrorAndChangesNothing()
    {
        const QList<Profile> profiles = SandboxProfiles::apply({}, *m_server, true).profiles;
        const QJsonObject noTokenEndpoint { { QStringLiteral("issuer"), m_server->issuer().toString() } };
        for (const QJsonObject &metadata : { QJsonObject(), noTokenEndpoint }) {
            const SandboxProfiles::Update update = SandboxProfiles::apply(profiles, metadata, true);
            QVERIFY(!update.error.isEmpty());
            QVERIFY(!update.changed());
            QCOMPARE(update.profiles, profiles);
        }
        const SandboxServer stopped(m_dataDir.path());
        const SandboxProfiles::Update notRunning = SandboxProfiles::apply(profiles, stopped, true);
        QVERIFY(!notRunning.error.isEmpty());
        QCOMPARE(notRunning.profiles, profiles);
    }

    void roleSurvivesTheFileAndOlderFilesHaveNone()
    {
        const QList<Profile> profiles = SandboxProfiles::apply({}, *m_server, true).profiles;
        const Profile *pkce = withRole(profiles, SandboxProfiles::CodeWithPkce);
        QVERIFY(pkce);
        const Profile copy = *pkce;
        const auto back = Profile::fromJson(copy.toJson(), nullptr);
        QVERIFY(back);
        QCOMPARE(*back, copy);
        QCOMPARE(back->sandboxRole, QLatin1String(SandboxProfiles::CodeWithPkce));

        QJsonObject older = otherProfile().toJson();
        QVERIFY(!older.contains(QLatin1String("sandbox_profile")));
        const auto plain = Profile::fromJson(older, nullptr);
        QVERIFY(plain);
        QVERIFY(!SandboxProfiles::isSandboxProfile(*plain));
    }

    void noSecretInTheProfileFile()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QList<Profile> profiles = SandboxProfiles::apply({}, *m_server, true).profiles;
        QString error;
        QVERIFY2(ProfileStore(home.path()).save(profiles, &error), qPrintable(error));
        QFile file(ProfileStore(home.path()).filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        const QString secret = secretOf(*m_server);
        QVERIFY(secret.size() >= 20);
        QVERIFY(!stored.contains(secret.toUtf8()));
        QVERIFY(!stored.contains("client_secret\""));
        QVERIFY(stored.contains("\"sandbox_profile\": \"client-credentials-basic\""));
        QCOMPARE(ProfileStore(home.path()).load().profiles, profiles);
    }

    void secretOnlyForTheRunningSandboxsConfidentialClient()
    {
        const QList<Profile> profiles = SandboxProfiles::apply({}, *m_server, true).profiles;
        const Profile *basic = withRole(profiles, SandboxProfiles::ClientCredentialsBasic);
        const Profile *pkce = withRole(profiles, SandboxProfiles::CodeWithPkce);
        QVERIFY(basic && pkce);
        const QUrl issuer = m_server->issuer();
        const QList<SandboxClient> clients = m_server->clients();
        QCOMPARE(SandboxProfiles::secretFor(*basic, issuer, clients), secretOf(*m_server));
        QVERIFY(SandboxProfiles::secretFor(*pkce, issuer, clients).isEmpty()); // public client
        QVERIFY(SandboxProfiles::secretFor(*basic, QUrl(), clients).isEmpty()); // not running

        Profile elsewhere = *basic; // same client id, another server: never gets the sandbox's secret
        elsewhere.tokenUrl = QUrl(QStringLiteral("https://as.example/token"));
        QVERIFY(SandboxProfiles::secretFor(elsewhere, issuer, clients).isEmpty());
        elsewhere.tokenUrl.setUrl(issuer.toString() + QStringLiteral("/token"));
        elsewhere.tokenUrl.setPort(issuer.port() + 1);
        QVERIFY(SandboxProfiles::secretFor(elsewhere, issuer, clients).isEmpty());
        Profile otherClient = *basic;
        otherClient.clientId = QStringLiteral("someone-else");
        QVERIFY(SandboxProfiles::secretFor(otherClient, issuer, clients).isEmpty());
    }

    void clientCredentialsProfilesGetTokens_data()
    {
        QTest::addColumn<QString>("role");
        QTest::newRow("basic") << QString::fromLatin1(SandboxProfiles::ClientCredentialsBasic);
        QTest::newRow("post") << QString::fromLatin1(SandboxProfiles::ClientCredentialsPost);
    }

    void clientCredentialsProfilesGetTokens()
    {
        QFETCH(QString, role);
        const QList<Profile> profiles = SandboxProfiles::apply({}, *m_server, true).profiles;
        const Profile *profile = withRole(profiles, role.toLatin1().constData());
        QVERIFY(profile);
        WireLog log;
        HttpClient http(&log);
        ClientCredentialsFlow flow(&http);
        QSignalSpy finished(&flow, &ClientCredentialsFlow::finished);
        flow.start(*profile, SandboxProfiles::secretFor(*profile, m_server->issuer(), m_server->clients()));
        QVERIFY(finished.wait(15000));
        const auto result = finished.first().first().value<TokenResult>();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(!result.token.accessToken.isEmpty());
        QCOMPARE(result.token.scope, QStringLiteral("read write"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxProfiles)
#include "tst_sandbox_profiles.moc"
