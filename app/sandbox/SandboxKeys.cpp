#include "SandboxKeys.h"

#include "Base64Url.h"
#include "EcdsaSignature.h"
#include "SandboxFiles.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>

namespace {
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

constexpr int P256Bytes = 32;

QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxKeys", text);
}

QByteArray toPem(EVP_PKEY *key)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

EvpPkeyPtr fromPem(const QByteArray &pem)
{
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    if (!bio)
        return {};
    return EvpPkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

QByteArray bigNumParam(EVP_PKEY *key, const char *name, int width = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const BigNumPtr number(raw);
    const int size = width > 0 ? width : BN_num_bytes(number.get());
    QByteArray bytes(size, '\0');
    if (BN_bn2binpad(number.get(), reinterpret_cast<unsigned char *>(bytes.data()), size) != size)
        return {};
    return bytes;
}

QString encoded(const QByteArray &bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

// RFC 7638 §3: the required members in lexicographic order, no whitespace.
QString thumbprint(const QJsonObject &jwk, const QStringList &members)
{
    QByteArray canonical = "{";
    for (const QString &member : members) {
        if (canonical.size() > 1)
            canonical += ',';
        canonical += '"' + member.toUtf8() + "\":\"" + jwk.value(member).toString().toUtf8() + '"';
    }
    canonical += '}';
    return encoded(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256));
}

QByteArray digestSign(EVP_PKEY *key, const QByteArray &input)
{
    const EvpMdCtxPtr context(EVP_MD_CTX_new());
    size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1
        || EVP_DigestSign(context.get(), nullptr, &length, bytesOf(input), static_cast<size_t>(input.size()))
            != 1)
        return {};
    QByteArray signature(static_cast<qsizetype>(length), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       bytesOf(input), static_cast<size_t>(input.size()))
        != 1)
        return {};
    signature.resize(static_cast<qsizetype>(length));
    return signature;
}
} // namespace

SandboxKeys::SandboxKeys(const QString &dataFolder)
    : m_folder(dataFolder)
{
}

bool SandboxKeys::load()
{
    m_error.clear();
    if (!SandboxFiles::ensureFolder(m_folder, &m_error))
        return false;
    m_rsa = loadOrGenerate(QStringLiteral("sandbox-rsa.pem"), "RSA", true);
    if (!m_rsa)
        return false;
    m_ec = loadOrGenerate(QStringLiteral("sandbox-ec-p256.pem"), "EC", false);
    if (!m_ec)
        return false;
    m_rsaJwk = publicJwk(m_rsa.get(), true);
    m_ecJwk = publicJwk(m_ec.get(), false);
    return true;
}

EvpPkeyPtr SandboxKeys::loadOrGenerate(const QString &fileName, const char *type, bool isRsa)
{
    const QString path = QDir(m_folder).filePath(fileName);
    const QByteArray pem = SandboxFiles::read(path, &m_error);
    if (!m_error.isEmpty())
        return {};
    if (!pem.isEmpty()) {
        EvpPkeyPtr key = fromPem(pem);
        const bool fits = key
            && (isRsa ? EVP_PKEY_is_a(key.get(), "RSA") && EVP_PKEY_get_bits(key.get()) >= 2048
                      : EVP_PKEY_is_a(key.get(), "EC") && EVP_PKEY_get_bits(key.get()) == 256);
        if (!fits) {
            m_error = tr("%1 is not a usable %2 private key; move it aside to generate a new one")
                          .arg(path, QLatin1String(type));
            return {};
        }
        return key;
    }
    EvpPkeyPtr key(isRsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, static_cast<size_t>(2048))
                         : EVP_PKEY_Q_keygen(nullptr, nullptr, type, "P-256"));
    const QByteArray generated = key ? toPem(key.get()) : QByteArray();
    if (generated.isEmpty()) {
        m_error = tr("OpenSSL could not generate the %1 signing key").arg(QLatin1String(type));
        return {};
    }
    if (!SandboxFiles::writePrivate(path, generated, &m_error))
        return {};
    return key;
}

QJsonObject SandboxKeys::publicJwk(EVP_PKEY *key, bool isRsa) const
{
    QJsonObject jwk;
    QStringList members;
    if (isRsa) {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        jwk.insert(QStringLiteral("n"), encoded(bigNumParam(key, OSSL_PKEY_PARAM_RSA_N)));
        jwk.insert(QStringLiteral("e"), encoded(bigNumParam(key, OSSL_PKEY_PARAM_RSA_E)));
        members = { QStringLiteral("e"), QStringLiteral("kty"), QStringLiteral("n") };
    } else {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        jwk.insert(QStringLiteral("crv"), QStringLiteral("P-256"));
        jwk.insert(QStringLiteral("x"), encoded(bigNumParam(key, OSSL_PKEY_PARAM_EC_PUB_X, P256Bytes)));
        jwk.insert(QStringLiteral("y"), encoded(bigNumParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, P256Bytes)));
        members = { QStringLiteral("crv"), QStringLiteral("kty"), QStringLiteral("x"), QStringLiteral("y") };
    }
    const QString kid = thumbprint(jwk, members);
    jwk.insert(QStringLiteral("kid"), kid);
    jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
    jwk.insert(QStringLiteral("alg"), isRsa ? QStringLiteral("RS256") : QStringLiteral("ES256"));
    return jwk;
}

QJsonObject SandboxKeys::jwks() const
{
    QJsonArray keys;
    if (m_rsa)
        keys.append(m_rsaJwk);
    if (m_ec)
        keys.append(m_ecJwk);
    return QJsonObject { { QStringLiteral("keys"), keys } };
}

QString SandboxKeys::kid(const QString &alg) const
{
    if (alg == QLatin1String("RS256"))
        return m_rsaJwk.value(QLatin1String("kid")).toString();
    if (alg == QLatin1String("ES256"))
        return m_ecJwk.value(QLatin1String("kid")).toString();
    return {};
}

QByteArray SandboxKeys::sign(const QString &alg, QJsonObject header, const QJsonObject &claims) const
{
    const bool isRsa = alg == QLatin1String("RS256");
    EVP_PKEY *key = isRsa ? m_rsa.get() : (alg == QLatin1String("ES256") ? m_ec.get() : nullptr);
    if (!key)
        return {};
    header.insert(QStringLiteral("alg"), alg);
    if (!header.contains(QLatin1String("kid"))) // a caller's kid stays: the unknown-kid fault needs that
        header.insert(QStringLiteral("kid"), kid(alg));
    const QByteArray input = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    QByteArray signature = digestSign(key, input);
    if (!isRsa)
        signature = EcdsaSignature::derToRaw(signature, P256Bytes);
    if (signature.isEmpty())
        return {};
    return input + '.' + Base64Url::encode(signature);
}
