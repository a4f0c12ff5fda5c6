#pragma once

#include "base/result.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/lr_schedule.h"
#include "train/batch_loader.h"
#include "train/trainer.h"

#include <cstdint>
#include <span>

namespace sieve::train {

// Makes the gradients of one step those of the whole global batch when several replicas of a
// network each compute a share of it (data-parallel training: cluster/collective implements it
// with an all-reduce). The local trainer has none. Core knows only this interface, so it links
// no networking library.
class GradientReducer {
public:
    virtual ~GradientReducer() = default;
    // On entry GRADIENTS hold d(mean loss over this replica's SAMPLES images) / d(weights); on
    // success they hold d(mean loss over the global batch) / d(weights), bit-identical on every
    // replica. Called on the training thread, once per step on every replica. Fails with a
    // message for people (which operation, which peer) when the replicas cannot be reached;
    // the gradients are then unspecified and the step must not be applied.
    virtual Status reduce(std::span<float> gradients, int samples) = 0;
};

struct StepOutcome {
    double loss = 0;      // this replica's mean loss over its batch
    int correct = 0;      // its images whose top-1 prediction is the label
    bool applied = false; // false when the loss was not finite: the weights were left unchanged
};

// One step of synchronous SGD on BATCH: forward (training pass, dropout masks of iteration
// STEP), backward, REDUCER (when given) over the flat gradient buffer, gradient clipping to
// CLIPNORM (0: none) of the reduced gradients, and OPTIMIZER's update with LEARNINGRATE. When the
// loss is NaN or infinite the update is skipped (applied = false) after the reduction, so every
// replica still takes part in it and can stop at the same step. Fails on an engine error or
// when the reduction fails. The training thread; not thread-safe.
Result<StepOutcome> trainStep(nn::Network &network, nn::Optimizer &optimizer, const Batch &batch, std::int64_t step,
                              double learningRate, double clipNorm, GradientReducer *reducer = nullptr);

// OPTIONS' optimizer (SGD with momentum or AdamW, with its weight decay) for STORE's layout.
// OPTIONS must have its defaults filled in (TrainOptions::withDefaults()).
nn::Optimizer makeOptimizer(const TrainOptions &options, const nn::ParameterStore &store);
// OPTIONS' learning-rate schedule from LEARNINGRATE over TOTALSTEPS steps.
nn::LrSchedule makeSchedule(const TrainOptions &options, double learningRate, std::int64_t totalSteps);

} // namespace sieve::train
