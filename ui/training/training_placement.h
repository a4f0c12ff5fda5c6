#pragma once

#include "store/cluster_workers.h"

#include <QList>

namespace sieve::ui {

// Where a training run computes: this process, a local cluster of sieve-worker processes on
// loopback, or some of the project's worker nodes (rank 0 first).
struct TrainingPlacement {
    enum class Kind { ThisComputer, LocalCluster, ProjectWorkers };
    Kind kind = Kind::ThisComputer;
    int localWorkers = 2;                  // LocalCluster
    QList<store::ClusterWorker> workers;   // ProjectWorkers, in the project's order
    int maxRestarts = 3;                   // a cluster run's restarts after a lost worker
    int checkpointEverySteps = 0;          // a cluster run's checkpoints besides each epoch's; 0: none
};

} // namespace sieve::ui
