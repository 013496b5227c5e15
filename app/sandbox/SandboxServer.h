#pragma once

#include "SandboxClient.h"
#include "SandboxSettings.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class SandboxAuthorizeEndpoint;
class SandboxKeys;
class SandboxTokenAdmin;
class SandboxTokenEndpoint;
class QTcpSocket;
class QThread;
struct SandboxContext;

// The built-in sandbox authorization server: a teaching and test aid on 127.0.0.1 only, NOT for production.
// Discovery (OpenID Connect and RFC 8414), JWKS, token (client credentials, authorization code + PKCE,
// refresh with rotation), introspection, revocation, userinfo and a protected /api/hello, following the RFCs
// so the engine's flows work against it offline. Keys and the demo client secret persist in the data folder.
class SandboxServer final : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(const QString &dataFolder, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Loads (or creates) the keys and clients and listens on 127.0.0.1:port (0: any free port).
    bool start(quint16 port = 0);
    // The same without blocking the calling thread: the keys and clients are loaded (or generated, which
    // takes a good part of a second for RSA) on a worker thread, then the server listens from this object's
    // thread and emits started(). Ignored while a start is under way or once the server listens. Deleting
    // the server meanwhile waits for the worker to end.
    void startAsync(quint16 port = 0);
    bool isStarting() const { return m_starting; }
    bool isListening() const;
    QString errorString() const { return m_error; }

    QUrl issuer() const;
    QList<SandboxClient> clients() const;
    const SandboxKeys &keys() const;

    // Approve authorization requests without showing the sign-in and consent page.
    void setAutoApprove(bool autoApprove);
    // Lifetimes and fault switches; they apply to the next request.
    SandboxSettings settings() const;
    void setSettings(const SandboxSettings &settings);
    void setFault(SandboxFault fault, bool enabled);
    // Moves the server's clock (seconds): tests of expiry.
    void setClockSkew(qint64 seconds);

    // The OpenID Connect / RFC 8414 metadata document.
    QJsonObject metadata() const;

Q_SIGNALS:
    // startAsync() is done: listening, or not with errorString() set.
    void started(bool ok);
    // A request was answered (or, under the SlowTokenEndpoint fault, its answer is on its way).
    void requestHandled(const QString &path, int status);

private:
    struct Prepared;
    bool listenWith(Prepared &prepared, quint16 port);
    void addRoutes();
    void answerToken(const QHttpServerRequest &request, QTcpSocket *socket);
    QHttpServerResponse hello(const QHttpServerRequest &request) const;
    QHttpServerResponse userInfo(const QHttpServerRequest &request) const;
    QHttpServerResponse documentation() const;

    std::unique_ptr<SandboxContext> m_context;
    std::unique_ptr<SandboxTokenEndpoint> m_token;
    std::unique_ptr<SandboxTokenAdmin> m_admin;
    std::unique_ptr<SandboxAuthorizeEndpoint> m_authorize;
    QHttpServer *m_http;
    QString m_folder;
    QString m_error;
    bool m_starting = false;
    QPointer<QThread> m_worker; // the asynchronous start's, while it runs
};
