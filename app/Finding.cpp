#include "Finding.h"

QString Finding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

bool hasErrors(const Findings &findings)
{
    for (const Finding &finding : findings) {
        if (finding.severity == Finding::Severity::Error)
            return true;
    }
    return false;
}
