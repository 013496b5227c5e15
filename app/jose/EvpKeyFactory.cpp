#include "EvpKeyFactory.h"

#include "OpenSslErrors.h"

#include <QCoreApplication>

#include <openssl/core_names.h>

namespace EvpKeyFactory {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("EvpKeyFactory", text);
}

EvpKeyResult failure(const QString &error)
{
    EvpKeyResult result;
    result.error = error;
    return result;
}

QString withDetail(const QString &message, const QString &detail)
{
    return detail.isEmpty() ? message : tr("%1 (%2)").arg(message, detail);
}

const char *openSslGroupName(const QString &crv)
{
    if (crv == QLatin1String("P-256"))
        return "prime256v1";
    if (crv == QLatin1String("P-384"))
        return "secp384r1";
    if (crv == QLatin1String("P-521"))
        return "secp521r1";
    return nullptr;
}

const char *openSslOkpName(const QString &crv)
{
    if (crv == QLatin1String("Ed25519"))
        return "ED25519";
    if (crv == QLatin1String("Ed448"))
        return "ED448";
    if (crv == QLatin1String("X25519"))
        return "X25519";
    if (crv == QLatin1String("X448"))
        return "X448";
    return nullptr;
}

EvpKeyResult fromParams(const char *type, OSSL_PARAM_BLD *builder, const char *operation)
{
    const OsslParamPtr params(OSSL_PARAM_BLD_to_param(builder));
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        EVP_PKEY_free(raw);
        return failure(withDetail(tr("OpenSSL refused the key"), OpenSslErrors::drain(operation)));
    }
    EvpKeyResult result;
    result.key.reset(raw);
    return result;
}
} // namespace

int publicCheck(EVP_PKEY *key)
{
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    const int verdict = context ? EVP_PKEY_public_check(context.get()) : 0;
    if (verdict == 1)
        return 1;
    OpenSslErrors::drain("EVP_PKEY_public_check");
    return verdict == -2 ? -1 : 0;
}

int ecCoordinateBytes(const QString &crv)
{
    if (crv == QLatin1String("P-256"))
        return 32;
    if (crv == QLatin1String("P-384"))
        return 48;
    if (crv == QLatin1String("P-521"))
        return 66;
    return 0;
}

int okpKeyBytes(const QString &crv)
{
    if (crv == QLatin1String("Ed25519") || crv == QLatin1String("X25519"))
        return 32;
    if (crv == QLatin1String("Ed448"))
        return 57;
    if (crv == QLatin1String("X448"))
        return 56;
    return 0;
}

EvpKeyResult rsaPublic(const QByteArray &modulus, const QByteArray &exponent)
{
    const BigNumPtr n(BN_bin2bn(bytesOf(modulus), static_cast<int>(modulus.size()), nullptr));
    const BigNumPtr e(BN_bin2bn(bytesOf(exponent), static_cast<int>(exponent.size()), nullptr));
    const OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!n || !e || !builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return failure(withDetail(tr("cannot assemble the RSA key"), OpenSslErrors::drain("RSA params")));
    return fromParams("RSA", builder.get(), "EVP_PKEY_fromdata(RSA)");
}

EvpKeyResult ecPublic(const QString &crv, const QByteArray &x, const QByteArray &y)
{
    const char *group = openSslGroupName(crv);
    if (!group)
        return failure(tr("unsupported curve"));
    const QByteArray point = '\x04' + x + y; // SEC 1 §2.3.3 uncompressed point
    const OsslParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                            static_cast<size_t>(point.size()))
            != 1)
        return failure(withDetail(tr("cannot assemble the EC key"), OpenSslErrors::drain("EC params")));
    EvpKeyResult result = fromParams("EC", builder.get(), "EVP_PKEY_fromdata(EC)");
    if (!result.key)
        return failure(tr("the point (x, y) is not on curve %1").arg(crv));
    if (publicCheck(result.key.get()) == 0)
        return failure(tr("the point (x, y) is not a valid public key on curve %1").arg(crv));
    return result;
}

EvpKeyResult okpPublic(const QString &crv, const QByteArray &x)
{
    const char *name = openSslOkpName(crv);
    if (!name)
        return failure(tr("unsupported curve"));
    EvpKeyResult result;
    result.key.reset(
        EVP_PKEY_new_raw_public_key_ex(nullptr, name, nullptr, bytesOf(x), static_cast<size_t>(x.size())));
    if (!result.key)
        return failure(withDetail(tr("OpenSSL refused the key"), OpenSslErrors::drain("raw public key")));
    return result;
}

} // namespace EvpKeyFactory
