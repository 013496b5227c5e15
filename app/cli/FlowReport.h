#pragma once

#include "Finding.h"

#include <QString>
#include <QStringList>

class Console;
struct BearerChallenge;
struct EndpointResult;
struct FlowStep;
struct OAuthError;
struct TokenResult;

// How flow outcomes read on stderr, the same in every subcommand:
//   error: invalid_client: client authentication failed (HTTP 401)
//   hint: check the client secret and --auth method (...)
namespace FlowReport {

void printWarnings(Console &console, const QStringList &warnings);
// One stderr line per finding: "finding: warning response.long-lived-access-token: ... (RFC 9700 §2.2.1)".
void printFindings(Console &console, const Findings &findings);
void printInsecureMarker(Console &console);
// The server's error and description (sanitized) or the engine's message, then one hint line.
void printFailure(Console &console, const TokenResult &result);
// The same for introspection, revocation and userinfo answers, with the decoded Bearer challenge if any.
void printFailure(Console &console, const EndpointResult &result);
void printFailure(Console &console, const OAuthError &oauth, const QString &message, const QString &hint);
// A hint that names the CLI's options, for OAuth error codes where the CLI knows better; else empty.
QString optionHint(const QString &oauthError);
void printChallenge(Console &console, const BearerChallenge &challenge);
// One line per step of an interactive flow: "* Authorization URL built (RFC 6749 §4.1.1)", "!" when it
// failed; with `detail` the step's one-line detail below it. The final failure step is left to
// printFailure().
void printStep(Console &console, const FlowStep &step, bool detail);

} // namespace FlowReport
