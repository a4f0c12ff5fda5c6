#include "jobs/job_context.h"

namespace sieve::jobs {

JobContext::JobContext(Listener listener) : m_listener(std::move(listener)) { m_phaseTimer.start(); }

void JobContext::setPhase(const QString &phase, qint64 total)
{
    {
        std::lock_guard lock(m_mutex);
        m_progress.phase = phase;
        m_progress.done = 0;
        m_progress.total = total;
        m_progress.etaSeconds = -1;
        m_phaseStartDone = 0;
        m_phaseTimer.restart();
    }
    notify(true);
}

void JobContext::report(qint64 done, qint64 total)
{
    bool force = false;
    {
        std::lock_guard lock(m_mutex);
        m_progress.done = done;
        m_progress.total = total;
        const double elapsed = double(m_phaseTimer.elapsed()) / 1000.0;
        m_progress.elapsedSeconds = elapsed;
        const qint64 progressed = done - m_phaseStartDone;
        // An estimate from less than half a second or a handful of items is noise.
        if (total > 0 && progressed >= 3 && elapsed > 0.5)
            m_progress.etaSeconds = double(total - done) * elapsed / double(progressed);
        force = total > 0 && done >= total;
    }
    notify(force);
}

JobProgress JobContext::progress() const
{
    std::lock_guard lock(m_mutex);
    return m_progress;
}

void JobContext::notify(bool force)
{
    if (!m_listener)
        return;
    JobProgress snapshot;
    {
        std::lock_guard lock(m_mutex);
        const qint64 now = m_phaseTimer.elapsed();
        if (!force && now - m_lastNotifyMs < 100 && now >= m_lastNotifyMs)
            return;
        m_lastNotifyMs = now;
        snapshot = m_progress;
    }
    m_listener(snapshot);
}

} // namespace sieve::jobs
