#pragma once

#include "TokenResponse.h"

#include <QAbstractTableModel>
#include <QList>

// The fields of a token response: the standard ones first, then every other field the server sent.
// Token values are masked until revealed.
class TokenFieldsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, ValueColumn, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, SecretRole };

    explicit TokenFieldsModel(QObject *parent = nullptr);

    void setToken(const TokenResponse &token);
    void clear();

    bool revealed() const { return m_revealed; }
    void setRevealed(bool revealed);

    // E.g. "•••••••• (43 characters)".
    static QString masked(const QString &secret);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Field
    {
        QString name;
        QString value; // full value, sanitized for display
        QString note; // e.g. the expiry time next to expires_in
        bool secret = false;
    };
    QList<Field> m_fields;
    bool m_revealed = false;
};
