#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1).
struct AuthChallenge
{
    QString scheme; // as sent, e.g. "Bearer"
    QMap<QString, QString> params; // auth-param names lower-cased, values unquoted
    QString token68; // when the challenge carries a token68 instead of params

    QString param(const QString &name) const { return params.value(name.toLower()); }
};

// A header value may hold several comma-separated challenges; several header fields may be joined with ", ".
QList<AuthChallenge> parseWwwAuthenticate(const QByteArray &headerValue);

// RFC 6750 §3: the Bearer challenge, if any.
struct BearerChallenge
{
    bool present = false;
    QString realm;
    QString error; // invalid_request | invalid_token | insufficient_scope | other
    QString errorDescription;
    QString errorUri;
    QString scope;

    // One line for the user, e.g. "invalid_token: The access token expired (realm \"api\")".
    QString summary() const;
    // What the error code means per RFC 6750 §3.1, empty for unknown codes.
    QString explanation() const;
};

BearerChallenge bearerChallengeFrom(const QList<AuthChallenge> &challenges);
