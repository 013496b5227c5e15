#pragma once

#include "Profile.h"

#include <QList>
#include <QString>

// Profiles as one JSON document ({"version": N, "profiles": [...]}) in a directory.
// Writes are atomic; an unreadable file is moved aside, never overwritten.
class ProfileStore final
{
public:
    // Directory: $OAUTH_DEBUGGER_HOME if set, else QStandardPaths::AppDataLocation.
    static QString defaultDirectory();

    explicit ProfileStore(QString directory = defaultDirectory());

    QString directory() const { return m_directory; }
    QString filePath() const;

    struct LoadResult
    {
        QList<Profile> profiles;
        QString error; // empty on success; names the file, line and column
        QString movedAsideTo; // where a corrupt file was kept
        QStringList warnings; // e.g. a profile entry skipped
    };
    // A missing file is an empty, successful load.
    LoadResult load();
    bool save(const QList<Profile> &profiles, QString *error);

    // Secret-free exchange format, same shape as the stored file.
    static QByteArray exportProfiles(const QList<Profile> &profiles);
    static QList<Profile> importProfiles(const QByteArray &json, QString *error);

private:
    QString m_directory;
    bool m_readOnly = false; // set when the file comes from a newer format version
};
