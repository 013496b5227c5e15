#include "JwsCrypto.h"

#include "EcdsaSignature.h"
#include "OpenSslErrors.h"
#include "OpenSslHandles.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/rsa.h>

namespace JwsCrypto {

namespace {
using Family = JwsAlgorithm::Family;

bool keyFitsFamily(EVP_PKEY *key, const JwsAlgorithm &algorithm)
{
    switch (algorithm.family) {
    case Family::RsaPkcs1:
    case Family::RsaPss:
        return EVP_PKEY_is_a(key, "RSA") == 1;
    case Family::Ecdsa:
        return EVP_PKEY_is_a(key, "EC") == 1;
    case Family::EdDsa:
        return EVP_PKEY_is_a(key, "ED25519") == 1 || EVP_PKEY_is_a(key, "ED448") == 1;
    case Family::Hmac:
    case Family::None:
    case Family::Unknown:
        break;
    }
    return false;
}

bool configureRsaPadding(EVP_PKEY_CTX *context, const JwsAlgorithm &algorithm)
{
    if (algorithm.family == Family::RsaPkcs1)
        return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1;
    // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash.
    return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
        && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, algorithm.hashBytes) == 1
        && EVP_PKEY_CTX_set_rsa_mgf1_md_name(context, algorithm.digest.constData(), nullptr) == 1;
}
} // namespace

Outcome verifyHmac(const JwsAlgorithm &algorithm, const QByteArray &secret, const QByteArray &signingInput,
                   const QByteArray &signature)
{
    if (algorithm.family != Family::Hmac || secret.isEmpty())
        return Outcome::KeyError;
    const EvpMacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    const EvpMacCtxPtr context(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
    QByteArray digestName = algorithm.digest;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName.data(), 0),
        OSSL_PARAM_construct_end(),
    };
    unsigned char computed[EVP_MAX_MD_SIZE] = {};
    size_t computedLength = 0;
    if (!context
        || EVP_MAC_init(context.get(), bytesOf(secret), static_cast<size_t>(secret.size()), params) != 1
        || EVP_MAC_update(context.get(), bytesOf(signingInput), static_cast<size_t>(signingInput.size())) != 1
        || EVP_MAC_final(context.get(), computed, &computedLength, sizeof computed) != 1) {
        OpenSslErrors::drain("HMAC");
        return Outcome::KeyError;
    }
    const bool matches = static_cast<size_t>(signature.size()) == computedLength
        && CRYPTO_memcmp(computed, signature.constData(), computedLength) == 0;
    OPENSSL_cleanse(computed, sizeof computed);
    return matches ? Outcome::Valid : Outcome::Invalid;
}

Outcome verifySignature(const JwsAlgorithm &algorithm, EVP_PKEY *key, const QByteArray &signingInput,
                        const QByteArray &signature)
{
    if (!key || !keyFitsFamily(key, algorithm))
        return Outcome::KeyError;

    QByteArray encoded = signature;
    if (algorithm.family == Family::Ecdsa) {
        if (signature.size() != 2 * algorithm.coordinateBytes)
            return Outcome::Invalid;
        encoded = EcdsaSignature::rawToDer(signature);
        if (encoded.isEmpty())
            return Outcome::Invalid;
    }

    const EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr; // owned by context
    const char *digest = algorithm.digest.isEmpty() ? nullptr : algorithm.digest.constData();
    if (!context
        || EVP_DigestVerifyInit_ex(context.get(), &keyContext, digest, nullptr, nullptr, key, nullptr) != 1
        || ((algorithm.family == Family::RsaPkcs1 || algorithm.family == Family::RsaPss)
            && !configureRsaPadding(keyContext, algorithm))) {
        OpenSslErrors::drain("EVP_DigestVerifyInit_ex");
        return Outcome::KeyError;
    }
    const int verdict = EVP_DigestVerify(context.get(), bytesOf(encoded), static_cast<size_t>(encoded.size()),
                                         bytesOf(signingInput), static_cast<size_t>(signingInput.size()));
    if (verdict == 1)
        return Outcome::Valid;
    OpenSslErrors::drain("EVP_DigestVerify");
    return Outcome::Invalid;
}

} // namespace JwsCrypto
