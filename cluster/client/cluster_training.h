#pragma once

#include "base/result.h"
#include "train/trainer.h"
#include "worker_endpoint.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <functional>

namespace sieve::store {
class Project;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::cluster {

// How a cluster run uses its workers.
struct ClusterOptions {
    QList<WorkerEndpoint> workers;   // rank order at the start; at least one
    int maxRestarts = 3;             // attempts after a worker was lost; then the run fails
    // Bound on the rendezvous and each collective on the workers: a dead or stopped peer fails
    // the others within about this long.
    std::chrono::milliseconds collectiveTimeout = std::chrono::seconds(30);
    // Every worker's Info this often; one that does not answer within pingDeadline is lost.
    std::chrono::milliseconds heartbeat = std::chrono::seconds(2);
    std::chrono::milliseconds pingDeadline = std::chrono::seconds(3);
    std::chrono::milliseconds callDeadline = std::chrono::seconds(15); // StartJob and the like
    std::uint64_t checkpointEverySteps = 0; // besides every epoch's; 0: epochs only
    // Called on the caller's thread once an attempt's job runs on every worker: the run, the
    // attempt (0 first, then one per restart) and the workers' addresses in rank order (the
    // cluster view maps cluster/rank/<r>/… metrics to workers with it). Optional.
    std::function<void(std::int64_t runId, int attempt, const QStringList &ranks)> onAttempt;
};

struct ClusterSummary {
    std::int64_t runId = 0;
    std::int64_t modelId = 0;       // 0 when cancelled
    QString modelPath;              // absolute; empty when cancelled
    QStringList classes;
    QStringList excludedClasses;
    qint64 trainImages = 0;
    qint64 validationImages = 0;
    int epochs = 0;                 // planned
    int epochsDone = 0;
    std::int64_t steps = 0;
    int bestEpoch = 0;              // the epoch whose model was registered (by earlyStopMetric)
    double bestTop1 = 0;            // its val/top1
    double bestLoss = 0;            // its val/loss
    double finalTop1 = 0;           // the last epoch's
    double finalTop5 = 0;
    double finalLoss = 0;
    double imagesPerSecond = 0;     // the last step's, over all workers
    int restarts = 0;
    QStringList workersAtEnd;       // addresses of the workers of the last attempt, rank order
    qint64 blobsUploaded = 0;       // images, weights and checkpoints sent, all attempts
    qint64 blobsSkipped = 0;        // already in a worker's cache
    qint64 bytesUploaded = 0;
    bool stoppedEarly = false;      // earlyStopPatience epochs without improvement before the last
    bool cancelled = false;
};

// Trains OPTIONS on the project's labelled images on CLUSTER's workers: the same selection and
// stratified split as runTraining (train::labelledImages, keepCategories, splitStratified), so a
// cluster run trains on exactly the images a local run would. Asks every worker's Info, splits
// the training and validation images over them by count (round robin), uploads what each lacks
// (HasBlobs, PutShard: a second run sends nothing), starts the job on every worker (its rank, a
// fresh rendezvous prefix, rank 0's address), follows rank 0's Watch stream and every worker's
// Info, and records the run in the project as a local run does (`runs` row whose config has
// "workers"; `run_metrics`, including cluster/rank/<r>/… and cluster/restart; a TensorBoard
// event file; runs/<id>/split.json, initial.sievemodel, the last epoch's checkpoint.sieveckpt and
// best.sievemodel; the summary with best_epoch, best, final and stopped_early as a local run's).
// Early stopping is the local run's (options.earlyStopPatience and earlyStopMetric, judged on the
// validation summed over the workers): every worker stops after the same epoch. Whenever an epoch
// improves, the coordinator copies rank 0's best model and that epoch's checkpoint into the run
// folder (RunCopies: always a matching pair), so the best weights and the early-stopping state
// (best epoch, its value, epochs since) survive a lost worker, rank 0 included. At the end the
// BEST epoch's model, as a local run's, becomes models/run-<id>-<architecture>.sievemodel,
// registered as a trained model.
//
// A worker that dies or stops answering (its Info fails, the others report a Gloo error or
// timeout) ends the attempt: the others are cancelled, and the job starts again on the workers
// left from the last checkpoint (fetched from rank 0, else the copy kept in the run folder),
// under a fresh rendezvous prefix, shards rebalanced, the global batch the per-worker batch
// times the workers left (the workers rescale the learning rate to it), up to
// options.maxRestarts times; each restart is the metric cluster/restart at the step it resumes
// from. A job that fails for another reason (e.g. a diverging loss) fails the run, naming the
// worker and its message. Cancelling CONTEXT cancels the job on every worker; the run becomes
// "cancelled". Phases and a line per event go to CONTEXT (setPhase) and ONLOG (optional).
//
// Blocking; run it on the thread of PROJECT's connection, not the GUI thread. Every wait is
// bounded.
Result<ClusterSummary> runClusterTraining(store::Project &project, const train::TrainOptions &options,
                                          const ClusterOptions &cluster, jobs::JobContext &context,
                                          const std::function<void(const QString &line)> &onLog = {});

} // namespace sieve::cluster
