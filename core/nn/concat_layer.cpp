#include "nn/layer.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

// Joins its inputs along the channels (an inception block's branches). Backward needs no
// primitive of its own: each input's gradient is its slice of the output gradient, reordered
// into the input's layout. Slicing a blocked layout (16 channels a block) is only possible at
// block boundaries; when a branch's channel count is not a multiple of the block, the output is
// kept in the plain layout instead.
class ConcatPlan final : public LayerPlan {
public:
    explicit ConcatPlan(PlanContext &context)
    {
        const dnnl::engine &engine = context.engine;
        std::vector<memory::desc> sources;
        for (const Tensor *input : context.inputs)
            sources.push_back(input->desc);
        dnnl::concat::primitive_desc pd(1, sources, engine);
        if (!slicesFit(pd.dst_desc(), sources))
            pd = dnnl::concat::primitive_desc(plainDesc(pd.dst_desc().dims()), 1, sources, engine);
        m_forward = dnnl::concat(pd);
        context.setOutput(pd.dst_desc());
        for (std::size_t i = 0; i < context.inputs.size(); ++i)
            m_forwardArgs.insert({DNNL_ARG_MULTIPLE_SRC + int(i), context.inputs[i]->data});
        m_forwardArgs.insert({DNNL_ARG_DST, context.output->data});
        if (!context.outputGradient)
            return;
        std::int64_t offset = 0;
        for (std::size_t i = 0; i < context.inputs.size(); ++i) {
            const memory::dims dims = sources[i].dims();
            GradientSink sink(engine, context.inputGradients[i]);
            if (sink.enabled()) {
                const memory::desc slice = context.output->diff.get_desc().submemory_desc(dims, {0, offset, 0, 0});
                sink.prepareFrom(memory(slice, engine, context.output->diff.get_data_handle()));
                m_diffSrcs.push_back(std::move(sink));
            }
            offset += dims[1];
        }
    }

    void forward(dnnl::stream &stream) override { m_forward.execute(stream, m_forwardArgs); }

    void backward(dnnl::stream &stream) override
    {
        for (GradientSink &sink : m_diffSrcs)
            sink.run(stream);
    }

private:
    static bool slicesFit(const memory::desc &dst, const std::vector<memory::desc> &sources)
    {
        std::int64_t offset = 0;
        for (const memory::desc &source : sources) {
            const memory::desc slice = dst.submemory_desc(source.dims(), {0, offset, 0, 0}, true);
            if (slice.is_zero())
                return false;
            offset += source.dims()[1];
        }
        return true;
    }

    dnnl::concat m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    std::vector<GradientSink> m_diffSrcs;
};

class ConcatLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        if (Status status = Attributes(node()).finish(); !status)
            return status.takeError();
        if (inputs.size() < 2)
            return error(Tr::tr("needs at least two inputs"));
        Dims output = inputs[0];
        if (output.size() != 3)
            return error(Tr::tr("joins inputs of channels × height × width only"));
        for (std::size_t i = 1; i < inputs.size(); ++i) {
            if (inputs[i].size() != 3 || inputs[i][1] != output[1] || inputs[i][2] != output[2])
                return error(Tr::tr("input %1 is not %2×%3 like the first").arg(i + 1).arg(output[1]).arg(output[2]));
            output[0] += inputs[i][0];
        }
        return output;
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        return std::make_unique<ConcatPlan>(context);
    }
};

} // namespace

std::unique_ptr<Layer> makeConcat(const NodeDefinition &node) { return std::make_unique<ConcatLayer>(node); }

} // namespace sieve::nn
