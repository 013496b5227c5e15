#pragma once

#include "OpenSslHandles.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// The sandbox's signing keys: an RSA 2048 key (RS256) and an EC P-256 key (ES256), generated with OpenSSL on
// first use and kept as PEM (0600) in the data folder, loaded on later starts. Teaching keys, not for
// production.
class SandboxKeys final
{
public:
    explicit SandboxKeys(const QString &dataFolder);

    // Loads the keys, generating and saving whichever is missing. False with error() on failure.
    bool load();
    QString error() const { return m_error; }

    // The public keys as a JWKS (RFC 7517 §5); each kid is the key's RFC 7638 thumbprint.
    QJsonObject jwks() const;
    QString kid(const QString &alg) const;

    // A compact JWS over the claims, for alg "RS256" or "ES256"; the header gets alg, and the key's kid
    // unless it names one already.
    // Empty on failure (unknown alg, keys not loaded).
    QByteArray sign(const QString &alg, QJsonObject header, const QJsonObject &claims) const;

private:
    EvpPkeyPtr loadOrGenerate(const QString &fileName, const char *type, bool isRsa);
    QJsonObject publicJwk(EVP_PKEY *key, bool isRsa) const;

    QString m_folder;
    EvpPkeyPtr m_rsa;
    EvpPkeyPtr m_ec;
    QJsonObject m_rsaJwk;
    QJsonObject m_ecJwk;
    QString m_error;
};
