#pragma once

#include <QList>
#include <QPair>
#include <QString>

// One visible step of an interactive flow, for the front ends to show as it happens.
struct FlowStep
{
    enum class Kind {
        AuthorizationUrlBuilt, // parameters: the authorization request, PKCE values included
        BrowserOpened,
        CallbackReceived, // code and state checked
        CodeExchanged, // token request sent
        TokensReceived,
        IdTokenValidated,
        Failed,
    };
    Kind kind = Kind::Failed;
    bool ok = true;
    QString title; // "Authorization URL built"
    QString detail; // one line
    QString reference; // e.g. "RFC 6749 §4.1.1"
    QList<QPair<QString, QString>> parameters;
    QList<int> exchangeIds;
};
