#pragma once

#include "base/result.h"
#include "nn/model_definition.h"
#include "nn/parameter_store.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace sieve::nn {

enum class Pass {
    Training,  // batch statistics (and running averages updated), dropout on; backward() allowed
    Inference, // running statistics, dropout off
};

// The arithmetic the heavy layers use.
//  Fp32: everything in fp32; results agree with PyTorch's fp32 to rounding.
//  Bf16: convolutions and inner products multiply in bf16 (8-bit mantissa) and accumulate in
//        fp32; activations between layers (batch norm, ReLU, pooling, LRN, concat, add) are bf16;
//        the parameters, their gradients, the optimizer, the logits, softmax and loss stay fp32
//        (the weights are converted to bf16 once after each change). About twice as fast on CPUs
//        with AVX-512 BF16 or AMX; logits differ from fp32 by about 1 % (relative), and training
//        follows the fp32 loss curve (tst_nn_precision). Creating a network with Bf16 on a CPU
//        without those instructions fails: oneDNN would emulate bf16 several times slower than fp32.
//  Auto: Bf16 where the CPU has AVX-512 BF16 or AMX, else Fp32, for training and inference alike:
//        tst_nn_precision trains the small CNN both ways and bf16 reaches the fp32 accuracy and
//        final loss, so the speed comes at no cost in what a user gets.
enum class Precision { Auto, Fp32, Bf16 };

// "auto", "fp32", "bf16".
QString precisionName(Precision precision);
// The precision named by "auto", "fp32" or "bf16"; fails with the accepted names otherwise.
Result<Precision> parsePrecision(QStringView name);

struct NetworkOptions {
    // oneDNN's OpenMP threads for forward and backward. 0: one per core. Threads beyond the
    // cores a job was given make oneDNN several times slower, so jobs set this.
    int threads = 1;
    // Initial weights and dropout masks. The same seed gives the same network bit for bit.
    std::uint64_t seed = 0;
    // Also compute the gradient of the loss with respect to the input images (tests, saliency).
    bool inputGradient = false;
    // Fp32 by default, so results stay comparable with fp32 references; callers that want the
    // speed (the trainer, sieve-cli) pass Auto.
    Precision precision = Precision::Fp32;
};

// A network built from a ModelDefinition, running on the CPU with oneDNN. Its parameters,
// gradients and running statistics live in parameters(): three flat buffers that an optimizer
// updates in place and a distributed step all-reduces in one call.
//
// Primitives are built once per (batch size, pass) and reused; changing the thread count or
// freezing a group rebuilds them on the next forward. No exception leaves this class: oneDNN's
// errors and allocation failures come back as an Error naming the node where there is one.
// Not thread-safe: use it from one thread at a time (it runs its own OpenMP threads inside).
class Network {
public:
    // Checks the definition (every node's op, attributes, inputs and shapes; a
    // softmax_cross_entropy node last; every other output used) and initialises the
    // parameters from options.seed. Fails with a message naming the offending node.
    // softmax_cross_entropy nodes before the last are auxiliary losses (GoogLeNet's side
    // classifiers) over the same classes: in training passes their cross-entropy adds to the
    // loss and gradients with the node's "weight" (default 1); inference passes do not compute
    // them or the nodes only they read, and logits() is always the last loss's input.
    // Fails too when options.precision is Bf16 and bf16Supported() is false.
    static Result<std::unique_ptr<Network>> create(const ModelDefinition &definition,
                                                   const NetworkOptions &options = {});
    // Whether this CPU runs bf16 natively (AVX-512 BF16 or AMX, as oneDNN sees it: the
    // ONEDNN_MAX_CPU_ISA environment variable can lower it). Any thread.
    static bool bf16Supported();
    ~Network();
    Network(const Network &) = delete;
    Network &operator=(const Network &) = delete;

    const ModelDefinition &definition() const;
    // Floats in one sample (channels × height × width) and the number of classes.
    std::size_t sampleSize() const;
    int classCount() const;

    ParameterStore &parameters();
    const ParameterStore &parameters() const;

    // The precision the network computes in: Fp32 or Bf16, never Auto.
    Precision precision() const;

    int threads() const;
    void setThreads(int threads);
    // The step number dropout masks are drawn for; a trainer sets it so a resumed run draws
    // the same masks. Starts at 0 and is not advanced by the network.
    std::uint64_t iteration() const;
    void setIteration(std::uint64_t iteration);

    // Runs the network on `batchSize` images, NCHW fp32, copied in (the span need not outlive
    // the call). Fails on a size mismatch or an engine error. Training passes update the
    // batch-norm running statistics.
    Status forward(std::span<const float> images, int batchSize, Pass pass);
    // The last forward's class scores, batch × classes, row-major; empty before any forward.
    std::span<const float> logits() const;
    std::vector<float> probabilities() const;
    // Mean cross-entropy (with the definition's label smoothing) of the last forward against
    // `labels`, one class index per image, plus each auxiliary loss times its weight after a
    // training pass. Fails without a forward or on invalid labels.
    Result<double> loss(std::span<const int> labels) const;
    // Differentiates the mean loss of the last forward (which must be a Training pass) against
    // `labels` and OVERWRITES parameters().gradients() (frozen groups' gradients stay zero).
    // Returns the loss.
    Result<double> backward(std::span<const int> labels);
    // d loss / d input of the last backward, NCHW like the images; empty unless
    // options.inputGradient.
    std::span<const float> inputGradient() const;

private:
    struct Impl;
    explicit Network(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace sieve::nn
