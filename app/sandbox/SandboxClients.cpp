#include "SandboxClients.h"

#include "Pkce.h"
#include "SandboxFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxClients", text);
}

const QStringList loopbackRedirects { QStringLiteral("http://127.0.0.1/callback"),
                                      QStringLiteral("http://[::1]/callback") };
} // namespace

namespace SandboxClients {

std::optional<QList<SandboxClient>> loadOrCreate(const QString &dataFolder, QString *error)
{
    const QString path = QDir(dataFolder).filePath(QStringLiteral("sandbox-clients.json"));
    const QByteArray stored = SandboxFiles::read(path, error);
    if (!error->isEmpty())
        return std::nullopt;
    QString secret;
    if (!stored.isEmpty()) {
        secret
            = QJsonDocument::fromJson(stored).object().value(QLatin1String("confidential_secret")).toString();
        if (secret.isEmpty()) {
            *error = tr("%1 has no confidential_secret; move it aside to generate a new one").arg(path);
            return std::nullopt;
        }
    } else {
        secret = Pkce::randomToken(32);
        const QJsonObject document { { QStringLiteral("confidential_secret"), secret } };
        if (!SandboxFiles::writePrivate(path, QJsonDocument(document).toJson(), error))
            return std::nullopt;
    }
    const QString code = QStringLiteral("authorization_code");
    const QString refresh = QStringLiteral("refresh_token");
    SandboxClient confidential { QLatin1String(ConfidentialId),
                                 secret,
                                 QStringLiteral("client_secret_basic"),
                                 { QStringLiteral("client_credentials"), code, refresh },
                                 loopbackRedirects };
    SandboxClient publicClient {
        QLatin1String(PublicId), QString(), QStringLiteral("none"), { code, refresh }, loopbackRedirects
    };
    return QList<SandboxClient> { confidential, publicClient };
}

const SandboxClient *find(const QList<SandboxClient> &clients, const QString &clientId)
{
    for (const SandboxClient &client : clients) {
        if (client.clientId == clientId)
            return &client;
    }
    return nullptr;
}

} // namespace SandboxClients
