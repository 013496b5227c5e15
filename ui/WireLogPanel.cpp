#include "WireLogPanel.h"

#include "Clipboard.h"
#include "DisplayFormat.h"
#include "ExchangeExport.h"
#include "LatestJobRunner.h"
#include "LongLines.h"
#include "Redaction.h"
#include "WireLog.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// Exchanges whose bodies together exceed this are redacted and rendered on a worker thread: redaction scans
// the whole body, which for megabytes takes longer than a frame.
constexpr qsizetype SynchronousDetailLimit = 256 * 1024;

// The curl -v style text, long lines (a minified body) broken so the view lays out only what is on screen.
QString detailText(const HttpExchange &exchange)
{
    return LongLines::breakLongLines(ExchangeExport::toVerboseText(exchange), LongLines::DisplayLimit, 2);
}

} // namespace

WireLogPanel::WireLogPanel(WireLog *log, Clipboard *clipboard, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_clipboard(clipboard)
    , m_view(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_reveal(new QCheckBox(tr("Reveal secrets"), this))
    , m_copyCurl(new QPushButton(tr("Copy as curl"), this))
    , m_exportHar(new QPushButton(tr("Export HAR…"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
    , m_exportHarAction(new QAction(tr("Export &HAR…"), this))
    , m_detailRenderer(new LatestJobRunner(this))
{
    setObjectName(QStringLiteral("wireLogPanel"));
    m_view->setObjectName(QStringLiteral("wireLogView"));
    m_detail->setObjectName(QStringLiteral("exchangeDetailView"));
    m_reveal->setObjectName(QStringLiteral("revealSecretsCheck"));
    m_copyCurl->setObjectName(QStringLiteral("copyCurlButton"));
    m_exportHar->setObjectName(QStringLiteral("exportHarButton"));
    m_clear->setObjectName(QStringLiteral("clearLogButton"));
    m_exportHarAction->setObjectName(QStringLiteral("exportHarAction"));

    m_view->setModel(m_log);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WireLog::UrlColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto widthFor
        = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 16; };
    header->resizeSection(WireLog::IdColumn, widthFor(QStringLiteral("000")));
    header->resizeSection(WireLog::TimeColumn, widthFor(QStringLiteral("00:00:00.000")));
    header->resizeSection(WireLog::PurposeColumn, widthFor(QStringLiteral("Token request (cli")));
    header->resizeSection(WireLog::MethodColumn, widthFor(QStringLiteral("OPTIONS")));
    header->resizeSection(WireLog::StatusColumn, widthFor(QStringLiteral("Status")));
    header->resizeSection(WireLog::DurationColumn, widthFor(QStringLiteral("Duration")));
    header->resizeSection(WireLog::SizeColumn, widthFor(QStringLiteral("000 bytes")));
    // The URL needs the room more than the time of day; the header's context menu brings any column back.
    m_view->hideColumn(WireLog::TimeColumn);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &WireLogPanel::showColumnMenu);

    m_detail->setReadOnly(true);
    m_detail->setUndoRedoEnabled(false);
    m_detail->setFont(DisplayFormat::monospaceFont());
    m_detail->setLineWrapMode(QPlainTextEdit::WidgetWidth); // long tokens wrap anywhere
    m_detail->setPlaceholderText(tr("Select an exchange to see the raw request and response."));

    m_reveal->setToolTip(tr("Show client secrets and tokens in the log, curl commands and HAR exports"));
    m_copyCurl->setToolTip(
        tr("Copy the selected request as a curl command (secrets redacted unless revealed)"));
    m_exportHar->setToolTip(tr("Save every exchange as a HAR 1.2 file (secrets redacted unless revealed)"));
    m_clear->setToolTip(tr("Forget every recorded exchange"));
    m_exportHarAction->setStatusTip(m_exportHar->toolTip());

    auto *title = new QLabel(tr("<b>Wire log</b>"), this);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(title);
    toolbar->addStretch(1);
    toolbar->addWidget(m_reveal);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_copyCurl);
    toolbar->addWidget(m_exportHar);
    toolbar->addWidget(m_clear);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 600, 330 });
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelected();
        updateActions();
    });
    connect(m_log, &QAbstractItemModel::rowsInserted, this, &WireLogPanel::exchangeAdded);
    connect(m_log, &QAbstractItemModel::modelReset, this, [this] {
        showSelected();
        updateActions();
    });
    connect(m_reveal, &QCheckBox::toggled, this, &WireLogPanel::setRevealed);
    connect(m_copyCurl, &QPushButton::clicked, this, &WireLogPanel::copyAsCurl);
    connect(m_exportHar, &QPushButton::clicked, this, &WireLogPanel::exportHar);
    connect(m_exportHarAction, &QAction::triggered, this, &WireLogPanel::exportHar);
    connect(m_clear, &QPushButton::clicked, this, &WireLogPanel::clear);
    updateActions();
}

const HttpExchange *WireLogPanel::selectedExchange() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    // The selected row indexes the model directly; searching by id would cost a pass over every row.
    const int row = rows.constFirst().row();
    return row < m_log->count() ? &m_log->at(row) : nullptr;
}

HttpExchange WireLogPanel::shown(const HttpExchange &exchange) const
{
    return m_log->secretsRevealed() ? exchange : Redaction::redacted(exchange);
}

