#pragma once

#include "JwtParseResult.h"

#include <QStringList>

// Splits and decodes a compact JWT. Pure: no clock, no network, no key.
class JwtParser final
{
public:
    static constexpr qsizetype DefaultMaximumSize = 256 * 1024;

    // Header parameter names listed in "crit" that the caller implements; any other name is rejected.
    void setUnderstoodCriticalHeaders(const QStringList &names) { m_understoodCritical = names; }
    void setMaximumSize(qsizetype bytes) { m_maximumSize = bytes; }

    JwtParseResult parse(const QString &token) const;
    JwtParseResult parse(const QByteArray &token) const;

private:
    JwtParseResult parseParts(const QList<QByteArray> &parts) const;
    bool checkCritical(JwtParseResult &result) const;

    QStringList m_understoodCritical;
    qsizetype m_maximumSize = DefaultMaximumSize;
};
