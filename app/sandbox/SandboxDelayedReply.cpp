#include "SandboxDelayedReply.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <utility>

namespace {
// QAbstractHttpServer::makeResponder() is protected and static: this class only makes it reachable. It is
// never instantiated.
class ResponderFactory : public QAbstractHttpServer
{
public:
    using QAbstractHttpServer::makeResponder;
};

struct PendingReply
{
    QHttpServerResponse response;
    QHttpServerResponder responder;
};
} // namespace

namespace SandboxDelayedReply {

void send(QHttpServerResponse &&response, const QHttpServerRequest &request, QTcpSocket *socket,
          int delayMilliseconds)
{
    if (delayMilliseconds <= 0) {
        response.write(ResponderFactory::makeResponder(request, socket));
        return;
    }
    // Shared so that the timer's functor stays copyable; the socket as context object cancels the timer
    // when the socket goes away.
    auto pending = std::make_shared<PendingReply>(
        PendingReply { std::move(response), ResponderFactory::makeResponder(request, socket) });
    // A precise timer: a coarse one may fire up to 5 % early, and the delay is a promise to the client.
    QTimer::singleShot(delayMilliseconds, Qt::PreciseTimer, socket, [pending, socket] {
        if (socket->state() != QAbstractSocket::ConnectedState)
            return; // the client closed the connection meanwhile; the socket is about to be deleted
        pending->response.write(std::move(pending->responder));
    });
}

} // namespace SandboxDelayedReply
