#pragma once

// Private to core/nn: the only headers besides the .cpp files that include oneDNN. Nothing
// outside core/nn includes this file, so oneDNN types never reach ui/ or cluster/.

#include "base/result.h"
#include "nn/model_definition.h"
#include "nn/parameter_store.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <QStringList>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace sieve::nn {

// The shape of one sample (no batch dimension): {C, H, W} for images, {K} for vectors.
using Dims = std::vector<std::int64_t>;

// "node 'conv1' (convolution): <what>".
Error nodeError(const NodeDefinition &node, const QString &what);

// Reads a node's attributes, remembering the first problem and which keys were read, so that a
// misspelt attribute ("kernal") is reported rather than silently ignored.
class Attributes {
public:
    explicit Attributes(const NodeDefinition &node) : m_node(node) {}

    int integer(const char *key, int fallback, int minimum);
    double number(const char *key, double fallback, double minimum, double maximum);
    bool boolean(const char *key, bool fallback);
    QString choice(const char *key, const QString &fallback, const QStringList &allowed);
    // An integer for both spatial dimensions or [height, width].
    std::array<int, 2> pair(const char *key, int fallback, int minimum);
    // An integer for all four sides, [height, width], or [top, left, bottom, right].
    std::array<int, 4> padding(const char *key);
    // The parameter group the node's weights belong to (attribute "group", default: the first).
    int group(const ParameterStore &store);

    // The first problem, or an unknown attribute; call after reading every attribute.
    Status finish() const;

private:
    void problem(const QString &what);

    const NodeDefinition &m_node;
    QStringList m_read;
    std::optional<Error> m_error;
};

// One tensor of a plan: the output of a node (or the network input) in the layout its producer
// chose, and, in a training plan where a gradient flows back to it, its gradient in the same
// layout.
struct Tensor {
    dnnl::memory::desc desc;
    dnnl::memory data;
    dnnl::memory diff;
};

// Where the gradient for one input of a layer goes.
struct GradientTarget {
    dnnl::memory diff;       // the input tensor's gradient; empty when none is needed
    bool accumulate = false; // another consumer of the tensor has already written it
};

// Everything a layer needs to build its primitives for one batch size and mode.
struct PlanContext {
    PlanContext(const dnnl::engine &e, ParameterStore &s) : engine(e), store(s) {}

    const dnnl::engine &engine;
    ParameterStore &store;
    std::int64_t batch = 1;
    bool training = false;
    std::vector<const Tensor *> inputs;
    std::vector<GradientTarget> inputGradients; // one per input
    bool weightGradients = false;               // the layer's parameters are trainable
    Tensor *output = nullptr;                   // the layer allocates it with setOutput()
    bool outputGradient = false;                // backward() runs: allocate the output's gradient
    std::uint64_t seed = 0;
    const std::uint64_t *iteration = nullptr; // the network's step counter (dropout masks)
    // The data type convolutions and inner products compute in (f32, or bf16 with fp32
    // weights, gradients and logits kept in the flat buffers). Other layers follow the data type
    // of their input.
    dnnl::memory::data_type dataType = dnnl::memory::data_type::f32;
    // An activation for a convolution (relu or clip, as a post-op) or a batch norm (relu, which
    // its backward then also differentiates) to apply to its output; the activation node that
    // follows is then planned with fusedIntoInput.
    std::optional<dnnl::algorithm> activation;
    float activationAlpha = 0, activationBeta = 0;
    // For a relu or relu6 whose producer applied it: the output is the input tensor itself
    // (already set, not to be allocated). A training plan turns the gradient, in place, into the
    // gradient before the activation, unless the producer's backward does (producerDifferentiates).
    bool fusedIntoInput = false;
    bool producerDifferentiates = false;

    // Allocates the output (and its gradient when needed) in layout `desc`.
    void setOutput(const dnnl::memory::desc &desc);
};

// A memory in the layout a primitive asked for, filled from a memory in another layout. When the
// layouts agree it is the source memory itself and run() does nothing, so reorders happen only
// where a producer's and a consumer's layouts differ (the network input, plain weights feeding a
// blocked primitive).
class InputBridge {
public:
    InputBridge() = default;
    InputBridge(const dnnl::engine &engine, const dnnl::memory &source, const dnnl::memory::desc &wanted);

    const dnnl::memory &memory() const { return m_inside; }
    bool reorders() const { return m_reorder.has_value(); }
    void run(dnnl::stream &stream);
    // Runs the reorder only when `version` differs from the last call's: for weights, which
    // change only when ParameterStore::valuesVersion() does.
    void runIfChanged(dnnl::stream &stream, std::uint64_t version);

private:
    dnnl::memory m_source;
    dnnl::memory m_inside;
    std::optional<dnnl::reorder> m_reorder;
    std::optional<std::uint64_t> m_version;
};

