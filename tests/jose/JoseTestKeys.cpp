#include "JoseTestKeys.h"

#include "Base64Url.h"
#include "EcdsaSignature.h"
#include "JwsAlgorithm.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace JoseTestKeys {

namespace {
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

QByteArray bigNumParam(EVP_PKEY *key, const char *name, int padTo = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const BigNumPtr value(raw);
    const int length = padTo > 0 ? padTo : BN_num_bytes(value.get());
    QByteArray bytes(length, '\0');
    BN_bn2binpad(value.get(), reinterpret_cast<unsigned char *>(bytes.data()), length);
    return bytes;
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

QCryptographicHash::Algorithm hashFor(const QString &alg)
{
    if (alg.endsWith(QLatin1String("384")))
        return QCryptographicHash::Sha384;
    if (alg.endsWith(QLatin1String("512")))
        return QCryptographicHash::Sha512;
    return QCryptographicHash::Sha256;
}
} // namespace

EvpPkeyPtr generateRsa(int bits)
{
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
}

EvpPkeyPtr generateEc(const char *curve)
{
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
}

EvpPkeyPtr generateEd25519()
{
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

QByteArray sign(EVP_PKEY *key, const QString &alg, const QByteArray &signingInput, int pssSaltLength)
{
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(alg);
    const EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    const char *digest = algorithm.digest.isEmpty() ? nullptr : algorithm.digest.constData();
    if (EVP_DigestSignInit_ex(context.get(), &keyContext, digest, nullptr, nullptr, key, nullptr) != 1)
        return {};
    if (algorithm.family == JwsAlgorithm::Family::RsaPss
        && (EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, pssSaltLength) != 1))
        return {};
    size_t length = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    if (EVP_DigestSign(context.get(), nullptr, &length, input, static_cast<size_t>(signingInput.size())) != 1)
        return {};
    QByteArray signature(static_cast<qsizetype>(length), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, input,
                       static_cast<size_t>(signingInput.size()))
        != 1)
        return {};
    signature.truncate(static_cast<qsizetype>(length));
    if (algorithm.family == JwsAlgorithm::Family::Ecdsa)
        return EcdsaSignature::derToRaw(signature, algorithm.coordinateBytes);
    return signature;
}

QByteArray hmac(const QString &alg, const QByteArray &secret, const QByteArray &signingInput)
{
    return QMessageAuthenticationCode::hash(signingInput, secret, hashFor(alg));
}

QByteArray compact(const QJsonObject &header, const QByteArray &payload, EVP_PKEY *key,
                   const QByteArray &secret)
{
    const QByteArray signingInput = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact))
        + '.' + Base64Url::encode(payload);
    const QString alg = header.value(QLatin1String("alg")).toString();
    const QByteArray signature = key ? sign(key, alg, signingInput) : hmac(alg, secret, signingInput);
    return signingInput + '.' + Base64Url::encode(signature);
}

QJsonObject publicJwk(EVP_PKEY *key, const QString &kid, const QString &alg)
{
    QJsonObject jwk;
    if (EVP_PKEY_is_a(key, "RSA") == 1) {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        jwk.insert(QStringLiteral("n"), b64(bigNumParam(key, OSSL_PKEY_PARAM_RSA_N)));
        jwk.insert(QStringLiteral("e"), b64(bigNumParam(key, OSSL_PKEY_PARAM_RSA_E)));
    } else if (EVP_PKEY_is_a(key, "EC") == 1) {
        char group[64] = {};
        EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr);
        const QByteArray name(group);
        const QString crv = name == "prime256v1" ? QStringLiteral("P-256")
            : name == "secp384r1"                ? QStringLiteral("P-384")
                                                 : QStringLiteral("P-521");
        const int size = crv == QLatin1String("P-256") ? 32 : crv == QLatin1String("P-384") ? 48 : 66;
        jwk.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        jwk.insert(QStringLiteral("crv"), crv);
        jwk.insert(QStringLiteral("x"), b64(bigNumParam(key, OSSL_PKEY_PARAM_EC_PUB_X, size)));
        jwk.insert(QStringLiteral("y"), b64(bigNumParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, size)));
    } else {
        QByteArray x(32, '\0');
        size_t length = 32;
        EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(x.data()), &length);
        jwk.insert(QStringLiteral("kty"), QStringLiteral("OKP"));
        jwk.insert(QStringLiteral("crv"), QStringLiteral("Ed25519"));
        jwk.insert(QStringLiteral("x"), b64(x));
    }
    if (!kid.isEmpty())
        jwk.insert(QStringLiteral("kid"), kid);
    if (!alg.isEmpty())
        jwk.insert(QStringLiteral("alg"), alg);
    return jwk;
}

QByteArray jwks(const QList<QJsonObject> &keys)
{
    QJsonArray array;
    for (const QJsonObject &key : keys)
        array.append(key);
    return QJsonDocument(QJsonObject { { QStringLiteral("keys"), array } }).toJson(QJsonDocument::Compact);
}

QByteArray publicKeyDer(EVP_PKEY *key)
{
    const int length = i2d_PUBKEY(key, nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, '\0');
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(key, &out);
    return der;
}

QByteArray publicKeyPem(EVP_PKEY *key)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), key) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

QByteArray tamper(const QByteArray &token, int part)
{
    QList<QByteArray> parts = token.split('.');
    QByteArray &target = parts[part];
    const qsizetype middle = target.size() / 2;
    target[middle] = target.at(middle) == 'A' ? 'B' : 'A';
    return parts.join('.');
}

} // namespace JoseTestKeys
