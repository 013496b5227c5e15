#include "Clipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QTimer>

Clipboard::Clipboard(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &Clipboard::clearSecret);
}

Clipboard::~Clipboard()
{
    if (m_timer->isActive())
        clearSecret();
}

void Clipboard::copyText(const QString &text)
{
    m_timer->stop();
    m_secret.clear();
    QGuiApplication::clipboard()->setText(text);
}

void Clipboard::copySecret(const QString &secret)
{
    auto *mime = new QMimeData;
    mime->setText(secret);
    // Asks KDE's Klipper and similar managers not to keep the value in their history.
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime);
    m_secret = secret;
    m_timer->start(m_clearDelayMs);
}

void Clipboard::setClearDelayMs(int milliseconds)
{
    m_clearDelayMs = milliseconds;
}

void Clipboard::clearSecret()
{
    m_timer->stop();
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (!m_secret.isEmpty() && clipboard->text() == m_secret)
        clipboard->clear();
    m_secret.clear();
    Q_EMIT secretCleared();
}
