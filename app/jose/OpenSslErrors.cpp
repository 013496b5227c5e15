#include "OpenSslErrors.h"

#include "JoseLogging.h"

#include <openssl/err.h>

namespace OpenSslErrors {

QString drain(const char *operation)
{
    QString first;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (first.isEmpty())
            first = QString::fromLatin1(buffer);
    }
    if (!first.isEmpty())
        qCDebug(lcJose) << operation << "failed:" << first;
    return first;
}

} // namespace OpenSslErrors
