#include "BrowserLauncher.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>

Q_DECLARE_LOGGING_CATEGORY(lcFlow)

QStringList BrowserLauncher::commandLine(const QUrl &url, const QString &commandTemplate)
{
    QStringList arguments = QProcess::splitCommand(commandTemplate);
    if (arguments.isEmpty())
        return {};
    const QString encoded = url.toString(QUrl::FullyEncoded);
    bool placed = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i).contains(QLatin1String("%u"))) {
            arguments[i].replace(QLatin1String("%u"), encoded);
            placed = true;
        }
    }
    if (!placed)
        arguments.append(encoded);
    return arguments;
}

bool BrowserLauncher::open(const QUrl &url, const QString &commandTemplate, QString *error)
{
    QStringList arguments;
    if (commandTemplate.trimmed().isEmpty()) {
        const QString xdgOpen = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
        if (xdgOpen.isEmpty()) {
            *error = tr("no browser found (xdg-open is not installed)");
            return false;
        }
        arguments = QStringList { xdgOpen, url.toString(QUrl::FullyEncoded) };
    } else {
        arguments = commandLine(url, commandTemplate);
        if (arguments.isEmpty()) {
            *error = tr("the browser command \"%1\" names no program").arg(commandTemplate);
            return false;
        }
    }
    QProcess process;
    process.setProgram(arguments.takeFirst());
    process.setArguments(arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    qCDebug(lcFlow) << "opening the browser:" << process.program();
    if (!process.startDetached()) {
        *error = tr("cannot start the browser \"%1\": %2").arg(process.program(), process.errorString());
        return false;
    }
    return true;
}
