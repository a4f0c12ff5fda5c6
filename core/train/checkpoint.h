#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace sieve::train {

// What a training run needs to continue exactly where it stopped: the network's parameters
// and running statistics (its ParameterStore's values() and state() buffers, whose layout the
// model definition fixes), the optimizer's state, and in `info` the counters (epoch, step,
// optimizer steps) and the early-stopping bookkeeping. The data position needs nothing more:
// the shuffling and augmentation of an epoch derive from (seed, epoch). A plain value.
struct Checkpoint {
    QJsonObject info;
    std::vector<float> values;
    std::vector<float> state;
    std::vector<float> optimizerState;
};

// Writes CHECKPOINT to PATH atomically (a temporary file renamed over PATH when complete, so a
// crash leaves the previous checkpoint). Format (little-endian): "SIEVECKP", uint32 version 1,
// uint32 0, uint64 bytes of info JSON, uint64 floats of values, state and optimizer state; the
// JSON; the floats; the XXH3-128 checksum of everything before it (16 bytes). Fails naming the
// file. Any thread.
Status saveCheckpoint(const QString &path, const Checkpoint &checkpoint);

// Reads a checkpoint. Fails naming the file when it is missing, unreadable, not a checkpoint,
// of a newer version, truncated or damaged (checksum). Any thread.
Result<Checkpoint> loadCheckpoint(const QString &path);

} // namespace sieve::train
