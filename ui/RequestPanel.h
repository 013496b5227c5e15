#pragma once

#include "ApiRequest.h"
#include "TransportOptions.h"

#include <QWidget>

class HeadersModel;
class HttpClient;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

// The "Request" tab: sends any HTTP request, optionally with the current access token, and shows the
// response: status, timing, headers, the body (JSON indented) and the decoded Bearer challenge.
class RequestPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit RequestPanel(HttpClient *http, QWidget *parent = nullptr);

    // The token "Attach token" sends; empty when there is none.
    void setAccessToken(const QString &token, const QString &source);
    // Timeout and TLS settings, taken from the selected profile.
    void setTransportOptions(const TransportOptions &options);

    void send();

private:
    bool buildSpec(ApiRequestSpec *spec, QString *error) const;
    void revalidate();
    void setBusy(bool busy);
    void showResponse(const ApiResponse &response);

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
};
