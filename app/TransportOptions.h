#pragma once

#include <QString>
#include <QtGlobal>

// How one HTTP exchange may behave: deadline, body cap, TLS trust.
struct TransportOptions
{
    int timeoutMs = 30000; // deadline for the whole exchange, redirects included
    qint64 maxResponseBytes = 1024 * 1024; // response body cap
    QString caFile; // extra PEM CA certificates to trust
    bool insecure = false; // ignore certificate errors (explicit per-profile opt-in)
    int maxRedirects = 5;
};
