#include "JoseLogging.h"

// Debug output (OpenSSL's reason for each refused key or signature) is off unless asked for:
// QT_LOGGING_RULES="oauthdebugger.jose.debug=true". A bad signature is an ordinary outcome here, not noise.
Q_LOGGING_CATEGORY(lcJose, "oauthdebugger.jose", QtInfoMsg)
