#include "JoseLogging.h"

Q_LOGGING_CATEGORY(lcJose, "oauthdebugger.jose")
