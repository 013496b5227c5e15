#pragma once

#include "Jwk.h"

#include <QList>
#include <QString>
#include <QStringList>

// A key in a JWKS that could not be used, and why.
struct JwkSetProblem
{
    int index = -1; // position in "keys"
    QString kid; // when the entry had one
    QString message;
};

// The usable keys of a JWKS (RFC 7517 §5), with what was wrong with the rest.
struct JwkSet
{
    QList<Jwk> keys;
    QList<JwkSetProblem> problems; // skipped entries, one each
    QStringList warnings; // about the set: private material, symmetric keys, duplicate kids, no keys

    bool isEmpty() const { return keys.isEmpty(); }
    QList<Jwk> keysWithKid(const QString &kid) const;
    bool hasPrivateMaterial() const;

    static JwkSet fromKey(const Jwk &key);
};
