#include "HeadersModel.h"

#include "TextSanitizer.h"

HeadersModel::HeadersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HeadersModel::setHeaders(const HttpHeaders &headers)
{
    beginResetModel();
    m_headers.clear();
    for (const HttpHeader &header : headers)
        m_headers.append({ TextSanitizer::fromServer(header.first, false, 256),
                           TextSanitizer::fromServer(header.second, false, 8192) });
    endResetModel();
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_headers.size())
        return {};
    const auto &header = m_headers.at(index.row());
    if (role == Qt::DisplayRole || (role == Qt::ToolTipRole && index.column() == ValueColumn))
        return index.column() == NameColumn ? header.first : header.second;
    return {};
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Header") : tr("Value");
}
