#include "ExchangeGate.h"

ExchangeGate::ExchangeGate(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ExchangeGate::HeldRequest>();
}

ExchangeGate::~ExchangeGate()
{
    // Senders must not wait forever on a gate that is gone.
    refuseAll(tr("The step-through session ended before this request was sent."));
}

int ExchangeGate::hold(const HttpExchange &request, QObject *owner, Proceed proceed, Abort abort)
{
    Entry entry;
    entry.held.ticket = m_nextTicket++;
    entry.held.request = request;
    entry.owner = owner;
    entry.proceed = std::move(proceed);
    entry.abort = std::move(abort);
    m_held.append(entry);
    const HeldRequest shown = entry.held;
    Q_EMIT requestHeld(shown);
    return shown.ticket;
}

ExchangeGate::HeldRequest ExchangeGate::front() const
{
    return m_held.isEmpty() ? HeldRequest() : m_held.first().held;
}

QList<ExchangeGate::HeldRequest> ExchangeGate::held() const
{
    QList<HeldRequest> requests;
    for (const Entry &entry : m_held)
        requests.append(entry.held);
    return requests;
}

bool ExchangeGate::takeFront(Entry *entry)
{
    // Requests whose sender is gone are dropped silently: nobody waits for them any more.
    while (!m_held.isEmpty()) {
        *entry = m_held.takeFirst();
        if (entry->owner)
            return true;
    }
    return false;
}

bool ExchangeGate::release()
{
    Entry entry;
    if (!takeFront(&entry))
        return false;
    if (entry.proceed)
        entry.proceed();
    return true;
}

bool ExchangeGate::refuse(const QString &reason)
{
    Entry entry;
    if (!takeFront(&entry))
        return false;
    if (entry.abort)
        entry.abort(reason);
    return true;
}

void ExchangeGate::refuseAll(const QString &reason)
{
    while (refuse(reason)) { }
}
