// The real KeychainSecretStore through qtkeychain and the freedesktop secret service.
//
//   tst_keychain_secret_store                       round trip; needs a session bus with an unlocked keyring
//                                                   (CTest runs it in dbus-run-session + with-keyring.sh)
//   tst_keychain_secret_store --expect-unavailable  no reachable session bus: every call must answer
//                                                   Status::Unavailable with a clear message
#include "KeychainSecretStore.h"

#include <QCoreApplication>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

struct Reply
{
    int calls = 0;
    SecretReply reply;
};

// Runs one store operation and waits for its single answer.
template<typename Operation> SecretReply await(Operation operation, int timeoutMs = 20000)
{
    auto r = std::make_shared<Reply>();
    operation([r](const SecretReply &reply) {
        ++r->calls;
        r->reply = reply;
    });
    if (!QTest::qWaitFor([r] { return r->calls > 0; }, timeoutMs)) {
        SecretReply timedOut;
        timedOut.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return timedOut;
    }
    QTest::qWait(50);
    if (r->calls != 1) {
        SecretReply twice;
        twice.error = QStringLiteral("callback ran %1 times").arg(r->calls);
        return twice;
    }
    return r->reply;
}

const char *statusName(SecretReply::Status status)
{
    switch (status) {
    case SecretReply::Status::Ok:
        return "Ok";
    case SecretReply::Status::NotFound:
        return "NotFound";
    case SecretReply::Status::Unavailable:
        return "Unavailable";
    case SecretReply::Status::Failed:
        return "Failed";
    }
    return "?";
}

QByteArray describe(const SecretReply &reply)
{
    return QByteArray(statusName(reply.status)) + ": " + reply.error.toUtf8();
}

// A service name of its own, so that a run on a developer's desktop never touches the application's entries.
QString testService()
{
    return QStringLiteral("oauth-debugger-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestKeychainSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session bus. Run this test through CTest (dbus-run-session + tests/integration/"
                  "with-keyring.sh start a private bus with an unlocked gnome-keyring).");
    }

    void writeReadDelete()
    {
        KeychainSecretStore store(testService());
        QVERIFY(!store.backendName().isEmpty());
        const QString key = QStringLiteral("profile/") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString value = QStringLiteral("s3cr:et %+ &/=?#~ \u00e9\u20ac");

        SecretReply r = await([&](auto done) { store.writeSecret(key, value, done); });
        QVERIFY2(r.ok(), describe(r).constData());

        r = await([&](auto done) { store.readSecret(key, done); });
        QVERIFY2(r.ok(), describe(r).constData());
        QCOMPARE(r.value, value);

        r = await([&](auto done) { store.deleteSecret(key, done); });
        QVERIFY2(r.ok(), describe(r).constData());

        r = await([&](auto done) { store.readSecret(key, done); });
        QCOMPARE(r.status, SecretReply::Status::NotFound);
        QVERIFY(r.value.isEmpty());
    }

    void secretsSurviveTheStoreObject()
    {
        // the secret lives in the keyring, not in the object: a second store of the same service reads it
        const QString service = testService();
        const QString key = QStringLiteral("profile/persisted");
        {
            KeychainSecretStore writer(service);
            const SecretReply r
                = await([&](auto done) { writer.writeSecret(key, QStringLiteral("kept"), done); });
            QVERIFY2(r.ok(), describe(r).constData());
        }
        KeychainSecretStore reader(service);
        SecretReply r = await([&](auto done) { reader.readSecret(key, done); });
        QVERIFY2(r.ok(), describe(r).constData());
        QCOMPARE(r.value, QStringLiteral("kept"));

        KeychainSecretStore otherService(testService());
        r = await([&](auto done) { otherService.readSecret(key, done); });
        QCOMPARE(r.status, SecretReply::Status::NotFound);

        r = await([&](auto done) { reader.deleteSecret(key, done); });
        QVERIFY2(r.ok(), describe(r).constData());
    }

    void overwrite()
    {
        KeychainSecretStore store(testService());
        const QString key = QStringLiteral("profile/overwrite");
        QVERIFY(await([&](auto done) { store.writeSecret(key, QStringLiteral("first"), done); }).ok());
        QVERIFY(await([&](auto done) { store.writeSecret(key, QStringLiteral("second"), done); }).ok());
        const SecretReply r = await([&](auto done) { store.readSecret(key, done); });
        QVERIFY2(r.ok(), describe(r).constData());
        QCOMPARE(r.value, QStringLiteral("second"));
        QVERIFY(await([&](auto done) { store.deleteSecret(key, done); }).ok());
    }

    void missingKeyIsNotFound()
    {
        KeychainSecretStore store(testService());
        const SecretReply r
            = await([&](auto done) { store.readSecret(QStringLiteral("profile/never-written"), done); });
        QCOMPARE(r.status, SecretReply::Status::NotFound);
    }
};

class TestKeychainUnavailable final : public QObject
{
    Q_OBJECT

private:
    static void checkUnavailable(const SecretReply &r)
    {
        QVERIFY2(r.status == SecretReply::Status::Unavailable, describe(r).constData());
        QVERIFY(!r.ok());
        QVERIFY(r.value.isEmpty());
        QVERIFY2(r.error.size() > 10, describe(r).constData());
        QVERIFY2(r.error.contains(QStringLiteral("keychain"), Qt::CaseInsensitive)
                     || r.error.contains(QStringLiteral("secret service"), Qt::CaseInsensitive)
                     || r.error.contains(QStringLiteral("D-Bus"), Qt::CaseInsensitive),
                 describe(r).constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        if (!bus.contains("/nonexistent"))
            QFAIL("--expect-unavailable needs an unreachable session bus: "
                  "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent (CTest sets it)");
    }

    void everyOperationSaysUnavailable()
    {
        KeychainSecretStore store(testService());
        checkUnavailable(await(
            [&](auto done) { store.writeSecret(QStringLiteral("profile/x"), QStringLiteral("v"), done); }));
        if (QTest::currentTestFailed())
            return;
        checkUnavailable(await([&](auto done) { store.readSecret(QStringLiteral("profile/x"), done); }));
        if (QTest::currentTestFailed())
            return;
        checkUnavailable(await([&](auto done) { store.deleteSecret(QStringLiteral("profile/x"), done); }));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    const bool expectUnavailable = args.removeAll(QStringLiteral("--expect-unavailable")) > 0;
    if (expectUnavailable) {
        TestKeychainUnavailable test;
        return QTest::qExec(&test, args);
    }
    TestKeychainSecretStore test;
    return QTest::qExec(&test, args);
}

#include "tst_keychain_secret_store.moc"
