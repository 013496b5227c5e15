#include "LatestJobRunner.h"

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace {

// The worker must not take the CPU from the GUI thread it works for: on two cores, two busy workers would
// otherwise leave the event loop waiting for a time slice. Linux applies nice values per thread.
void lowerWorkerPriority()
{
#ifdef Q_OS_LINUX
    static thread_local bool lowered = false;
    if (!lowered) {
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
        lowered = true;
    }
#endif
}

} // namespace

LatestJobRunner::LatestJobRunner(QObject *parent)
    : QObject(parent)
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    m_pool.setMaxThreadCount(1);
}

LatestJobRunner::~LatestJobRunner()
{
    cancel();
    // The running job posts its result to this object: wait for it before this object goes away.
    m_pool.clear();
    m_pool.waitForDone();
}

void LatestJobRunner::run(Job job)
{
    const quint64 generation = ++*m_generation;
    m_busy = true;
    m_pool.clear(); // superseded jobs that have not started
    const std::shared_ptr<std::atomic<quint64>> current = m_generation;
    m_pool.start([this, job = std::move(job), generation, current] {
        lowerWorkerPriority();
        const Cancelled cancelled = [current, generation] { return current->load() != generation; };
        if (cancelled())
            return;
        std::function<void()> deliver = job(cancelled);
        if (cancelled())
            return;
        QMetaObject::invokeMethod(
            this,
            [this, deliver = std::move(deliver), generation] {
                if (m_generation->load() != generation)
                    return;
                m_busy = false;
                if (deliver)
                    deliver();
            },
            Qt::QueuedConnection);
    });
}

void LatestJobRunner::cancel()
{
    ++*m_generation;
    m_busy = false;
}
