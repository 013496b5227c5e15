#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

namespace {
SecretReply unavailable(const QString &detail)
{
    SecretReply reply;
    reply.status = SecretReply::Status::Unavailable;
    reply.error
        = KeychainSecretStore::tr("No keychain service is available (%1). On a headless machine, start a "
                                  "secret service or pass the secret for each run.")
              .arg(detail);
    return reply;
}

// qtkeychain reports a missing D-Bus session or secret service as OtherError on some backends.
bool meansNoService(const QString &text)
{
    static const QLatin1String markers[] = { QLatin1String("org.freedesktop.secrets"),
                                             QLatin1String("D-Bus"),
                                             QLatin1String("DBus"),
                                             QLatin1String("autolaunch"),
                                             QLatin1String("Could not connect"),
                                             QLatin1String("/org/freedesktop/secrets"),
                                             QLatin1String("no keychain service") };
    for (const QLatin1String &marker : markers) {
        if (text.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

SecretReply replyFrom(const QKeychain::Job *job)
{
    SecretReply reply;
    switch (job->error()) {
    case QKeychain::NoError:
        reply.status = SecretReply::Status::Ok;
        return reply;
    case QKeychain::EntryNotFound:
        reply.status = SecretReply::Status::NotFound;
        reply.error = KeychainSecretStore::tr("The keychain holds no secret for this profile.");
        return reply;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable(job->errorString());
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        reply.status = SecretReply::Status::Failed;
        reply.error = KeychainSecretStore::tr("The keychain refused access: %1").arg(job->errorString());
        return reply;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    if (meansNoService(job->errorString()))
        return unavailable(job->errorString());
    reply.status = SecretReply::Status::Failed;
    reply.error = KeychainSecretStore::tr("Keychain error: %1").arg(job->errorString());
    return reply;
}

void runJob(QKeychain::Job *job, const QString &key, SecretStore::Callback done,
            std::function<void(SecretReply &)> onSuccess = {})
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file behind the user's back
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [done = std::move(done), onSuccess = std::move(onSuccess)](QKeychain::Job *finished) {
                         SecretReply reply = replyFrom(finished);
                         if (reply.ok() && onSuccess)
                             onSuccess(reply);
                         done(reply);
                     });
    job->start();
}
} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{
}

QString KeychainSecretStore::backendName() const
{
    return tr("system keychain");
}

void KeychainSecretStore::readSecret(const QString &key, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    runJob(job, key, std::move(done), [job](SecretReply &reply) { reply.value = job->textData(); });
}

void KeychainSecretStore::writeSecret(const QString &key, const QString &value, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(value);
    runJob(job, key, std::move(done));
}

void KeychainSecretStore::deleteSecret(const QString &key, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    runJob(job, key, std::move(done));
}
