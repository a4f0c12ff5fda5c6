#include "nn/layer.h"
#include "nn/weighted_plan.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

// A fully connected layer. An image input is flattened implicitly: the weights are viewed as
// O × C × H × W, which in the plain layout is PyTorch's O × (C·H·W) after flatten(), so the
// primitive reads a blocked input directly without a reorder. Weights are reordered between the
// flat buffer's plain layout and the primitive's as for convolutions.
class InnerProductPlan final : public WeightedPlan<dnnl::inner_product_forward, dnnl::inner_product_backward_data,
                                                  dnnl::inner_product_backward_weights> {
public:
    InnerProductPlan(PlanContext &context, const Dims &input, std::int64_t outputs, const TensorInfo &weight,
                     const TensorInfo *bias)
    {
        const dnnl::engine &engine = context.engine;
        const memory::dims srcDims = batched(context.batch, input);
        memory::dims weightDims = batched(outputs, input);
        const memory::dims biasDims{outputs}, dstDims{context.batch, outputs};
        const auto prop = context.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        // In bf16 the input and the converted weights are bf16; the output (logits, usually)
        // and the weight gradients stay fp32, so the loss is computed from fp32 scores.
        const memory::data_type type = context.dataType;
        const memory::desc src = anyDesc(srcDims, type), weights = anyDesc(weightDims, type),
                           dst = anyDesc(dstDims), diffWeights = anyDesc(weightDims);
        const auto forwardDesc = bias
            ? dnnl::inner_product_forward::desc(prop, src, weights, plainDesc(biasDims), dst)
            : dnnl::inner_product_forward::desc(prop, src, weights, dst);
        const dnnl::inner_product_forward::primitive_desc forwardPd(forwardDesc, engine);
        setUpForward(context, forwardPd, weight, weightDims, bias, biasDims);
        if (!context.outputGradient)
            return;
        // oneDNN's bf16 backward takes a bf16 output gradient; the plan reorders the fp32 one.
        const memory::desc diffDst = anyDesc(dstDims, type);
        if (context.inputGradients[0].diff)
            setUpBackwardData(context, {{src, weights, diffDst}, engine, forwardPd}, forwardPd);
        if (context.weightGradients) {
            const auto desc = bias
                ? dnnl::inner_product_backward_weights::desc(src, diffWeights, plainDesc(biasDims), diffDst)
                : dnnl::inner_product_backward_weights::desc(src, diffWeights, diffDst);
            setUpBackwardWeights(context, {desc, engine, forwardPd}, weight, weightDims, bias, biasDims);
        }
    }
};

class InnerProductLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &store) override
    {
        Attributes attributes(node());
        m_outputs = attributes.integer("outputs", 0, 1);
        const bool bias = attributes.boolean("bias", true);
        const QString init = attributes.choice("init", QStringLiteral("xavier"),
                                               {QStringLiteral("kaiming"), QStringLiteral("xavier")});
        const int group = attributes.group(store);
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        if (m_outputs == 0)
            return error(Tr::tr("attribute 'outputs' is required"));
        if (inputs.size() != 1 || (inputs[0].size() != 1 && inputs[0].size() != 3))
            return error(Tr::tr("needs one input, a vector or channels × height × width"));
        m_input = inputs[0];
        std::int64_t fanIn = 1;
        for (std::int64_t d : m_input)
            fanIn *= d;

        TensorInfo weight;
        weight.name = QStringLiteral("weight");
        weight.shape = {m_outputs, fanIn};
        weight.count = std::size_t(m_outputs * fanIn);
        weight.group = group;
        weight.init = init == QLatin1String("kaiming") ? Init::KaimingNormal : Init::XavierUniform;
        weight.fanIn = double(fanIn);
        weight.fanOut = double(m_outputs);
        m_weight = declareParameter(store, weight);
        if (bias) {
            TensorInfo b;
            b.name = QStringLiteral("bias");
            b.shape = {m_outputs};
            b.count = std::size_t(m_outputs);
            b.group = group;
            b.decay = false;
            m_bias = declareParameter(store, b);
        }
        return Dims{m_outputs};
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        const auto &tensors = context.store.parameters();
        return std::make_unique<InnerProductPlan>(context, m_input, m_outputs, tensors[m_weight],
                                                  m_bias >= 0 ? &tensors[m_bias] : nullptr);
    }

private:
    Dims m_input;
    std::int64_t m_outputs = 0;
    int m_weight = -1;
    int m_bias = -1;
};

} // namespace

std::unique_ptr<Layer> makeInnerProduct(const NodeDefinition &node)
{
    return std::make_unique<InnerProductLayer>(node);
}

} // namespace sieve::nn
