#pragma once

#include "HttpExchange.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

// A scriptable HTTP/1.1 server for tests: listens on 127.0.0.1, port 0 (the OS picks a free port), records
// every request it receives and answers each with the CannedResponse returned by the current handler. Every
// answer carries "Connection: close". The handler can be replaced at any time, also between two requests of
// one flow.
class FakeHttpServer final : public QObject
{
    Q_OBJECT

public:
    struct RecordedRequest
    {
        QByteArray method;
        QByteArray target; // path and query, exactly as sent on the request line
        HttpHeaders headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
        bool hasHeader(const QByteArray &name) const;
        QUrl url() const { return QUrl::fromEncoded(target); } // relative URL: path() and query()
    };

    struct CannedResponse
    {
        int status = 200;
        QByteArray reason; // empty: a standard reason phrase for the status
        HttpHeaders headers;
        QByteArray body;
        int delayMs = 0; // wait before answering; use a negative value to never answer
        int dripIntervalMs = 0; // when > 0, send the body one byte every dripIntervalMs
        bool closeWithoutAnswer = false; // close the connection without sending anything
        bool omitContentLength = false; // no Content-Length; the end of the body is the end of the connection
    };

    using Handler = std::function<CannedResponse(const RecordedRequest &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    bool listen(); // on 127.0.0.1, port 0
    void close(); // stop listening and drop open connections
    quint16 port() const;
    QUrl url(const QString &pathAndQuery = QString()) const; // http://127.0.0.1:PORT + pathAndQuery

    void setHandler(Handler handler); // default handler: 200 {}
    QList<RecordedRequest> requests() const;
    int requestCount() const;
    RecordedRequest lastRequest() const; // empty when none
    void clearRequests();

    static CannedResponse json(int status, const QByteArray &body);
    static CannedResponse text(int status, const QByteArray &contentType, const QByteArray &body);
    static CannedResponse redirect(int status, const QByteArray &location);
    static CannedResponse never(); // accepts the request and never answers (until the client gives up)

Q_SIGNALS:
    void requestReceived(const FakeHttpServer::RecordedRequest &request);

private:
    struct Connection;
    void onNewConnection();
    void respond(QTcpSocket *socket, const CannedResponse &response);
    void dropConnection(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    Handler m_handler;
    QList<RecordedRequest> m_requests;
};
Q_DECLARE_METATYPE(FakeHttpServer::RecordedRequest)
