#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QStringList>

#include <cstdint>

namespace sieve::nn {

// Transfer learning's first step: `model` with a new classifier for `classes`. The final inner
// product (the node the loss reads, through any dropout) gets one output per class and fresh
// weights drawn from `seed` by its Init rule (the same seed gives the same head); every other
// tensor keeps its value. Parameters are put in two groups: "head" (the new classifier) and
// "backbone" (everything else, keeping the learning-rate multiplier and freeze flag of a
// "backbone" group the model had), so head-only training freezes "backbone". Normalisation is
// kept; the metadata becomes {"base": {"classes": old classes, "metadata": old metadata}}.
//
// Fails, leaving nothing changed, when there are fewer than two classes, when the loss does not
// read an inner product, or when the weights do not fit the definition (naming the tensor).
Result<SieveModel> replaceClassifier(const SieveModel &model, const QStringList &classes, std::uint64_t seed);

} // namespace sieve::nn
