#include "DeferredKeychainStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QTimer>

namespace {
using Factory = SecretStore *(*)();
} // namespace

DeferredKeychainStore::DeferredKeychainStore(QObject *parent, const QStringList &candidates)
    : SecretStore(parent)
    , m_candidates(candidates)
{
}

QStringList DeferredKeychainStore::moduleCandidates()
{
    const QDir executableDir(QCoreApplication::applicationDirPath());
    const QString name = QStringLiteral(OAUTH_DEBUGGER_KEYCHAIN_MODULE);
    return { executableDir.filePath(name),
             QDir::cleanPath(
                 executableDir.filePath(QStringLiteral(OAUTH_DEBUGGER_KEYCHAIN_MODULE_DIR) + u'/' + name)) };
}

QString DeferredKeychainStore::backendName() const
{
    return m_store ? m_store->backendName() : tr("system keychain");
}

SecretStore *DeferredKeychainStore::store(const Callback &done)
{
    if (!m_store && m_loadError.isEmpty()) {
        QStringList problems;
        for (const QString &path : std::as_const(m_candidates)) {
            if (!QFileInfo::exists(path))
                continue;
            QLibrary library(path);
            const auto create
                = reinterpret_cast<Factory>(library.resolve("oauthDebuggerCreateKeychainStore"));
            if (create) {
                m_store = create(); // the module stays loaded: QLibrary does not unload on destruction
                m_store->setParent(this);
                break;
            }
            problems << library.errorString();
        }
        if (!m_store)
            m_loadError = problems.isEmpty()
                ? tr("the keychain module %1 is not installed next to the program")
                      .arg(QStringLiteral(OAUTH_DEBUGGER_KEYCHAIN_MODULE))
                : tr("the keychain module could not be loaded: %1").arg(problems.join(QStringLiteral("; ")));
    }
    if (!m_store) {
        SecretReply reply;
        reply.status = SecretReply::Status::Unavailable;
        reply.error = m_loadError;
        // Asynchronous like the keychain itself.
        QTimer::singleShot(0, this, [done, reply] { done(reply); });
    }
    return m_store;
}

void DeferredKeychainStore::readSecret(const QString &key, Callback done)
{
    if (SecretStore *keychain = store(done))
        keychain->readSecret(key, std::move(done));
}

void DeferredKeychainStore::writeSecret(const QString &key, const QString &value, Callback done)
{
    if (SecretStore *keychain = store(done))
        keychain->writeSecret(key, value, std::move(done));
}

void DeferredKeychainStore::deleteSecret(const QString &key, Callback done)
{
    if (SecretStore *keychain = store(done))
        keychain->deleteSecret(key, std::move(done));
}
