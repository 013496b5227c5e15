// A saved client configuration: what it stores (never the secret), what it accepts, what it rejects.
#include "Profile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

Q_DECLARE_METATYPE(ClientAuthMethod)

namespace {

Profile fullProfile()
{
    Profile p;
    p.id = QStringLiteral("5f0c8a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6");
    p.name = QStringLiteral("Staging \u00e9 \"quoted\"");
    p.tokenUrl = QUrl(QStringLiteral("https://auth.example.test/oauth2/token?tenant=x"));
    p.clientId = QStringLiteral("weird:client id%+");
    p.authMethod = ClientAuthMethod::ClientSecretPost;
    p.scope = QStringLiteral("read write");
    p.audience = QStringLiteral("https://api.example.test");
    p.resources = { QStringLiteral("https://api.example.test"), QStringLiteral("urn:example:resource") };
    p.extraParameters = { { QStringLiteral("b"), QStringLiteral("2") },
                          { QStringLiteral("a"), QStringLiteral("1") },
                          { QStringLiteral("b"), QStringLiteral("3 & more") } };
    p.timeoutSeconds = 7;
    p.caFile = QStringLiteral("/etc/ssl/private-ca.pem");
    p.insecure = true;
    p.endpoints.issuer = QUrl(QStringLiteral("https://auth.example.test"));
    p.endpoints.jwks = QUrl(QStringLiteral("https://auth.example.test/jwks"));
    p.endpoints.introspection = QUrl(QStringLiteral("https://auth.example.test/introspect"));
    p.endpoints.pushedAuthorization = QUrl(QStringLiteral("https://auth.example.test/par"));
    p.redirectPort = 8765;
    p.redirectPath = QStringLiteral("/oauth/cb");
    p.pkceMethod = Pkce::Method::Plain;
    p.browserCommand = QStringLiteral("firefox --private-window %u");
    p.autoRefresh = true;
    p.refreshLeadSeconds = 120;
    p.endpoints.issParameterSupported = true;
    return p;
}

Profile validProfile()
{
    Profile p;
    p.id = QStringLiteral("0d1e2f3a-4b5c-6d7e-8f90-123456789abc");
    p.name = QStringLiteral("valid");
    p.tokenUrl = QUrl(QStringLiteral("https://auth.example.test/token"));
    p.clientId = QStringLiteral("client");
    return p;
}

// Every key of a JSON value, recursively.
QStringList allKeys(const QJsonValue &value)
{
    QStringList keys;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            keys << it.key();
            keys << allKeys(it.value());
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array)
            keys << allKeys(v);
    }
    return keys;
}

// The key whose string value is `value`, at the top level.
QString keyHolding(const QJsonObject &object, const QString &value)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().toString() == value)
            return it.key();
    }
    return {};
}

QString normalizedField(const QString &field)
{
    QString n = field.toLower();
    n.remove(QLatin1Char('_'));
    n.remove(QLatin1Char('-'));
    return n;
}

} // namespace

