#pragma once

#include "SecretStore.h"

#include <QHash>

// Secrets kept in memory only: for tests and for a session where the user declines the keychain.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    QString backendName() const override;
    void readSecret(const QString &key, Callback done) override;
    void writeSecret(const QString &key, const QString &value, Callback done) override;
    void deleteSecret(const QString &key, Callback done) override;

private:
    QHash<QString, QString> m_secrets;
};
