#include "SandboxContext.h"

#include <QDateTime>

qint64 SandboxContext::now() const
{
    return QDateTime::currentSecsSinceEpoch() + skewSeconds;
}
