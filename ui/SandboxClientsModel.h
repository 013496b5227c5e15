#pragma once

#include "SandboxClient.h"

#include <QAbstractTableModel>
#include <QList>

// The sandbox's demo clients side by side, one column each, so the table fits a narrow panel: client ID,
// secret (masked until revealed), authentication methods, grant types and redirect URIs as rows.
class SandboxClientsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Field { ClientIdRow, SecretRow, AuthRow, GrantsRow, RedirectsRow, FieldCount };
    enum Role { SecretRole = Qt::UserRole + 1 }; // the secret itself, revealed or not

    explicit SandboxClientsModel(QObject *parent = nullptr);

    void setClients(const QList<SandboxClient> &clients);
    const QList<SandboxClient> &clients() const { return m_clients; }
    bool secretsRevealed() const { return m_revealed; }
    void setSecretsRevealed(bool revealed);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const SandboxClient &client, int field) const;

    QList<SandboxClient> m_clients;
    bool m_revealed = false;
};
