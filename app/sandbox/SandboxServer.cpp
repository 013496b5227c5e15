#include "SandboxServer.h"

#include "SandboxAuthorizeEndpoint.h"
#include "SandboxClients.h"
#include "SandboxContext.h"
#include "SandboxDelayedReply.h"
#include "SandboxHttp.h"
#include "SandboxLogging.h"
#include "SandboxTokenAdmin.h"
#include "SandboxTokenEndpoint.h"
#include "SandboxTokenValidator.h"

#include <QHttpServer>
#include <QHttpServerRouter>
#include <QHttpServerRouterRule>
#include <QJsonArray>
#include <QMutex>
#include <QThread>

#include <utility>

namespace {
QJsonArray strings(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}
} // namespace

// What a start loads from (or first creates in) the data folder: file work and key generation that need
// nothing from the server, so they can run on a worker thread.
struct SandboxServer::Prepared
{
    explicit Prepared(const QString &dataFolder)
        : keys(dataFolder)
    {
    }

    // Thread-safe: touches only this object and the data folder, one load at a time, so that two starts
    // (an abandoned one still running, and the next) never both generate and save keys or secrets.
    void load(const QString &dataFolder)
    {
        static QMutex oneAtATime;
        const QMutexLocker locker(&oneAtATime);
        if (!keys.load()) {
            error = keys.error();
            return;
        }
        clients = SandboxClients::loadOrCreate(dataFolder, &error);
    }

    SandboxKeys keys;
    std::optional<QList<SandboxClient>> clients;
    QString error;
};

SandboxServer::SandboxServer(const QString &dataFolder, QObject *parent)
    : QObject(parent)
    , m_context(std::make_unique<SandboxContext>(dataFolder))
    , m_token(std::make_unique<SandboxTokenEndpoint>(m_context.get()))
    , m_admin(std::make_unique<SandboxTokenAdmin>(m_context.get()))
    , m_authorize(std::make_unique<SandboxAuthorizeEndpoint>(m_context.get()))
    , m_http(new QHttpServer(this))
    , m_folder(dataFolder)
{
    addRoutes();
}

SandboxServer::~SandboxServer()
{
    // A start under way finishes first: at exit, OpenSSL and Qt must not be torn down under the worker.
    if (m_worker)
        m_worker->wait();
}

bool SandboxServer::start(quint16 port)
{
    if (m_starting) {
        m_error = tr("a start is already under way");
        return false;
    }
    Prepared prepared(m_folder);
    prepared.load(m_folder);
    return listenWith(prepared, port);
}

void SandboxServer::startAsync(quint16 port)
{
    if (m_starting || isListening())
        return;
    m_starting = true;
    m_error.clear();
    // Shared by the worker, which fills it, and the handler of its end, which listens with it.
    auto prepared = std::make_shared<Prepared>(m_folder);
    QThread *worker = QThread::create([prepared, folder = m_folder] { prepared->load(folder); });
    worker->setObjectName(QStringLiteral("sandbox-start"));
    worker->setParent(this);
    m_worker = worker;
    // Queued to this thread: finished is emitted by the worker.
    connect(worker, &QThread::finished, this, [this, prepared, port] {
        m_starting = false;
        Q_EMIT started(listenWith(*prepared, port));
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start(QThread::LowPriority);
}

bool SandboxServer::isListening() const
{
    return !m_http->servers().isEmpty();
}

bool SandboxServer::listenWith(Prepared &prepared, quint16 port)
{
    m_error.clear();
    if (!prepared.error.isEmpty() || !prepared.clients) {
        m_error = prepared.error;
        return false;
    }
    m_context->keys = std::move(prepared.keys);
    m_context->clients = *prepared.clients;
    const quint16 bound = m_http->listen(QHostAddress::LocalHost, port);
    if (bound == 0) {
        m_error = tr("cannot listen on 127.0.0.1:%1").arg(port);
        return false;
    }
    m_context->issuer = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bound));
    return true;
}

QUrl SandboxServer::issuer() const
{
    return m_context->issuer;
}

QList<SandboxClient> SandboxServer::clients() const
{
    return m_context->clients;
}

const SandboxKeys &SandboxServer::keys() const
{
    return m_context->keys;
}

