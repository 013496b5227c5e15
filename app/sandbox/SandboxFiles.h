#pragma once

#include <QByteArray>
#include <QString>

// Private files of the sandbox's data folder: written atomically, readable by the owner only (0600).
namespace SandboxFiles {

// $OAUTH_DEBUGGER_HOME/sandbox, else "sandbox" in the user's application data folder (shared by GUI and CLI).
QString defaultFolder();

// Creates the folder (0700) when missing. False with a message on failure.
bool ensureFolder(const QString &folder, QString *error);
bool writePrivate(const QString &path, const QByteArray &data, QString *error);
// Empty with error set when the file exists but cannot be read; empty without error when it is absent.
QByteArray read(const QString &path, QString *error);

} // namespace SandboxFiles
