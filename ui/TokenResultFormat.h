#pragma once

#include "Finding.h"
#include "FlowResult.h"
#include "Profile.h"

#include <QString>

// How the Token panel words a token result: the inline error with the server's words, and the findings
// beside a token.
namespace TokenResultFormat {

// "<b>Sign-in failed:</b> <b>access_denied</b> — …", the HTTP status, error_uri as a link and the hint;
// server text sanitized and escaped. `heading` is plain text such as "Token request failed:".
QString errorHtml(const TokenResult &result, const QString &heading);

// The findings about the profile, the token response (when there is one, for `grantType`), the flow's own
// findings (ID token validation) and a validation failure (a state mismatch...) as an error.
Findings findings(const Profile &profile, const TokenResult &result, const QString &grantType);

} // namespace TokenResultFormat
