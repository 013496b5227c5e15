#include "SandboxLauncher.h"

#include "CliContext.h"
#include "Console.h"
#include "FlowResult.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <vector>

SandboxLauncher::SandboxLauncher(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
{
}

QString SandboxLauncher::programPath()
{
    return QDir(QCoreApplication::applicationDirPath())
        .filePath(QStringLiteral(OAUTH_DEBUGGER_SANDBOX_PROGRAM));
}

std::optional<int> SandboxLauncher::run(const QStringList &arguments)
{
    const QByteArray program = QFile::encodeName(programPath());
    QList<QByteArray> encoded { program };
    for (qsizetype i = 1; i < arguments.size(); ++i)
        encoded.append(arguments.at(i).toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &argument : encoded)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    ::execv(program.constData(), argv.data());
    // Only reached when the program could not be started.
    const int error = errno;
    m_context->console().error(
        tr("cannot start the sandbox program %1: %2")
            .arg(QString::fromLocal8Bit(program), QString::fromLocal8Bit(std::strerror(error))));
    return exitCodeFor(FlowStatus::TransportError);
}
