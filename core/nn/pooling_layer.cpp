#include "nn/layer.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

struct PoolingShape {
    dnnl::algorithm algorithm = dnnl::algorithm::pooling_max;
    std::array<int, 2> kernel{}, stride{};
    std::array<int, 4> padding{}; // top, left, bottom, right, including ceil mode's extra
    Dims input, output;
};

// Max pooling keeps the forward's workspace (where each maximum was) for the backward. The
// backward works in the forward's layouts: left to choose (format_tag::any) oneDNN 2.6 picked
// a layout (acdB16b) only its reference kernel handles, a hundred times slower.
class PoolingPlan final : public LayerPlan {
public:
    PoolingPlan(PlanContext &context, const PoolingShape &s)
    {
        const dnnl::engine &engine = context.engine;
        const Tensor &input = *context.inputs[0];
        const memory::dims strides{s.stride[0], s.stride[1]}, kernel{s.kernel[0], s.kernel[1]};
        const memory::dims dilation{0, 0}, padLeft{s.padding[0], s.padding[1]},
            padRight{s.padding[2], s.padding[3]};
        const memory::dims dstDims = batched(context.batch, s.output);
        const auto prop = context.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        const dnnl::pooling_v2_forward::primitive_desc forwardPd(
            {prop, s.algorithm, input.desc, anyDesc(dstDims, input.desc.data_type()), strides, kernel, dilation, padLeft,
             padRight},
            engine);
        m_forward = dnnl::pooling_v2_forward(forwardPd);
        context.setOutput(forwardPd.dst_desc());
        m_forwardArgs = {{DNNL_ARG_SRC, input.data}, {DNNL_ARG_DST, context.output->data}};
        const bool workspace = context.training && s.algorithm == dnnl::algorithm::pooling_max;
        if (workspace) {
            m_workspace = memory(forwardPd.workspace_desc(), engine);
            m_forwardArgs.insert({DNNL_ARG_WORKSPACE, m_workspace});
        }
        if (!context.outputGradient || !context.inputGradients[0].diff)
            return;
        const dnnl::pooling_v2_backward::primitive_desc backwardPd(
            {s.algorithm, input.desc, context.output->desc, strides, kernel, dilation, padLeft, padRight},
            engine, forwardPd);
        m_backward = dnnl::pooling_v2_backward(backwardPd);
        m_diffSrc = GradientSink(engine, context.inputGradients[0]);
        m_backwardArgs = {{DNNL_ARG_DIFF_DST, context.output->diff},
                          {DNNL_ARG_DIFF_SRC, m_diffSrc.prepare(backwardPd.diff_src_desc())}};
        if (workspace)
            m_backwardArgs.insert({DNNL_ARG_WORKSPACE, m_workspace});
    }

    void forward(dnnl::stream &stream) override { m_forward.execute(stream, m_forwardArgs); }

    void backward(dnnl::stream &stream) override
    {
        if (!m_diffSrc.enabled())
            return;
        m_backward.execute(stream, m_backwardArgs);
        m_diffSrc.run(stream);
    }

private:
    memory m_workspace;
    dnnl::pooling_v2_forward m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    dnnl::pooling_v2_backward m_backward;
    GradientSink m_diffSrc;
    std::unordered_map<int, memory> m_backwardArgs;
};

// max_pool / avg_pool: attributes kernel (required), stride (default 1, as in ONNX and Caffe),
// pad, ceil (round the output size up, as Caffe always does and PyTorch's ceil_mode) and, for
// avg_pool, countIncludePad (default true, as in PyTorch). global_avg_pool: none.
class PoolingLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        if (inputs.size() != 1 || inputs[0].size() != 3)
            return error(Tr::tr("needs one input of channels × height × width"));
        PoolingShape &s = m_shape;
        s.input = inputs[0];
        Attributes attributes(node());
        if (node().op == QLatin1String("global_avg_pool")) {
            if (Status status = attributes.finish(); !status)
                return status.takeError();
            s.algorithm = dnnl::algorithm::pooling_avg_exclude_padding;
            s.kernel = {int(s.input[1]), int(s.input[2])};
            s.stride = {1, 1};
            s.output = {s.input[0], 1, 1};
            return s.output;
        }
        const bool average = node().op == QLatin1String("avg_pool");
        s.kernel = attributes.pair("kernel", 0, 1);
        s.stride = attributes.pair("stride", 1, 1);
        const std::array<int, 4> declared = attributes.padding("pad");
        const bool ceil = attributes.boolean("ceil", false);
        const bool includePad = average && attributes.boolean("countIncludePad", true);
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        if (s.kernel[0] == 0)
            return error(Tr::tr("attribute 'kernel' is required"));

        s.padding = declared;
        s.output = {s.input[0], 0, 0};
        bool extended = false;
        for (int d = 0; d < 2; ++d) {
            const std::int64_t size = s.input[1 + d];
            const std::int64_t padded = size + declared[d] + declared[2 + d];
            if (declared[d] >= s.kernel[d] || declared[2 + d] >= s.kernel[d])
                return error(Tr::tr("padding must be smaller than the kernel"));
            if (padded < s.kernel[d])
                return error(Tr::tr("the %1×%2 input (padded) is smaller than the kernel")
                                 .arg(s.input[1])
                                 .arg(s.input[2]));
            std::int64_t out = (padded - s.kernel[d]) / s.stride[d] + 1;
            if (ceil) {
                out = (padded - s.kernel[d] + s.stride[d] - 1) / s.stride[d] + 1;
                // As PyTorch and Caffe: the last window must start inside the input or its left
                // padding, not wholly in the padding on the right.
                if ((out - 1) * s.stride[d] >= size + declared[d])
                    --out;
                // oneDNN has no ceil mode: the windows that round-up adds read extra padding on
                // the right (ignored by max pooling, not counted by exclude-padding averages).
                const std::int64_t right = (out - 1) * s.stride[d] + s.kernel[d] - size - declared[d];
                if (right > declared[2 + d]) {
                    s.padding[2 + d] = int(right);
                    extended = true;
                }
            }
            s.output[1 + d] = out;
        }
        const bool anyDeclared = declared != std::array<int, 4>{0, 0, 0, 0};
        if (!average) {
            s.algorithm = dnnl::algorithm::pooling_max;
        } else if (!includePad || !anyDeclared) {
            // Without declared padding "include padding" counts only input pixels, exactly what
            // oneDNN's exclude-padding average does even where ceil mode added some.
            s.algorithm = dnnl::algorithm::pooling_avg_exclude_padding;
        } else if (extended) {
            // PyTorch and Caffe count the declared padding but not ceil mode's extra; oneDNN would
            // count both. Refuse rather than compute a slightly different average at the edges.
            return error(Tr::tr("average pooling that counts padding cannot also use ceil mode here; "
                                "set 'countIncludePad' to false or 'ceil' to false"));
        } else {
            s.algorithm = dnnl::algorithm::pooling_avg_include_padding;
        }
        return s.output;
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        return std::make_unique<PoolingPlan>(context, m_shape);
    }

private:
    PoolingShape m_shape;
};

} // namespace

std::unique_ptr<Layer> makePooling(const NodeDefinition &node) { return std::make_unique<PoolingLayer>(node); }

} // namespace sieve::nn
