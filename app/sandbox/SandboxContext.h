#pragma once

#include "SandboxClient.h"
#include "SandboxKeys.h"
#include "SandboxSettings.h"
#include "SandboxTokenStore.h"

#include <QList>
#include <QUrl>

// What the sandbox's endpoints share: keys, clients, remembered tokens, the issuer and the clock.
struct SandboxContext
{
    explicit SandboxContext(const QString &dataFolder)
        : keys(dataFolder)
    {
    }

    SandboxKeys keys;
    QList<SandboxClient> clients;
    SandboxTokenStore store;
    QUrl issuer; // http://127.0.0.1:PORT, no trailing slash
    SandboxSettings settings; // lifetimes, auto-approve and fault switches
    qint64 skewSeconds = 0; // added to the clock: tests move time forward

    QString issuerString() const { return issuer.toString(); }
    QUrl endpoint(const QString &path) const { return QUrl(issuerString() + path); }
    QString apiAudience() const { return issuerString() + QStringLiteral("/api"); }
    // The issuer named by ID tokens and the callback's iss while the IssuerMixUp fault is on: another
    // authorization server, as in a mix-up attack (RFC 9207 §1).
    static QString mixUpIssuer() { return QStringLiteral("https://other-issuer.invalid"); }
    // The issuer ID tokens and the authorization response name: the real one unless IssuerMixUp is on.
    QString announcedIssuer() const
    {
        return settings.has(SandboxFault::IssuerMixUp) ? mixUpIssuer() : issuerString();
    }
    qint64 now() const;
};
