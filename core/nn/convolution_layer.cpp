#include "nn/layer.h"
#include "nn/weighted_plan.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

struct ConvolutionShape {
    std::int64_t inputs = 0, outputs = 0, groups = 1;
    std::array<int, 2> kernel{}, stride{}, dilation{};
    std::array<int, 4> padding{}; // top, left, bottom, right
    Dims input, output;

    memory::dims weightDims() const
    {
        if (groups == 1)
            return {outputs, inputs, kernel[0], kernel[1]};
        return {groups, outputs / groups, inputs / groups, kernel[0], kernel[1]};
    }
    memory::dims strides() const { return {stride[0], stride[1]}; }
    // oneDNN counts dilation from 0 (no gaps); PyTorch and ONNX from 1.
    memory::dims dilates() const { return {dilation[0] - 1, dilation[1] - 1}; }
    memory::dims padLeft() const { return {padding[0], padding[1]}; }
    memory::dims padRight() const { return {padding[2], padding[3]}; }
};

// The primitives pick their source, weight and destination layouts (format_tag::any); the
// weights are reordered at the boundary as WeightedPlan explains. That costs one pass over the
// weights each way per step (for GoogLeNet's 7M weights about 28 MB, a few ms; the convolutions
// of a batch of 32 take seconds).
class ConvolutionPlan final : public WeightedPlan<dnnl::convolution_forward, dnnl::convolution_backward_data,
                                                 dnnl::convolution_backward_weights> {
public:
    ConvolutionPlan(PlanContext &context, const ConvolutionShape &shape, const TensorInfo &weight,
                    const TensorInfo *bias)
    {
        const dnnl::engine &engine = context.engine;
        const memory::dims srcDims = batched(context.batch, shape.input);
        const memory::dims dstDims = batched(context.batch, shape.output);
        const memory::dims weightDims = shape.weightDims();
        const memory::dims biasDims{shape.outputs};
        const auto prop = context.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        const auto algorithm = dnnl::algorithm::convolution_direct;
        // In bf16 the activations and the converted weights are bf16; the bias, the weight
        // gradients (written straight into the flat fp32 buffer) and the accumulation are fp32.
        const memory::data_type type = context.dataType;
        const memory::desc src = anyDesc(srcDims, type), weights = anyDesc(weightDims, type),
                           dst = anyDesc(dstDims, type), diffWeights = anyDesc(weightDims);

        const auto forwardDesc = bias
            ? dnnl::convolution_forward::desc(prop, algorithm, src, weights, plainDesc(biasDims), dst,
                                              shape.strides(), shape.dilates(), shape.padLeft(), shape.padRight())
            : dnnl::convolution_forward::desc(prop, algorithm, src, weights, dst, shape.strides(), shape.dilates(),
                                              shape.padLeft(), shape.padRight());
        dnnl::primitive_attr attributes;
        if (context.activation) {
            // ReLU applied while the output is still in registers: saves a pass over the tensor.
            dnnl::post_ops activation;
            activation.append_eltwise(1.0f, *context.activation, context.activationAlpha, context.activationBeta);
            attributes.set_post_ops(activation);
        }
        const dnnl::convolution_forward::primitive_desc forwardPd(forwardDesc, attributes, engine);
        setUpForward(context, forwardPd, weight, weightDims, bias, biasDims);

        if (!context.outputGradient)
            return;
        if (context.inputGradients[0].diff) {
            const dnnl::convolution_backward_data::desc desc(algorithm, src, weights, dst, shape.strides(),
                                                             shape.dilates(), shape.padLeft(), shape.padRight());
            setUpBackwardData(context, {desc, engine, forwardPd}, forwardPd);
        }
        if (context.weightGradients) {
            const auto desc = bias
                ? dnnl::convolution_backward_weights::desc(algorithm, src, diffWeights, plainDesc(biasDims), dst,
                                                           shape.strides(), shape.dilates(), shape.padLeft(),
                                                           shape.padRight())
                : dnnl::convolution_backward_weights::desc(algorithm, src, diffWeights, dst, shape.strides(),
                                                           shape.dilates(), shape.padLeft(), shape.padRight());
            setUpBackwardWeights(context, {desc, engine, forwardPd}, weight, weightDims, bias, biasDims);
        }
    }
};

class ConvolutionLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &store) override
    {
        Attributes attributes(node());
        ConvolutionShape &s = m_shape;
        s.outputs = attributes.integer("outputs", 0, 1);
        s.kernel = attributes.pair("kernel", 0, 1);
        s.stride = attributes.pair("stride", 1, 1);
        s.dilation = attributes.pair("dilation", 1, 1);
        s.padding = attributes.padding("pad");
        s.groups = attributes.integer("groups", 1, 1);
        const bool bias = attributes.boolean("bias", true);
        const QString init = attributes.choice("init", QStringLiteral("kaiming"),
                                               {QStringLiteral("kaiming"), QStringLiteral("xavier")});
        const int group = attributes.group(store);
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        if (s.outputs == 0 || s.kernel[0] == 0)
            return error(Tr::tr("attributes 'outputs' and 'kernel' are required"));
        if (inputs.size() != 1 || inputs[0].size() != 3)
            return error(Tr::tr("needs one input of channels × height × width"));
        s.input = inputs[0];
        s.inputs = s.input[0];
        if (s.inputs % s.groups != 0 || s.outputs % s.groups != 0)
            return error(Tr::tr("%1 input and %2 output channels do not divide into %3 groups")
                             .arg(s.inputs)
                             .arg(s.outputs)
                             .arg(s.groups));
        s.output = {s.outputs, 0, 0};
        for (int d = 0; d < 2; ++d) {
            const std::int64_t extent = (s.kernel[d] - 1) * std::int64_t(s.dilation[d]) + 1;
            const std::int64_t padded = s.input[1 + d] + s.padding[d] + s.padding[2 + d];
            if (padded < extent)
                return error(Tr::tr("the %1×%2 input (padded) is smaller than the kernel")
                                 .arg(s.input[1])
                                 .arg(s.input[2]));
            s.output[1 + d] = (padded - extent) / s.stride[d] + 1;
        }

        const std::int64_t receptive = s.kernel[0] * std::int64_t(s.kernel[1]);
        TensorInfo weight;
        weight.name = QStringLiteral("weight");
        weight.shape = {s.outputs, s.inputs / s.groups, s.kernel[0], s.kernel[1]};
        weight.count = std::size_t(s.outputs * (s.inputs / s.groups) * receptive);
        weight.group = group;
        weight.init = init == QLatin1String("xavier") ? Init::XavierUniform : Init::KaimingNormal;
        weight.fanIn = double(s.inputs / s.groups * receptive);
        weight.fanOut = double(s.outputs / s.groups * receptive);
        m_weight = declareParameter(store, weight);
        if (bias) {
            TensorInfo b;
            b.name = QStringLiteral("bias");
            b.shape = {s.outputs};
            b.count = std::size_t(s.outputs);
            b.group = group;
            b.decay = false;
            m_bias = declareParameter(store, b);
        }
        return s.output;
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        const auto &tensors = context.store.parameters();
        return std::make_unique<ConvolutionPlan>(context, m_shape, tensors[m_weight],
                                                 m_bias >= 0 ? &tensors[m_bias] : nullptr);
    }

private:
    ConvolutionShape m_shape;
    int m_weight = -1;
    int m_bias = -1;
};

} // namespace

std::unique_ptr<Layer> makeConvolution(const NodeDefinition &node) { return std::make_unique<ConvolutionLayer>(node); }

} // namespace sieve::nn
