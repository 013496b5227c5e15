#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

// Runs functions once a window has been painted for the first time, so work the user does not need in order
// to see the window (starting the sandbox server, decoding the window icon) does not delay it. They run when
// control is back in the event loop after the first paint, in the order they were registered, each at most
// once, and not at all if their context object is gone by then.
class AfterFirstPaint final : public QObject
{
    Q_OBJECT
public:
    // fallbackMs >= 0: run anyway after that long if the window has not painted (e.g. started minimized).
    static void call(QWidget *window, QObject *context, std::function<void()> function,
                     int fallbackMs = 1000);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Pending
    {
        quint64 id = 0;
        QPointer<QWidget> window;
        QPointer<QObject> context;
        std::function<void()> function;
        bool painted = false;
    };

    explicit AfterFirstPaint(QObject *parent);
    static AfterFirstPaint *instance();
    void runPainted();
    void runNow(quint64 id);
    void run(Pending pending);

    QList<Pending> m_pending;
    quint64 m_nextId = 1;
    bool m_runScheduled = false;
};
