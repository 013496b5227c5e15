// Profiles on disk: atomic writes, a corrupt file kept aside (never overwritten), a newer format left alone.
#include "ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

Profile makeProfile(const QString &name, ClientAuthMethod method)
{
    Profile p = Profile::create(name);
    p.tokenUrl = QUrl(QStringLiteral("https://auth.example.test/token"));
    p.clientId = name + QStringLiteral("-client");
    p.authMethod = method;
    p.scope = QStringLiteral("read write");
    p.audience = QStringLiteral("https://api.example.test");
    p.resources = { QStringLiteral("https://api.example.test") };
    p.extraParameters
        = { { QStringLiteral("z"), QStringLiteral("1") }, { QStringLiteral("a"), QStringLiteral("2") } };
    p.timeoutSeconds = 12;
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

} // namespace

class TestProfileStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saveThenLoad()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<Profile> profiles
            = { makeProfile(QStringLiteral("one"), ClientAuthMethod::ClientSecretBasic),
                makeProfile(QStringLiteral("two"), ClientAuthMethod::None) };
        ProfileStore store(dir.path());
        QString error;
        QVERIFY2(store.save(profiles, &error), qPrintable(error));
        QVERIFY(QFileInfo(store.filePath()).absolutePath() == QFileInfo(dir.path()).absoluteFilePath());

        ProfileStore other(dir.path());
        const ProfileStore::LoadResult loaded = other.load();
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        QCOMPARE(loaded.profiles.size(), 2);
        QVERIFY(loaded.profiles == profiles);
    }

    void fileFormat()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        QString error;
        QVERIFY(
            store.save({ makeProfile(QStringLiteral("one"), ClientAuthMethod::ClientSecretPost) }, &error));
        QJsonParseError parseError;
        const QJsonObject root = QJsonDocument::fromJson(readAll(store.filePath()), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QStringLiteral("version")).toInt(-1), Profile::FormatVersion);
        QCOMPARE(root.value(QStringLiteral("profiles")).toArray().size(), 1);
    }

    void saveLeavesNoTemporaryFiles()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        QString error;
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.save(
                { makeProfile(QStringLiteral("p%1").arg(i), ClientAuthMethod::ClientSecretBasic) }, &error));
        QCOMPARE(filesIn(dir.path()), QStringList { QFileInfo(store.filePath()).fileName() });
    }

    void saveCreatesTheDirectory()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.filePath(QStringLiteral("first/run")));
        QString error;
        QVERIFY2(store.save({ makeProfile(QStringLiteral("one"), ClientAuthMethod::None) }, &error),
                 qPrintable(error));
        QCOMPARE(store.load().profiles.size(), 1);
    }

    void missingFileIsAnEmptyStore()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        const ProfileStore::LoadResult loaded = store.load();
        QVERIFY(loaded.error.isEmpty());
        QVERIFY(loaded.profiles.isEmpty());
        QVERIFY(loaded.movedAsideTo.isEmpty());
        QVERIFY(filesIn(dir.path()).isEmpty()); // loading creates nothing
    }

    void corruptFileIsMovedAsideAndKept()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        const QByteArray corrupt = "{\n  \"version\": 1,\n  \"profiles\": [\n    { \"name\": \"half";
        QVERIFY(writeAll(store.filePath(), corrupt));

        const ProfileStore::LoadResult loaded = store.load();
        QVERIFY(loaded.profiles.isEmpty());
        QVERIFY2(loaded.error.contains(store.filePath())
                     || loaded.error.contains(QDir::toNativeSeparators(store.filePath())),
                 qPrintable(loaded.error));
        QVERIFY2(loaded.error.contains(QStringLiteral("line"), Qt::CaseInsensitive),
                 qPrintable(loaded.error));
        QVERIFY2(loaded.error.contains(QStringLiteral("column"), Qt::CaseInsensitive),
                 qPrintable(loaded.error));

        QVERIFY(!loaded.movedAsideTo.isEmpty());
        const QFileInfo aside(loaded.movedAsideTo);
        QCOMPARE(aside.absolutePath(), QFileInfo(store.filePath()).absolutePath());
        QVERIFY2(aside.fileName().contains(QStringLiteral(".corrupt")), qPrintable(aside.fileName()));
        QCOMPARE(readAll(loaded.movedAsideTo), corrupt);
        QVERIFY(!QFile::exists(store.filePath()));

        // the next save writes a fresh file; the corrupt copy stays
        QString error;
        QVERIFY2(store.save({ makeProfile(QStringLiteral("fresh"), ClientAuthMethod::None) }, &error),
                 qPrintable(error));
        QCOMPARE(readAll(loaded.movedAsideTo), corrupt);
        const ProfileStore::LoadResult reloaded = store.load();
        QVERIFY(reloaded.error.isEmpty());
        QCOMPARE(reloaded.profiles.size(), 1);
        QCOMPARE(reloaded.profiles.constFirst().name, QStringLiteral("fresh"));
    }

    void aSecondCorruptFileDoesNotReplaceTheFirstCopy()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        QVERIFY(writeAll(store.filePath(), "first broken {"));
        const QString firstAside = store.load().movedAsideTo;
        QVERIFY(writeAll(store.filePath(), "second broken ["));
        const QString secondAside = store.load().movedAsideTo;
        QVERIFY(!firstAside.isEmpty());
        QVERIFY(!secondAside.isEmpty());
        QVERIFY(firstAside != secondAside);
        QCOMPARE(readAll(firstAside), QByteArray("first broken {"));
        QCOMPARE(readAll(secondAside), QByteArray("second broken ["));
    }

    void syntaxErrorNamesItsLine()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        QVERIFY(writeAll(store.filePath(),
                         "{\n  \"version\": 1,\n  \"profiles\": [\n    { \"name\": \"a\",, }\n  ]\n}\n"));
        const ProfileStore::LoadResult loaded = store.load();
        QVERIFY(!loaded.error.isEmpty());
        static const QRegularExpression lineFour(QStringLiteral("(line\\s*4\\b)|(:4:\\d)"),
                                                 QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(lineFour.match(loaded.error).hasMatch(), qPrintable(loaded.error));
    }

    void versionOneFileIsMigratedAndKept()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProfileStore store(dir.path());
        const QByteArray v1 = "{\"version\": 1, \"profiles\": [{\"id\": \"a1\", \"name\": \"old\", "
                              "\"token_endpoint\": \"https://as.example.test/token\", \"client_id\": \"c\", "
                              "\"token_endpoint_auth_method\": \"client_secret_post\"}]}";
        QVERIFY(writeAll(store.filePath(), v1));

        const ProfileStore::LoadResult loaded = store.load();
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        QCOMPARE(loaded.profiles.size(), 1);
        QCOMPARE(loaded.profiles.first().authMethod, ClientAuthMethod::ClientSecretPost);
        QVERIFY(loaded.profiles.first().endpoints.issuer.isEmpty());
        QVERIFY(!loaded.warnings.isEmpty());
        QCOMPARE(readAll(store.filePath() + QStringLiteral(".v1.bak")), v1);

        Profile migrated = loaded.profiles.first();
        migrated.endpoints.issuer = QUrl(QStringLiteral("https://as.example.test"));
        migrated.endpoints.jwks = QUrl(QStringLiteral("https://as.example.test/jwks"));
        QString error;
        QVERIFY2(store.save({ migrated }, &error), qPrintable(error));
        const QJsonObject root = QJsonDocument::fromJson(readAll(store.filePath())).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), Profile::FormatVersion);
        const ProfileStore::LoadResult reloaded = ProfileStore(dir.path()).load();
        QCOMPARE(reloaded.profiles.size(), 1);
        QCOMPARE(reloaded.profiles.first(), migrated);
        QCOMPARE(readAll(store.filePath() + QStringLiteral(".v1.bak")), v1);
    }

    void newerVersionIsLeftAlone()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path());
        const QByteArray future
            = "{\"version\": 99, \"profiles\": [], \"features\": {\"from\": \"the future\"}}";
        QVERIFY(writeAll(store.filePath(), future));

        const ProfileStore::LoadResult loaded = store.load();
        QVERIFY(!loaded.error.isEmpty());
        QVERIFY2(loaded.error.contains(QStringLiteral("newer"), Qt::CaseInsensitive),
                 qPrintable(loaded.error));
        QVERIFY(loaded.movedAsideTo.isEmpty()); // not corrupt: nothing moved

        QString error;
        QVERIFY(
            !store.save({ makeProfile(QStringLiteral("would overwrite"), ClientAuthMethod::None) }, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(readAll(store.filePath()), future);
        QCOMPARE(filesIn(dir.path()), QStringList { QFileInfo(store.filePath()).fileName() });
    }

    void exportImportRoundTrip()
    {
        const QList<Profile> profiles
            = { makeProfile(QStringLiteral("a"), ClientAuthMethod::ClientSecretPost),
                makeProfile(QStringLiteral("b"), ClientAuthMethod::ClientSecretBasic) };
        const QByteArray exported = ProfileStore::exportProfiles(profiles);
        QVERIFY(!exported.toLower().contains("client_secret\""));
        QString error;
        const QList<Profile> imported = ProfileStore::importProfiles(exported, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(imported.size(), 2);
        QCOMPARE(imported.at(0).name, QStringLiteral("a"));
        QCOMPARE(imported.at(1).clientId, QStringLiteral("b-client"));
        QCOMPARE(imported.at(0).extraParameters, profiles.at(0).extraParameters);
        QCOMPARE(imported.at(1).authMethod, ClientAuthMethod::ClientSecretBasic);
        QCOMPARE(imported.at(0).resources, profiles.at(0).resources);
        QCOMPARE(QJsonDocument::fromJson(exported).object().value(QStringLiteral("version")).toInt(),
                 Profile::FormatVersion);
    }

    void importRejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("hello");
        QTest::newRow("truncated") << QByteArray("{\"version\":1,\"profiles\":[");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("empty") << QByteArray();
    }

    void importRejectsGarbage()
    {
        QFETCH(QByteArray, json);
        QString error;
        const QList<Profile> imported = ProfileStore::importProfiles(json, &error);
        QVERIFY(imported.isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void defaultDirectoryHonoursTheEnvironment()
    {
        QTemporaryDir dir;
        qputenv("OAUTH_DEBUGGER_HOME", dir.path().toLocal8Bit());
        const QString chosen = ProfileStore::defaultDirectory();
        qunsetenv("OAUTH_DEBUGGER_HOME");
        QCOMPARE(QFileInfo(chosen).absoluteFilePath(), QFileInfo(dir.path()).absoluteFilePath());
        QVERIFY(ProfileStore::defaultDirectory() != chosen);
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profile_store.moc"
