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
        if (node().op == QLatin1String("relu6"))
            return std::make_unique<EltwisePlan>(context, dnnl::algorithm::eltwise_clip, 0.0f, 6.0f);
        return std::make_unique<EltwisePlan>(context, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    }
};

} // namespace

std::unique_ptr<Layer> makeEltwise(const NodeDefinition &node) { return std::make_unique<EltwiseLayer>(node); }

} // namespace sieve::nn
