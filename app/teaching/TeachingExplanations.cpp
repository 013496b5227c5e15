#include "TeachingExplanations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

namespace {
constexpr qint64 MaximumFileSize = 256 * 1024; // an explanation is a page, not a book

QString tr(const char *text)
{
    return QCoreApplication::translate("TeachingExplanations", text);
}

bool isSafeName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    return pattern.match(name).hasMatch();
}
} // namespace

QString TeachingExplanations::defaultOverrideFolder()
{
    const QByteArray home = qgetenv("OAUTH_DEBUGGER_HOME");
    const QString base = home.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                        : QString::fromLocal8Bit(home);
    return QDir(base).filePath(QStringLiteral("teaching"));
}

TeachingExplanations::TeachingExplanations()
    : m_overrideFolder(defaultOverrideFolder())
{
}

QStringList TeachingExplanations::candidates(const QString &name) const
{
    QStringList files;
    if (!isSafeName(name))
        return files;
    QStringList suffixes;
    const QString full = m_locale.name(); // "de_DE"
    const QString language = full.section(QLatin1Char('_'), 0, 0);
    if (!full.isEmpty() && full != QLatin1String("C"))
        suffixes << QLatin1Char('.') + full;
    if (!language.isEmpty() && language != full && language != QLatin1String("C"))
        suffixes << QLatin1Char('.') + language;
    suffixes << QString();
    QStringList folders;
    if (!m_overrideFolder.isEmpty())
        folders << m_overrideFolder;
    folders << QStringLiteral(":/teaching");
    for (const QString &folder : std::as_const(folders))
        for (const QString &suffix : std::as_const(suffixes))
            files << folder + QLatin1Char('/') + name + suffix + QStringLiteral(".md");
    return files;
}

TeachingExplanation TeachingExplanations::load(const QString &name) const
{
    const QStringList files = candidates(name);
    for (const QString &path : files) {
        QFile file(path);
        if (!file.exists() || file.size() > MaximumFileSize || !file.open(QIODevice::ReadOnly))
            continue;
        TeachingExplanation explanation = parse(name, QString::fromUtf8(file.readAll()));
        explanation.source = path;
        explanation.found = true;
        return explanation;
    }
    TeachingExplanation placeholder;
    placeholder.name = name;
    placeholder.title = name;
    const QString expected = name + QStringLiteral(".md");
    placeholder.body = tr("*There is no explanation for this step yet: no file named `%1` was found. "
                          "Put one in `%2` to add it.*\n")
                           .arg(expected, QDir::toNativeSeparators(m_overrideFolder));
    placeholder.markdown = QStringLiteral("# %1\n\n%2").arg(name, placeholder.body);
    return placeholder;
}

TeachingExplanation TeachingExplanations::parse(const QString &name, const QString &markdown)
{
    TeachingExplanation explanation;
    explanation.name = name;
    explanation.markdown = markdown;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    QStringList body;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (explanation.title.isEmpty() && line.startsWith(QLatin1String("# ")))
            explanation.title = line.mid(2).trimmed();
        else if (explanation.reference.isEmpty() && line.startsWith(QLatin1String("Reference:")))
            explanation.reference = line.mid(int(qstrlen("Reference:"))).remove(QLatin1Char('*')).trimmed();
        else if (!body.isEmpty() || !line.isEmpty())
            body << raw;
    }
    explanation.body = body.join(QLatin1Char('\n'));
    if (explanation.title.isEmpty())
        explanation.title = name;
    return explanation;
}
