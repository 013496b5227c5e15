#pragma once

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

// Runs slow work (formatting a 50 MB body, redacting a large exchange) on a worker thread and hands the
// result back on this object's thread, keeping only the latest: a new run() supersedes any earlier job, whose
// result is then dropped. Jobs run one at a time, so superseded jobs that have not started never run.
class LatestJobRunner final : public QObject
{
    Q_OBJECT
public:
    // Answers whether the job has been superseded or cancelled; long jobs may check it to stop early.
    using Cancelled = std::function<bool()>;
    // Runs on the worker thread and returns what to do with its result on this object's thread.
    using Job = std::function<std::function<void()>(const Cancelled &cancelled)>;

    explicit LatestJobRunner(QObject *parent = nullptr);
    ~LatestJobRunner() override; // cancels and waits for the running job

    void run(Job job);
    void cancel();
    bool isBusy() const { return m_busy; }

private:
    QThreadPool m_pool;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    bool m_busy = false;
};
