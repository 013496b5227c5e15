#pragma once

#include "Jwt.h"

#include <QString>
#include <QStringList>

// What a pasted token is, and when it is a broken JWT, exactly what is broken.
struct JwtParseResult
{
    enum class Kind {
        Invalid, // looks like a JWT but is broken: see error, message
        Jws, // signed JWT: header, payload and signature decoded
        Jwe, // encrypted JWT: only the header can be read
        Opaque, // not a JWT at all; only the authorization server knows what it means
    };
    enum class Error {
        None,
        Empty,
        TooLarge,
        NotAscii,
        WrongPartCount,
        BadBase64Url, // errorPart says which part (1-based)
        HeaderNotJson,
        MissingAlg,
        MissingEnc, // JWE header without "enc"
        InvalidCritical, // "crit" malformed: not a non-empty array of strings, or lists a missing/standard
                         // name
        UnsupportedCritical, // "crit" lists an extension this parser does not understand (RFC 7515 §4.1.11)
    };

    Kind kind = Kind::Invalid;
    Error error = Error::None;
    int errorPart = 0; // 1-based part number for BadBase64Url
    Jwt token;
    QString message; // one line: what the token is, or what is wrong with it
    QStringList warnings; // accepted deviations and risky header members

    bool ok() const { return kind == Kind::Jws || kind == Kind::Jwe; }
};
