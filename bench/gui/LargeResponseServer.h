#pragma once

#include <QByteArray>
#include <QObject>

class QThread;

// An HTTP server on 127.0.0.1 (port 0) that answers every request with one fixed response. It runs in a
// thread of its own, so serving 50 MB does not count against the GUI thread being measured.
class LargeResponseServer final : public QObject
{
    Q_OBJECT
public:
    LargeResponseServer(const QByteArray &contentType, const QByteArray &body, QObject *parent = nullptr);
    ~LargeResponseServer() override;

    // Starts the thread and listens; returns the port, 0 on failure.
    quint16 start();

private:
    QThread *m_thread;
    QObject *m_host; // lives in m_thread; parent of the listening server and its connections
    QByteArray m_response; // never changed after construction, so both threads may read it
};
