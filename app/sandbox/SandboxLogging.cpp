#include "SandboxLogging.h"

// One debug line per request the sandbox answers (method, path, status); off unless asked for:
// QT_LOGGING_RULES="oauthdebugger.sandbox.debug=true".
Q_LOGGING_CATEGORY(lcSandbox, "oauthdebugger.sandbox", QtInfoMsg)
