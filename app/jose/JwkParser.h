#pragma once

#include "Jwk.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

struct JwkParseResult
{
    bool ok = false;
    Jwk key; // set when ok; warnings also in key.warnings
    QString error; // why the key is unusable, when !ok
};

// Reads one JWK: kty RSA (n, e), EC (P-256/384/521: x, y on the curve), OKP (Ed25519, Ed448, X25519, X448:
// x), oct (k). Untrusted input: every member is checked, nothing is assumed.
class JwkParser final
{
public:
    static constexpr int MaximumRsaBits = 16384;

    static JwkParseResult parse(const QJsonObject &object);
    static JwkParseResult parse(const QByteArray &json);
};
