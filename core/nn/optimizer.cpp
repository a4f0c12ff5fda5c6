#include "nn/optimizer.h"

#include <cmath>

namespace sieve::nn {

namespace {

void sgdUpdate(float *__restrict value, const float *__restrict gradient, float *__restrict velocity,
               std::size_t count, float lr, float momentum, float decay, bool nesterov)
{
    if (nesterov) {
        for (std::size_t i = 0; i < count; ++i) {
            const float g = gradient[i] + decay * value[i];
            velocity[i] = momentum * velocity[i] + g;
            value[i] -= lr * (g + momentum * velocity[i]);
        }
    } else {
        for (std::size_t i = 0; i < count; ++i) {
            const float g = gradient[i] + decay * value[i];
            velocity[i] = momentum * velocity[i] + g;
            value[i] -= lr * velocity[i];
        }
    }
}

void adamWUpdate(float *__restrict value, const float *__restrict gradient, float *__restrict first,
                 float *__restrict second, std::size_t count, float lr, float decay, float beta1, float beta2,
                 float stepSize, float secondCorrection, float epsilon)
{
    const float shrink = 1.0f - lr * decay;
    for (std::size_t i = 0; i < count; ++i) {
        const float g = gradient[i];
        first[i] = beta1 * first[i] + (1.0f - beta1) * g;
        second[i] = beta2 * second[i] + (1.0f - beta2) * g * g;
        const float denominator = std::sqrt(second[i]) / secondCorrection + epsilon;
        value[i] = value[i] * shrink - stepSize * first[i] / denominator;
    }
}

} // namespace

Optimizer Optimizer::sgd(const ParameterStore &store, const SgdSettings &settings)
{
    Optimizer optimizer(Kind::Sgd, store.values().size());
    optimizer.m_sgd = settings;
    return optimizer;
}

Optimizer Optimizer::adamW(const ParameterStore &store, const AdamWSettings &settings)
{
    Optimizer optimizer(Kind::AdamW, 2 * store.values().size());
    optimizer.m_adamW = settings;
    return optimizer;
}

void Optimizer::step(ParameterStore &store, double learningRate)
{
    ++m_steps;
    float *values = store.values().data();
    const float *gradients = store.gradients().data();
    const std::size_t size = store.values().size();
    for (const TensorInfo &info : store.parameters()) {
        const GroupDefinition &group = store.groups().at(info.group);
        if (group.frozen)
            continue;
        const float lr = float(learningRate * group.lrMultiplier);
        float *value = values + info.offset;
        const float *gradient = gradients + info.offset;
        if (m_kind == Kind::Sgd) {
            const float decay = info.decay ? float(m_sgd.weightDecay) : 0.0f;
            sgdUpdate(value, gradient, m_state.data() + info.offset, info.count, lr, float(m_sgd.momentum), decay,
                      m_sgd.nesterov);
        } else {
            const AdamWSettings &s = m_adamW;
            const double t = double(m_steps);
            const float stepSize = float(learningRate * group.lrMultiplier / (1.0 - std::pow(s.beta1, t)));
            const float secondCorrection = float(std::sqrt(1.0 - std::pow(s.beta2, t)));
            const float decay = info.decay ? float(s.weightDecay) : 0.0f;
            adamWUpdate(value, gradient, m_state.data() + info.offset, m_state.data() + size + info.offset, info.count,
                        lr, decay, float(s.beta1), float(s.beta2), stepSize, secondCorrection, float(s.epsilon));
        }
    }
}

double clipGradientNorm(ParameterStore &store, double maxNorm)
{
    double sum = 0;
    for (const TensorInfo &info : store.parameters()) {
        if (!store.isTrainable(info))
            continue;
        for (float g : store.gradients(info))
            sum += double(g) * double(g);
    }
    const double norm = std::sqrt(sum);
    const double scale = maxNorm / (norm + 1e-6);
    if (scale < 1.0) {
        for (const TensorInfo &info : store.parameters()) {
            if (!store.isTrainable(info))
                continue;
            for (float &g : store.gradients(info))
                g = float(g * scale);
        }
    }
    return norm;
}

} // namespace sieve::nn
