#pragma once

#include "base/result.h"
#include "cluster_training.h"
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

// Runs the job on the workers, restarting it on the workers left after a loss (see
// runClusterTraining), writing metrics to LOG. Returns the path of rank 0's model fetched into
// the run folder, or an empty path with summary.cancelled set.
Result<QString> runAttempts(const AttemptSetup &setup, train::RunLog &log, jobs::JobContext &context,
                            const std::function<void(const QString &)> &onLog, ClusterSummary &summary);

} // namespace sieve::cluster
