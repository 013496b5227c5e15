#pragma once

#include "HttpExchange.h"

#include <QAbstractTableModel>
#include <QList>

// Every HTTP exchange of the session, as a table model that both front ends read.
// Display roles show redacted values unless secrets are revealed.
class WireLog final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TimeColumn,
        PurposeColumn,
        MethodColumn,
        UrlColumn,
        StatusColumn,
        DurationColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role { ExchangeIdRole = Qt::UserRole + 1 };

    explicit WireLog(QObject *parent = nullptr);

    int append(HttpExchange exchange); // assigns and returns the id
    void clear();

    int count() const { return m_exchanges.size(); }
    const HttpExchange &at(int row) const { return m_exchanges.at(row); }
    const HttpExchange *findById(int id) const;
    QList<HttpExchange> exchanges() const { return m_exchanges; }

    bool secretsRevealed() const { return m_reveal; }
    void setSecretsRevealed(bool reveal);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void exchangeAdded(const HttpExchange &exchange);
    // Always on a change, rows or not (dataChanged needs rows): views outside the table redraw on it.
    void secretsRevealedChanged(bool revealed);

private:
    QList<HttpExchange> m_exchanges;
    int m_nextId = 1;
    bool m_reveal = false;
};
