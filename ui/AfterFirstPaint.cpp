#include "AfterFirstPaint.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <algorithm>

AfterFirstPaint::AfterFirstPaint(QObject *parent)
    : QObject(parent)
{
}

AfterFirstPaint *AfterFirstPaint::instance()
{
    static QPointer<AfterFirstPaint> single;
    if (!single)
        single = new AfterFirstPaint(qApp);
    return single;
}

void AfterFirstPaint::call(QWidget *window, QObject *context, std::function<void()> function, int fallbackMs)
{
    if (!window || !context || !function || !qApp)
        return;
    AfterFirstPaint *self = instance();
    if (self->m_pending.isEmpty())
        qApp->installEventFilter(self); // children paint too: the application sees whichever paints first
    Pending pending;
    pending.id = self->m_nextId++;
    pending.window = window;
    pending.context = context;
    pending.function = std::move(function);
    self->m_pending.append(std::move(pending));
    if (fallbackMs >= 0) {
        const quint64 id = self->m_nextId - 1;
        QTimer::singleShot(fallbackMs, self, [self, id] { self->runNow(id); });
    }
}

bool AfterFirstPaint::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Paint || !watched->isWidgetType())
        return QObject::eventFilter(watched, event);
    const QWidget *window = static_cast<QWidget *>(watched)->window();
    bool any = false;
    for (Pending &pending : m_pending) {
        if (!pending.painted && pending.window == window) {
            pending.painted = true;
            any = true;
        }
    }
    // The paint event arrives in the middle of painting the window: run once the whole window has been
    // painted and flushed, i.e. when control is back in the event loop.
    if (any && !m_runScheduled) {
        m_runScheduled = true;
        QMetaObject::invokeMethod(this, &AfterFirstPaint::runPainted, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void AfterFirstPaint::runPainted()
{
    m_runScheduled = false;
    while (true) {
        const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                     [](const Pending &pending) { return pending.painted; });
        if (it == m_pending.end())
            break;
        Pending pending = std::move(*it);
        m_pending.erase(it);
        run(std::move(pending));
    }
}

void AfterFirstPaint::runNow(quint64 id)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                 [id](const Pending &pending) { return pending.id == id; });
    if (it == m_pending.end())
        return; // ran after the paint already
    Pending pending = std::move(*it);
    m_pending.erase(it);
    run(std::move(pending));
}

void AfterFirstPaint::run(Pending pending)
{
    if (m_pending.isEmpty())
        qApp->removeEventFilter(this);
    if (pending.context)
        pending.function();
}
