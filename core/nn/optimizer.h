#pragma once

#include "nn/aligned_buffer.h"
#include "nn/parameter_store.h"

#include <cstdint>
#include <span>

namespace sieve::nn {

struct SgdSettings {
    double momentum = 0.9;
    bool nesterov = false;
    double weightDecay = 0; // L2, added to the gradient (PyTorch's SGD)
};

struct AdamWSettings {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double weightDecay = 0.01; // decoupled: the weights shrink by lr · decay each step
};

// Updates a ParameterStore's values from its gradients, in place, over the flat buffers: one
// tight loop per tensor (vectorised by the compiler), each tensor with its group's learning-rate
// multiplier; frozen groups are skipped, and weight decay only applies to tensors marked for it
// (not to biases and batch-norm scales). The same gradients give the same update bit for bit.
// The formulas are PyTorch's (torch.optim.SGD with zero dampening, torch.optim.AdamW).
// Not thread-safe.
class Optimizer {
public:
    // `store` must be allocated; the optimizer keeps state for its layout.
    static Optimizer sgd(const ParameterStore &store, const SgdSettings &settings);
    static Optimizer adamW(const ParameterStore &store, const AdamWSettings &settings);

    // One update with base learning rate `learningRate`.
    void step(ParameterStore &store, double learningRate);

    std::uint64_t steps() const { return m_steps; }
    // The state a checkpoint saves and restores with steps(): SGD's momentum buffer, or AdamW's
    // first then second moments, laid out like the parameters.
    std::span<float> state() { return m_state.span(); }
    void setSteps(std::uint64_t steps) { m_steps = steps; }

private:
    enum class Kind { Sgd, AdamW };
    Optimizer(Kind kind, std::size_t stateFloats) : m_kind(kind), m_state(stateFloats) {}

    Kind m_kind;
    SgdSettings m_sgd;
    AdamWSettings m_adamW;
    AlignedBuffer m_state;
    std::uint64_t m_steps = 0;
};

// Scales the trainable gradients so that their global L2 norm is at most `maxNorm` (as
// torch.nn.utils.clip_grad_norm_). Returns the norm before clipping. Summed in double in a fixed
// order, so it is deterministic.
double clipGradientNorm(ParameterStore &store, double maxNorm);

} // namespace sieve::nn
