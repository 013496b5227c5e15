#include "FakeHttpServer.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

QByteArray standardReason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

bool hasHeaderIn(const HttpHeaders &headers, const QByteArray &name)
{
    for (const HttpHeader &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

// Parsing state of one connection. It lives as long as the socket's connections to the lambdas holding it.
struct FakeHttpServer::Connection
{
    QByteArray buffer;
    bool headersDone = false;
    bool requestDone = false;
    bool chunked = false;
    qsizetype contentLength = 0;
    RecordedRequest request;
};

QByteArray FakeHttpServer::RecordedRequest::header(const QByteArray &name) const
{
    for (const HttpHeader &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool FakeHttpServer::RecordedRequest::hasHeader(const QByteArray &name) const
{
    return hasHeaderIn(headers, name);
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_handler([](const RecordedRequest &) { return json(200, "{}"); })
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
}

FakeHttpServer::~FakeHttpServer()
{
    close();
}

bool FakeHttpServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

void FakeHttpServer::close()
{
    m_server->close();
    const QList<QTcpSocket *> sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->abort();
        socket->deleteLater();
    }
}

quint16 FakeHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl FakeHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(port()) + pathAndQuery);
}

void FakeHttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

QList<FakeHttpServer::RecordedRequest> FakeHttpServer::requests() const
{
    return m_requests;
}

int FakeHttpServer::requestCount() const
{
    return int(m_requests.size());
}

FakeHttpServer::RecordedRequest FakeHttpServer::lastRequest() const
{
    return m_requests.isEmpty() ? RecordedRequest() : m_requests.constLast();
}

void FakeHttpServer::clearRequests()
{
    m_requests.clear();
}

FakeHttpServer::CannedResponse FakeHttpServer::json(int status, const QByteArray &body)
{
    CannedResponse r;
    r.status = status;
    r.headers = { { "Content-Type", "application/json" } };
    r.body = body;
    return r;
}

FakeHttpServer::CannedResponse FakeHttpServer::text(int status, const QByteArray &contentType,
                                                    const QByteArray &body)
{
    CannedResponse r;
    r.status = status;
    r.headers = { { "Content-Type", contentType } };
    r.body = body;
    return r;
}

FakeHttpServer::CannedResponse FakeHttpServer::redirect(int status, const QByteArray &location)
{
    CannedResponse r;
    r.status = status;
    r.headers = { { "Location", location } };
    return r;
}

FakeHttpServer::CannedResponse FakeHttpServer::never()
{
    CannedResponse r;
    r.delayMs = -1;
    return r;
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto state = std::make_shared<Connection>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, state] {
            if (state->requestDone) {
                socket->readAll(); // one request per connection
                return;
            }
            state->buffer += socket->readAll();
            if (!state->headersDone) {
                const qsizetype end = state->buffer.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (state->buffer.size() > 1024 * 1024)
                        dropConnection(socket);
                    return;
                }
                const QList<QByteArray> lines = state->buffer.left(end).split('\n');
                state->buffer.remove(0, end + 4);
                const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
                if (requestLine.size() != 3) {
                    dropConnection(socket);
                    return;
                }
                state->request.method = requestLine.at(0);
                state->request.target = requestLine.at(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines.at(i).trimmed();
                    const qsizetype colon = line.indexOf(':');
                    if (colon <= 0)
                        continue;
                    state->request.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
                }
                state->headersDone = true;
                state->chunked = state->request.header("Transfer-Encoding").toLower().contains("chunked");
                state->contentLength = state->request.header("Content-Length").toLongLong();
            }
            if (state->chunked) {
                // Decode as far as possible; complete when the zero-size chunk and its trailer arrived.
                QByteArray decoded;
                qsizetype pos = 0;
                for (;;) {
                    const qsizetype lineEnd = state->buffer.indexOf("\r\n", pos);
                    if (lineEnd < 0)
                        return;
                    bool ok = false;
                    const qsizetype size = state->buffer.mid(pos, lineEnd - pos)
                                               .split(';')
                                               .value(0)
                                               .trimmed()
                                               .toLongLong(&ok, 16);
                    if (!ok) {
                        dropConnection(socket);
                        return;
                    }
                    if (size == 0) {
                        if (state->buffer.indexOf("\r\n", lineEnd + 2) < 0)
                            return;
                        break;
                    }
                    if (state->buffer.size() < lineEnd + 2 + size + 2)
                        return;
                    decoded += state->buffer.mid(lineEnd + 2, size);
                    pos = lineEnd + 2 + size + 2;
                }
                state->request.body = decoded;
            } else {
                if (state->buffer.size() < state->contentLength)
                    return;
                state->request.body = state->buffer.left(state->contentLength);
            }
            state->requestDone = true;
            state->buffer.clear();
            m_requests.append(state->request);
            Q_EMIT requestReceived(state->request);
            const CannedResponse response = m_handler ? m_handler(state->request) : json(200, "{}");
            if (response.delayMs < 0)
                return; // never answer; the client gives up and disconnects
            if (response.delayMs > 0) {
                QTimer::singleShot(response.delayMs, socket,
                                   [this, socket, response] { respond(socket, response); });
            } else {
                respond(socket, response);
            }
        });
    }
}

void FakeHttpServer::respond(QTcpSocket *socket, const CannedResponse &response)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (response.closeWithoutAnswer) {
        dropConnection(socket);
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + (response.reason.isEmpty() ? standardReason(response.status) : response.reason) + "\r\n";
    for (const HttpHeader &h : response.headers)
        head += h.first + ": " + h.second + "\r\n";
    if (!response.omitContentLength && !hasHeaderIn(response.headers, "Content-Length"))
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (!hasHeaderIn(response.headers, "Connection"))
        head += "Connection: close\r\n";
    head += "\r\n";

    if (response.dripIntervalMs <= 0) {
        socket->write(head + response.body);
        socket->disconnectFromHost(); // after the pending bytes are written
        return;
    }

    socket->write(head);
    auto *timer = new QTimer(socket); // dies with the socket: no drip after the client went away
    auto position = std::make_shared<qsizetype>(0);
    const QByteArray body = response.body;
    connect(timer, &QTimer::timeout, socket, [socket, timer, position, body] {
        if (socket->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        if (*position >= body.size()) {
            timer->stop();
            socket->disconnectFromHost();
            return;
        }
        socket->write(body.mid(*position, 1));
        ++*position;
    });
    connect(socket, &QTcpSocket::disconnected, timer, &QTimer::stop);
    timer->start(response.dripIntervalMs);
}

void FakeHttpServer::dropConnection(QTcpSocket *socket)
{
    socket->abort();
    socket->deleteLater();
}
