#pragma once

#include <QByteArray>
#include <QString>

// Reads what the user points the CLI at: a file, or standard input when the path is "-".
namespace InputReader {

bool read(const QString &path, QByteArray *data, QString *error);

} // namespace InputReader
