#pragma once

#include "base/result.h"
#include "nn/model_file.h"

namespace sieve::nn {

// `model` without its auxiliary classifiers (loss nodes before the last, such as GoogLeNet's
// loss1/ and loss2/ heads, with every node only they read, and those nodes' weights): the
// network inference runs, for saving or exporting after training. A model without them is
// returned unchanged. Fails when the definition does not end in a loss. A plain function;
// any thread.
Result<SieveModel> withoutAuxiliaryClassifiers(const SieveModel &model);

} // namespace sieve::nn
