#pragma once

#include <QByteArray>

// ECDSA signatures in the two encodings that meet here: JOSE's fixed-length r||s (RFC 7518 §3.4) and
// OpenSSL's DER ECDSA-Sig-Value (RFC 3279 §2.2.3).
namespace EcdsaSignature {

// r||s → DER. Empty when raw is empty or of odd length.
QByteArray rawToDer(const QByteArray &raw);

// DER → r||s, each left-padded to coordinateBytes (32, 48, 66). Empty when the DER is malformed, has
// trailing bytes, or a value does not fit.
QByteArray derToRaw(const QByteArray &der, int coordinateBytes);

} // namespace EcdsaSignature
