#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// How one run of oauth-debugger-cli ended.
struct CliRun
{
    bool finished = false; // false when the process did not start or hung
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString errText() const { return QString::fromUtf8(err); }
    QString outText() const { return QString::fromUtf8(out); }
    // For QVERIFY2 messages: the command line, exit code, stdout and stderr.
    QString describe() const;
    QStringList arguments;
};

// Runs the built CLI with its own profiles directory and no reachable keychain (no D-Bus session), so tests
// never touch the user's profiles or secrets and behave the same on every machine. Waits in an event loop, so
// servers of the test process (FakeHttpServer) keep answering while the CLI runs.
class CliRunner final
{
public:
    explicit CliRunner(const QString &directory);

    QString profilesDir() const { return m_directory + QStringLiteral("/profiles"); }
    QString profilesFile() const { return profilesDir() + QStringLiteral("/profiles.json"); }

    // `--profiles-dir DIR` is put before the arguments.
    CliRun run(const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &extraEnvironment = {}) const;
    // The arguments exactly as given.
    CliRun runRaw(const QStringList &arguments, const QByteArray &input = {},
                  const QProcessEnvironment &extraEnvironment = {}) const;

private:
    QString m_directory;
};