// Delivers a gradient that a primitive computes in its own layout to its destination: a
// tensor's gradient or a parameter's plain place in the flat gradient buffer. Written in place
// when the layouts agree and nothing is there yet; otherwise computed into a scratch memory and
// reordered over, with oneDNN's sum post-op adding it to what earlier consumers of the same
// tensor wrote (in a fixed order, so results are deterministic).
class GradientSink {
public:
    GradientSink() = default; // disabled
    GradientSink(const dnnl::engine &engine, const GradientTarget &target);

    bool enabled() const { return static_cast<bool>(m_target.diff); }
    // The memory the primitive writes the gradient into, in layout `desc`.
    dnnl::memory prepare(const dnnl::memory::desc &desc);
    // The gradient already exists in `source` (a slice of the output gradient, say): run()
    // copies (or adds) it over.
    void prepareFrom(const dnnl::memory &source);
    void run(dnnl::stream &stream);

private:
    const dnnl::engine *m_engine = nullptr;
    GradientTarget m_target;
    dnnl::memory m_inside;
    std::optional<dnnl::reorder> m_reorder;
};

// The plain layout of a tensor of rank 1, 2, 4 or 5 (x, nc, nchw, goihw).
dnnl::memory::desc plainDesc(const dnnl::memory::dims &dims,
                             dnnl::memory::data_type type = dnnl::memory::data_type::f32);
dnnl::memory::desc anyDesc(const dnnl::memory::dims &dims,
                           dnnl::memory::data_type type = dnnl::memory::data_type::f32);
// {batch} followed by the sample dims.
dnnl::memory::dims batched(std::int64_t batch, const Dims &sample);
// A memory over a tensor of a flat buffer, in its canonical plain layout viewed with `dims`.
dnnl::memory flatMemory(const dnnl::engine &engine, std::span<float> buffer, const TensorInfo &info,
                        const dnnl::memory::dims &dims);

// The plan of one layer for one batch size and mode: its primitives, built once and run every
// step. backward() only runs in training plans, after forward() of the same step.
class LayerPlan {
public:
    virtual ~LayerPlan() = default;
    virtual void forward(dnnl::stream &stream) = 0;
    virtual void backward(dnnl::stream &stream) = 0;
};

// The plan of the final softmax + cross-entropy node.
class LossPlan : public LayerPlan {
public:
    // N × K, row-major, valid after forward().
    virtual std::span<const float> logits() const = 0;
    virtual std::span<const float> logProbabilities() const = 0;
    // Mean cross-entropy of the last forward() against `labels` (N class indices in [0, K)).
    virtual double loss(std::span<const int> labels) const = 0;
    // The labels backward() differentiates against; must outlive the next backward().
    virtual void setLabels(std::span<const int> labels) = 0;
};

// One node of a network: checks its attributes and shapes and declares its parameters once,
// then builds plans for each batch size and mode the network runs with.
class Layer {
public:
    explicit Layer(NodeDefinition node) : m_node(std::move(node)) {}
    virtual ~Layer() = default;
    Layer(const Layer &) = delete;
    Layer &operator=(const Layer &) = delete;

    const NodeDefinition &node() const { return m_node; }
    virtual bool isLoss() const { return false; }

    // Checks the attributes and input sample shapes, declares the parameters and state tensors
    // in `store`. Returns the output sample shape or an error naming the node.
    virtual Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &store) = 0;
    // Builds the primitives for `context`. May throw dnnl::error (the network catches it).
    virtual std::unique_ptr<LayerPlan> plan(PlanContext &context) const = 0;

    // Indices into store.parameters() of this layer's tensors.
    const std::vector<int> &parameterIndices() const { return m_parameters; }

protected:
    int declareParameter(ParameterStore &store, TensorInfo info);
    int declareState(ParameterStore &store, TensorInfo info);
    Error error(const QString &what) const { return nodeError(m_node, what); }

private:
    NodeDefinition m_node;
    std::vector<int> m_parameters;
};

// The layer for a node's op, or an error naming the node when the op is unknown.
Result<std::unique_ptr<Layer>> makeLayer(const NodeDefinition &node);

// Factories, one per file.
std::unique_ptr<Layer> makeConvolution(const NodeDefinition &node);
std::unique_ptr<Layer> makeBatchNorm(const NodeDefinition &node);
std::unique_ptr<Layer> makeEltwise(const NodeDefinition &node); // relu, relu6
std::unique_ptr<Layer> makePooling(const NodeDefinition &node); // max_pool, avg_pool, global_avg_pool
std::unique_ptr<Layer> makeLrn(const NodeDefinition &node);
std::unique_ptr<Layer> makeConcat(const NodeDefinition &node);
std::unique_ptr<Layer> makeAdd(const NodeDefinition &node);
std::unique_ptr<Layer> makeInnerProduct(const NodeDefinition &node);
std::unique_ptr<Layer> makeDropout(const NodeDefinition &node);
std::unique_ptr<Layer> makeSoftmaxLoss(const NodeDefinition &node);

} // namespace sieve::nn
