#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

// The claims of a token or of an introspection response: name, value, and what the claim means. Times show
// as local time, UTC and relative to "now" ("expires in 4 min 12 s"); setNow() refreshes them.
class QTableView;

class ClaimsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ClaimColumn, ValueColumn, ExplanationColumn, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 }; // the JSON value, compact

    explicit ClaimsModel(QObject *parent = nullptr);

    // Sets the model on a read-only table, claim names sized to fit, values `valueWidth` pixels wide.
    static void showIn(QTableView *view, ClaimsModel *model, int valueWidth);

    void setClaims(const QJsonObject &claims, const QDateTime &now);
    void clear();
    void setNow(const QDateTime &now);
    bool isEmpty() const { return m_rows.isEmpty(); }
    int rowOf(const QString &claim) const; // -1 when absent

    // "2026-11-23 15:20:01 (local) · 14:20:01 UTC · expires in 4 min 12 s"
    static QString timeText(const QString &claim, const QDateTime &when, const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString name;
        QJsonValue value;
        QString raw; // compact JSON
        QString problem; // a malformed registered claim
        QDateTime time; // valid for well-formed time claims
    };
    QString valueText(const Row &row) const;

    QList<Row> m_rows;
    QDateTime m_now;
};
