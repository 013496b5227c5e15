#pragma once

#include <QList>
#include <QString>

// The four lifelines of an OAuth sequence diagram (RFC 6749 §1.1 roles, the user agent standing in for the
// resource owner's browser).
enum class SequenceParticipant {
    UserAgent,
    Client,
    AuthorizationServer,
    ResourceServer,
};

namespace SequenceParticipants {
// Left to right, as drawn.
QList<SequenceParticipant> all();
// "User agent", "Client", "Authorization server", "Resource server" (translated).
QString displayName(SequenceParticipant participant);
} // namespace SequenceParticipants
