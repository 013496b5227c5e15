#pragma once

#include <QHttpServerResponse>

class QHttpServerRequest;
class QTcpSocket;

// Answers a request on its socket, at once or after a delay, without blocking the thread: the sandbox also
// runs inside the GUI process. Qt 6.4's QHttpServer sends a route's return value at once; a
// QHttpServerResponder can be kept and written later, but it holds the raw socket. So the delayed write is
// tied to the socket's lifetime: when a client gives up first (its deadline passed, it closed the
// connection), nothing is written and nothing dangles.
namespace SandboxDelayedReply {

void send(QHttpServerResponse &&response, const QHttpServerRequest &request, QTcpSocket *socket,
          int delayMilliseconds);

} // namespace SandboxDelayedReply
