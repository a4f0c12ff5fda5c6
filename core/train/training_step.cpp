#include "train/training_step.h"

#include <algorithm>
#include <cmath>

namespace sieve::train {

Result<StepOutcome> trainStep(nn::Network &network, nn::Optimizer &optimizer, const Batch &batch, std::int64_t step,
                              double learningRate, double clipNorm, GradientReducer *reducer)
{
    network.setIteration(std::uint64_t(step));
    if (Status ran = network.forward(batch.inputs, batch.size, nn::Pass::Training); !ran)
        return ran.takeError();
    StepOutcome outcome;
    const std::span<const float> logits = network.logits();
    const std::size_t classCount = std::size_t(network.classCount());
    for (int i = 0; i < batch.size; ++i) {
        const std::span<const float> row = logits.subspan(std::size_t(i) * classCount, classCount);
        outcome.correct += int(std::max_element(row.begin(), row.end()) - row.begin()) == batch.labels[std::size_t(i)];
    }
    Result<double> loss = network.backward(batch.labels);
    if (!loss)
        return loss.takeError();
    outcome.loss = *loss;
    nn::ParameterStore &parameters = network.parameters();
    if (reducer) {
        if (Status reduced = reducer->reduce(parameters.gradients(), batch.size); !reduced)
            return reduced.takeError();
    }
    if (!std::isfinite(outcome.loss))
        return outcome;
    if (clipNorm > 0)
        nn::clipGradientNorm(parameters, clipNorm);
    optimizer.step(parameters, learningRate);
    outcome.applied = true;
    return outcome;
}

nn::Optimizer makeOptimizer(const TrainOptions &options, const nn::ParameterStore &store)
{
    if (options.optimizer == QLatin1String("adamw"))
        return nn::Optimizer::adamW(store, {0.9, 0.999, 1e-8, options.weightDecay});
    return nn::Optimizer::sgd(store, {options.momentum, false, options.weightDecay});
}

nn::LrSchedule makeSchedule(const TrainOptions &options, double learningRate, std::int64_t totalSteps)
{
    nn::LrSchedule schedule;
    schedule.kind = options.schedule;
    schedule.baseLr = learningRate;
    schedule.warmupSteps = options.warmupSteps;
    schedule.totalSteps = totalSteps;
    schedule.stepSize = std::max<std::int64_t>(1, totalSteps / 3);
    schedule.gamma = 0.1;
    return schedule;
}

} // namespace sieve::train
