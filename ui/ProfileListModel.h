#pragma once

#include "Profile.h"

#include <QAbstractListModel>
#include <QList>

// The saved profiles as a list model: the name for display, the endpoint and client in the tooltip.
class ProfileListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { ProfileIdRole = Qt::UserRole + 1 };

    explicit ProfileListModel(QObject *parent = nullptr);

    QList<Profile> profiles() const { return m_profiles; }
    void setProfiles(const QList<Profile> &profiles);

    const Profile &at(int row) const { return m_profiles.at(row); }
    int rowOfId(const QString &id) const; // -1 when absent
    int append(const Profile &profile); // returns the new row
    void replace(int row, const Profile &profile);
    void remove(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<Profile> m_profiles;
};
