#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// Opens a URL in the user's browser without a shell: a command template (e.g. "firefox --private-window
// %u") is split like a command line, %u replaced by the URL, and the program started detached; without a
// template, xdg-open. The browser's standard output is discarded, so a front end's stdout stays its own.
class BrowserLauncher final
{
    Q_DECLARE_TR_FUNCTIONS(BrowserLauncher)
public:
    // The program and arguments a template gives for `url` (%u replaced, also inside an argument; without
    // any %u the URL is appended). Empty when the template is empty.
    static QStringList commandLine(const QUrl &url, const QString &commandTemplate);

    // False with a message in `error` when no browser could be started. Success only means the program
    // started: what it does with the URL is its business.
    static bool open(const QUrl &url, const QString &commandTemplate, QString *error);
};
