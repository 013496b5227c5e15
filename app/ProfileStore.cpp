#include "ProfileStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QStandardPaths>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ProfileStore", text);
}

const QLatin1String VersionKey("version");
const QLatin1String ProfilesKey("profiles");
const QLatin1String FileName("profiles.json");

// QJsonParseError gives a byte offset; people read lines and columns.
QString lineAndColumn(const QByteArray &data, int offset)
{
    const QByteArray before = data.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lastNewline = before.lastIndexOf('\n');
    const qsizetype column = offset - lastNewline;
    return tr("line %1, column %2").arg(line).arg(column);
}

struct ParsedDocument
{
    QList<Profile> profiles;
    QStringList warnings;
    QString error;
    int version = 0;
};

// Brings a stored profile object from an older format version to the current one, a step at a time.
QJsonObject migrate(QJsonObject object, int fromVersion)
{
    // 1 -> 2: the issuer and endpoint fields were added; a version 1 profile simply has none of them.
    if (fromVersion < 2) {
        for (const QLatin1String key : { QLatin1String("issuer"), QLatin1String("jwks_uri") }) {
            if (object.value(key).isString() && object.value(key).toString().isEmpty())
                object.remove(key);
        }
    }
    return object;
}

ParsedDocument parseDocument(const QByteArray &data, const QString &source)
{
    ParsedDocument parsed;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        parsed.error = tr("%1 is not valid JSON (%2): %3")
                           .arg(source, lineAndColumn(data, parseError.offset), parseError.errorString());
        return parsed;
    }
    if (!document.isObject()) {
        parsed.error
            = tr("%1 is not a profile file: expected a JSON object with \"version\" and \"profiles\".")
                  .arg(source);
        return parsed;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(VersionKey);
    if (version.isUndefined()) {
        parsed.version = 1; // files from before the version field
        parsed.warnings.append(tr("%1 has no format version; read as version 1.").arg(source));
    } else if (!version.isDouble() || version.toInt(-1) < 1) {
        parsed.error = tr("%1 has an invalid format version.").arg(source);
        return parsed;
    } else {
        parsed.version = version.toInt();
    }
    if (parsed.version > Profile::FormatVersion) {
        parsed.error = tr("%1 was written by a newer version of OAuth Debugger (format %2, this version "
                          "reads up to %3). "
                          "It is left untouched and profiles cannot be saved until you upgrade.")
                           .arg(source)
                           .arg(parsed.version)
                           .arg(Profile::FormatVersion);
        return parsed;
    }
    const QJsonValue profiles = root.value(ProfilesKey);
    if (!profiles.isArray()) {
        parsed.error = tr("%1 is not a profile file: \"profiles\" must be a list.").arg(source);
        return parsed;
    }
    const QJsonArray array = profiles.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString error;
        const auto profile = Profile::fromJson(migrate(array.at(i).toObject(), parsed.version), &error);
        if (!array.at(i).isObject() || !profile) {
            parsed.error = tr("%1: profile #%2 cannot be read: %3")
                               .arg(source)
                               .arg(i + 1)
                               .arg(error.isEmpty() ? tr("not a JSON object") : error);
            return parsed;
        }
        parsed.profiles.append(*profile);
    }
    return parsed;
}

// Ends a message with a full stop and a space, ready for the next sentence.
QString sentence(const QString &text)
{
    return text.endsWith(QLatin1Char('.')) ? QString(text + QLatin1Char(' '))
                                           : QString(text + QStringLiteral(". "));
}

QByteArray serialize(const QList<Profile> &profiles)
{
    QJsonArray array;
    for (const Profile &profile : profiles)
        array.append(profile.toJson());
    const QJsonObject root { { VersionKey, Profile::FormatVersion }, { ProfilesKey, array } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}
} // namespace

QString ProfileStore::defaultDirectory()
{
    const QByteArray home = qgetenv("OAUTH_DEBUGGER_HOME");
    if (!home.isEmpty())
        return QFile::decodeName(home);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

ProfileStore::ProfileStore(QString directory)
    : m_directory(std::move(directory))
{
}

QString ProfileStore::filePath() const
{
    return QDir(m_directory).filePath(FileName);
}

ProfileStore::LoadResult ProfileStore::load()
{
    LoadResult result;
    m_readOnly = false;
    QFile file(filePath());
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("Cannot read %1: %2").arg(filePath(), file.errorString());
        m_readOnly = true; // do not overwrite what we could not read
        return result;
    }
    const QByteArray data = file.readAll();
    file.close();

    ParsedDocument parsed = parseDocument(data, filePath());
    result.warnings = parsed.warnings;
    if (parsed.error.isEmpty()) {
        result.profiles = parsed.profiles;
        if (parsed.version < Profile::FormatVersion) {
            // Keep the old file as it was before the first save rewrites it in the new format.
            const QString backup = filePath() + QStringLiteral(".v%1.bak").arg(parsed.version);
            if (!QFile::exists(backup) && QFile::copy(filePath(), backup))
                result.warnings.append(
                    tr("%1 is in format %2 and will be saved in format %3; the old file was kept "
                       "as %4.")
                        .arg(filePath())
                        .arg(parsed.version)
                        .arg(Profile::FormatVersion)
                        .arg(backup));
        }
        return result;
    }
    result.error = parsed.error;
    if (parsed.version > Profile::FormatVersion) {
        m_readOnly = true;
        return result;
    }
    // Keep what the user saved: move the unreadable file aside, never overwrite it.
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString aside = filePath() + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFile::exists(aside); ++n)
        aside = filePath() + QStringLiteral(".corrupt-") + stamp + QLatin1Char('-') + QString::number(n);
    if (QFile::rename(filePath(), aside)) {
        result.movedAsideTo = aside;
        result.error = sentence(result.error) + tr("The file was kept as %1.").arg(aside);
    } else {
        m_readOnly = true;
        result.error
            = sentence(result.error) + tr("It could not be moved aside, so it will not be overwritten.");
    }
    return result;
}

bool ProfileStore::save(const QList<Profile> &profiles, QString *error)
{
    if (m_readOnly) {
        if (error)
            *error = tr("Not saving: %1 could not be read and is kept as it is.").arg(filePath());
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(m_directory);
        return false;
    }
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    file.write(serialize(profiles));
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(filePath(), file.errorString());
        return false;
    }
    return true;
}

QByteArray ProfileStore::exportProfiles(const QList<Profile> &profiles)
{
    return serialize(profiles);
}

QList<Profile> ProfileStore::importProfiles(const QByteArray &json, QString *error)
{
    ParsedDocument parsed = parseDocument(json, tr("The imported file"));
    if (!parsed.error.isEmpty()) {
        if (error)
            *error = parsed.error;
        return {};
    }
    if (error)
        error->clear();
    return parsed.profiles;
}
