#include "SequenceParticipant.h"

#include <QCoreApplication>

namespace SequenceParticipants {

QList<SequenceParticipant> all()
{
    return { SequenceParticipant::UserAgent, SequenceParticipant::Client,
             SequenceParticipant::AuthorizationServer, SequenceParticipant::ResourceServer };
}

QString displayName(SequenceParticipant participant)
{
    switch (participant) {
    case SequenceParticipant::UserAgent:
        return QCoreApplication::translate("SequenceParticipant", "User agent");
    case SequenceParticipant::Client:
        return QCoreApplication::translate("SequenceParticipant", "Client");
    case SequenceParticipant::AuthorizationServer:
        return QCoreApplication::translate("SequenceParticipant", "Authorization server");
    case SequenceParticipant::ResourceServer:
        return QCoreApplication::translate("SequenceParticipant", "Resource server");
    }
    return {};
}

} // namespace SequenceParticipants