void SandboxServer::setAutoApprove(bool autoApprove)
{
    m_context->settings.autoApprove = autoApprove;
}

SandboxSettings SandboxServer::settings() const
{
    return m_context->settings;
}

void SandboxServer::setSettings(const SandboxSettings &settings)
{
    m_context->settings = settings;
}

void SandboxServer::setFault(SandboxFault fault, bool enabled)
{
    if (enabled)
        m_context->settings.faults.insert(fault);
    else
        m_context->settings.faults.remove(fault);
}

void SandboxServer::setClockSkew(qint64 seconds)
{
    m_context->skewSeconds = seconds;
}

void SandboxServer::addRoutes()
{
    const auto metadataRoute = [this](const QHttpServerRequest &) { return SandboxHttp::json(metadata()); };
    m_http->route(QStringLiteral("/.well-known/openid-configuration"), metadataRoute);
    m_http->route(QStringLiteral("/.well-known/oauth-authorization-server"), metadataRoute);
    m_http->route(QStringLiteral("/jwks"),
                  [this](const QHttpServerRequest &) { return SandboxHttp::json(m_context->keys.jwks()); });
    // The token endpoint answers through its socket, so that the SlowTokenEndpoint fault can answer later
    // without blocking the thread (QHttpServer::route() sends a handler's return value at once, and
    // Qt 6.4's responder-taking routes do not tell when the client goes away).
    using SocketView = void (*)(const QHttpServerRequest &, QHttpServerResponder &&);
    m_http->router()->addRule<SocketView>(std::make_unique<QHttpServerRouterRule>(
        QStringLiteral("/token"),
        [this](const QRegularExpressionMatch &, const QHttpServerRequest &request, QTcpSocket *socket) {
            answerToken(request, socket);
        }));
    m_http->route(QStringLiteral("/introspect"),
                  [this](const QHttpServerRequest &request) { return m_admin->introspect(request); });
    m_http->route(QStringLiteral("/revoke"),
                  [this](const QHttpServerRequest &request) { return m_admin->revoke(request); });
    m_http->route(QStringLiteral("/authorize"),
                  [this](const QHttpServerRequest &request) { return m_authorize->handle(request); });
    m_http->route(QStringLiteral("/userinfo"),
                  [this](const QHttpServerRequest &request) { return userInfo(request); });
    m_http->route(QStringLiteral("/api/hello"),
                  [this](const QHttpServerRequest &request) { return hello(request); });
    m_http->route(QStringLiteral("/docs"), [this](const QHttpServerRequest &) { return documentation(); });
    m_http->afterRequest([this](QHttpServerResponse &&response, const QHttpServerRequest &request) {
        qCDebug(lcSandbox) << request.method() << request.url().path()
                           << static_cast<int>(response.statusCode());
        Q_EMIT requestHandled(request.url().path(), static_cast<int>(response.statusCode()));
        return std::move(response);
    });
}

void SandboxServer::answerToken(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponse response = m_token->handle(request);
    const int status = static_cast<int>(response.statusCode());
    const SandboxSettings &settings = m_context->settings;
    const int delay = settings.has(SandboxFault::SlowTokenEndpoint) ? settings.slowSeconds * 1000 : 0;
    qCDebug(lcSandbox) << request.method() << request.url().path() << status << "in" << delay << "ms";
    SandboxDelayedReply::send(std::move(response), request, socket, delay);
    Q_EMIT requestHandled(request.url().path(), status);
}

