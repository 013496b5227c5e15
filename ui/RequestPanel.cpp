#include "RequestPanel.h"

#include "DisplayFormat.h"
#include "HeadersModel.h"
#include "LatestJobRunner.h"
#include "ResponseBodyPreview.h"
#include "TextSanitizer.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// Bodies up to this size are formatted at once, on the GUI thread: it takes well under a millisecond.
constexpr qsizetype SynchronousFormatLimit = 64 * 1024;
// "Show all" appends this many characters per event-loop turn, so the window keeps answering meanwhile.
constexpr qsizetype SliceChars = 128 * 1024;

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(new QLabel(title, box));
    layout->addWidget(content, 1);
    return box;
}

QPlainTextEdit *monospaceEdit(QWidget *parent, bool readOnly)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setFont(DisplayFormat::monospaceFont());
    edit->setReadOnly(readOnly);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setTabChangesFocus(!readOnly);
    return edit;
}

QString statusColor(int status)
{
    if (status >= 200 && status < 300)
        return QStringLiteral("#146c43");
    if (status >= 300 && status < 400)
        return QStringLiteral("#0a58ca");
    return QStringLiteral("#b02a37");
}

} // namespace

RequestPanel::RequestPanel(HttpClient *http, QWidget *parent)
    : QWidget(parent)
    , m_request(new ApiRequest(http, this))
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_busyIndicator(new QProgressBar(this))
    , m_requestError(new QLabel(this))
    , m_headers(monospaceEdit(this, false))
    , m_body(monospaceEdit(this, false))
    , m_attachToken(new QCheckBox(tr("Attach token"), this))
    , m_status(new QLabel(this))
    , m_challenge(new QLabel(this))
    , m_headersModel(new HeadersModel(this))
    , m_headersView(new QTableView(this))
    , m_responseBody(monospaceEdit(this, true))
    , m_bodyNote(new QLabel(this))
    , m_showAll(new QPushButton(tr("Show all"), this))
    , m_copyBody(new QPushButton(tr("Copy body"), this))
    , m_saveBody(new QPushButton(tr("Save body…"), this))
    , m_bodyActionResult(new QLabel(this))
    , m_formatter(new LatestJobRunner(this))
    , m_sliceTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("requestPanel"));
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_url->setObjectName(QStringLiteral("requestUrlEdit"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_busyIndicator->setObjectName(QStringLiteral("requestBusyIndicator"));
    m_requestError->setObjectName(QStringLiteral("requestErrorLabel"));
    m_headers->setObjectName(QStringLiteral("requestHeadersEdit"));
    m_body->setObjectName(QStringLiteral("requestBodyEdit"));
    m_attachToken->setObjectName(QStringLiteral("attachTokenCheck"));
    m_status->setObjectName(QStringLiteral("responseStatusLabel"));
    m_challenge->setObjectName(QStringLiteral("challengeLabel"));
    m_headersView->setObjectName(QStringLiteral("responseHeadersView"));
    m_responseBody->setObjectName(QStringLiteral("responseBodyView"));
    m_responseBody->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_bodyNote->setObjectName(QStringLiteral("responseBodyNoteLabel"));
    m_showAll->setObjectName(QStringLiteral("showWholeBodyButton"));
    m_copyBody->setObjectName(QStringLiteral("copyBodyButton"));
    m_saveBody->setObjectName(QStringLiteral("saveBodyButton"));
    m_bodyActionResult->setObjectName(QStringLiteral("bodyActionResultLabel"));

    m_method->addItems({ QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                         QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                         QStringLiteral("OPTIONS") });
    m_url->setPlaceholderText(tr("https://api.example.com/resource"));
    m_url->setClearButtonEnabled(true);
    m_send->setToolTip(tr("Send the request (Enter in the URL field)"));
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setMaximumWidth(80);
    m_busyIndicator->setMaximumHeight(12);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->hide();
    m_requestError->setWordWrap(true);
    m_requestError->setTextFormat(Qt::PlainText);
    m_requestError->setStyleSheet(QStringLiteral("color: #b02a37;"));
    m_requestError->hide();
    m_headers->setPlaceholderText(tr("Accept: application/json\n(one \"Name: value\" per line)"));
    m_body->setPlaceholderText(tr("Request body, sent as typed"));
    m_attachToken->setEnabled(false);
    m_attachToken->setToolTip(tr("Get a token first"));

    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("<i>No response yet.</i>"));
    m_challenge->setTextFormat(Qt::RichText);
    m_challenge->setWordWrap(true);
    m_challenge->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #664d03; border: 1px solid "
                       "#ffda6a; border-radius: 4px; padding: 6px; }"));
    m_challenge->hide();
    m_headersView->setModel(m_headersModel);
    m_headersView->verticalHeader()->hide();
    m_headersView->verticalHeader()->setDefaultSectionSize(m_headersView->fontMetrics().height() + 8);
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->horizontalHeader()->setSectionResizeMode(HeadersModel::NameColumn,
                                                            QHeaderView::ResizeToContents);
    m_headersView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headersView->setWordWrap(false);
    m_headersView->setAlternatingRowColors(true);
    m_bodyNote->setWordWrap(true);
    m_bodyNote->setStyleSheet(QStringLiteral("color: #8a5300;"));
    m_bodyNote->hide();
    // No undo history for a read-only view: for a 50 MB body it would hold a second copy.
    m_responseBody->setUndoRedoEnabled(false);
    m_showAll->setToolTip(tr("Load the whole formatted body into the view"));
    m_showAll->hide();
    m_copyBody->setToolTip(tr("Copy the whole body, as received, to the clipboard"));
    m_copyBody->setEnabled(false);
    m_saveBody->setToolTip(tr("Save the whole body, byte for byte, to a file"));
    m_saveBody->setEnabled(false);
    m_bodyActionResult->setTextFormat(Qt::PlainText);
    m_sliceTimer->setInterval(0);

    auto *requestLine = new QHBoxLayout;
    requestLine->addWidget(m_method);
    requestLine->addWidget(m_url, 1);
    requestLine->addWidget(m_busyIndicator);
    requestLine->addWidget(m_send);

    auto *requestEditors = new QSplitter(Qt::Horizontal, this);
    requestEditors->addWidget(titled(tr("Headers"), m_headers, this));
    requestEditors->addWidget(titled(tr("Body"), m_body, this));
    requestEditors->setChildrenCollapsible(false);

    auto *requestBox = new QWidget(this);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(requestEditors, 1);
    requestLayout->addWidget(m_attachToken);

    auto *responseParts = new QSplitter(Qt::Horizontal, this);
    responseParts->addWidget(titled(tr("Response headers"), m_headersView, this));
    auto *bodyBox = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(bodyBox);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(2);
    auto *bodyTitle = new QHBoxLayout;
    bodyTitle->addWidget(new QLabel(tr("Response body"), bodyBox));
    bodyTitle->addWidget(m_bodyActionResult, 1);
    bodyTitle->addWidget(m_showAll);
    bodyTitle->addWidget(m_copyBody);
    bodyTitle->addWidget(m_saveBody);
    bodyLayout->addLayout(bodyTitle);
    bodyLayout->addWidget(m_bodyNote);
    bodyLayout->addWidget(m_responseBody, 1);
    responseParts->addWidget(bodyBox);
    responseParts->setStretchFactor(0, 2);
    responseParts->setStretchFactor(1, 3);
    responseParts->setChildrenCollapsible(false);

    auto *responseBox = new QWidget(this);
    auto *responseLayout = new QVBoxLayout(responseBox);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->addWidget(m_status);
    responseLayout->addWidget(m_challenge);
    responseLayout->addWidget(responseParts, 1);

    auto *parts = new QSplitter(Qt::Vertical, this);
    parts->addWidget(requestBox);
    parts->addWidget(responseBox);
    parts->setStretchFactor(0, 2);
    parts->setStretchFactor(1, 3);
    parts->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(requestLine);
    layout->addWidget(m_requestError);
    layout->addWidget(parts, 1);

    connect(m_send, &QPushButton::clicked, this, &RequestPanel::send);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestPanel::send);
    connect(m_url, &QLineEdit::textChanged, this, &RequestPanel::revalidate);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &RequestPanel::revalidate);
    connect(m_request, &ApiRequest::finished, this, &RequestPanel::showResponse);
    connect(m_showAll, &QPushButton::clicked, this, &RequestPanel::showWholeBody);
    connect(m_copyBody, &QPushButton::clicked, this, &RequestPanel::copyBody);
    connect(m_saveBody, &QPushButton::clicked, this, &RequestPanel::saveBody);
    connect(m_sliceTimer, &QTimer::timeout, this, &RequestPanel::appendNextSlice);
    revalidate();
}

