#pragma once

#include "SequenceParticipant.h"

#include <QString>

// One arrow of a sequence diagram: a message from one lifeline to another (or to itself, for a check the
// client makes on its own, such as validating the state).
struct SequenceDiagramArrow
{
    enum class Kind {
        Request, // drawn solid
        Response, // drawn dashed
        FrontChannel, // a browser redirect or navigation (not one of the client's HTTP exchanges), dotted
    };

    SequenceParticipant from = SequenceParticipant::Client;
    SequenceParticipant to = SequenceParticipant::AuthorizationServer;
    Kind kind = Kind::Request;
    QString label; // one short line, e.g. "POST /token (grant_type=client_credentials)"
    bool ok = true; // false: drawn in the failure colour
    int exchangeId = -1; // the wire-log exchange it shows; -1 for front-channel steps
    QString note; // optional second line in smaller type, e.g. "state checked"

    bool operator==(const SequenceDiagramArrow &other) const
    {
        return from == other.from && to == other.to && kind == other.kind && label == other.label
            && ok == other.ok && exchangeId == other.exchangeId && note == other.note;
    }
};
