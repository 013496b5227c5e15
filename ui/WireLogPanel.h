#pragma once

#include "MessageBar.h"

#include <QWidget>

class Clipboard;
class LatestJobRunner;
class QCheckBox;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class WireLog;
struct HttpExchange;

// Every HTTP exchange of the session: a table over the WireLog, the raw request and response of the selected
// row (redacted unless "Reveal secrets" is on), and copy-as-curl, HAR export and clear.
// Stays responsive with thousands of rows and 50 MB bodies: rows arriving in a burst are followed once per
// event-loop turn, and the detail of a large exchange is redacted and rendered on a worker thread.
class WireLogPanel final : public QWidget
{
    Q_OBJECT
public:
    WireLogPanel(WireLog *log, Clipboard *clipboard, QWidget *parent = nullptr);

    QAction *exportHarAction() const { return m_exportHarAction; }

    void exportHar();
    bool exportHarTo(const QString &path);
    void copyAsCurl();
    void clear();
    // Selects and shows the exchange with this id; false when the log no longer has it.
    bool selectExchange(int id);

Q_SIGNALS:
    void message(const QString &text, MessageBar::Type type);

private:
    const HttpExchange *selectedExchange() const;
    HttpExchange shown(const HttpExchange &exchange) const; // redacted unless revealed
    void showSelected();
    void showColumnMenu(const QPoint &position);
    void exchangeAdded(const QModelIndex &parent, int first);
    void followNewest();
    void setRevealed(bool revealed);
    void updateActions();

    WireLog *m_log;
    Clipboard *m_clipboard;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QCheckBox *m_reveal;
    QPushButton *m_copyCurl;
    QPushButton *m_exportHar;
    QPushButton *m_clear;
    QAction *m_exportHarAction;
    LatestJobRunner *m_detailRenderer;
    bool m_followScheduled = false;
    bool m_follow = false;
};
