#include "Console.h"

Console::Console(std::FILE *out, std::FILE *err)
    : m_out(out)
    , m_err(err)
{
}

void Console::writeData(const QByteArray &bytes)
{
    write(m_out, bytes);
}

void Console::writeDataLine(const QString &line)
{
    QByteArray bytes = line.toUtf8();
    bytes.append('\n');
    write(m_out, bytes);
}

void Console::message(const QString &line)
{
    QByteArray bytes = line.toUtf8();
    bytes.append('\n');
    write(m_err, bytes);
}

// The prefixes stay untranslated: scripts grep for them.
void Console::error(const QString &text)
{
    message(QStringLiteral("error: ") + text);
}

void Console::warning(const QString &text)
{
    message(QStringLiteral("warning: ") + text);
}

void Console::hint(const QString &text)
{
    message(QStringLiteral("hint: ") + text);
}

void Console::note(const QString &text)
{
    message(QStringLiteral("note: ") + text);
}

void Console::write(std::FILE *stream, const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}
