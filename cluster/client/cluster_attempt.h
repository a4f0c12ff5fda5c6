#pragma once

#include "base/result.h"
#include "cluster_training.h"
#include "job_spec.h"
#include "worker_client.h"
#include "nn/model_file.h"

#include <QString>

#include <functional>
#include <vector>

namespace sieve::train {
class RunLog;
}

namespace sieve::cluster {

// One image of a cluster run: its content hash, file and class index.
struct ClusterImage {
    QString hash;
    QString path;
    int label = 0;
};

// What runClusterTraining prepared for the attempts. Private to cluster_training.
struct AttemptSetup {
    const train::TrainOptions &options; // with defaults
    const ClusterOptions &cluster;
    const nn::SieveModel &model;        // the initial model
    QString initialHash;
    QString initialPath;                // runs/<id>/initial.sievemodel
    std::vector<ClusterImage> train;
    std::vector<ClusterImage> validation;
    QString runDir;                     // absolute
};

// Rank RANK's spec of an attempt of WORLD ranks (its round-robin share of the images, the
// hyper-parameters with GLOBALBATCH, rank 0 as the rendezvous), without a checkpoint to resume.
JobSpec rankSpec(const AttemptSetup &setup, int rank, int world, int globalBatch, const QString &jobId,
                 const WorkerEndpoint &self, const WorkerEndpoint &rank0);
// The files rank RANK needs in its cache: the initial model and its images.
QList<BlobFile> rankFiles(const AttemptSetup &setup, int rank, int world);

// Runs the job on the workers, restarting it on the workers left after a loss (see
// runClusterTraining), writing metrics to LOG. Returns the path of the best epoch's model copied
// into the run folder (runs/<id>/best.sievemodel, see RunCopies; summary's bestEpoch, bestTop1
// and stoppedEarly set), or an empty path with summary.cancelled set.
Result<QString> runAttempts(const AttemptSetup &setup, train::RunLog &log, jobs::JobContext &context,
                            const std::function<void(const QString &)> &onLog, ClusterSummary &summary);

} // namespace sieve::cluster
