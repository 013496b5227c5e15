#include "CliRunner.h"

#include <QDir>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

QString CliRun::describe() const
{
    return QStringLiteral("oauth-debugger-cli %1\nfinished: %2, exit code: %3\nstdout: %4\nstderr: %5")
        .arg(arguments.join(QLatin1Char(' ')), finished ? QStringLiteral("yes") : QStringLiteral("no"))
        .arg(exitCode)
        .arg(QString::fromUtf8(out), QString::fromUtf8(err));
}

CliRunner::CliRunner(const QString &directory)
    : m_directory(directory)
{
}

CliRun CliRunner::run(const QStringList &arguments, const QByteArray &input,
                      const QProcessEnvironment &extraEnvironment) const
{
    return runRaw(QStringList { QStringLiteral("--profiles-dir"), profilesDir() } + arguments, input,
                  extraEnvironment);
}

CliRun CliRunner::runRaw(const QStringList &arguments, const QByteArray &input,
                         const QProcessEnvironment &extraEnvironment) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OAUTH_DEBUGGER_HOME"), m_directory + QStringLiteral("/home"));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_directory);
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + m_directory + QStringLiteral("/no-such-bus"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    environment.insert(extraEnvironment);

    CliRun result;
    result.arguments = arguments;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_directory);
    process.start(QStringLiteral(OAUTH_DEBUGGER_CLI), arguments);
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // An event loop rather than waitForFinished(): a FakeHttpServer in this process must answer meanwhile.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
    } else {
        result.finished = process.exitStatus() == QProcess::NormalExit;
        result.exitCode = process.exitCode();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
