#pragma once

#include "JwkSet.h"

#include <QByteArray>
#include <QString>

struct JwkSetParseResult
{
    bool ok = false; // the document is a JWKS (or a single JWK); individual keys may still have failed
    JwkSet set;
    QString error; // why the document is not a JWKS, when !ok
};

// Reads a JWKS document. One bad key never fails the set: it is skipped and reported in set.problems.
class JwkSetParser final
{
public:
    static constexpr qsizetype MaximumSize = 1024 * 1024;
    // Only the first MaximumKeys entries of "keys" are read, with a warning about the rest. An issuer
    // publishes a handful; reading 1 MiB of keys (thousands, each checked and converted by OpenSSL) takes
    // most of a second.
    static constexpr int MaximumKeys = 100;

    static JwkSetParseResult parse(const QByteArray &json);
};
