#pragma once

#include "store/cluster_workers.h"
#include "worker_client.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>

namespace sieve::store {
class Database;
}

namespace sieve::ui {

class ClusterActivity;

// One worker as the cluster view shows it.
struct WorkerStatus {
    enum class State { Checking, Idle, Busy, Unreachable };
    QString address;
    QString name;                    // the project's label for it; empty for a local worker
    std::int64_t workerId = 0;       // its store::ClusterWorker id; 0: a sieve-worker this window
                                     // started on loopback for a run
    State state = State::Checking;
    QString message;                 // Unreachable: why (the token, TLS, no answer, …)
    cluster::WorkerInfo info;        // valid once it has answered (hasInfo)
    bool hasInfo = false;
    qint64 answeredAtMs = 0;         // when it last answered (ms since the epoch); 0: never
    // The cluster run it works for in this window, its rank there, and that rank's last
    // images/s (cluster/rank/<r>/images_per_second); NaN before the first.
    std::int64_t runId = 0;
    int rank = -1;
    double imagesPerSecond = std::numeric_limits<double>::quiet_NaN();
};

// Keeps the status of the project's workers and of this window's local workers: every
// INTERVAL each one's Info is asked on a pool thread (all at once, each bounded by a short
// deadline, so an unreachable worker costs one deadline, not a frozen window), and the
// running cluster runs' per-rank images/s are read from run_metrics on DB's thread. GUI thread.
class ClusterMonitor : public QObject {
    Q_OBJECT

public:
    ClusterMonitor(store::Database &db, ClusterActivity *activity, QObject *parent = nullptr);
    ~ClusterMonitor() override;

    // Polls every INTERVAL while started; the first poll at once.
    void start(std::chrono::milliseconds interval = std::chrono::seconds(2));
    void stop();
    // Reads the project's worker list again and polls now.
    void refresh();

    const QList<WorkerStatus> &workers() const { return m_workers; }
    const QList<store::ClusterWorker> &registered() const { return m_registered; }
    QString listError() const { return m_listError; }

signals:
    // The list or a status changed.
    void updated();

private:
    struct Target {
        store::ClusterWorker worker;      // a project worker (id != 0)
        cluster::WorkerEndpoint endpoint; // a local worker
    };
    struct Answer {
        QString address;
        Result<cluster::WorkerInfo> info = fail(QString());
    };
    struct Clients;

    void poll();
    void rebuild();
    void merge(const QList<Answer> &answers);
    void readThroughput();

    store::Database &m_db;
    ClusterActivity *m_activity;
    QTimer m_timer;
    QList<store::ClusterWorker> m_registered;
    QString m_listError;
    QList<WorkerStatus> m_workers;
    QFutureWatcher<QList<Answer>> m_watcher;
    bool m_pollAgain = false;
    std::shared_ptr<Clients> m_clients;
    // (run, tag) → last step read, so that each poll reads only new points.
    QHash<QString, std::int64_t> m_lastStep;
    QHash<QString, double> m_lastValue;
};

QString workerStateName(WorkerStatus::State state);

} // namespace sieve::ui
