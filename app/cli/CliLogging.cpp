#include "CliLogging.h"

// Debug output is off unless QT_LOGGING_RULES turns it on: stderr belongs to the user.
Q_LOGGING_CATEGORY(lcCli, "oauthdebugger.cli", QtInfoMsg)
