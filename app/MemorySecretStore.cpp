#include "MemorySecretStore.h"

#include <QTimer>

QString MemorySecretStore::backendName() const
{
    return tr("memory (this session only)");
}

// Answers asynchronously, like a real keychain, so callers cannot come to rely on synchronous replies.
static void answerLater(QObject *context, SecretStore::Callback done, SecretReply reply)
{
    QTimer::singleShot(0, context, [done = std::move(done), reply = std::move(reply)] { done(reply); });
}

void MemorySecretStore::readSecret(const QString &key, Callback done)
{
    SecretReply reply;
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.constEnd()) {
        reply.status = SecretReply::Status::NotFound;
        reply.error = tr("No secret is stored for %1.").arg(key);
    } else {
        reply.status = SecretReply::Status::Ok;
        reply.value = *it;
    }
    answerLater(this, std::move(done), reply);
}

void MemorySecretStore::writeSecret(const QString &key, const QString &value, Callback done)
{
    m_secrets.insert(key, value);
    SecretReply reply;
    reply.status = SecretReply::Status::Ok;
    answerLater(this, std::move(done), reply);
}

void MemorySecretStore::deleteSecret(const QString &key, Callback done)
{
    SecretReply reply;
    reply.status = m_secrets.remove(key) ? SecretReply::Status::Ok : SecretReply::Status::NotFound;
    answerLater(this, std::move(done), reply);
}
