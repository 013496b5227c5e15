#include "FindingsView.h"

#include "TextSanitizer.h"

#include <QApplication>
#include <QHeaderView>
#include <QStyle>

#include <algorithm>

namespace {

// FindingsEngine builds references with QLatin1String from UTF-8 literals, so "§" arrives as "Â§". Undo that
// here until the engine builds them from UTF-8; text already correct is left alone.
QString referenceText(const QString &reference)
{
    if (!reference.contains(QChar(0x00C2)))
        return reference;
    const QString repaired = QString::fromUtf8(reference.toLatin1());
    return repaired.contains(QChar::ReplacementCharacter) ? reference : repaired;
}

int rank(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Error:
        return 0;
    case Finding::Severity::Warning:
        return 1;
    case Finding::Severity::Info:
        break;
    }
    return 2;
}

} // namespace

FindingsView::FindingsView(QWidget *parent)
    : QTableWidget(parent)
    , m_placeholder(tr("Nothing to report."))
{
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({ tr("Severity"), tr("Finding"), tr("Reference") });
    verticalHeader()->hide();
    // Rows as tall as their wrapped message: the message column takes the width that is left.
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(SeverityColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(ReferenceColumn, QHeaderView::Interactive);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setShowGrid(false);
    setWordWrap(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTextElideMode(Qt::ElideNone);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    rebuild();
}

void FindingsView::setFindings(const Findings &findings, const QStringList &warnings)
{
    m_findings.clear();
    for (const QString &warning : warnings)
        m_findings.append(Finding { Finding::Severity::Warning, QString(), warning, QString() });
    m_findings += findings;
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const Finding &a, const Finding &b) { return rank(a.severity) < rank(b.severity); });
    rebuild();
}

void FindingsView::clearFindings()
{
    m_findings.clear();
    rebuild();
}

void FindingsView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    rebuild();
}

QString FindingsView::summary() const
{
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    for (const Finding &finding : m_findings) {
        switch (finding.severity) {
        case Finding::Severity::Error:
            ++errors;
            break;
        case Finding::Severity::Warning:
            ++warnings;
            break;
        case Finding::Severity::Info:
            ++notes;
            break;
        }
    }
    QStringList parts;
    if (errors > 0)
        parts.append(errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
    if (warnings > 0)
        parts.append(warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    if (notes > 0)
        parts.append(tr("%1 info").arg(notes));
    return parts.join(tr(", "));
}

QIcon FindingsView::icon(Finding::Severity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case Finding::Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Finding::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Finding::Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QString FindingsView::severityText(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Error:
        return tr("Error");
    case Finding::Severity::Warning:
        return tr("Warning");
    case Finding::Severity::Info:
        break;
    }
    return tr("Info");
}

void FindingsView::rebuild()
{
    clearContents();
    if (m_findings.isEmpty()) {
        setRowCount(1);
        auto *item = new QTableWidgetItem(m_placeholder);
        item->setForeground(palette().placeholderText());
        item->setFlags(Qt::ItemIsEnabled);
        setItem(0, MessageColumn, item);
        return;
    }
    setRowCount(static_cast<int>(m_findings.size()));
    for (int row = 0; row < m_findings.size(); ++row) {
        const Finding &finding = m_findings.at(row);
        const QString message = TextSanitizer::sanitize(finding.message, false, 2000);
        const QString tip = finding.id.isEmpty() ? message : tr("%1\n\n%2").arg(message, finding.id);
        auto *severity = new QTableWidgetItem(icon(finding.severity), severityText(finding.severity));
        severity->setData(Qt::UserRole, finding.id);
        severity->setToolTip(tip);
        auto *text = new QTableWidgetItem(message);
        text->setToolTip(tip);
        auto *reference = new QTableWidgetItem(referenceText(finding.reference));
        setItem(row, SeverityColumn, severity);
        setItem(row, MessageColumn, text);
        setItem(row, ReferenceColumn, reference);
    }
    // References such as "RFC 8414 §3.3; OIDC Discovery §4.3" wrap rather than squeeze the message.
    resizeColumnToContents(ReferenceColumn);
    const int widest = fontMetrics().horizontalAdvance(QStringLiteral("RFC 9700 §2.1.1, §2.1.2"));
    if (columnWidth(ReferenceColumn) > widest)
        setColumnWidth(ReferenceColumn, widest);
}
