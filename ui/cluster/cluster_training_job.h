#pragma once

#include "training/training_placement.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace sieve::train {
struct TrainOptions;
struct TrainResources;
}

namespace sieve::ui {

class ClusterActivity;
class JobRunner;
class ProjectSession;

// A training run on workers (cluster::runClusterTraining with a project connection of its own),
// ready for JobsPanel::run(): on a local cluster of PLACEMENT.localWorkers sieve-worker
// processes started by the job (RESOURCES.threads split between them; their caches in the
// project's cluster-cache/ folder, so a second run sends nothing; stopped when the job ends),
// or on PLACEMENT.workers (their tokens read when the job starts). RUNID becomes the run's id
// when its job starts on the workers. ACTIVITY (outliving the job) hears of local workers and
// each attempt's ranks, for the cluster view.
JobRunner *makeClusterTrainingJob(ProjectSession *session, const train::TrainOptions &options, const train::TrainResources &resources,
                                  const TrainingPlacement &placement, std::shared_ptr<std::atomic<std::int64_t>> runId,
                                  ClusterActivity *activity);

} // namespace sieve::ui
