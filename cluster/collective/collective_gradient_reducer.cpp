#include "collective_gradient_reducer.h"

#include <chrono>

namespace sieve::cluster {

Status CollectiveGradientReducer::reduce(std::span<float> gradients, int samples)
{
    const auto start = std::chrono::steady_clock::now();
    const float factor = share(samples, m_globalBatch);
    if (factor != 1.0f) {
        for (float &g : gradients)
            g *= factor;
    }
    Status reduced = m_collective.allReduceSum(gradients);
    m_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return reduced;
}

} // namespace sieve::cluster
