#include "ClaimsModel.h"

#include "ClaimInfo.h"
#include "DisplayFormat.h"
#include "JwtClaims.h"
#include "TextSanitizer.h"

#include "UiColors.h"
#include <QHeaderView>
#include <QTableView>

#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

namespace {

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qint64>(number)))
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 17);
    }
    return QStringLiteral("null");
}

// "in 4 min 12 s" or "4 min 12 s ago", worded for the claim.
QString relativeText(const QString &claim, qint64 secondsFromNow)
{
    const QString span = DisplayFormat::duration(secondsFromNow);
    const bool future = secondsFromNow > 0;
    if (claim == QLatin1String("nbf"))
        return future ? ClaimsModel::tr("valid in %1").arg(span)
                      : ClaimsModel::tr("valid since %1").arg(span);
    if (claim == QLatin1String("iat"))
        return future ? ClaimsModel::tr("issued %1 in the future").arg(span)
                      : ClaimsModel::tr("issued %1 ago").arg(span);
    return future ? ClaimsModel::tr("in %1").arg(span) : ClaimsModel::tr("%1 ago").arg(span);
}

} // namespace

ClaimsModel::ClaimsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString ClaimsModel::timeText(const QString &claim, const QDateTime &when, const QDateTime &now)
{
    const QDateTime local = when.toLocalTime();
    const QDateTime utc = when.toUTC();
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    const QString utcText = local.date() == utc.date() && local.offsetFromUtc() != 0
        ? utc.toString(QStringLiteral("HH:mm:ss"))
        : utc.toString(format);
    QString relative;
    if (claim == QLatin1String("exp")) {
        QJsonObject claims;
        claims.insert(claim, static_cast<double>(when.toMSecsSinceEpoch()) / 1000.0);
        relative = JwtClaims(claims).expiryText(now);
    } else {
        relative = relativeText(claim, now.secsTo(when));
    }
    if (local.offsetFromUtc() == 0)
        return tr("%1 UTC · %2").arg(utc.toString(format), relative);
    return tr("%1 (local) · %2 UTC · %3").arg(local.toString(format), utcText, relative);
}

void ClaimsModel::setClaims(const QJsonObject &claims, const QDateTime &now)
{
    beginResetModel();
    m_now = now;
    m_rows.clear();
    const JwtClaims typed(claims);
    for (auto it = claims.constBegin(); it != claims.constEnd(); ++it) {
        Row row;
        row.name = it.key();
        row.value = it.value();
        row.raw = compactJson(it.value());
        if (ClaimInfo::isTimeClaim(row.name)) {
            const NumericDateClaim date = typed.numericDate(row.name);
            if (date.valid)
                row.time = date.toDateTime();
            else
                row.problem = date.error;
        }
        m_rows.append(row);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        const int left = ClaimInfo::rank(a.name);
        const int right = ClaimInfo::rank(b.name);
        return left != right ? left < right : a.name < b.name;
    });
    endResetModel();
}

void ClaimsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ClaimsModel::setNow(const QDateTime &now)
{
    m_now = now;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).time.isValid())
            Q_EMIT dataChanged(index(i, ValueColumn), index(i, ValueColumn));
    }
}

int ClaimsModel::rowOf(const QString &claim) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == claim)
            return i;
    }
    return -1;
}

QString ClaimsModel::valueText(const Row &row) const
{
    if (row.time.isValid())
        return timeText(row.name, row.time, m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
    if (row.value.isArray()) {
        const QJsonArray array = row.value.toArray();
        QStringList parts;
        for (const QJsonValue &item : array) {
            if (!item.isString())
                return TextSanitizer::sanitize(row.raw, false, 4000);
            parts.append(item.toString());
        }
        return TextSanitizer::sanitize(parts.join(QStringLiteral(", ")), false, 4000);
    }
    return TextSanitizer::sanitize(row.raw, false, 4000);
}

int ClaimsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ClaimsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClaimsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == RawValueRole)
        return row.raw;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ClaimColumn:
            return TextSanitizer::sanitize(row.name, false, 200);
        case ValueColumn:
            return valueText(row);
        case ExplanationColumn:
            return row.problem.isEmpty() ? ClaimInfo::explanation(row.name)
                                         : tr("Malformed: %1").arg(row.problem);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == ValueColumn)
            return row.time.isValid() ? tr("%1\n%2").arg(row.raw, valueText(row))
                                      : TextSanitizer::sanitize(row.raw, true, 4000);
        if (index.column() == ExplanationColumn)
            return data(index, Qt::DisplayRole);
    }
    if (role == Qt::ForegroundRole && index.column() == ExplanationColumn && !row.problem.isEmpty())
        return QColor::fromString(QLatin1String(UiColors::Error));
    if (role == Qt::FontRole && index.column() == ClaimColumn) {
        QFont font = DisplayFormat::monospaceFont();
        font.setBold(true);
        return font;
    }
    return {};
}

QVariant ClaimsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClaimColumn:
        return tr("Claim");
    case ValueColumn:
        return tr("Value");
    case ExplanationColumn:
        return tr("Meaning");
    default:
        return {};
    }
}

void ClaimsModel::showIn(QTableView *view, ClaimsModel *model, int valueWidth)
{
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(ClaimColumn, QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->resizeSection(ValueColumn, valueWidth);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
}
