#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

// A reply handed out before its request is sent: it stands in while an ExchangeGate holds the request (code
// we do not control, such as QOAuth2AuthorizationCodeFlow, expects a reply at once), then mirrors the real
// reply (status, headers, body, error) once the request has gone out and come back, or fails if refused.
class GatedNetworkReply final : public QNetworkReply
{
    Q_OBJECT
public:
    GatedNetworkReply(const QNetworkRequest &request, QNetworkAccessManager::Operation operation,
                      QObject *parent = nullptr);
    ~GatedNetworkReply() override;

    // The request went out: mirror `real` (this takes ownership).
    void attach(QNetworkReply *real);
    // The request will never go out: finish with OperationCanceledError and `reason`.
    void refuse(const QString &reason);
    bool wasSent() const { return m_sent; }

    void abort() override;
    void ignoreSslErrors() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void mirror(QNetworkReply *real);
    void complete(NetworkError error, const QString &errorString);

    QPointer<QNetworkReply> m_real;
    QByteArray m_body;
    qint64 m_position = 0;
    bool m_sent = false;
    bool m_complete = false;
};
