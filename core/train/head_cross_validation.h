#pragma once

#include "base/result.h"
#include "nn/model_definition.h"

#include <cstdint>
#include <span>
#include <vector>

namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

struct HeadCrossValidationOptions {
    int folds = 5;          // at least 2
    int epochs = 30;        // per fold; a head on a few thousand features learns in a few dozen
    int batchSize = 32;
    double learningRate = 0.01; // SGD with momentum 0.9 on standardised features
    double weightDecay = 5e-4;
    std::uint64_t seed = 1;
    int threads = 1;        // the engine's
};

// Out-of-sample class probabilities by k-fold cross-validation of a classifier head over
// precomputed backbone features (nn::splitAtClassifier): the images are dealt into `folds`
// folds, stratified by label (each label's images shuffled by the seed, then dealt in turn);
// for each fold a fresh head of HEAD's architecture, initialised from seed + fold (never from
// a trained head, which has seen every label), is trained on the other folds and predicts the
// fold. So no image's probabilities come from a head that saw its label. The backbone itself
// is shared: when it was trained on these labels (a model trained from scratch, or full
// fine-tuning) its features may still carry them, which makes the estimate less strict than
// with a pretrained backbone that never saw the data.
//
// Features are standardised per dimension (mean and deviation over all images, which uses no
// label) so one learning rate suits every backbone.
//
// FEATURES holds featureCount floats per image, LABELS a class index per image (< classCount,
// the head's output count). Returns N × classCount probabilities, row-major. When CONTEXT is
// cancelled it stops early and returns what it has (the caller checks isCancelled()). Fails
// on sizes that disagree, fewer than two images per fold, or an engine error. The calling
// thread; the engine runs `threads` OpenMP threads.
Result<std::vector<double>> crossValidatedProbabilities(const nn::ModelDefinition &head, std::span<const float> features,
                                                        int featureCount, std::span<const int> labels, int classCount,
                                                        const HeadCrossValidationOptions &options,
                                                        jobs::JobContext &context);

} // namespace sieve::train
