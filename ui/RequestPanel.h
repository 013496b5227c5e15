#pragma once

#include "ApiRequest.h"
#include "TransportOptions.h"

#include <QWidget>

class HeadersModel;
class HttpClient;
class LatestJobRunner;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
namespace ResponseBodyPreview {
struct Result;
}

// The "Request" tab: sends any HTTP request, optionally with the current access token, and shows the
// response: status, timing, headers, the body (JSON indented) and the decoded Bearer challenge.
// Large bodies never block the window: they are formatted on a worker thread, shown as a preview of their
// first lines, loaded whole in slices on demand ("Show all"), and saved or copied byte for byte.
class RequestPanel final : public QWidget
{
    Q_OBJECT
public:
    // API responses may be large (a whole collection); the 1 MB cap of token endpoints would refuse them.
    static constexpr qint64 MaxResponseBytes = 100 * 1024 * 1024;

    explicit RequestPanel(HttpClient *http, QWidget *parent = nullptr);

    // The token "Attach token" sends; empty when there is none.
    void setAccessToken(const QString &token, const QString &source);
    // Timeout and TLS settings, taken from the selected profile.
    void setTransportOptions(const TransportOptions &options);

    void send();

    // The body of the last response, exactly as received.
    QByteArray responseBody() const { return m_rawBody; }
    void showWholeBody();
    void copyBody();
    void saveBody();
    bool saveBodyTo(const QString &path);

private:
    bool buildSpec(ApiRequestSpec *spec, QString *error) const;
    void revalidate();
    void setBusy(bool busy);
    void showResponse(const ApiResponse &response);
    void showBody();
    void showPreview(const ResponseBodyPreview::Result &preview);
    void appendNextSlice();
    void updateBodyNote();
    void setBodyActionResult(const QString &text, bool error);

    ApiRequest *m_request;
    TransportOptions m_transport;
    QString m_token;
    bool m_busy = false;

    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QProgressBar *m_busyIndicator;
    QLabel *m_requestError;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QCheckBox *m_attachToken;
    QLabel *m_status;
    QLabel *m_challenge;
    HeadersModel *m_headersModel;
    QTableView *m_headersView;
    QPlainTextEdit *m_responseBody;
    QLabel *m_bodyNote;
    QPushButton *m_showAll;
    QPushButton *m_copyBody;
    QPushButton *m_saveBody;
    QLabel *m_bodyActionResult;

    LatestJobRunner *m_formatter;
    QTimer *m_sliceTimer; // appends a whole body to the view a slice per event-loop turn
    QByteArray m_rawBody;
    QByteArray m_contentType;
    bool m_bodyCutAtLimit = false; // the transport stopped reading at MaxResponseBytes
    QString m_formatNote; // from ResponseBodyPreview: how the body is shown
    QString m_progressNote; // formatting or loading in progress, or the preview's extent
    QString m_wholeText; // the whole formatted body while it is appended slice by slice
    qsizetype m_wholeOffset = 0;
};