void RequestPanel::setAccessToken(const QString &token, const QString &source)
{
    const bool hadToken = !m_token.isEmpty();
    m_token = token;
    m_attachToken->setEnabled(!token.isEmpty());
    if (token.isEmpty()) {
        m_attachToken->setChecked(false);
        m_attachToken->setText(tr("Attach token"));
        m_attachToken->setToolTip(tr("Get a token first"));
        return;
    }
    m_attachToken->setText(tr("Attach token from “%1” (Authorization: Bearer …)").arg(source));
    m_attachToken->setToolTip(
        tr("Sends the current access token in the Authorization header (RFC 6750 §2.1)"));
    if (!hadToken)
        m_attachToken->setChecked(true);
}

void RequestPanel::setTransportOptions(const TransportOptions &options)
{
    m_transport = options;
}

bool RequestPanel::buildSpec(ApiRequestSpec *spec, QString *error) const
{
    const QString urlText = m_url->text().trimmed();
    const QUrl url(urlText, QUrl::StrictMode);
    if (urlText.isEmpty()) {
        error->clear();
        return false;
    }
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        *error = tr("Enter an absolute http:// or https:// URL.");
        return false;
    }
    spec->method = m_method->currentText().toLatin1();
    spec->url = url;
    spec->headers.clear();
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        HttpHeader header;
        QString lineError;
        if (!ApiRequest::parseHeaderLine(lines.at(i), &header, &lineError)) {
            *error = tr("Header line %1: %2").arg(i + 1).arg(lineError);
            return false;
        }
        spec->headers.append(header);
    }
    spec->body = m_body->toPlainText().toUtf8();
    spec->bearerToken = m_attachToken->isChecked() ? m_token : QString();
    spec->transport = m_transport;
    spec->transport.maxResponseBytes = qMax(spec->transport.maxResponseBytes, MaxResponseBytes);
    error->clear();
    return true;
}

