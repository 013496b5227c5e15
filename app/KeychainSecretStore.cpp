#include "KeychainSecretStore.h"

#include <QTimer>
#include <memory>

#include <qt6keychain/keychain.h>

namespace {
SecretReply unavailable(const QString &detail)
{
    SecretReply reply;
    reply.status = SecretReply::Status::Unavailable;
    reply.error = KeychainSecretStore::tr("No keychain service is available (%1). Start a secret service "
                                          "(such as gnome-keyring) or provide the secret each time.")
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

// A keychain that never answers (a D-Bus service that hangs, a prompt nobody can see) must not leave the
// caller waiting: after the deadline the store answers Unavailable and ignores the late reply.
constexpr int KeychainDeadlineMs = 10000;

void runJob(QKeychain::Job *job, const QString &key, SecretStore::Callback done,
            std::function<void(SecretReply &)> onSuccess = {})
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file behind the user's back
    job->setKey(key);
    auto answered = std::make_shared<bool>(false);
    auto callback = std::make_shared<SecretStore::Callback>(std::move(done));
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [answered, callback, onSuccess = std::move(onSuccess)](QKeychain::Job *finished) {
                         if (*answered)
                             return;
                         *answered = true;
                         SecretReply reply = replyFrom(finished);
                         if (reply.ok() && onSuccess)
                             onSuccess(reply);
                         (*callback)(reply);
                     });
    QTimer::singleShot(KeychainDeadlineMs, job->parent(), [answered, callback] {
        if (*answered)
            return;
        *answered = true;
        (*callback)(unavailable(KeychainSecretStore::tr("the keychain did not answer within %1 s")
                                    .arg(KeychainDeadlineMs / 1000)));
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
