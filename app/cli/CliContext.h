#pragma once

#include "Profile.h"
#include "ProfileStore.h"

#include <QObject>
#include <QStringList>
#include <optional>

class Console;
class HttpClient;
class QCommandLineOption;
class QCommandLineParser;
class SecretStore;
struct HttpExchange;
class WireLog;

// What every subcommand shares: the global options, the profile store, the secret store, the wire log with
// its HTTP client, and the console.
class CliContext final : public QObject
{
    Q_OBJECT
public:
    CliContext(Console *console, SecretStore *secrets, QObject *parent = nullptr);

    static QCommandLineOption profilesDirOption();
    // Adds the global options, which are accepted before or after the subcommand.
    static void addGlobalOptions(QCommandLineParser *parser);
    void readGlobalOptions(const QCommandLineParser &parser);

    Console &console() const { return *m_console; }
    SecretStore *secretStore() const { return m_secrets; }
    WireLog *wireLog() const { return m_log; }
    HttpClient *http() const { return m_http; }

    ProfileStore &profileStore();
    // Loads the profiles. On a corrupt file prints the error (naming the file and where it was kept) and
    // returns std::nullopt: the command should exit with the usage code.
    std::optional<QList<Profile>> loadProfiles();
    // Loads the profiles and finds one by name, printing why it cannot.
    std::optional<Profile> profileByName(const QString &name);
    bool saveProfiles(const QList<Profile> &profiles);
    static qsizetype indexOfProfile(const QList<Profile> &profiles, const QString &name);

    // Writes every recorded exchange, redacted, to stderr as it completes (curl -v style).
    void enableVerbose();
    // A value that must never appear in the verbose log, on top of what the engine already redacts.
    void addSecret(const QString &secret);

private:
    void printExchange(const HttpExchange &exchange);

    Console *m_console;
    SecretStore *m_secrets;
    WireLog *m_log;
    HttpClient *m_http;
    QString m_profilesDir;
    std::optional<ProfileStore> m_store;
    QStringList m_secretValues;
    bool m_verbose = false;
};
