#pragma once

#include "collective.h"
#include "train/training_step.h"

namespace sieve::cluster {

// The data-parallel step's GradientReducer: each rank's gradients (of its mean loss over its
// share of the batch) are weighted by share = samples / global batch, then summed over the
// ranks with one ring all-reduce of the flat buffer. The sum is the gradient of the mean loss
// over the global batch, the same on every rank; with every rank's batch-norm statistics its
// own this is what one process computes by accumulating the gradients of the ranks' batches,
// each weighted the same way (tests/cluster compare the two). The training thread.
class CollectiveGradientReducer final : public train::GradientReducer {
public:
    CollectiveGradientReducer(Collective &collective, int globalBatch) : m_collective(collective), m_globalBatch(globalBatch) {}

    Status reduce(std::span<float> gradients, int samples) override;

    // The factor a rank's gradients are weighted by before the sum.
    static float share(int samples, int globalBatch) { return float(double(samples) / double(globalBatch)); }
    // Seconds spent in reduce() since the last call.
    double takeSeconds() { return std::exchange(m_seconds, 0.0); }

private:
    Collective &m_collective;
    int m_globalBatch;
    double m_seconds = 0;
};

} // namespace sieve::cluster
