#pragma once

#include <QList>
#include <QString>

// One observation about a profile, a server, a token response or a token, with the rule behind it.
struct Finding
{
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Info;
    QString id; // stable, for scripts and tests: "token.alg-none", "profile.http-endpoint"...
    QString message; // one line for people
    QString reference; // e.g. "RFC 8725 §3.1"

    static QString severityName(Severity severity); // "info", "warning", "error"
};

using Findings = QList<Finding>;

bool hasErrors(const Findings &findings);
