#pragma once

#include "HttpExchange.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

// One thing the client checked after a step, in words a learner can follow.
struct TeachingCheck
{
    enum class Outcome { Passed, Warning, Failed };
    Outcome outcome = Outcome::Passed;
    QString text; // "state matched the one sent"
    QString reference; // e.g. "RFC 6749 §10.12"; may be empty

    bool operator==(const TeachingCheck &other) const
    {
        return outcome == other.outcome && text == other.text && reference == other.reference;
    }
};

// One step of a step-through run: an HTTP exchange of the client (or a front-channel browser step), shown
// before it happens, then with its response and the client's checks.
struct TeachingStep
{
    enum class State {
        Ready, // the request is prepared and waits for Next
        Sending, // sent (or the browser is open); waiting for the answer
        Done,
        Failed, // the run ends here: a server error, a transport failure or a failed check
    };

    QString id; // the explanation's name, e.g. "client-credentials-token-request"
    QString title; // from the explanation file, else a built-in default
    QString reference; // the RFC section(s), from the explanation file, else a built-in default
    State state = State::Ready;
    bool frontChannel = false; // the browser, not the client, makes this request
    HttpExchange exchange; // raw: redact before showing. Request fields always; response once answered
    QList<QPair<QString, QString>> parameters; // authorization request or callback parameters (raw)
    QString outcome; // one line: what came back, or why the run stopped
    QList<TeachingCheck> checks;
    int ticket = 0; // the gate ticket while Ready

    bool isFinal() const { return state == State::Done || state == State::Failed; }
};
