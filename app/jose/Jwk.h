#pragma once

#include "OpenSslHandles.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// One JSON Web Key (RFC 7517), parsed and ready for verification. A value type: copies share the key.
struct Jwk
{
    enum class Type { Unknown, Rsa, Ec, Okp, Oct };

    Type type = Type::Unknown;
    QString kty;
    QString kid;
    QString use; // "sig", "enc", or empty when absent
    QString alg; // empty when absent
    QStringList keyOps; // empty when absent
    QString crv; // EC and OKP
    int bits = 0; // RSA modulus size; EC/OKP security size as OpenSSL reports it
    SharedEvpPkey publicKey; // RSA, EC, OKP
    QByteArray secret; // oct: the decoded "k"
    bool hasPrivateMembers = false; // d, p, q, dp, dq, qi or oth present
    QString thumbprint; // RFC 7638 SHA-256 thumbprint, base64url
    QJsonObject json; // the key as received
    QStringList warnings;

    bool isSymmetric() const { return type == Type::Oct; }
    bool hasKeyOps() const { return !keyOps.isEmpty(); }
};
