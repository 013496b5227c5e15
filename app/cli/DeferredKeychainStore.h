#pragma once

#include "SecretStore.h"

#include <QStringList>

// The system keychain, loaded on first use from the oauth-debugger-keychain module (KeychainModule.cpp), so
// that a command that never reads the keychain (the secret comes from an option or the environment) starts
// without qtkeychain and D-Bus. When the module cannot be loaded, every call answers Unavailable with the
// reason.
class DeferredKeychainStore final : public SecretStore
{
    Q_OBJECT
public:
    // candidates: where the module may be, first match wins (tests pass their own).
    explicit DeferredKeychainStore(QObject *parent = nullptr,
                                   const QStringList &candidates = moduleCandidates());

    QString backendName() const override;
    void readSecret(const QString &key, Callback done) override;
    void writeSecret(const QString &key, const QString &value, Callback done) override;
    void deleteSecret(const QString &key, Callback done) override;

    // Where the module is looked for, first match wins: next to the executable (the build tree), then the
    // installed library folder.
    static QStringList moduleCandidates();

private:
    // The loaded store, or nullptr with the reason in reply (then done is called with it).
    SecretStore *store(const Callback &done);

    QStringList m_candidates;
    SecretStore *m_store = nullptr;
    QString m_loadError;
};
