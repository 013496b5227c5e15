// The in-memory secret store: the SecretStore contract without a keychain.
#include "MemorySecretStore.h"

#include <QTest>

#include <memory>

namespace {

struct Reply
{
    int calls = 0;
    SecretReply reply;
};

std::shared_ptr<Reply> track()
{
    return std::make_shared<Reply>();
}

SecretStore::Callback into(const std::shared_ptr<Reply> &r)
{
    return [r](const SecretReply &reply) {
        ++r->calls;
        r->reply = reply;
    };
}

} // namespace

class TestSecretStoreMemory final : public QObject
{
    Q_OBJECT

private:
    static SecretReply write(SecretStore &store, const QString &key, const QString &value)
    {
        auto r = track();
        store.writeSecret(key, value, into(r));
        if (!QTest::qWaitFor([r] { return r->calls > 0; }, 2000))
            return {};
        QTest::qWait(20);
        return r->calls == 1 ? r->reply : SecretReply {};
    }
    static SecretReply read(SecretStore &store, const QString &key)
    {
        auto r = track();
        store.readSecret(key, into(r));
        if (!QTest::qWaitFor([r] { return r->calls > 0; }, 2000))
            return {};
        QTest::qWait(20);
        return r->calls == 1 ? r->reply : SecretReply {};
    }
    static SecretReply remove(SecretStore &store, const QString &key)
    {
        auto r = track();
        store.deleteSecret(key, into(r));
        if (!QTest::qWaitFor([r] { return r->calls > 0; }, 2000))
            return {};
        QTest::qWait(20);
        return r->calls == 1 ? r->reply : SecretReply {};
    }

private Q_SLOTS:
    void writeReadDelete()
    {
        MemorySecretStore store;
        QVERIFY(!store.backendName().isEmpty());
        const QString key = QStringLiteral("profile/abc");
        const QString value = QStringLiteral("s3cr:et %+ \u00e9");

        QCOMPARE(write(store, key, value).status, SecretReply::Status::Ok);
        SecretReply r = read(store, key);
        QCOMPARE(r.status, SecretReply::Status::Ok);
        QVERIFY(r.ok());
        QCOMPARE(r.value, value);

        QCOMPARE(remove(store, key).status, SecretReply::Status::Ok);
        r = read(store, key);
        QCOMPARE(r.status, SecretReply::Status::NotFound);
        QVERIFY(!r.ok());
        QVERIFY(r.value.isEmpty());
    }

    void missingKeyIsNotFound()
    {
        MemorySecretStore store;
        const SecretReply r = read(store, QStringLiteral("profile/never-written"));
        QCOMPARE(r.status, SecretReply::Status::NotFound);
        QVERIFY(r.value.isEmpty());
    }

    void overwriteAndIsolation()
    {
        MemorySecretStore store;
        QVERIFY(write(store, QStringLiteral("a"), QStringLiteral("first")).ok());
        QVERIFY(write(store, QStringLiteral("b"), QStringLiteral("other")).ok());
        QVERIFY(write(store, QStringLiteral("a"), QStringLiteral("second")).ok());
        QCOMPARE(read(store, QStringLiteral("a")).value, QStringLiteral("second"));
        QCOMPARE(read(store, QStringLiteral("b")).value, QStringLiteral("other"));
        QVERIFY(remove(store, QStringLiteral("a")).ok());
        QCOMPARE(read(store, QStringLiteral("b")).value, QStringLiteral("other"));
    }

    void storesAreIndependent()
    {
        MemorySecretStore one;
        MemorySecretStore two;
        QVERIFY(write(one, QStringLiteral("k"), QStringLiteral("v")).ok());
        QCOMPARE(read(two, QStringLiteral("k")).status, SecretReply::Status::NotFound);
    }

    void deletingAMissingKeyAnswersOnce()
    {
        MemorySecretStore store;
        auto r = track();
        store.deleteSecret(QStringLiteral("nothing"), into(r));
        QTRY_COMPARE(r->calls, 1);
        QTest::qWait(20);
        QCOMPARE(r->calls, 1);
        QVERIFY(r->reply.status == SecretReply::Status::Ok
                || r->reply.status == SecretReply::Status::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSecretStoreMemory)
#include "tst_secret_store_memory.moc"
