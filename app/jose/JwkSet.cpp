#include "JwkSet.h"

QList<Jwk> JwkSet::keysWithKid(const QString &kid) const
{
    QList<Jwk> result;
    for (const Jwk &key : keys) {
        if (key.kid == kid)
            result << key;
    }
    return result;
}

bool JwkSet::hasPrivateMaterial() const
{
    for (const Jwk &key : keys) {
        if (key.hasPrivateMembers)
            return true;
    }
    return false;
}

JwkSet JwkSet::fromKey(const Jwk &key)
{
    JwkSet set;
    set.keys << key;
    return set;
}
