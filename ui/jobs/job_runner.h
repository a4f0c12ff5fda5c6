#pragma once

#include "base/result.h"
#include "jobs/job_context.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace sieve::store {
class Database;
}

namespace sieve::ui {

// The outcome of a job for people: a one-line summary and, when some items had problems, a
// report to show on demand.
struct JobOutcome {
    QString summary;
    QString report;
    bool cancelled = false;
};

// Runs one job off the GUI thread on the shared "sieve-jobs" pool with a database connection of
// its own, forwarding progress to the GUI thread. Destroying a runner cancels its job and waits
// for it, so no callback outlives it. GUI thread only.
class JobRunner : public QObject {
    Q_OBJECT

public:
    using Work = std::function<Result<JobOutcome>(store::Database &db, jobs::JobContext &context)>;

    JobRunner(QString title, QString databasePath, Work work, QObject *parent = nullptr);
    ~JobRunner() override;

    const QString &title() const { return m_title; }
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    jobs::JobProgress progress() const { return m_context->progress(); }

signals:
    void progressChanged(const sieve::jobs::JobProgress &progress);
    // ok=false: ERROR holds the failure; otherwise OUTCOME describes what was done.
    void finished(bool ok, const sieve::ui::JobOutcome &outcome, const QString &error);

private:
    QString m_title;
    QString m_databasePath;
    Work m_work;
    std::unique_ptr<jobs::JobContext> m_context;
    QFutureWatcher<Result<JobOutcome>> m_watcher;
    bool m_running = false;
};

} // namespace sieve::ui
