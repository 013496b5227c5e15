#pragma once

#include "Finding.h"

#include <QTableWidget>

// A short list of findings: severity (icon and word, errors first), the message, and the rule behind it.
// Plain warnings (text without a rule) can join the list. When there is nothing to show, one grey line
// says so.
class FindingsView final : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, MessageColumn, ReferenceColumn, ColumnCount };

    explicit FindingsView(QWidget *parent = nullptr);

    void setFindings(const Findings &findings, const QStringList &warnings = {});
    void clearFindings();
    const Findings &findings() const { return m_findings; }
    void setPlaceholderText(const QString &text);

    // E.g. "1 error, 2 warnings, 3 info"; empty when there is nothing.
    QString summary() const;

    static QIcon icon(Finding::Severity severity);
    static QString severityText(Finding::Severity severity);

private:
    void rebuild();

    Findings m_findings;
    QString m_placeholder;
};
