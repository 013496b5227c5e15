#include "SandboxSettings.h"

#include <QCoreApplication>

namespace {
struct FaultText
{
    SandboxFault fault;
    const char *name;
    const char *description;
};

// clang-format off
constexpr FaultText faultTexts[] = {
    { SandboxFault::WrongState, "wrong-state",
      QT_TRANSLATE_NOOP("SandboxSettings", "Wrong state on the callback (CSRF, RFC 6749 §10.12)") },
    { SandboxFault::ExpiredToken, "expired-token",
      QT_TRANSLATE_NOOP("SandboxSettings", "Tokens issued already expired (exp in the past)") },
    { SandboxFault::BadSignature, "bad-signature",
      QT_TRANSLATE_NOOP("SandboxSettings", "Token signatures altered (RFC 7515)") },
    { SandboxFault::UnknownKid, "unknown-kid",
      QT_TRANSLATE_NOOP("SandboxSettings", "Tokens name a kid that is not in the JWKS") },
    { SandboxFault::AlgNone, "alg-none",
      QT_TRANSLATE_NOOP("SandboxSettings", "Unsigned tokens with alg \"none\"") },
    { SandboxFault::IssuerMixUp, "iss-mix-up",
      QT_TRANSLATE_NOOP("SandboxSettings", "Another issuer in ID tokens and the callback's iss (RFC 9207)") },
    { SandboxFault::SlowTokenEndpoint, "slow-token-endpoint",
      QT_TRANSLATE_NOOP("SandboxSettings", "Slow token endpoint: answers only after the set delay") },
    { SandboxFault::InvalidGrantOnRefresh, "invalid-grant-on-refresh",
      QT_TRANSLATE_NOOP("SandboxSettings", "invalid_grant on every refresh (RFC 6749 §5.2)") },
    { SandboxFault::MissingTokenType, "missing-token-type",
      QT_TRANSLATE_NOOP("SandboxSettings", "Token responses without token_type (RFC 6749 §5.1)") },
    { SandboxFault::HtmlErrorPage, "html-error-page",
      QT_TRANSLATE_NOOP("SandboxSettings", "HTML error page (500) from the token endpoint") },
};
// clang-format on
} // namespace

QString SandboxSettings::faultName(SandboxFault fault)
{
    for (const FaultText &text : faultTexts) {
        if (text.fault == fault)
            return QString::fromLatin1(text.name);
    }
    return {};
}

bool SandboxSettings::faultFromName(const QString &name, SandboxFault *fault)
{
    for (const FaultText &text : faultTexts) {
        if (name == QLatin1String(text.name)) {
            *fault = text.fault;
            return true;
        }
    }
    return false;
}

QString SandboxSettings::faultDescription(SandboxFault fault)
{
    for (const FaultText &text : faultTexts) {
        if (text.fault == fault)
            return QCoreApplication::translate("SandboxSettings", text.description);
    }
    return {};
}

QList<SandboxFault> SandboxSettings::allFaults()
{
    QList<SandboxFault> faults;
    for (const FaultText &text : faultTexts)
        faults.append(text.fault);
    return faults;
}

QStringList SandboxSettings::faultNames() const
{
    QStringList names;
    for (const FaultText &text : faultTexts) {
        if (faults.contains(text.fault))
            names.append(QString::fromLatin1(text.name));
    }
    return names;
}
