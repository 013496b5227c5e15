#include "SecretVault.h"

#include <QPointer>
#include <QTimer>
#include <memory>

SecretVault::SecretVault(SecretStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

QString SecretVault::backendName() const
{
    if (m_unavailable)
        return tr("%1 (unavailable: secrets kept for this session only)").arg(m_store->backendName());
    return m_store->backendName();
}

void SecretVault::guarded(const std::function<void(SecretStore::Callback)> &operation,
                          SecretStore::Callback done)
{
    struct Pending
    {
        SecretStore::Callback done;
        bool answered = false;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    QPointer<SecretVault> self(this);
    const auto answer = [self, pending](const SecretReply &reply) {
        if (pending->answered)
            return; // the store answered after the timeout: too late
        pending->answered = true;
        if (self)
            self->noteReply(reply);
        pending->done(reply);
    };
    QTimer::singleShot(m_timeoutMs, this, [this, answer] {
        SecretReply reply;
        reply.status = SecretReply::Status::Unavailable;
        reply.error
            = tr("%1 did not answer within %2 s").arg(m_store->backendName()).arg(m_timeoutMs / 1000.0);
        answer(reply);
    });
    operation(answer);
}

void SecretVault::read(const QString &key, SecretStore::Callback done)
{
    const auto session = m_session.constFind(key);
    if (session != m_session.constEnd()) {
        SecretReply reply;
        reply.status = SecretReply::Status::Ok;
        reply.value = session.value();
        QMetaObject::invokeMethod(
            this, [done = std::move(done), reply] { done(reply); }, Qt::QueuedConnection);
        return;
    }
    QPointer<SecretVault> self(this);
    guarded([this, key](SecretStore::Callback answer) { m_store->readSecret(key, std::move(answer)); },
            [self, key, done = std::move(done)](const SecretReply &reply) {
                const bool absent = reply.status == SecretReply::Status::NotFound
                    || reply.status == SecretReply::Status::Unavailable;
                const QString known = self && absent && self->m_fallback ? self->m_fallback(key) : QString();
                if (known.isEmpty()) {
                    done(reply);
                    return;
                }
                SecretReply fallback; // the store's availability was noted from its own reply
                fallback.status = SecretReply::Status::Ok;
                fallback.value = known;
                done(fallback);
            });
}

void SecretVault::write(const QString &key, const QString &value, WriteCallback done)
{
    // Usable at once, even while a slow keychain is still busy with the write.
    m_session.insert(key, value);
    QPointer<SecretVault> self(this);
    guarded([this, key,
             value](SecretStore::Callback answer) { m_store->writeSecret(key, value, std::move(answer)); },
            [self, key, value, done = std::move(done)](const SecretReply &reply) {
                if (!self) {
                    done(reply, false);
                    return;
                }
                const bool current = self->m_session.value(key) == value; // no newer write since
                if (reply.ok()) {
                    if (current)
                        self->m_session.remove(key);
                    done(reply, false);
                    return;
                }
                done(reply, true); // the value stays in session memory
            });
}

void SecretVault::remove(const QString &key, SecretStore::Callback done)
{
    m_session.remove(key);
    guarded([this, key](SecretStore::Callback answer) { m_store->deleteSecret(key, std::move(answer)); },
            [done = std::move(done)](const SecretReply &reply) {
                if (reply.status == SecretReply::Status::NotFound
                    || reply.status == SecretReply::Status::Unavailable) {
                    SecretReply fine = reply;
                    fine.status = SecretReply::Status::Ok;
                    done(fine);
                    return;
                }
                done(reply);
            });
}

void SecretVault::noteReply(const SecretReply &reply)
{
    const bool unavailable = reply.status == SecretReply::Status::Unavailable;
    if (unavailable == m_unavailable)
        return;
    // Ok and NotFound show the store is reachable again; Failed says nothing either way.
    if (!unavailable && reply.status == SecretReply::Status::Failed)
        return;
    m_unavailable = unavailable;
    Q_EMIT storeAvailabilityChanged(m_unavailable);
}
