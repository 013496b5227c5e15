// DeferredKeychainStore, the CLI's keychain loaded on first use from the oauth-debugger-keychain module: a
// missing module is a clear "unavailable" answer naming the module, never a crash; a present one is loaded
// and answers as the keychain does (here: no session bus, so "unavailable" for D-Bus reasons).
#include "DeferredKeychainStore.h"

#include <QtTest>
#include <functional>

namespace {
// Calls the operation and waits for its one reply.
SecretReply await(const std::function<void(SecretStore::Callback)> &operation)
{
    SecretReply reply;
    bool answered = false;
    operation([&](const SecretReply &r) {
        reply = r;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 30000))
        reply.error = QStringLiteral("no answer");
    return reply;
}
} // namespace

class TestDeferredKeychainStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Never the user's keychain, and a quick answer: a session bus that does not exist.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    }

    void missingModuleIsReportedAsUnavailable()
    {
        // The module is built next to the CLI, not next to this test, and the installed folder does not
        // exist.
        DeferredKeychainStore store(nullptr,
                                    { QStringLiteral("/nonexistent/liboauth-debugger-keychain.so") });
        const SecretReply read
            = await([&](auto done) { store.readSecret(QStringLiteral("profile/x"), done); });
        QCOMPARE(read.status, SecretReply::Status::Unavailable);
        QVERIFY2(read.error.contains(QStringLiteral("keychain module")), qPrintable(read.error));
        const SecretReply write = await(
            [&](auto done) { store.writeSecret(QStringLiteral("profile/x"), QStringLiteral("s"), done); });
        QCOMPARE(write.status, SecretReply::Status::Unavailable);
        QCOMPARE(write.error, read.error);
        QCOMPARE(store.backendName(), QStringLiteral("system keychain"));
    }

    void presentModuleIsLoaded()
    {
        DeferredKeychainStore store(nullptr, { QStringLiteral(KEYCHAIN_MODULE_PATH) });
        const SecretReply read
            = await([&](auto done) { store.readSecret(QStringLiteral("profile/x"), done); });
        QVERIFY2(!read.error.contains(QStringLiteral("keychain module")), qPrintable(read.error));
        QVERIFY2(read.status == SecretReply::Status::Unavailable
                     || read.status == SecretReply::Status::Failed,
                 qPrintable(read.error));
    }
};

QTEST_GUILESS_MAIN(TestDeferredKeychainStore)
#include "tst_deferred_keychain_store.moc"
