#pragma once

#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>

namespace sieve::jobs {

struct JobProgress {
    QString phase;            // what the job is doing now, for people ("Reading files")
    qint64 done = 0;
    qint64 total = 0;         // 0 when not known yet
    double elapsedSeconds = 0;
    double etaSeconds = -1;   // -1 while it cannot be estimated
};

// Passed to the code doing a job: it polls isCancelled() in its loops and calls report() as
// items finish. The listener is called on the reporting thread, at most about ten times a
// second plus once per phase change and once at 100 %, so it may be cheap work or a queued
// hop to the GUI thread. All members are thread-safe.
class JobContext {
public:
    using Listener = std::function<void(const JobProgress &)>;

    explicit JobContext(Listener listener = {});

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // Starts a new phase; its ETA is measured from now.
    void setPhase(const QString &phase, qint64 total = 0);
    void report(qint64 done, qint64 total);
    JobProgress progress() const;

private:
    void notify(bool force);

    std::atomic<bool> m_cancelled{false};
    Listener m_listener;
    mutable std::mutex m_mutex;   // guards everything below
    JobProgress m_progress;
    QElapsedTimer m_phaseTimer;
    qint64 m_phaseStartDone = 0;
    qint64 m_lastNotifyMs = -1000;
};

} // namespace sieve::jobs
