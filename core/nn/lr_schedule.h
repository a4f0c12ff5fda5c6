#pragma once

#include <cstdint>

namespace sieve::nn {

// The learning rate at each optimizer step (counted from 0).
//   Constant: baseLr.
//   Step:     baseLr · gamma^⌊step / stepSize⌋.
//   Cosine:   from baseLr down to minLr along half a cosine, over the steps after the warm-up
//             up to totalSteps, then minLr.
// With warmupSteps > 0 the first steps ramp linearly: step s < warmupSteps is scaled by
// (s + 1) / warmupSteps. A plain value; any thread.
struct LrSchedule {
    enum class Kind { Constant, Step, Cosine };
    Kind kind = Kind::Constant;
    double baseLr = 0.01;
    std::int64_t warmupSteps = 0;
    std::int64_t stepSize = 1000;
    double gamma = 0.1;
    std::int64_t totalSteps = 0;
    double minLr = 0;

    double at(std::int64_t step) const;
};

} // namespace sieve::nn
