#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

// One step's explanation: a Markdown file whose first "# " line is the title and whose "Reference:" line
// names the RFC section(s).
struct TeachingExplanation
{
    QString name; // e.g. "jwks"
    QString title;
    QString reference;
    QString markdown; // the whole file
    QString body; // without the title and Reference lines, for a view that shows those itself
    QString source; // the file it came from; empty for the placeholder
    bool found = false;
};

// Loads explanations: a teacher's override folder first, then the built-in resources (:/teaching), each time
// preferring a translation ("name.de_DE.md", then "name.de.md") over "name.md". A missing file gives a
// visible placeholder, never an error.
class TeachingExplanations final
{
public:
    // $OAUTH_DEBUGGER_HOME/teaching if set, else "teaching" in the application data folder.
    static QString defaultOverrideFolder();

    TeachingExplanations();
    void setOverrideFolder(const QString &folder) { m_overrideFolder = folder; }
    QString overrideFolder() const { return m_overrideFolder; }
    void setLocale(const QLocale &locale) { m_locale = locale; }

    TeachingExplanation load(const QString &name) const;
    // The files tried, in order (for the placeholder and for tests).
    QStringList candidates(const QString &name) const;

    static TeachingExplanation parse(const QString &name, const QString &markdown);

private:
    QString m_overrideFolder;
    QLocale m_locale;
};
