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

    static JwkSetParseResult parse(const QByteArray &json);
};
