#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

// An inline, closable message at the top of a window or panel (like KeePassXC's MessageWidget):
// errors and warnings are shown where the user looks, never as a storm of modal dialogs.
class MessageBar final : public QFrame
{
    Q_OBJECT
public:
    enum class Type { Positive, Information, Warning, Error };
    Q_ENUM(Type)

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, Type type);
    void hideMessage();

    QString text() const;
    Type type() const { return m_type; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Type m_type = Type::Information;
};
