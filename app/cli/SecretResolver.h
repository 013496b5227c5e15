#pragma once

#include "Profile.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <functional>
#include <optional>

class SecretStore;

// Where a client secret comes from: --client-secret, --client-secret-env or --client-secret-stdin first;
// else, for a saved profile, the keychain. Never a plaintext file, never silently nothing.
class SecretResolver final
{
    Q_DECLARE_TR_FUNCTIONS(SecretResolver)
public:
    SecretResolver();

    void addOptions(QCommandLineParser *parser) const;
    // Reads the secret options (stdin too, when asked). False with a message on bad input.
    bool readOptions(const QCommandLineParser &parser, QString *error);
    bool readsStdin(const QCommandLineParser &parser) const { return parser.isSet(m_stdin); }

    const std::optional<QString> &givenSecret() const { return m_secret; }
    QStringList warnings() const { return m_warnings; }

    struct Outcome
    {
        bool ok = false;
        QString secret; // empty for auth method none
        QString error; // why there is no secret and what to pass instead
    };
    using Callback = std::function<void(const Outcome &)>;
    // Calls done exactly once, maybe before returning. `saved` says the profile comes from the profile store,
    // so the keychain may hold its secret under profile.secretKey().
    void resolve(const Profile &profile, bool saved, SecretStore *store, Callback done) const;

private:
    QCommandLineOption m_value;
    QCommandLineOption m_env;
    QCommandLineOption m_stdin;
    std::optional<QString> m_secret;
    QStringList m_warnings;
};
