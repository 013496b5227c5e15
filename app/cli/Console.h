#pragma once

#include <QByteArray>
#include <QString>
#include <cstdio>

// Where the CLI writes. stdout carries only the data a script asked for; everything else goes to stderr.
class Console final
{
public:
    explicit Console(std::FILE *out = stdout, std::FILE *err = stderr);

    void writeData(const QByteArray &bytes); // stdout, exactly as given
    void writeDataLine(const QString &line); // stdout, UTF-8 plus a newline

    void message(const QString &line); // stderr, plus a newline
    void error(const QString &text); // "error: ..."
    void warning(const QString &text); // "warning: ..."
    void hint(const QString &text); // "hint: ..."
    void note(const QString &text); // "note: ..."

private:
    static void write(std::FILE *stream, const QByteArray &bytes);

    std::FILE *m_out;
    std::FILE *m_err;
};
