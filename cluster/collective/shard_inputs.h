#pragma once

#include "data_parallel_job.h"
#include "train/training_inputs.h"

#include <memory>

namespace sieve::jobs {
class JobContext;
}

namespace sieve::cluster {

// JOB's shards (train and validation) decoded once and made into batches of LOCALBATCH images,
// exactly as the local trainer feeds its network (train::TrainingInputs: augmented crops in an
// order drawn from OPTIONS' seed and the epoch). OPTIONS is job.options with its defaults
// filled in. Unreadable images are left out and listed in the inputs' issues(). Fails naming
// the first image whose label is not one of the model's classes, or when the inputs cannot be
// made (engine error, cache not creatable). The training thread.
Result<std::unique_ptr<train::TrainingInputs>> createShardInputs(const DataParallelJob &job,
                                                                const train::TrainOptions &options, int localBatch,
                                                                jobs::JobContext &context);

// Steps an epoch of INPUTS' training shard gives at LOCALBATCH images a step (whole batches).
inline int shardSteps(train::TrainingInputs &inputs, int localBatch)
{
    return localBatch > 0 ? int(inputs.trainCount() / std::size_t(localBatch)) : 0;
}

} // namespace sieve::cluster
