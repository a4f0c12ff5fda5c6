#pragma once

#include "worker_endpoint.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QStringList>

#include <cstdint>

namespace sieve::ui {

// What the cluster runs this window started are doing, for the cluster view: the workers of
// each run's current attempt in rank order, and the local clusters (sieve-worker processes on
// loopback) that exist while their runs last. Written by training jobs on their threads, read
// on the GUI thread; changed() is delivered on the thread this object lives in.
class ClusterActivity : public QObject {
    Q_OBJECT

public:
    struct Run {
        std::int64_t runId = 0;
        int attempt = 0;
        QStringList ranks;   // addresses, rank order
    };

    explicit ClusterActivity(QObject *parent = nullptr);

    // Any thread.
    void setAttempt(std::int64_t runId, int attempt, const QStringList &ranks);
    void endRun(std::int64_t runId);
    // KEY: any value unique to the job (its local cluster's token file).
    void addLocalCluster(const QString &key, const QList<cluster::WorkerEndpoint> &workers);
    void removeLocalCluster(const QString &key);

    QList<Run> runs() const;
    QList<cluster::WorkerEndpoint> localWorkers() const;

signals:
    void changed();

private:
    mutable QMutex m_mutex;
    QHash<std::int64_t, Run> m_runs;
    QHash<QString, QList<cluster::WorkerEndpoint>> m_local;
};

} // namespace sieve::ui
