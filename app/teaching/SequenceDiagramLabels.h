#pragma once

#include <QString>
#include <QUrl>

struct HttpExchange;

// Short, sanitized arrow labels. Values are left out except for a few that teach and are never secret
// (response_type, grant_type, error, ...); everything else shows its name only.
namespace SequenceDiagramLabels {

// "POST /token (grant_type=client_credentials)", "GET /api/hello (Bearer)". Pass a redacted exchange.
QString request(const HttpExchange &exchange);
// "200 OK access_token, id_token", "400 invalid_client", "302 → /callback?code&state", "✕ timed out".
QString response(const HttpExchange &exchange);
// "/authorize?response_type=code&client_id&state…": path and query names, for front-channel arrows.
QString urlSummary(const QUrl &url);
// "302 → /callback?code&state"
QString redirect(const QUrl &location, int status = 302);

} // namespace SequenceDiagramLabels
