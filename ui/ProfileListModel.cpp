#include "ProfileListModel.h"

ProfileListModel::ProfileListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ProfileListModel::setProfiles(const QList<Profile> &profiles)
{
    beginResetModel();
    m_profiles = profiles;
    endResetModel();
}

int ProfileListModel::rowOfId(const QString &id) const
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == id)
            return row;
    }
    return -1;
}

int ProfileListModel::append(const Profile &profile)
{
    const int row = static_cast<int>(m_profiles.size());
    beginInsertRows({}, row, row);
    m_profiles.append(profile);
    endInsertRows();
    return row;
}

void ProfileListModel::replace(int row, const Profile &profile)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    m_profiles[row] = profile;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

void ProfileListModel::remove(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    beginRemoveRows({}, row, row);
    m_profiles.removeAt(row);
    endRemoveRows();
}

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_profiles.size());
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_profiles.size())
        return {};
    const Profile &profile = m_profiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return profile.name.isEmpty() ? tr("(unnamed)") : profile.name;
    case Qt::ToolTipRole:
        return tr("%1\nToken endpoint: %2\nClient ID: %3\nClient authentication: %4")
            .arg(profile.name, profile.tokenUrl.toDisplayString(), profile.clientId,
                 clientAuthMethodName(profile.authMethod));
    case ProfileIdRole:
        return profile.id;
    default:
        return {};
    }
}
