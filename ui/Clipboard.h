#pragma once

#include <QObject>
#include <QString>

class QTimer;

// Copies text to the system clipboard. Secrets are tagged for clipboard managers and cleared after a delay,
// but only if the clipboard still holds what we put there (as KeePassXC does).
class Clipboard final : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultClearDelayMs = 30 * 1000;

    explicit Clipboard(QObject *parent = nullptr);
    ~Clipboard() override;

    void copyText(const QString &text);
    void copySecret(const QString &secret);

    int clearDelayMs() const { return m_clearDelayMs; }
    void setClearDelayMs(int milliseconds);

Q_SIGNALS:
    void secretCleared();

private:
    void clearSecret();

    QTimer *m_timer;
    QString m_secret;
    int m_clearDelayMs = DefaultClearDelayMs;
};
