#pragma once

#include "HttpExchange.h"

// Hides secrets in recorded exchanges: credential headers, credential fields of form, JSON and query
// strings (client_secret, access_token, refresh_token, id_token, code, code_verifier, ...), and any
// value listed in HttpExchange::secrets wherever it appears.
namespace Redaction {

QByteArray placeholder(const QByteArray &secret); // e.g. "[redacted 43 chars]"
bool isSecretField(const QString &name);
bool isSecretHeader(const QByteArray &name);
QByteArray redactHeaderValue(const QByteArray &name, const QByteArray &value);
QByteArray redactBody(const QByteArray &body, const QByteArray &contentType, const QStringList &secrets);
QUrl redactUrl(const QUrl &url, const QStringList &secrets);
HttpExchange redacted(const HttpExchange &exchange);

} // namespace Redaction
