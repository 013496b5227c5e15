#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// The parts of a compact JWS (RFC 7515 §7.1) or, for a JWE (RFC 7516 §7.1), its protected header only.
struct Jwt
{
    int partCount = 0; // 3 for a JWS, 5 for a JWE
    QJsonObject header;
    QByteArray headerJson; // the decoded header bytes, exactly as signed

    // JWS only
    QByteArray payload; // decoded payload bytes
    bool payloadIsJson = false; // payload is a JSON object: its members are in claims
    QJsonObject claims;
    QByteArray signingInput; // ASCII "header.payload", exactly as it appeared in the token
    QByteArray signature; // decoded signature bytes

    // Header members, read once. Empty when absent (or not a string).
    QString alg;
    QString enc; // JWE
    QString typ;
    QString cty;
    QString kid;
    QStringList critical; // "crit" names, all understood by the parser that accepted the token
    bool isAccessToken = false; // RFC 9068: typ "at+jwt" or "application/at+jwt"

    bool isJws() const { return partCount == 3; }
    bool isJwe() const { return partCount == 5; }
};