class TestProfile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTripKeepsEveryField()
    {
        const Profile original = fullProfile();
        const QJsonObject json = original.toJson();
        QString error;
        const std::optional<Profile> back = Profile::fromJson(json, &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QCOMPARE(back->id, original.id);
        QCOMPARE(back->name, original.name);
        QCOMPARE(back->tokenUrl, original.tokenUrl);
        QCOMPARE(back->clientId, original.clientId);
        QCOMPARE(back->authMethod, original.authMethod);
        QCOMPARE(back->scope, original.scope);
        QCOMPARE(back->audience, original.audience);
        QCOMPARE(back->resources, original.resources);
        QCOMPARE(back->extraParameters, original.extraParameters);
        QCOMPARE(back->timeoutSeconds, original.timeoutSeconds);
        QCOMPARE(back->caFile, original.caFile);
        QCOMPARE(back->insecure, original.insecure);
        QVERIFY(*back == original);
    }

    void jsonRoundTripThroughText()
    {
        // what ProfileStore does: object -> bytes -> object
        const Profile original = fullProfile();
        const QByteArray text = QJsonDocument(original.toJson()).toJson();
        QString error;
        const std::optional<Profile> back = Profile::fromJson(QJsonDocument::fromJson(text).object(), &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QVERIFY(*back == original);
    }

    void equalityNoticesEachField()
    {
        const Profile base = fullProfile();
        QList<Profile> changed;
        for (int i = 0; i < 12; ++i)
            changed << base;
        changed[0].name += QLatin1Char('x');
        changed[1].tokenUrl = QUrl(QStringLiteral("https://other.example.test/token"));
        changed[2].clientId += QLatin1Char('x');
        changed[3].authMethod = ClientAuthMethod::None;
        changed[4].scope += QLatin1Char('x');
        changed[5].audience += QLatin1Char('x');
        changed[6].resources.removeLast();
        std::swap(changed[7].extraParameters[0], changed[7].extraParameters[1]);
        changed[8].timeoutSeconds += 1;
        changed[9].caFile.clear();
        changed[10].insecure = false;
        changed[11].id = QStringLiteral("another-id");
        for (int i = 0; i < changed.size(); ++i)
            QVERIFY2(changed.at(i) != base, qPrintable(QString::number(i)));
    }

    void jsonNeverHoldsASecret()
    {
        const QJsonObject json = fullProfile().toJson();
        for (const QString &key : allKeys(json))
            QVERIFY2(!key.contains(QStringLiteral("secret"), Qt::CaseInsensitive)
                         && !key.contains(QStringLiteral("password"), Qt::CaseInsensitive),
                     qPrintable(key));
    }

    void fromJsonRejectsAMissingName()
    {
        QJsonObject json = fullProfile().toJson();
        const QString nameKey = keyHolding(json, fullProfile().name);
        QVERIFY(!nameKey.isEmpty());
        json.remove(nameKey);
        QString error;
        QVERIFY(!Profile::fromJson(json, &error).has_value());
        QVERIFY2(error.contains(QStringLiteral("name"), Qt::CaseInsensitive), qPrintable(error));
    }

    void fromJsonRejectsAnUnknownAuthMethod()
    {
        QJsonObject json = fullProfile().toJson();
        const QString methodKey = keyHolding(json, QStringLiteral("client_secret_post"));
        QVERIFY2(!methodKey.isEmpty(), "the auth method is stored by its RFC 7591 name");
        json.insert(methodKey, QStringLiteral("magic_link"));
        QString error;
        QVERIFY(!Profile::fromJson(json, &error).has_value());
        QVERIFY2(!error.isEmpty(), "an error says why");
        QVERIFY2(error.contains(QStringLiteral("magic_link"))
                     || error.contains(QStringLiteral("method"), Qt::CaseInsensitive),
                 qPrintable(error));
    }

    void authMethodNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("known");
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("client_secret_basic")
            << QStringLiteral("client_secret_basic") << true << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("basic") << QStringLiteral("basic") << true << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("client_secret_post")
            << QStringLiteral("client_secret_post") << true << ClientAuthMethod::ClientSecretPost;
        QTest::newRow("post") << QStringLiteral("post") << true << ClientAuthMethod::ClientSecretPost;
        QTest::newRow("none") << QStringLiteral("none") << true << ClientAuthMethod::None;
        QTest::newRow("private_key_jwt")
            << QStringLiteral("private_key_jwt") << false << ClientAuthMethod::None;
        QTest::newRow("empty") << QString() << false << ClientAuthMethod::None;
        QTest::newRow("typo") << QStringLiteral("client_secret_bsic") << false << ClientAuthMethod::None;
    }

    void authMethodNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, known);
        QFETCH(ClientAuthMethod, method);
        const std::optional<ClientAuthMethod> parsed = clientAuthMethodFromName(name);
        QCOMPARE(parsed.has_value(), known);
        if (known)
            QCOMPARE(*parsed, method);
    }

    void authMethodNameRoundTrip()
    {
        QCOMPARE(clientAuthMethodName(ClientAuthMethod::ClientSecretBasic),
                 QStringLiteral("client_secret_basic"));
        QCOMPARE(clientAuthMethodName(ClientAuthMethod::ClientSecretPost),
                 QStringLiteral("client_secret_post"));
        QCOMPARE(clientAuthMethodName(ClientAuthMethod::None), QStringLiteral("none"));
        for (ClientAuthMethod m : { ClientAuthMethod::ClientSecretBasic, ClientAuthMethod::ClientSecretPost,
                                    ClientAuthMethod::None })
            QCOMPARE(clientAuthMethodFromName(clientAuthMethodName(m)), std::optional<ClientAuthMethod>(m));
    }

    void aValidProfileHasNoProblems()
    {
        QVERIFY(validProfile().validate().isEmpty());
        Profile p = fullProfile();
        QVERIFY(p.validate().isEmpty());
        p.tokenUrl
            = QUrl(QStringLiteral("http://127.0.0.1:8080/token")); // plain http is allowed (local servers)
        p.insecure = false; // (certificate options only make sense for https)
        QVERIFY(p.validate().isEmpty());
    }

    void validate_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("field"); // pattern for the key, normalized: lower case, no '_' or '-'

        QTest::newRow("empty name") << QStringLiteral("name=") << QStringLiteral("name");
        QTest::newRow("empty token URL")
            << QStringLiteral("tokenUrl=") << QStringLiteral("token(url|endpoint)");
        QTest::newRow("relative token URL")
            << QStringLiteral("tokenUrl=/oauth/token") << QStringLiteral("token(url|endpoint)");
        QTest::newRow("ftp token URL") << QStringLiteral("tokenUrl=ftp://auth.example.test/token")
                                       << QStringLiteral("token(url|endpoint)");
        QTest::newRow("token URL without host")
            << QStringLiteral("tokenUrl=https:///token") << QStringLiteral("token(url|endpoint)");
        QTest::newRow("empty client id") << QStringLiteral("clientId=") << QStringLiteral("clientid");
        QTest::newRow("relative resource") << QStringLiteral("resource=api/v1") << QStringLiteral("resource");
        QTest::newRow("resource with spaces")
            << QStringLiteral("resource=not a uri") << QStringLiteral("resource");
        QTest::newRow("zero timeout") << QStringLiteral("timeout=0") << QStringLiteral("timeout");
        QTest::newRow("negative timeout") << QStringLiteral("timeout=-5") << QStringLiteral("timeout");
    }

    void validate()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, field);
        Profile p = validProfile();
        const QString key = mutation.section(QLatin1Char('='), 0, 0);
        const QString value = mutation.section(QLatin1Char('='), 1);
        if (key == QLatin1String("name"))
            p.name = value;
        else if (key == QLatin1String("tokenUrl"))
            p.tokenUrl = QUrl(value);
        else if (key == QLatin1String("clientId"))
            p.clientId = value;
        else if (key == QLatin1String("resource"))
            p.resources = { QStringLiteral("https://ok.example.test"), value };
        else if (key == QLatin1String("timeout"))
            p.timeoutSeconds = value.toInt();

        const QList<QPair<QString, QString>> problems = p.validate();
        QCOMPARE(problems.size(), 1);
        const QRegularExpression expected(QStringLiteral("^(") + field + QStringLiteral(")"));
        QVERIFY2(expected.match(normalizedField(problems.constFirst().first)).hasMatch(),
                 qPrintable(problems.constFirst().first));
        QVERIFY2(!problems.constFirst().second.trimmed().isEmpty(), "each problem says what is wrong");
    }

    void validateReportsEveryProblem()
    {
        Profile p = validProfile();
        p.name.clear();
        p.clientId.clear();
        p.timeoutSeconds = 0;
        QCOMPARE(p.validate().size(), 3);
    }

    void createGivesAFreshIdAndDefaults()
    {
        const Profile a = Profile::create(QStringLiteral("one"));
        const Profile b = Profile::create(QStringLiteral("two"));
        QCOMPARE(a.name, QStringLiteral("one"));
        QVERIFY(!a.id.isEmpty());
        QVERIFY(a.id != b.id);
        QVERIFY(!a.id.contains(QLatin1Char('{')));
        QVERIFY(a.secretKey().contains(a.id));
        QVERIFY(a.secretKey() != b.secretKey());
        QVERIFY(a.timeoutSeconds > 0);
        QVERIFY(!a.insecure);
    }

    void transportOptionsFollowTheProfile()
    {
        const Profile p = fullProfile();
        const TransportOptions options = p.transportOptions();
        QCOMPARE(options.timeoutMs, 7000);
        QCOMPARE(options.caFile, p.caFile);
        QCOMPARE(options.insecure, true);
    }

    void needsSecret()
    {
        Profile p = validProfile();
        p.authMethod = ClientAuthMethod::ClientSecretBasic;
        QVERIFY(p.needsSecret());
        p.authMethod = ClientAuthMethod::ClientSecretPost;
        QVERIFY(p.needsSecret());
        p.authMethod = ClientAuthMethod::None;
        QVERIFY(!p.needsSecret());
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
