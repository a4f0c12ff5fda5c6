#include "nn/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sieve::nn {

double LrSchedule::at(std::int64_t step) const
{
    double lr = baseLr;
    switch (kind) {
    case Kind::Constant:
        break;
    case Kind::Step:
        lr = baseLr * std::pow(gamma, double(step / std::max<std::int64_t>(stepSize, 1)));
        break;
    case Kind::Cosine: {
        const double span = double(std::max<std::int64_t>(totalSteps - warmupSteps, 1));
        const double t = std::clamp(double(step - warmupSteps) / span, 0.0, 1.0);
        lr = minLr + (baseLr - minLr) * 0.5 * (1.0 + std::cos(std::numbers::pi * t));
        break;
    }
    }
    if (step < warmupSteps)
        lr *= double(step + 1) / double(warmupSteps);
    return lr;
}

} // namespace sieve::nn
