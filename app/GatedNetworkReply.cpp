#include "GatedNetworkReply.h"

#include <QTimer>

GatedNetworkReply::GatedNetworkReply(const QNetworkRequest &request,
                                     QNetworkAccessManager::Operation operation, QObject *parent)
    : QNetworkReply(parent)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    open(QIODevice::ReadOnly);
}

void GatedNetworkReply::attach(QNetworkReply *real)
{
    if (m_complete || !real)
        return;
    m_sent = true;
    m_real = real;
    // The real reply stays the manager's child: its destructor deletes every QNetworkReply below it, so a
    // reply owned by this one would be deleted twice.
    connect(real, &QNetworkReply::uploadProgress, this, &QNetworkReply::uploadProgress);
    connect(real, &QNetworkReply::downloadProgress, this, &QNetworkReply::downloadProgress);
    connect(real, &QNetworkReply::sslErrors, this, &QNetworkReply::sslErrors);
    connect(real, &QNetworkReply::finished, this, [this, real] { mirror(real); });
}

GatedNetworkReply::~GatedNetworkReply()
{
    if (m_real) {
        m_real->disconnect(this);
        if (m_real->isRunning())
            m_real->abort();
        m_real->deleteLater();
    }
}

void GatedNetworkReply::refuse(const QString &reason)
{
    if (m_sent || m_complete)
        return;
    // Asynchronous like a real failure: callers connect to finished() after they get the reply.
    QTimer::singleShot(0, this, [this, reason] { complete(OperationCanceledError, reason); });
}

void GatedNetworkReply::abort()
{
    if (m_real)
        m_real->abort(); // finishes the real reply, which this one then mirrors
    else if (!m_complete)
        complete(OperationCanceledError, tr("Operation canceled"));
}

void GatedNetworkReply::ignoreSslErrors()
{
    if (m_real)
        m_real->ignoreSslErrors();
}

qint64 GatedNetworkReply::bytesAvailable() const
{
    return m_body.size() - m_position + QNetworkReply::bytesAvailable();
}

qint64 GatedNetworkReply::readData(char *data, qint64 maxSize)
{
    const qint64 count = qMin(maxSize, qint64(m_body.size()) - m_position);
    if (count <= 0)
        return m_complete ? -1 : 0;
    memcpy(data, m_body.constData() + m_position, size_t(count));
    m_position += count;
    return count;
}

void GatedNetworkReply::mirror(QNetworkReply *real)
{
    for (const QNetworkRequest::Attribute attribute :
         { QNetworkRequest::HttpStatusCodeAttribute, QNetworkRequest::HttpReasonPhraseAttribute,
           QNetworkRequest::RedirectionTargetAttribute }) {
        const QVariant value = real->attribute(attribute);
        if (value.isValid())
            setAttribute(attribute, value);
    }
    const QList<QNetworkReply::RawHeaderPair> headers = real->rawHeaderPairs();
    for (const QNetworkReply::RawHeaderPair &header : headers)
        setRawHeader(header.first, header.second);
    m_body = real->readAll();
    real->disconnect(this);
    real->deleteLater();
    complete(real->error(), real->errorString());
}

void GatedNetworkReply::complete(NetworkError error, const QString &errorString)
{
    if (m_complete)
        return;
    m_complete = true;
    if (error != NoError)
        setError(error, errorString);
    setFinished(true);
    Q_EMIT metaDataChanged();
    if (!m_body.isEmpty())
        Q_EMIT readyRead();
    if (error != NoError)
        Q_EMIT errorOccurred(error);
    Q_EMIT finished();
}
