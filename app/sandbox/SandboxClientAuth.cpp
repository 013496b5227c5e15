#include "SandboxClientAuth.h"

#include "SandboxClients.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxClientAuth", text);
}

QString formDecoded(QByteArray text)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text.replace('+', ' ')));
}

// Compares digests, so the time taken does not depend on how much of the secret was right.
bool sameSecret(const QString &given, const QString &expected)
{
    return QCryptographicHash::hash(given.toUtf8(), QCryptographicHash::Sha256)
        == QCryptographicHash::hash(expected.toUtf8(), QCryptographicHash::Sha256);
}

SandboxClientAuth failed(const QString &error, const QString &description)
{
    SandboxClientAuth result;
    result.error = error;
    result.description = description;
    return result;
}
} // namespace

SandboxClientAuth SandboxClientAuth::authenticate(const QHttpServerRequest &request,
                                                  const SandboxHttp::Parameters &form,
                                                  const QList<SandboxClient> &clients, bool allowPublic)
{
    const QString invalidClient = QStringLiteral("invalid_client");
    const QByteArray authorization = SandboxHttp::header(request, "Authorization").trimmed();
    const bool basic = authorization.left(6).compare("Basic ", Qt::CaseInsensitive) == 0;
    if (basic && form.has("client_secret"))
        return failed(QStringLiteral("invalid_request"),
                      tr("more than one client authentication method (RFC 6749 §2.3)"));
    QString clientId;
    QString secret;
    bool secretGiven = false;
    if (basic) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon < 0)
            return failed(invalidClient, tr("the Basic credentials have no ':'"));
        // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
        clientId = formDecoded(decoded.left(colon));
        secret = formDecoded(decoded.mid(colon + 1));
        secretGiven = true;
        if (form.has("client_id") && form.value("client_id") != clientId)
            return failed(QStringLiteral("invalid_request"),
                          tr("client_id differs from the Basic credentials"));
    } else {
        clientId = form.value("client_id");
        secret = form.value("client_secret");
        secretGiven = form.has("client_secret");
    }
    if (clientId.isEmpty())
        return failed(invalidClient, tr("no client authentication"));
    const SandboxClient *client = SandboxClients::find(clients, clientId);
    if (!client)
        return failed(invalidClient, tr("unknown client"));
    if (client->isPublic()) {
        if (secretGiven)
            return failed(invalidClient, tr("this public client has no secret"));
        if (!allowPublic)
            return failed(invalidClient, tr("a public client cannot use this endpoint"));
    } else if (!secretGiven || !sameSecret(secret, client->clientSecret)) {
        return failed(invalidClient, tr("client authentication failed"));
    }
    SandboxClientAuth result;
    result.client = client;
    return result;
}
