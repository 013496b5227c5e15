#pragma once

#include "HttpExchange.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

// Holds outgoing HTTP requests until someone lets them go: the step-through teaching mode pauses the real
// engine before every exchange this way. HttpClient and RecordingNetworkAccessManager consult a gate when one
// is set; without a gate they send at once, exactly as before.
class ExchangeGate final : public QObject
{
    Q_OBJECT
public:
    // What is about to go out, raw (unredacted): readers redact with Redaction::redacted(request()).
    struct HeldRequest
    {
        int ticket = 0; // increasing from 1, identifies the request while it waits
        HttpExchange request; // purpose, method, url, headers, body and secrets; no response yet
    };

    using Proceed = std::function<void()>;
    using Abort = std::function<void(const QString &reason)>;

    explicit ExchangeGate(QObject *parent = nullptr);
    ~ExchangeGate() override;

    // Called by the senders. The request waits until release() (proceed runs) or refuse() (abort runs);
    // neither runs once `owner` is gone. Returns the ticket.
    int hold(const HttpExchange &request, QObject *owner, Proceed proceed, Abort abort);

    bool hasHeld() const { return !m_held.isEmpty(); }
    // The oldest waiting request; ticket 0 when none waits.
    HeldRequest front() const;
    QList<HeldRequest> held() const;

    // Lets the oldest request go. Returns false when nothing waits.
    bool release();
    // Aborts the oldest request with `reason` (the sender reports it as its failure).
    bool refuse(const QString &reason);
    // Aborts everything waiting (Restart, Cancel).
    void refuseAll(const QString &reason);

Q_SIGNALS:
    // A request is waiting. Emitted from hold(): connect queued when the sender's own signals must come
    // first.
    void requestHeld(const ExchangeGate::HeldRequest &request);

private:
    struct Entry
    {
        HeldRequest held;
        QPointer<QObject> owner;
        Proceed proceed;
        Abort abort;
    };
    bool takeFront(Entry *entry);

    QList<Entry> m_held;
    int m_nextTicket = 1;
};

Q_DECLARE_METATYPE(ExchangeGate::HeldRequest)
