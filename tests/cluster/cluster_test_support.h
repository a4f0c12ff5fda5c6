#pragma once

// What the coordinator's end-to-end tests (tst_cluster_training, tst_cluster_best_epoch) share:
// the small CNN's options, local workers and cluster options with short time-outs, reading a
// run's metrics and columns, and acting on the coordinator's thread when an epoch's end arrives.
// Needs SIEVE_WORKER_PATH defined (the build's sieve-worker).

#include "cluster_training.h"
#include "jobs/job_context.h"
#include "local_cluster.h"
#include "store/database.h"
#include "train/trainer.h"

#include <QMap>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace sieve::test {

inline train::TrainOptions smallCnnOptions(int epochs)
{
    train::TrainOptions options;
    options.model = QStringLiteral("smallcnn");
    options.inputSize = 32;
    options.epochs = epochs;
    options.batchSize = 8;
    options.learningRate = 0.05;
    options.seed = 5;
    options.precision = QStringLiteral("fp32");
    return options;
}

// WORKERS sieve-worker processes with a thread each, their caches under CACHEROOT; null (and
// a warning saying why) when they do not start.
inline std::unique_ptr<cluster::LocalCluster> startLocalWorkers(int workers, const QString &cacheRoot)
{
    cluster::LocalCluster::Options options;
    options.executable = QStringLiteral(SIEVE_WORKER_PATH);
    options.workers = workers;
    options.threadsPerWorker = 1;
    options.cacheRoot = cacheRoot;
    auto started = cluster::LocalCluster::start(options);
    if (!started)
        qWarning("%s", qPrintable(started.error()));
    return started ? std::move(*started) : nullptr;
}

// LOCAL's workers, a lost one noticed within seconds, two restarts allowed.
inline cluster::ClusterOptions quickClusterOptions(const cluster::LocalCluster &local)
{
    cluster::ClusterOptions options;
    options.workers = local.endpoints();
    options.collectiveTimeout = std::chrono::seconds(5);
    options.heartbeat = std::chrono::milliseconds(500);
    options.pingDeadline = std::chrono::seconds(2);
    options.maxRestarts = 2;
    return options;
}

inline QMap<std::int64_t, double> series(store::Database &db, std::int64_t run, const QString &tag)
{
    auto query = db.prepare("SELECT step, value FROM run_metrics WHERE run_id=? AND tag=? ORDER BY step");
    query->bind(1, run).bind(2, tag);
    QMap<std::int64_t, double> values;
    (void)query->forEachRow([&] { values.insert(query->int64(0), query->real(1)); });
    return values;
}

inline QString runColumn(store::Database &db, std::int64_t run, const char *column)
{
    auto query = db.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id=?").arg(QLatin1String(column)).toUtf8().constData());
    query->bind(1, run);
    return query->step().value() ? query->text(0) : QString();
}

// A job context that calls ACTION once, on the coordinator's thread, when the end of epoch EPOCH
// arrives from rank 0 (the workers are then training the next).
struct AfterEpoch {
    explicit AfterEpoch(std::function<void()> action, int epoch = 1)
        : context([this, epoch, action = std::move(action)](const jobs::JobProgress &progress) {
              if (!fired && progress.phase.startsWith(QStringLiteral("Epoch %1/").arg(epoch))) {
                  fired = true;
                  action();
              }
          })
    {
    }
    bool fired = false;
    jobs::JobContext context;
};

} // namespace sieve::test
