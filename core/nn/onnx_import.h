#pragma once

#include "base/result.h"
#include "nn/model_definition.h"
#include "nn/weights.h"

#include <QString>

#include <cstddef>

namespace sieve::nn {

struct OnnxImportOptions {
    // The input's height and width where the file leaves them open (a named dimension); 0 keeps
    // the file's and fails when it has none.
    int height = 0;
    int width = 0;
};

// What an import built, for the user to see.
struct OnnxImportReport {
    QString producer;      // "pytorch 1.13.0", as the file says
    int opset = 0;         // of the default (ai.onnx) domain
    int onnxNodes = 0;     // nodes in the file's graph
    int nodes = 0;         // nodes of the definition built, the loss Sieve adds included
    int folded = 0;        // ONNX nodes that became no node (Identity, Flatten, Softmax, a bias Add, …)
    std::size_t parameters = 0; // trainable values
    std::size_t statistics = 0; // batch-norm running statistics

    // "resnet18.onnx (pytorch 1.13.0, opset 13): 69 ONNX nodes became 51 nodes, 11,689,512 parameters".
    QString summary(const QString &file) const;
};

struct OnnxModel {
    ModelDefinition definition; // named after the file, one group "backbone"
    Weights weights;            // fit the definition exactly (checked)
    OnnxImportReport report;
};

// Translates an ONNX classifier node by node into a Sieve network, with weights from the
// initializers. The graph takes one NCHW image input and gives one batch × classes output of
// scores (a final Softmax is dropped: the loss Sieve appends applies it). Supported operators:
// Conv, BatchNormalization (inference form), Relu, Clip (0..6 as ReLU6, 0..∞ as ReLU), MaxPool,
// AveragePool, GlobalAveragePool, LRN, Concat (channels), Add (of two activations, or a bias
// after MatMul), Flatten and Reshape (to batch × features), Gemm, MatMul (by a constant),
// Dropout, Identity, Softmax (last), Constant, and Pad with zeros right before Conv or
// AveragePool (how PyTorch exports average pooling that counts padding). Names do not matter, structure does: PyTorch's
// exports with batch norm folded into the convolutions and weights named onnx::Conv_123 import
// like any other. Our nodes take the ONNX nodes' names (or op_index where a name is missing).
//
// Fails, never crashes, with a message naming the file and, where it is one, the ONNX node and
// its operator: unreadable, not ONNX, external weight files, unsupported operators or
// attributes, shapes that do not fit. Any thread.
Result<OnnxModel> importOnnx(const QString &path, const OnnxImportOptions &options = {});

} // namespace sieve::nn
