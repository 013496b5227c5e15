#pragma once

#include "AppIdentity.h"
#include "SecretStore.h"

// Secrets in the operating system's keychain through qtkeychain.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
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
