#include "TokenFieldsModel.h"

#include "TextSanitizer.h"

#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>

namespace {

constexpr int MaxDisplayLength = 8192;

QString jsonValueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        const auto integer = static_cast<qint64>(number);
        return static_cast<double>(integer) == number ? QString::number(integer) : QString::number(number);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

bool isTokenField(const QString &name)
{
    return name == QLatin1String("access_token") || name == QLatin1String("refresh_token")
        || name == QLatin1String("id_token");
}

} // namespace

TokenFieldsModel::TokenFieldsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TokenFieldsModel::setToken(const TokenResponse &token)
{
    beginResetModel();
    m_fields.clear();
    const auto add = [this](const QString &name, const QString &value, const QString &note = QString()) {
        m_fields.append(
            { name, TextSanitizer::sanitize(value, false, MaxDisplayLength), note, isTokenField(name) });
    };
    add(QStringLiteral("access_token"), token.accessToken);
    add(QStringLiteral("token_type"), token.tokenType);
    if (token.expiresIn) {
        const QString note = token.expiresAt.isValid()
            ? tr("until %1").arg(QLocale().toString(token.expiresAt.toLocalTime(), QLocale::ShortFormat))
            : QString();
        add(QStringLiteral("expires_in"), QString::number(*token.expiresIn), note);
    }
    if (!token.scope.isEmpty() || token.raw.contains(QLatin1String("scope")))
        add(QStringLiteral("scope"), token.scope);
    if (!token.refreshToken.isEmpty())
        add(QStringLiteral("refresh_token"), token.refreshToken);
    if (!token.idToken.isEmpty())
        add(QStringLiteral("id_token"), token.idToken);

    static const QStringList standard
        = { QStringLiteral("access_token"), QStringLiteral("token_type"),    QStringLiteral("expires_in"),
            QStringLiteral("scope"),        QStringLiteral("refresh_token"), QStringLiteral("id_token") };
    for (auto it = token.raw.constBegin(); it != token.raw.constEnd(); ++it) {
        if (!standard.contains(it.key()))
            add(TextSanitizer::sanitize(it.key(), false, 256), jsonValueText(it.value()));
    }
    endResetModel();
}

void TokenFieldsModel::clear()
{
    beginResetModel();
    m_fields.clear();
    endResetModel();
}

void TokenFieldsModel::setRevealed(bool revealed)
{
    if (m_revealed == revealed)
        return;
    m_revealed = revealed;
    if (!m_fields.isEmpty())
        Q_EMIT dataChanged(index(0, ValueColumn), index(rowCount() - 1, ValueColumn));
}

QString TokenFieldsModel::masked(const QString &secret)
{
    return tr("•••••••• (%1 characters)").arg(secret.size());
}

int TokenFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

int TokenFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_fields.size())
        return {};
    const Field &field = m_fields.at(index.row());
    const bool hidden = field.secret && !m_revealed;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == FieldColumn)
            return field.name;
        if (hidden)
            return masked(field.value);
        return field.note.isEmpty() ? field.value : tr("%1 (%2)").arg(field.value, field.note);
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && !hidden && field.value.size() > 60)
            return field.value;
        return {};
    case Qt::FontRole:
        if (index.column() == FieldColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case RawValueRole:
        return field.value;
    case SecretRole:
        return field.secret;
    default:
        return {};
    }
}

QVariant TokenFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == FieldColumn ? tr("Field") : tr("Value");
}
