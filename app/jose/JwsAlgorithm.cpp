#include "JwsAlgorithm.h"

namespace {
JwsAlgorithm make(const QString &name, JwsAlgorithm::Family family, const char *digest, int hashBytes,
                  const QString &curve = {}, int coordinateBytes = 0)
{
    JwsAlgorithm algorithm;
    algorithm.name = name;
    algorithm.family = family;
    algorithm.digest = QByteArray(digest);
    algorithm.hashBytes = hashBytes;
    algorithm.curve = curve;
    algorithm.coordinateBytes = coordinateBytes;
    return algorithm;
}
} // namespace

QString JwsAlgorithm::keyType() const
{
    switch (family) {
    case Family::Hmac:
        return QStringLiteral("oct");
    case Family::RsaPkcs1:
    case Family::RsaPss:
        return QStringLiteral("RSA");
    case Family::Ecdsa:
        return QStringLiteral("EC");
    case Family::EdDsa:
        return QStringLiteral("OKP");
    case Family::None:
    case Family::Unknown:
        break;
    }
    return {};
}

JwsAlgorithm JwsAlgorithm::fromName(const QString &name)
{
    using F = Family;
    if (name.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return make(name, F::None, "", 0);
    if (name == QLatin1String("HS256"))
        return make(name, F::Hmac, "SHA256", 32);
    if (name == QLatin1String("HS384"))
        return make(name, F::Hmac, "SHA384", 48);
    if (name == QLatin1String("HS512"))
        return make(name, F::Hmac, "SHA512", 64);
    if (name == QLatin1String("RS256"))
        return make(name, F::RsaPkcs1, "SHA256", 32);
    if (name == QLatin1String("RS384"))
        return make(name, F::RsaPkcs1, "SHA384", 48);
    if (name == QLatin1String("RS512"))
        return make(name, F::RsaPkcs1, "SHA512", 64);
    if (name == QLatin1String("PS256"))
        return make(name, F::RsaPss, "SHA256", 32);
    if (name == QLatin1String("PS384"))
        return make(name, F::RsaPss, "SHA384", 48);
    if (name == QLatin1String("PS512"))
        return make(name, F::RsaPss, "SHA512", 64);
    if (name == QLatin1String("ES256"))
        return make(name, F::Ecdsa, "SHA256", 32, QStringLiteral("P-256"), 32);
    if (name == QLatin1String("ES384"))
        return make(name, F::Ecdsa, "SHA384", 48, QStringLiteral("P-384"), 48);
    if (name == QLatin1String("ES512"))
        return make(name, F::Ecdsa, "SHA512", 64, QStringLiteral("P-521"), 66);
    if (name == QLatin1String("EdDSA"))
        return make(name, F::EdDsa, "", 0);
    if (name == QLatin1String("Ed25519"))
        return make(name, F::EdDsa, "", 0, QStringLiteral("Ed25519"));
    if (name == QLatin1String("Ed448"))
        return make(name, F::EdDsa, "", 0, QStringLiteral("Ed448"));
    return make(name, F::Unknown, "", 0);
}
