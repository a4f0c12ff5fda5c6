#include "nn/layer.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

// The element-wise sum of its inputs (a residual connection), in the first input's layout.
// Backward: every input receives the output gradient unchanged.
class AddPlan final : public LayerPlan {
public:
    explicit AddPlan(PlanContext &context)
    {
        const dnnl::engine &engine = context.engine;
        std::vector<memory::desc> sources;
        for (const Tensor *input : context.inputs)
            sources.push_back(input->desc);
        const std::vector<float> scales(sources.size(), 1.0f);
        const dnnl::sum::primitive_desc pd(sources[0], scales, sources, engine);
        m_forward = dnnl::sum(pd);
        context.setOutput(pd.dst_desc());
        for (std::size_t i = 0; i < context.inputs.size(); ++i)
            m_forwardArgs.insert({DNNL_ARG_MULTIPLE_SRC + int(i), context.inputs[i]->data});
        m_forwardArgs.insert({DNNL_ARG_DST, context.output->data});
        if (!context.outputGradient)
            return;
        for (std::size_t i = 0; i < context.inputs.size(); ++i) {
            GradientSink sink(engine, context.inputGradients[i]);
            if (sink.enabled()) {
                sink.prepareFrom(context.output->diff);
                m_diffSrcs.push_back(std::move(sink));
            }
        }
    }

    void forward(dnnl::stream &stream) override { m_forward.execute(stream, m_forwardArgs); }

    void backward(dnnl::stream &stream) override
    {
        for (GradientSink &sink : m_diffSrcs)
            sink.run(stream);
    }

private:
    dnnl::sum m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    std::vector<GradientSink> m_diffSrcs;
};

class AddLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        if (Status status = Attributes(node()).finish(); !status)
            return status.takeError();
        if (inputs.size() < 2)
            return error(Tr::tr("needs at least two inputs"));
        for (std::size_t i = 1; i < inputs.size(); ++i) {
            if (inputs[i] != inputs[0])
                return error(Tr::tr("input %1 does not have the shape of the first").arg(i + 1));
        }
        return inputs[0];
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override { return std::make_unique<AddPlan>(context); }
};

} // namespace

std::unique_ptr<Layer> makeAdd(const NodeDefinition &node) { return std::make_unique<AddLayer>(node); }

} // namespace sieve::nn
