#include "SandboxFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include "ProfileStore.h"

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxFiles", text);
}

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
} // namespace

namespace SandboxFiles {

QString defaultFolder()
{
    return QDir(ProfileStore::defaultDirectory()).filePath(QStringLiteral("sandbox"));
}

bool ensureFolder(const QString &folder, QString *error)
{
    QDir dir(folder);
    if (dir.exists())
        return true;
    if (!dir.mkpath(QStringLiteral("."))) {
        *error = tr("cannot create the sandbox data folder %1").arg(folder);
        return false;
    }
    QFile::setPermissions(folder, ownerOnly | QFileDevice::ExeOwner);
    return true;
}

bool writePrivate(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    // The temporary file gets the owner-only mode before any secret is written to it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerOnly) || file.write(data) != data.size()
        || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!QFile::setPermissions(path, ownerOnly)) {
        *error = tr("cannot make %1 private").arg(path);
        return false;
    }
    return true;
}

QByteArray read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace SandboxFiles
