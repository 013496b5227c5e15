#include "WireLog.h"

#include "Redaction.h"

#include <QLocale>

WireLog::WireLog(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int WireLog::append(HttpExchange exchange)
{
    exchange.id = m_nextId++;
    const int row = static_cast<int>(m_exchanges.size());
    beginInsertRows({}, row, row);
    m_exchanges.append(std::move(exchange));
    endInsertRows();
    Q_EMIT exchangeAdded(m_exchanges.last());
    return m_exchanges.last().id;
}

void WireLog::clear()
{
    beginResetModel();
    m_exchanges.clear();
    endResetModel();
}

const HttpExchange *WireLog::findById(int id) const
{
    // Ids increase with rows; a cleared log starts at a later id, so search rather than index.
    for (const HttpExchange &exchange : m_exchanges) {
        if (exchange.id == id)
            return &exchange;
    }
    return nullptr;
}

void WireLog::setSecretsRevealed(bool reveal)
{
    if (m_reveal == reveal)
        return;
    m_reveal = reveal;
    if (!m_exchanges.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT secretsRevealedChanged(m_reveal);
}

int WireLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_exchanges.size());
}

int WireLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant WireLog::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_exchanges.size())
        return {};
    const HttpExchange &exchange = m_exchanges.at(index.row());
    if (role == ExchangeIdRole)
        return exchange.id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == IdColumn || index.column() == DurationColumn || index.column() == SizeColumn
            || index.column() == StatusColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !exchange.transportError.isEmpty())
        return exchange.transportError;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return exchange.id;
    case TimeColumn:
        return exchange.started.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case PurposeColumn:
        return exchange.purpose;
    case MethodColumn:
        return QString::fromLatin1(exchange.method);
    case UrlColumn:
        return (m_reveal ? exchange.url : Redaction::redactUrl(exchange.url, exchange.secrets))
            .toDisplayString();
    case StatusColumn:
        if (!exchange.transportError.isEmpty())
            return tr("failed");
        return exchange.status;
    case DurationColumn:
        return tr("%1 ms").arg(exchange.durationMs);
    case SizeColumn:
        return sizeText(exchange.responseBody.size());
    }
    return {};
}

QVariant WireLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case PurposeColumn:
        return tr("Step");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}
