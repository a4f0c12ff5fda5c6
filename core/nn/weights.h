#pragma once

#include "base/result.h"
#include "nn/parameter_store.h"

#include <QString>
#include <QStringView>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sieve::nn {

// One tensor by name, in the plain layout TensorInfo::shape describes (PyTorch's and ONNX's).
struct NamedTensor {
    QString name;
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

// The learned state of a network apart from any network: every parameter and running
// statistic, by name. What model files, importers and head replacement hand around. A plain
// value; any thread.
struct Weights {
    std::vector<NamedTensor> tensors;

    // nullptr when there is no such tensor.
    const NamedTensor *find(QStringView name) const;
    NamedTensor *find(QStringView name);
    // Floats in all tensors.
    std::size_t valueCount() const;
};

// Every parameter, then every state tensor of `store`, in the store's order.
Weights captureWeights(const ParameterStore &store);

// Copies `weights` into `store` by name. Every tensor of the store must be there with the same
// shape and none other: a difference means another architecture. Fails naming the first
// missing, misshapen or unexpected tensor, leaving `store` unchanged.
Status restoreWeights(ParameterStore &store, const Weights &weights);

// "64×3×7×7".
QString shapeText(const std::vector<std::int64_t> &shape);

} // namespace sieve::nn
