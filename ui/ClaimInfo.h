#pragma once

#include <QString>

// What registered and common claims mean (RFC 7519 §4.1, RFC 9068, RFC 7662 §2.2, OpenID Connect Core §2 and
// §5.1), for the claims tables.
namespace ClaimInfo {

// One line, with the rule; empty for claims this table does not know.
QString explanation(const QString &name);
// NumericDate claims: shown as times.
bool isTimeClaim(const QString &name);
// Where the claim goes in a table: registered claims first, in a fixed order; then the others.
int rank(const QString &name);

} // namespace ClaimInfo
