#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

// One claim read from a JWT payload: absent, well-formed, or present but malformed (error says how).

struct NumericDateClaim // RFC 7519 §2: seconds since the epoch, a JSON number, possibly fractional
{
    QString name;
    bool present = false;
    bool valid = false;
    double seconds = 0;
    qint64 msecsSinceEpoch = 0;
    QString error;

    QDateTime toDateTime() const; // UTC; invalid unless valid
};

struct StringClaim
{
    QString name;
    bool present = false;
    bool valid = false;
    QString value;
    QString error;
};

struct AudienceClaim // RFC 7519 §4.1.3: one string, or an array of strings
{
    bool present = false;
    bool valid = false;
    bool isArray = false;
    QStringList values;
    QString error;

    bool contains(const QString &audience) const { return valid && values.contains(audience); }
};
