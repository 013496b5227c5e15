#include "CliContext.h"

#include "Console.h"
#include "ExchangeExport.h"
#include "HttpClient.h"
#include "Redaction.h"
#include "TextSanitizer.h"
#include "WireLog.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

CliContext::CliContext(Console *console, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_console(console)
    , m_secrets(secrets)
    , m_log(new WireLog(this))
    , m_http(new HttpClient(m_log, this))
{
}

QCommandLineOption CliContext::profilesDirOption()
{
    return QCommandLineOption(QStringLiteral("profiles-dir"),
                              tr("Directory of profiles.json (default: $OAUTH_DEBUGGER_HOME, else the user's "
                                 "application data directory)."),
                              tr("DIR"));
}

void CliContext::addGlobalOptions(QCommandLineParser *parser)
{
    parser->addOption(profilesDirOption());
}

void CliContext::readGlobalOptions(const QCommandLineParser &parser)
{
    const QString directory = parser.value(profilesDirOption());
    if (!directory.isEmpty() && directory != m_profilesDir) {
        m_profilesDir = directory;
        m_store.reset();
    }
}

ProfileStore &CliContext::profileStore()
{
    if (!m_store)
        m_store.emplace(m_profilesDir.isEmpty() ? ProfileStore::defaultDirectory() : m_profilesDir);
    return *m_store;
}

std::optional<QList<Profile>> CliContext::loadProfiles()
{
    ProfileStore::LoadResult result = profileStore().load();
    for (const QString &warning : std::as_const(result.warnings))
        m_console->warning(warning);
    if (result.error.isEmpty())
        return result.profiles;
    m_console->error(result.error);
    if (!result.movedAsideTo.isEmpty() && !result.error.contains(result.movedAsideTo))
        m_console->note(tr("the unreadable file was kept as %1").arg(result.movedAsideTo));
    return std::nullopt;
}

std::optional<Profile> CliContext::profileByName(const QString &name)
{
    const std::optional<QList<Profile>> profiles = loadProfiles();
    if (!profiles)
        return std::nullopt;
    const qsizetype index = indexOfProfile(*profiles, name);
    if (index < 0) {
        m_console->error(tr("unknown profile \"%1\" in %2 (see 'oauth-debugger-cli profiles list')")
                             .arg(TextSanitizer::sanitize(name), profileStore().filePath()));
        return std::nullopt;
    }
    return profiles->at(index);
}

bool CliContext::saveProfiles(const QList<Profile> &profiles)
{
    QString error;
    if (profileStore().save(profiles, &error))
        return true;
    m_console->error(error);
    return false;
}

qsizetype CliContext::indexOfProfile(const QList<Profile> &profiles, const QString &name)
{
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (profiles.at(i).name == name)
            return i;
    }
    return -1;
}

void CliContext::enableVerbose()
{
    if (m_verbose)
        return;
    m_verbose = true;
    connect(m_log, &WireLog::exchangeAdded, this, &CliContext::printExchange);
}

void CliContext::addSecret(const QString &secret)
{
    if (!secret.isEmpty() && !m_secretValues.contains(secret))
        m_secretValues.append(secret);
}

void CliContext::printExchange(const HttpExchange &exchange)
{
    HttpExchange copy = exchange;
    copy.secrets += m_secretValues;
    m_console->message(ExchangeExport::toVerboseText(Redaction::redacted(copy)));
}