void WireLogPanel::showSelected()
{
    m_detailRenderer->cancel();
    const HttpExchange *exchange = selectedExchange();
    if (!exchange) {
        m_detail->clear();
        return;
    }
    const qsizetype bodies = exchange->requestBody.size() + exchange->responseBody.size();
    if (bodies <= SynchronousDetailLimit) {
        m_detail->setPlainText(detailText(shown(*exchange)));
        return;
    }
    m_detail->setPlainText(
        tr("Preparing exchange #%1 (%2)…").arg(exchange->id).arg(DisplayFormat::byteSize(bodies)));
    // The copy shares the bodies with the log; the worker only reads them.
    const HttpExchange copy = *exchange;
    const bool reveal = m_log->secretsRevealed();
    m_detailRenderer->run([this, copy, reveal](const LatestJobRunner::Cancelled &) {
        const QString text = detailText(reveal ? copy : Redaction::redacted(copy));
        return std::function<void()>([this, text] { m_detail->setPlainText(text); });
    });
}

void WireLogPanel::showColumnMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.setTitle(tr("Columns"));
    for (int column = 0; column < m_log->columnCount(); ++column) {
        QAction *action = menu.addAction(m_log->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(column));
        action->setEnabled(column != WireLog::UrlColumn);
        connect(action, &QAction::toggled, this,
                [this, column](bool visible) { m_view->setColumnHidden(column, !visible); });
    }
    menu.exec(m_view->horizontalHeader()->viewport()->mapToGlobal(position));
}

void WireLogPanel::exchangeAdded(const QModelIndex &parent, int first)
{
    if (parent.isValid())
        return;
    // Follow the newest exchange unless the user is looking at an older one. Rows arriving in a burst are
    // followed once, when control returns to the event loop, rather than selected and rendered one by one.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.constFirst().row() >= first - 1)
        m_follow = true;
    if (m_followScheduled)
        return;
    m_followScheduled = true;
    QTimer::singleShot(0, this, &WireLogPanel::followNewest);
}

void WireLogPanel::followNewest()
{
    m_followScheduled = false;
    const int last = m_log->rowCount() - 1;
    if (m_follow && last >= 0) {
        m_view->selectRow(last);
        m_view->scrollToBottom();
    }
    m_follow = false;
    updateActions();
}

void WireLogPanel::setRevealed(bool revealed)
{
    m_log->setSecretsRevealed(revealed);
    showSelected();
}

void WireLogPanel::updateActions()
{
    const bool any = m_log->rowCount() > 0;
    m_copyCurl->setEnabled(selectedExchange() != nullptr);
    m_exportHar->setEnabled(any);
    m_exportHarAction->setEnabled(any);
    m_clear->setEnabled(any);
}

void WireLogPanel::copyAsCurl()
{
    const HttpExchange *exchange = selectedExchange();
    if (!exchange)
        return;
    // curl needs the request only; redacting a 50 MB response body for it would freeze the window.
    HttpExchange request = *exchange;
    request.responseBody.clear();
    const QString command = ExchangeExport::toCurl(shown(request));
    if (m_log->secretsRevealed()) {
        m_clipboard->copySecret(command);
        Q_EMIT message(tr("Copied the curl command with its secrets. The clipboard will be cleared in %1.")
                           .arg(DisplayFormat::duration(m_clipboard->clearDelayMs() / 1000)),
                       MessageBar::Type::Information);
    } else {
        m_clipboard->copyText(command);
        Q_EMIT message(
            tr("Copied the curl command, secrets redacted. Tick “Reveal secrets” to copy them too."),
            MessageBar::Type::Information);
    }
}

void WireLogPanel::exportHar()
{
    if (m_log->rowCount() == 0)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export HAR"), QDir::home().filePath(QStringLiteral("oauth-debugger.har")),
        tr("HTTP Archive (*.har);;All files (*)"));
    if (!path.isEmpty())
        exportHarTo(path);
}

bool WireLogPanel::exportHarTo(const QString &path)
{
    QList<HttpExchange> exchanges;
    const QList<HttpExchange> all = m_log->exchanges();
    exchanges.reserve(all.size());
    for (const HttpExchange &exchange : all)
        exchanges.append(shown(exchange));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(ExchangeExport::toHar(exchanges, QLatin1String(OAUTH_DEBUGGER_VERSION))) < 0
        || !file.commit()) {
        Q_EMIT message(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                       MessageBar::Type::Error);
        return false;
    }
    const QString count = exchanges.size() == 1 ? tr("1 exchange") : tr("%1 exchanges").arg(exchanges.size());
    if (m_log->secretsRevealed())
        Q_EMIT message(tr("Exported %1 to %2. The file contains unredacted secrets: keep it private.")
                           .arg(count, QDir::toNativeSeparators(path)),
                       MessageBar::Type::Warning);
    else
        Q_EMIT message(tr("Exported %1 to %2, secrets redacted.").arg(count, QDir::toNativeSeparators(path)),
                       MessageBar::Type::Positive);
    return true;
}

void WireLogPanel::clear()
{
    m_detailRenderer->cancel();
    m_log->clear();
    m_detail->clear();
    updateActions();
}

bool WireLogPanel::selectExchange(int id)
{
    for (int row = 0; row < m_log->rowCount(); ++row) {
        if (m_log->index(row, 0).data(WireLog::ExchangeIdRole).toInt() != id)
            continue;
        m_view->selectRow(row);
        m_view->scrollTo(m_log->index(row, 0));
        m_view->setFocus(Qt::OtherFocusReason);
        return true;
    }
    Q_EMIT message(tr("Exchange #%1 is no longer in the wire log (it was cleared).").arg(id),
                   MessageBar::Type::Information);
    return false;
}
