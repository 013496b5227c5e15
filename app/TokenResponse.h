#pragma once

#include "OAuthError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

// A successful token response (RFC 6749 §5.1). raw keeps every field the server sent, extras included.
struct TokenResponse
{
    QString accessToken;
    QString tokenType;
    QString refreshToken;
    QString idToken;
    QString scope;
    std::optional<qint64> expiresIn; // seconds
    QDateTime receivedAt; // UTC
    QDateTime expiresAt; // UTC; invalid when expires_in was absent
    QJsonObject raw;

    // Seconds until expiry at `now` (negative once expired); nullopt when unknown.
    std::optional<qint64> secondsLeft(const QDateTime &now) const;
};

// Outcome of reading a token endpoint's HTTP response.
struct TokenParseResult
{
    enum class Kind {
        Success,
        OAuthError, // RFC 6749 §5.2 error object
        HttpError, // non-2xx without a usable OAuth error
        Malformed, // 2xx that is not a usable token response
    };
    Kind kind = Kind::Malformed;
    TokenResponse token;
    OAuthError error;
    QString message; // specific explanation when not Success
    QStringList warnings; // lenient acceptance of deviations (form body, text/plain, string expires_in...)
    QString bodyExcerpt; // sanitized, truncated body for display when not Success
};

TokenParseResult parseTokenResponse(int httpStatus, const QByteArray &contentType, const QByteArray &body,
                                    const QDateTime &receivedAt);
