#pragma once

#include "AppIdentity.h"
#include "SecretStore.h"

#include <QCoreApplication>

// Secrets in the operating system's keychain through qtkeychain.
// No Q_OBJECT (it adds nothing a SecretStore lacks): without a moc entry the engine's moc object does not
// drag this class, qtkeychain and D-Bus into every program that links the engine; the CLI loads it as a
// module.
class KeychainSecretStore final : public SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(KeychainSecretStore)
public:
    explicit KeychainSecretStore(const QString &service = QLatin1String(AppIdentity::KeychainService),
                                 QObject *parent = nullptr);

    QString backendName() const override;
    void readSecret(const QString &key, Callback done) override;
    void writeSecret(const QString &key, const QString &value, Callback done) override;
    void deleteSecret(const QString &key, Callback done) override;

private:
    QString m_service;
};
