#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QString>

namespace sieve::nn {

// Writes `model` as an ONNX file (IR version 7, opset 13) so that it runs elsewhere (ONNX
// Runtime, OpenCV, PyTorch's importers): one input named as the definition's, batch × channels
// × height × width with the batch left open, and one output "probabilities", batch × classes
// (Softmax where Sieve's loss was). Dropout is left out (inference); nodes, values and weights
// keep Sieve's names. The class names, normalisation and metadata go into metadata_props
// ("sieve.classes", "sieve.normalization", "sieve.metadata", JSON).
//
// Atomic like saveModelFile(). Fails naming the file, or the node whose weights are missing.
// Any thread.
Status exportOnnx(const QString &path, const SieveModel &model);

} // namespace sieve::nn
