#pragma once

#include "HttpExchange.h"

#include <QAbstractTableModel>

// HTTP headers as a two-column table (name, value), values sanitized for display.
class HeadersModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit HeadersModel(QObject *parent = nullptr);

    void setHeaders(const HttpHeaders &headers);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<QPair<QString, QString>> m_headers;
};
