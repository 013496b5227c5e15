#pragma once

#include <QJsonObject>
#include <QString>

struct SandboxContext;

// What the sandbox's resource endpoints accept: an RFC 9068 access token it signed itself, from its own
// issuer, not expired and not revoked.
struct SandboxTokenCheck
{
    bool valid = false;
    QJsonObject claims;
    QString problem; // error_description when !valid
};

namespace SandboxTokenValidator {

SandboxTokenCheck check(const SandboxContext &context, const QString &token);

} // namespace SandboxTokenValidator
