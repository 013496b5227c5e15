#include "LargeResponseServer.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

LargeResponseServer::LargeResponseServer(const QByteArray &contentType, const QByteArray &body,
                                         QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_host(new QObject)
    , m_response("HTTP/1.1 200 OK\r\nContent-Type: " + contentType
                 + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                 + body)
{
    m_host->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_host, &QObject::deleteLater);
}

LargeResponseServer::~LargeResponseServer()
{
    m_thread->quit();
    m_thread->wait();
}

quint16 LargeResponseServer::start()
{
    m_thread->start();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_host,
        [this, &port] {
            auto *server = new QTcpServer(m_host);
            connect(server, &QTcpServer::newConnection, m_host, [this, server] {
                while (QTcpSocket *socket = server->nextPendingConnection()) {
                    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                        const QByteArray request
                            = socket->property("request").toByteArray() + socket->readAll();
                        socket->setProperty("request", request);
                        if (!request.contains("\r\n\r\n") || socket->property("answered").toBool())
                            return;
                        socket->setProperty("answered", true);
                        socket->write(m_response);
                        socket->disconnectFromHost(); // after the pending bytes are written
                    });
                }
            });
            if (server->listen(QHostAddress::LocalHost, 0))
                port = server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return port;
}
