#pragma once

#include "base/result.h"
#include "nn/model_definition.h"

#include <QString>

#include <functional>

namespace sieve::cluster::v1 {
class JobSpec;
}

namespace sieve::worker {

// Bounds a job spec must keep, whoever sent it.
inline constexpr int kMaxJobIdLength = 64;
inline constexpr int kMaxModelDefinitionBytes = 16 << 20;
inline constexpr int kMaxModelNodes = 10'000;
inline constexpr int kMaxInputSide = 4096;
inline constexpr int kMaxClasses = 100'000;
inline constexpr int kMaxShardImages = 4'000'000;
inline constexpr int kMaxWorldSize = 1024;
inline constexpr int kMaxGlobalBatch = 65'536;
inline constexpr int kMaxEpochs = 10'000;

// Checks SPEC before any work is done for it: the job id, the model definition (parsed with
// nn::ModelDefinition::fromJson, sizes bounded), the hyper-parameters in sane ranges, the class
// list, every shard and validation image (hash well-formed, present per HASBLOB, class index in
// range), the initial weights blob, rank < world size and the rendezvous fields. Pure: it reads
// nothing but its arguments (HASBLOB is called only with well-formed hashes). Returns the
// parsed model definition, or every problem found (up to ten), each naming the field.
Result<nn::ModelDefinition> validateJobSpec(const cluster::v1::JobSpec &spec,
                                            const std::function<bool(const QString &hash)> &hasBlob);

} // namespace sieve::worker