void RequestPanel::revalidate()
{
    ApiRequestSpec spec;
    QString error;
    const bool valid = buildSpec(&spec, &error);
    m_requestError->setText(error);
    m_requestError->setVisible(!error.isEmpty());
    m_send->setEnabled(valid && !m_busy);
}

void RequestPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_busyIndicator->setVisible(busy);
    revalidate();
}

void RequestPanel::send()
{
    ApiRequestSpec spec;
    QString error;
    if (m_busy || !buildSpec(&spec, &error))
        return;
    setBusy(true);
    m_status->setText(tr("<i>Sending %1 %2…</i>")
                          .arg(QString::fromLatin1(spec.method), spec.url.toDisplayString().toHtmlEscaped()));
    m_request->send(spec);
}

void RequestPanel::showResponse(const ApiResponse &response)
{
    setBusy(false);
    QString status;
    if (response.httpStatus == 0) {
        status = tr("<b style=\"color:#b02a37\">Request failed:</b> %1")
                     .arg(TextSanitizer::sanitize(response.message).toHtmlEscaped());
    } else {
        const QString reason = TextSanitizer::fromServer(response.reason, false, 200).toHtmlEscaped();
        status = tr("<b style=\"color:%1\">HTTP %2 %3</b> &nbsp;·&nbsp; %4 ms &nbsp;·&nbsp; %5")
                     .arg(statusColor(response.httpStatus))
                     .arg(response.httpStatus)
                     .arg(reason)
                     .arg(response.durationMs)
                     .arg(DisplayFormat::byteSize(response.body.size()));
    }
    if (response.insecure)
        status
            += QStringLiteral(" &nbsp;<span style=\"background:#b02a37; color:white\">&nbsp;%1&nbsp;</span>")
                   .arg(tr("INSECURE"));
    m_status->setText(status);

    if (response.challenge.present) {
        QString text
            = tr("<b>WWW-Authenticate: Bearer</b> — %1")
                  .arg(TextSanitizer::sanitize(response.challenge.summary(), false, 2000).toHtmlEscaped());
        const QString explanation = response.challenge.explanation();
        if (!explanation.isEmpty())
            text += QStringLiteral("<br>") + explanation.toHtmlEscaped();
        m_challenge->setText(text);
        m_challenge->show();
    } else {
        m_challenge->hide();
    }

    m_headersModel->setHeaders(response.headers);
    m_rawBody = response.body;
    m_contentType = headerValue(response.headers, QByteArrayLiteral("content-type"));
    m_bodyCutAtLimit = response.truncated;
    showBody();
}

void RequestPanel::showBody()
{
    // A newer response supersedes whatever is still being formatted or appended for the previous one.
    m_formatter->cancel();
    m_sliceTimer->stop();
    m_wholeText.clear();
    m_formatNote.clear();
    m_progressNote.clear();
    m_showAll->hide();
    m_showAll->setEnabled(true);
    m_copyBody->setEnabled(!m_rawBody.isEmpty());
    m_saveBody->setEnabled(!m_rawBody.isEmpty());
    setBodyActionResult(QString(), false);
    if (m_rawBody.size() <= SynchronousFormatLimit) {
        showPreview(ResponseBodyPreview::format(m_rawBody, m_contentType, ResponseBodyPreview::PreviewChars));
        return;
    }
    m_responseBody->clear();
    m_progressNote = tr("Formatting %1…").arg(DisplayFormat::byteSize(m_rawBody.size()));
    updateBodyNote();
    const QByteArray body = m_rawBody; // shared, not copied: the worker only reads it
    const QByteArray contentType = m_contentType;
    m_formatter->run([this, body, contentType](const LatestJobRunner::Cancelled &cancelled) {
        const ResponseBodyPreview::Result preview
            = ResponseBodyPreview::format(body, contentType, ResponseBodyPreview::PreviewChars, cancelled);
        return std::function<void()>([this, preview] { showPreview(preview); });
    });
}

