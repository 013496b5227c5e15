#include "SecretResolver.h"

#include "InputReader.h"
#include "SecretStore.h"
#include "TextSanitizer.h"

namespace {
QString passInstead()
{
    return SecretResolver::tr("pass --client-secret-env VAR or --client-secret-stdin");
}
} // namespace

SecretResolver::SecretResolver()
    : m_value(QStringLiteral("client-secret"),
              tr("Client secret. Visible in the process list: prefer --client-secret-env or "
                 "--client-secret-stdin."),
              tr("SECRET"))
    , m_env(QStringLiteral("client-secret-env"), tr("Read the client secret from environment variable VAR."),
            tr("VAR"))
    , m_stdin(QStringLiteral("client-secret-stdin"),
              tr("Read the client secret from standard input (a trailing newline is removed)."))
{
}

void SecretResolver::addOptions(QCommandLineParser *parser) const
{
    parser->addOptions({ m_value, m_env, m_stdin });
}

bool SecretResolver::readOptions(const QCommandLineParser &parser, QString *error)
{
    const int given = int(parser.isSet(m_value)) + int(parser.isSet(m_env)) + int(parser.isSet(m_stdin));
    if (given > 1) {
        *error = tr("pass only one of --client-secret, --client-secret-env and --client-secret-stdin");
        return false;
    }
    if (parser.isSet(m_value)) {
        m_secret = parser.value(m_value);
        m_warnings.append(tr("--client-secret is visible to other users in the process list; prefer "
                             "--client-secret-env VAR or --client-secret-stdin"));
    } else if (parser.isSet(m_env)) {
        const QString variable = parser.value(m_env);
        if (!qEnvironmentVariableIsSet(variable.toLocal8Bit().constData())) {
            *error = tr("--client-secret-env: environment variable %1 is not set").arg(variable);
            return false;
        }
        m_secret = qEnvironmentVariable(variable.toLocal8Bit().constData());
    } else if (parser.isSet(m_stdin)) {
        QByteArray data;
        if (!InputReader::read(QStringLiteral("-"), &data, error))
            return false;
        while (data.endsWith('\n') || data.endsWith('\r'))
            data.chop(1);
        m_secret = QString::fromUtf8(data);
    }
    if (m_secret && m_secret->isEmpty()) {
        *error = tr("the client secret given is empty");
        return false;
    }
    return true;
}

void SecretResolver::resolve(const Profile &profile, bool saved, SecretStore *store, Callback done) const
{
    if (!profile.needsSecret()) {
        done({ true, {}, {} });
        return;
    }
    if (m_secret) {
        done({ true, *m_secret, {} });
        return;
    }
    const QString method = clientAuthMethodName(profile.authMethod);
    if (!saved || !store) {
        done({ false, {}, tr("%1 needs a client secret: %2").arg(method, passInstead()) });
        return;
    }
    const QString name = TextSanitizer::sanitize(profile.name);
    store->readSecret(profile.secretKey(), [done, name](const SecretReply &reply) {
        switch (reply.status) {
        case SecretReply::Status::Ok:
            if (!reply.value.isEmpty()) {
                done({ true, reply.value, {} });
                return;
            }
            break;
        case SecretReply::Status::NotFound:
            break;
        case SecretReply::Status::Unavailable:
            done({ false,
                   {},
                   tr("the keychain is unavailable, so the client secret of profile \"%1\" cannot be read "
                      "(%2); %3")
                       .arg(name, reply.error, passInstead()) });
            return;
        case SecretReply::Status::Failed:
            done({ false,
                   {},
                   tr("cannot read the client secret of profile \"%1\" from the keychain (%2); %3")
                       .arg(name, reply.error, passInstead()) });
            return;
        }
        done({ false,
               {},
               tr("the keychain holds no client secret for profile \"%1\"; %2").arg(name, passInstead()) });
    });
}
