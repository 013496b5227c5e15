#pragma once

#include "HttpExchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Turns recorded exchanges into text others can use: curl commands, HAR 1.2 and a curl -v style log.
// Each takes the exchange as given: pass Redaction::redacted(x) unless the user revealed secrets.
namespace ExchangeExport {

QString toCurl(const HttpExchange &exchange);
QByteArray toHar(const QList<HttpExchange> &exchanges, const QString &creatorVersion);
// Request lines prefixed "> ", response lines "< ", bodies as text (control characters stripped).
QString toVerboseText(const HttpExchange &exchange);

} // namespace ExchangeExport
