#pragma once

#include "job_runner.h"

namespace sieve::worker {

// The JobRunner sieve-worker installs: trains one rank of a data-parallel job with
// cluster::runDataParallelJob. It maps the validated spec onto a DataParallelJob (the shard's
// images as files of the blob cache, the initial weights blob as the model to train, rank 0's
// resume checkpoint blob, the job's work folder as the output folder), meets the other ranks
// through the key-value RPCs of the worker at spec.rendezvous_address (rank 0's), forwards the
// job's state changes, log lines and metrics to Watch, stops at the next step when `cancelled`
// is set (Cancel, SIGTERM), and leaves the trained model at environment.modelPath for
// FetchModel. Rank 0's checkpoints stay in the work folder (FetchModel with `checkpoint`).
Status runTrainingJob(const JobEnvironment &environment);

} // namespace sieve::worker
