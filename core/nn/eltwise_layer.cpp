#include "nn/layer.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

// ReLU (max(x, 0)) and ReLU6 (oneDNN's clip to [0, 6]) in the layout of their input.
class EltwisePlan final : public LayerPlan {
public:
    EltwisePlan(PlanContext &context, dnnl::algorithm algorithm, float alpha, float beta)
    {
        const dnnl::engine &engine = context.engine;
        const Tensor &input = *context.inputs[0];
        const auto prop = context.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        const dnnl::eltwise_forward::primitive_desc forwardPd({prop, algorithm, input.desc, alpha, beta}, engine);
        m_forward = dnnl::eltwise_forward(forwardPd);
        context.setOutput(forwardPd.dst_desc());
        m_forwardArgs = {{DNNL_ARG_SRC, input.data}, {DNNL_ARG_DST, context.output->data}};
        if (!context.outputGradient || !context.inputGradients[0].diff)
            return;
        const dnnl::eltwise_backward::primitive_desc backwardPd(
            {algorithm, context.output->desc, input.desc, alpha, beta}, engine, forwardPd);
        m_backward = dnnl::eltwise_backward(backwardPd);
        m_diffSrc = GradientSink(engine, context.inputGradients[0]);
        m_backwardArgs = {{DNNL_ARG_SRC, input.data},
                          {DNNL_ARG_DIFF_DST, context.output->diff},
                          {DNNL_ARG_DIFF_SRC, m_diffSrc.prepare(backwardPd.diff_src_desc())}};
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
    dnnl::eltwise_forward m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    dnnl::eltwise_backward m_backward;
    GradientSink m_diffSrc;
    std::unordered_map<int, memory> m_backwardArgs;
};

// A ReLU its producing convolution applied as a post-op: the output is the convolution's own, so
// forward has nothing to do, and backward masks the gradient in place where that output is zero
// (oneDNN's use-dst variant, which needs no copy of the values before the activation).
class FusedReluPlan final : public LayerPlan {
public:
    explicit FusedReluPlan(PlanContext &context)
    {
        if (!context.outputGradient || !context.inputGradients[0].diff || context.producerDifferentiates)
            return;
        const dnnl::engine &engine = context.engine;
        const Tensor &tensor = *context.output;
        const auto algorithm = dnnl::algorithm::eltwise_relu_use_dst_for_bwd;
        const dnnl::eltwise_forward::primitive_desc hint(
            {dnnl::prop_kind::forward_training, algorithm, tensor.desc, 0.0f, 0.0f}, engine);
        const dnnl::eltwise_backward::primitive_desc pd({algorithm, tensor.desc, tensor.desc, 0.0f, 0.0f}, engine,
                                                        hint);
        m_backward = dnnl::eltwise_backward(pd);
        m_backwardArgs = {{DNNL_ARG_DST, tensor.data}, {DNNL_ARG_DIFF_DST, tensor.diff}, {DNNL_ARG_DIFF_SRC, tensor.diff}};
    }

    void forward(dnnl::stream &) override {}

    void backward(dnnl::stream &stream) override
    {
        if (!m_backwardArgs.empty())
            m_backward.execute(stream, m_backwardArgs);
    }

private:
    dnnl::eltwise_backward m_backward;
    std::unordered_map<int, memory> m_backwardArgs;
};

class EltwiseLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        if (Status status = Attributes(node()).finish(); !status)
            return status.takeError();
        if (inputs.size() != 1)
            return error(Tr::tr("needs exactly one input"));
        return inputs[0];
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        if (context.fusedIntoInput)
            return std::make_unique<FusedReluPlan>(context);
        if (node().op == QLatin1String("relu6"))
            return std::make_unique<EltwisePlan>(context, dnnl::algorithm::eltwise_clip, 0.0f, 6.0f);
        return std::make_unique<EltwisePlan>(context, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    }
};

} // namespace

std::unique_ptr<Layer> makeEltwise(const NodeDefinition &node) { return std::make_unique<EltwiseLayer>(node); }

} // namespace sieve::nn
