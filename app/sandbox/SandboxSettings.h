#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// A switch that turns one correct sandbox response into a specific wrong one, for teaching what goes wrong.
// Each one must be caught by the client side (tests/sandbox/tst_sandbox_faults.cpp proves it).
enum class SandboxFault {
    WrongState, // the authorization callback carries a state the client did not send
    ExpiredToken, // access and ID tokens are issued already expired
    BadSignature, // token signatures are altered
    UnknownKid, // tokens name a key id that is not in the JWKS
    AlgNone, // tokens are unsigned with "alg": "none"
    IssuerMixUp, // ID tokens and the callback's iss name another issuer
    SlowTokenEndpoint, // the token endpoint answers only after SandboxSettings::slowSeconds
    InvalidGrantOnRefresh, // every refresh_token grant answers 400 invalid_grant
    MissingTokenType, // token responses lack token_type
    HtmlErrorPage, // the token endpoint answers 500 with an HTML page instead of JSON
};

// Lifetimes and fault switches of a running sandbox; every field can change while it runs.
struct SandboxSettings
{
    qint64 accessTokenLifetime = 3600; // seconds
    qint64 idTokenLifetime = 3600;
    qint64 refreshTokenLifetime = 86400;
    qint64 codeLifetime = 60;
    int slowSeconds = 5; // SlowTokenEndpoint's delay
    bool autoApprove = false; // approve authorization requests without the sign-in page
    QSet<SandboxFault> faults;

    // Sane upper bounds for the UI and the CLI: a year for any lifetime, five minutes of slowness.
    static constexpr qint64 MaxLifetimeSeconds = 365 * 24 * 3600;
    static constexpr int MaxSlowSeconds = 300;

    bool has(SandboxFault fault) const { return faults.contains(fault); }
    // The names of the faults that are on, in the order of allFaults().
    QStringList faultNames() const;

    // Stable names for the CLI (--fault NAME) and settings: "wrong-state", "expired-token", ...
    static QString faultName(SandboxFault fault);
    static bool faultFromName(const QString &name, SandboxFault *fault);
    // A one-line description for the UI (translated).
    static QString faultDescription(SandboxFault fault);
    static QList<SandboxFault> allFaults();
};
