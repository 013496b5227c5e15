#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QObject>

// The GUI's access to client secrets: the injected SecretStore (normally the keychain), plus a session-only
// memory for secrets the store could not keep (no keychain service running), so "Get token" still works
// until the application quits. A store that does not answer within timeoutMs() counts as unavailable. The
// keychain store gives up on a hung secret service by itself after 10 s, with its own message; this longer
// deadline is the backstop for any store that never answers, so the default stays above those 10 s.
class SecretVault final : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 15 * 1000;

    explicit SecretVault(SecretStore *store, QObject *parent = nullptr);

    // E.g. "system keychain", or "system keychain (unavailable: secrets kept for this session only)".
    QString backendName() const;
    bool storeUnavailable() const { return m_unavailable; }

    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }

    // Answers from session memory first, then from the store, then (when the store has none or is
    // unavailable) from the fallback. Always asynchronous, exactly once.
    void read(const QString &key, SecretStore::Callback done);

    // Secrets known in-process that the store may not hold, e.g. the running sandbox's demo client secret on
    // a machine without a keychain service. Returns an empty string for keys it does not know.
    using Fallback = std::function<QString(const QString &key)>;
    void setFallback(Fallback fallback) { m_fallback = std::move(fallback); }

    // storeReply is the store's own answer; keptForSession is true when the value lives in session memory
    // only (store unavailable, failing or silent).
    using WriteCallback = std::function<void(const SecretReply &storeReply, bool keptForSession)>;
    void write(const QString &key, const QString &value, WriteCallback done);

    // Forgets the secret in both places. NotFound and Unavailable answers count as success.
    void remove(const QString &key, SecretStore::Callback done);

Q_SIGNALS:
    void storeAvailabilityChanged(bool unavailable);

private:
    // Calls the store through `operation`; `done` gets its answer, or Unavailable after timeoutMs().
    void guarded(const std::function<void(SecretStore::Callback)> &operation, SecretStore::Callback done);
    void noteReply(const SecretReply &reply);

    SecretStore *m_store;
    QHash<QString, QString> m_session;
    Fallback m_fallback;
    bool m_unavailable = false;
    int m_timeoutMs = DefaultTimeoutMs;
};
