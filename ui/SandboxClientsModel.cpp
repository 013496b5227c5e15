#include "SandboxClientsModel.h"

SandboxClientsModel::SandboxClientsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SandboxClientsModel::setClients(const QList<SandboxClient> &clients)
{
    beginResetModel();
    m_clients = clients;
    endResetModel();
}

void SandboxClientsModel::setSecretsRevealed(bool revealed)
{
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    if (!m_clients.isEmpty())
        Q_EMIT dataChanged(index(SecretRow, 0), index(SecretRow, columnCount() - 1));
}

int SandboxClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_clients.isEmpty() ? 0 : FieldCount;
}

int SandboxClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_clients.size());
}

QString SandboxClientsModel::text(const SandboxClient &client, int field) const
{
    const QString lines = QStringLiteral("\n");
    switch (field) {
    case ClientIdRow:
        return client.clientId;
    case SecretRow:
        if (client.isPublic())
            return tr("none (public client)");
        return m_revealed ? client.clientSecret : QString(12, QChar(0x2022));
    case AuthRow:
        // The sandbox takes either secret method from a confidential client (SandboxClientAuth).
        return client.isPublic() ? tr("none (PKCE)")
                                 : QStringLiteral("client_secret_basic\nclient_secret_post");
    case GrantsRow:
        return client.grantTypes.join(lines);
    case RedirectsRow:
        return client.redirectUris.join(lines);
    default:
        return {};
    }
}

QVariant SandboxClientsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= m_clients.size() || index.row() >= FieldCount)
        return {};
    const SandboxClient &client = m_clients.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return text(client, index.row());
    case Qt::ToolTipRole:
        if (index.row() == RedirectsRow)
            return tr("Loopback redirect URIs: any port matches (RFC 8252 §7.3).");
        if (index.row() == SecretRow && !client.isPublic())
            return tr("Generated once and kept, unencrypted, in the sandbox's data folder.");
        return text(client, index.row());
    case SecretRole:
        return client.clientSecret;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignTop);
    default:
        return {};
    }
}

QVariant SandboxClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_clients.size())
            return {};
        return m_clients.at(section).isPublic() ? tr("Public") : tr("Confidential");
    }
    switch (section) {
    case ClientIdRow:
        return tr("Client ID");
    case SecretRow:
        return tr("Secret");
    case AuthRow:
        return tr("Authentication");
    case GrantsRow:
        return tr("Grant types");
    case RedirectsRow:
        return tr("Redirect URIs");
    default:
        return {};
    }
}
