#pragma once

#include "store/runs.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <memory>

namespace sieve::ui {

// The training runs of a project and the metrics of the runs being looked at, kept current by
// polling `runs` and `run_metrics` on a pool thread of its own with a connection of its own:
// every 500 ms while a watched run is running, every 3 s otherwise (a run started by sieve-cli
// shows up), only while active. Each poll reads only what is new — per watched run and tag the
// points past the last step seen — and hands everything it read to the GUI thread at once.
// A run that is taken up again (resume) is read afresh, as it may rewrite steps; so is a
// cluster run that restarted (a new cluster/restart point), and the points its lost attempt
// wrote past the step the restart resumed from are left out until they are written again
// (dropSupersededPoints in run_restarts.h).
//
// GUI thread only. The destructor waits for a read in flight; writes (rename, delete) run on
// the same pool and report through runChanged.
class RunMetricsSource : public QObject {
    Q_OBJECT

public:
    using TagSeries = QHash<QString, store::MetricSeries>;

    explicit RunMetricsSource(QObject *parent = nullptr);
    ~RunMetricsSource() override;

    // The project's database; empty forgets everything.
    void setDatabase(const QString &path);
    QString databasePath() const { return m_databasePath; }
    // Runs whose metrics are read. Others are dropped from memory.
    void setWatched(const QSet<std::int64_t> &runs);
    QSet<std::int64_t> watched() const { return m_watched; }
    // Polls only while active; activating polls at once.
    void setActive(bool active);
    void setIntervals(int runningMs, int idleMs);
    void refresh();

    const QList<store::RunRecord> &runs() const { return m_runs; }
    const store::RunRecord *run(std::int64_t id) const;
    // The metrics read so far of watched run ID; null before its first read.
    const TagSeries *metrics(std::int64_t id) const;
    const store::MetricSeries *series(std::int64_t id, const QString &tag) const;
    // The wall time of watched run ID's first point, any tag (seconds since the epoch): where
    // its relative time starts. NaN before a point is read.
    double startTime(std::int64_t id) const;

    // On the pool, with a connection that writes; runChanged reports the outcome.
    void renameRun(std::int64_t id, const QString &name);
    // Deletes the run's rows and then its folder PROJECTDIRECTORY/runs/<id>.
    void deleteRun(std::int64_t id, const QString &projectDirectory);

signals:
    // The run list was read again (a status, a name, a new run).
    void runsChanged();
    // One poll's new points, for all the runs in RUNS at once.
    void metricsAppended(const QSet<std::int64_t> &runs);
    // A rename or delete finished; ERROR is empty on success.
    void runChanged(std::int64_t id, const QString &error);

private:
    struct WatchedState {
        QString status;                       // at the last read
        QHash<QString, std::int64_t> lastSteps;
        double restarts = 0;                  // the last cluster/restart value read
    };
    struct Request {
        QString databasePath;
        QHash<std::int64_t, WatchedState> watched;
        QSet<std::int64_t> unread;            // watched, never read
    };
    struct Poll {
        QString databasePath;
        QString error;
        QList<store::RunRecord> runs;
        QHash<std::int64_t, TagSeries> appended;
        QSet<std::int64_t> reset;             // read afresh: replace, do not append
    };
    static Poll read(const Request &request);
    void onPolled();
    void schedule();

    QString m_databasePath;
    QSet<std::int64_t> m_watched;
    bool m_active = false;
    bool m_refreshOwed = false;
    int m_runningMs = 500;
    int m_idleMs = 3000;
    QList<store::RunRecord> m_runs;
    QHash<std::int64_t, TagSeries> m_metrics;
    QHash<std::int64_t, double> m_startTimes;   // of the runs in m_metrics that have points
    QHash<std::int64_t, QString> m_readStatus;  // status of each watched run when last read
    QThreadPool m_pool;
    QTimer m_poll;
    QFutureWatcher<std::shared_ptr<Poll>> m_pollWatcher;   // shared: a poll may hold millions of points
    QList<QFutureWatcher<QString> *> m_writes;
};

} // namespace sieve::ui