QJsonObject SandboxServer::metadata() const
{
    const QStringList clientAuth { QStringLiteral("client_secret_basic"),
                                   QStringLiteral("client_secret_post"), QStringLiteral("none") };
    const QStringList secretAuth { QStringLiteral("client_secret_basic"),
                                   QStringLiteral("client_secret_post") };
    const auto url = [this](const char *path) { return m_context->endpoint(QLatin1String(path)).toString(); };
    return QJsonObject {
        { QStringLiteral("issuer"), m_context->issuerString() },
        { QStringLiteral("authorization_endpoint"), url("/authorize") },
        { QStringLiteral("token_endpoint"), url("/token") },
        { QStringLiteral("jwks_uri"), url("/jwks") },
        { QStringLiteral("userinfo_endpoint"), url("/userinfo") },
        { QStringLiteral("introspection_endpoint"), url("/introspect") },
        { QStringLiteral("revocation_endpoint"), url("/revoke") },
        { QStringLiteral("service_documentation"), url("/docs") },
        { QStringLiteral("response_types_supported"), strings({ QStringLiteral("code") }) },
        { QStringLiteral("response_modes_supported"), strings({ QStringLiteral("query") }) },
        { QStringLiteral("grant_types_supported"),
          strings({ QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
                    QStringLiteral("refresh_token") }) },
        { QStringLiteral("token_endpoint_auth_methods_supported"), strings(clientAuth) },
        { QStringLiteral("introspection_endpoint_auth_methods_supported"), strings(secretAuth) },
        { QStringLiteral("revocation_endpoint_auth_methods_supported"), strings(clientAuth) },
        { QStringLiteral("code_challenge_methods_supported"),
          strings({ QStringLiteral("S256"), QStringLiteral("plain") }) },
        { QStringLiteral("scopes_supported"), strings(SandboxTokenEndpoint::supportedScopes()) },
        { QStringLiteral("subject_types_supported"), strings({ QStringLiteral("public") }) },
        { QStringLiteral("id_token_signing_alg_values_supported"), strings({ QStringLiteral("RS256") }) },
        { QStringLiteral("claims_supported"),
          strings({ QStringLiteral("sub"), QStringLiteral("name"), QStringLiteral("email"),
                    QStringLiteral("email_verified"), QStringLiteral("nonce"),
                    QStringLiteral("auth_time") }) },
        { QStringLiteral("authorization_response_iss_parameter_supported"), true },
        { QStringLiteral("op_policy_uri"), url("/docs") },
    };
}

QHttpServerResponse SandboxServer::hello(const QHttpServerRequest &request) const
{
    const QString token = SandboxHttp::bearerToken(request);
    if (token.isEmpty())
        return SandboxHttp::bearerChallenge({}, {}); // RFC 6750 §3.1: no error code without a token
    const SandboxTokenCheck check = SandboxTokenValidator::check(*m_context, token);
    if (!check.valid)
        return SandboxHttp::bearerChallenge(QStringLiteral("invalid_token"), check.problem);
    const QString subject = check.claims.value(QLatin1String("sub")).toString();
    return SandboxHttp::json(
        { { QStringLiteral("message"), tr("Hello, %1, from the sandbox API.").arg(subject) },
          { QStringLiteral("sub"), subject },
          { QStringLiteral("client_id"), check.claims.value(QLatin1String("client_id")) },
          { QStringLiteral("scope"), check.claims.value(QLatin1String("scope")) } });
}

QHttpServerResponse SandboxServer::userInfo(const QHttpServerRequest &request) const
{
    const SandboxTokenCheck check
        = SandboxTokenValidator::check(*m_context, SandboxHttp::bearerToken(request));
    if (!check.valid)
        return SandboxHttp::bearerChallenge(QStringLiteral("invalid_token"), check.problem);
    const QStringList scopes
        = check.claims.value(QLatin1String("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!scopes.contains(QLatin1String("openid"))) {
        return SandboxHttp::bearerChallenge(QStringLiteral("insufficient_scope"),
                                            tr("userinfo needs the openid scope"),
                                            QHttpServerResponse::StatusCode::Forbidden);
    }
    QJsonObject claims { { QStringLiteral("sub"), check.claims.value(QLatin1String("sub")) } };
    if (scopes.contains(QLatin1String("profile")))
        claims.insert(QStringLiteral("name"), QStringLiteral("Sandbox User"));
    if (scopes.contains(QLatin1String("email"))) {
        claims.insert(QStringLiteral("email"), QStringLiteral("sandbox-user@example.invalid"));
        claims.insert(QStringLiteral("email_verified"), false);
    }
    return SandboxHttp::json(claims);
}

QHttpServerResponse SandboxServer::documentation() const
{
    const QString text
        = tr("OAuth Debugger sandbox authorization server. A teaching and test aid on 127.0.0.1: "
             "NOT for production. Its keys and demo client secret are stored unencrypted in a "
             "local folder, it has one demo user, and it approves what it is asked.");
    return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), text.toUtf8());
}
