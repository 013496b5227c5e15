#include "InputReader.h"

#include <QCoreApplication>
#include <QFile>
#include <cstdio>

namespace InputReader {

bool read(const QString &path, QByteArray *data, QString *error)
{
    const bool isStdin = path == QLatin1String("-");
    QFile file(isStdin ? QString() : path);
    const bool opened = isStdin ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened) {
        *error = QCoreApplication::translate("InputReader", "cannot read %1: %2")
                     .arg(isStdin ? QCoreApplication::translate("InputReader", "standard input") : path,
                          file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

} // namespace InputReader
