#include "nn/layer.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

struct LrnSettings {
    int size = 5;
    float alpha = 1e-4f, beta = 0.75f, k = 1.0f;
};

// Local response normalisation across channels: x / (k + alpha / size · Σ x²)^beta over a
// window of `size` channels centred on each one (AlexNet, GoogLeNet; PyTorch's and Caffe's
// definition). The forward keeps its workspace for the backward.
class LrnPlan final : public LayerPlan {
public:
    LrnPlan(PlanContext &context, const LrnSettings &s)
    {
        const dnnl::engine &engine = context.engine;
        const Tensor &input = *context.inputs[0];
        const auto algorithm = dnnl::algorithm::lrn_across_channels;
        const auto prop = context.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        const dnnl::lrn_forward::primitive_desc forwardPd({prop, algorithm, input.desc, s.size, s.alpha, s.beta, s.k},
                                                          engine);
        m_forward = dnnl::lrn_forward(forwardPd);
        context.setOutput(forwardPd.dst_desc());
        m_forwardArgs = {{DNNL_ARG_SRC, input.data}, {DNNL_ARG_DST, context.output->data}};
        if (context.training) {
            m_workspace = memory(forwardPd.workspace_desc(), engine);
            m_forwardArgs.insert({DNNL_ARG_WORKSPACE, m_workspace});
        }
        if (!context.outputGradient || !context.inputGradients[0].diff)
            return;
        const dnnl::lrn_backward::primitive_desc backwardPd(
            {algorithm, input.desc, context.output->desc, s.size, s.alpha, s.beta, s.k}, engine, forwardPd);
        m_backward = dnnl::lrn_backward(backwardPd);
        m_diffSrc = GradientSink(engine, context.inputGradients[0]);
        m_backwardArgs = {{DNNL_ARG_SRC, input.data},
                          {DNNL_ARG_DIFF_DST, context.output->diff},
                          {DNNL_ARG_WORKSPACE, m_workspace},
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
    memory m_workspace;
    dnnl::lrn_forward m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    dnnl::lrn_backward m_backward;
    GradientSink m_diffSrc;
    std::unordered_map<int, memory> m_backwardArgs;
};

class LrnLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        Attributes attributes(node());
        m_settings.size = attributes.integer("size", 5, 1);
        m_settings.alpha = float(attributes.number("alpha", 1e-4, 0, 1e6));
        m_settings.beta = float(attributes.number("beta", 0.75, 0, 1e6));
        m_settings.k = float(attributes.number("k", 1.0, 1e-6, 1e6));
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        // An even window is not centred; frameworks disagree on where its extra channel goes.
        if (m_settings.size % 2 == 0)
            return error(Tr::tr("attribute 'size' must be odd"));
        if (inputs.size() != 1 || inputs[0].size() != 3)
            return error(Tr::tr("needs one input of channels × height × width"));
        return inputs[0];
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        return std::make_unique<LrnPlan>(context, m_settings);
    }

private:
    LrnSettings m_settings;
};

} // namespace

std::unique_ptr<Layer> makeLrn(const NodeDefinition &node) { return std::make_unique<LrnLayer>(node); }

} // namespace sieve::nn