void RequestPanel::showPreview(const ResponseBodyPreview::Result &preview)
{
    m_responseBody->setPlainText(preview.text);
    m_formatNote = preview.note;
    m_progressNote.clear();
    if (!preview.complete)
        m_progressNote = tr("Showing the first %L1 lines of the %2 body. “Show all” loads the rest; “Save "
                            "body…” and “Copy body” keep every byte.")
                             .arg(preview.text.count(QLatin1Char('\n')))
                             .arg(DisplayFormat::byteSize(m_rawBody.size()));
    m_showAll->setVisible(!preview.complete);
    updateBodyNote();
}

void RequestPanel::showWholeBody()
{
    if (m_rawBody.isEmpty() || m_formatter->isBusy() || m_sliceTimer->isActive())
        return;
    m_showAll->setEnabled(false);
    m_progressNote = tr("Formatting the whole body (%1)…").arg(DisplayFormat::byteSize(m_rawBody.size()));
    updateBodyNote();
    const QByteArray body = m_rawBody;
    const QByteArray contentType = m_contentType;
    m_formatter->run([this, body, contentType](const LatestJobRunner::Cancelled &cancelled) {
        const ResponseBodyPreview::Result whole
            = ResponseBodyPreview::format(body, contentType, -1, cancelled);
        return std::function<void()>([this, whole] {
            m_responseBody->clear();
            m_formatNote = whole.note;
            m_wholeText = whole.text;
            m_wholeOffset = 0;
            m_sliceTimer->start();
        });
    });
}

void RequestPanel::appendNextSlice()
{
    // Cut slices at a line end so each append is whole lines; insertText keeps the text exactly as given.
    qsizetype end = qMin(m_wholeOffset + SliceChars, m_wholeText.size());
    if (end < m_wholeText.size()) {
        const qsizetype lineEnd = m_wholeText.lastIndexOf(QLatin1Char('\n'), end - 1);
        if (lineEnd > m_wholeOffset)
            end = lineEnd + 1;
    }
    QTextCursor cursor(m_responseBody->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QStringView(m_wholeText).mid(m_wholeOffset, end - m_wholeOffset).toString());
    m_wholeOffset = end;
    if (m_wholeOffset < m_wholeText.size()) {
        m_progressNote = tr("Loading the whole body: %1%…").arg(m_wholeOffset * 100 / m_wholeText.size());
    } else {
        m_sliceTimer->stop();
        m_wholeText.clear();
        m_progressNote.clear();
        m_showAll->hide();
        m_showAll->setEnabled(true);
    }
    updateBodyNote();
}

void RequestPanel::updateBodyNote()
{
    QStringList notes;
    if (m_bodyCutAtLimit)
        notes.append(
            tr("The body was cut at the size limit (%1).").arg(DisplayFormat::byteSize(m_rawBody.size())));
    if (!m_formatNote.isEmpty())
        notes.append(m_formatNote);
    if (!m_progressNote.isEmpty())
        notes.append(m_progressNote);
    m_bodyNote->setText(notes.join(QLatin1Char(' ')));
    m_bodyNote->setVisible(!notes.isEmpty());
}

void RequestPanel::setBodyActionResult(const QString &text, bool error)
{
    m_bodyActionResult->setText(text);
    m_bodyActionResult->setStyleSheet(error ? QStringLiteral("color: #b02a37;") : QString());
}

void RequestPanel::copyBody()
{
    if (m_rawBody.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(m_rawBody));
    setBodyActionResult(tr("Copied %1.").arg(DisplayFormat::byteSize(m_rawBody.size())), false);
}

void RequestPanel::saveBody()
{
    if (m_rawBody.isEmpty())
        return;
    const bool json = m_contentType.toLower().contains("json");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save response body"),
        QDir::home().filePath(json ? QStringLiteral("response.json") : QStringLiteral("response.txt")),
        tr("All files (*)"));
    if (!path.isEmpty())
        saveBodyTo(path);
}

bool RequestPanel::saveBodyTo(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_rawBody) != m_rawBody.size() || !file.commit()) {
        setBodyActionResult(
            tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    setBodyActionResult(
        tr("Saved %1 to %2.").arg(DisplayFormat::byteSize(m_rawBody.size()), QDir::toNativeSeparators(path)),
        false);
    return true;
}
