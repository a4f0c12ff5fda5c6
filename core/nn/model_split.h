#pragma once

#include "base/result.h"
#include "nn/model_definition.h"
#include "nn/weights.h"

namespace sieve::nn {

// A classifier cut in two at the features its classifier reads, for head-only transfer
// learning: the backbone runs once per image, the head trains on its stored outputs.
//
// backbone: the nodes the features depend on, then an inner product "sieve_features" with
// identity weights (featureCount outputs, no bias) and the loss, so the backbone network's
// logits() are the features themselves (the identity costs featureCount² multiply-adds per
// image, nothing beside the backbone).
// head: input named after the feature node, featureCount × 1 × 1, then the nodes from the
// feature node to the loss (dropouts, the classifier, the loss), groups as in the model, so
// its tensors have the model's names and copy back into the whole model by name.
struct ModelSplit {
    ModelDefinition backbone;
    Weights backboneWeights;
    ModelDefinition head;
    Weights headWeights;
    int featureCount = 0;
};

// Fails, naming the node, when the loss does not read an inner product through dropouts, or
// when WEIGHTS lack a tensor of either part. Any thread.
Result<ModelSplit> splitAtClassifier(const ModelDefinition &definition, const Weights &weights);

} // namespace sieve::nn
