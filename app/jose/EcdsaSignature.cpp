#include "EcdsaSignature.h"

#include "OpenSslErrors.h"
#include "OpenSslHandles.h"

namespace EcdsaSignature {

QByteArray rawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return {};
    const int half = static_cast<int>(raw.size() / 2);
    BigNumPtr r(BN_bin2bn(bytesOf(raw), half, nullptr));
    BigNumPtr s(BN_bin2bn(bytesOf(raw) + half, half, nullptr));
    const EcdsaSigPtr signature(ECDSA_SIG_new());
    if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
        OpenSslErrors::drain("ECDSA_SIG_set0");
        return {};
    }
    r.release(); // owned by signature now
    s.release();
    const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (length <= 0) {
        OpenSslErrors::drain("i2d_ECDSA_SIG");
        return {};
    }
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &out) != length) {
        OpenSslErrors::drain("i2d_ECDSA_SIG");
        return {};
    }
    return der;
}

QByteArray derToRaw(const QByteArray &der, int coordinateBytes)
{
    if (der.isEmpty() || coordinateBytes <= 0)
        return {};
    const unsigned char *in = bytesOf(der);
    const EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
    if (!signature || in != bytesOf(der) + der.size()) {
        OpenSslErrors::drain("d2i_ECDSA_SIG");
        return {};
    }
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    if (!r || !s || BN_num_bytes(r) > coordinateBytes || BN_num_bytes(s) > coordinateBytes)
        return {};
    QByteArray raw(2 * coordinateBytes, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, coordinateBytes) != coordinateBytes
        || BN_bn2binpad(s, out + coordinateBytes, coordinateBytes) != coordinateBytes)
        return {};
    return raw;
}

} // namespace EcdsaSignature
