#include "nn/layer.h"

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
class InnerProductPlan final : public LayerPlan {
public:
    InnerProductPlan(PlanContext &context, const Dims &input, std::int64_t outputs, const TensorInfo &weight,
                     const TensorInfo *bias)
    {
        const dnnl::engine &engine = context.engine;
        const memory::dims srcDims = batched(context.batch, input);
        memory::dims weightDims = batched(outputs, input);
        const memory::dims biasDims{outputs}, dstDims{context.batch, outputs};
        const auto prop = context.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        const auto forwardDesc = bias ? dnnl::inner_product_forward::desc(prop, anyDesc(srcDims), anyDesc(weightDims),
                                                                          plainDesc(biasDims), anyDesc(dstDims))
                                      : dnnl::inner_product_forward::desc(prop, anyDesc(srcDims), anyDesc(weightDims),
                                                                          anyDesc(dstDims));
        const dnnl::inner_product_forward::primitive_desc forwardPd(forwardDesc, engine);
        m_forward = dnnl::inner_product_forward(forwardPd);
        m_src = InputBridge(engine, context.inputs[0]->data, forwardPd.src_desc());
        const memory plainWeights = flatMemory(engine, context.store.values(), weight, weightDims);
        m_weights = InputBridge(engine, plainWeights, forwardPd.weights_desc());
        context.setOutput(forwardPd.dst_desc());
        m_forwardArgs = {{DNNL_ARG_SRC, m_src.memory()},
                         {DNNL_ARG_WEIGHTS, m_weights.memory()},
                         {DNNL_ARG_DST, context.output->data}};
        if (bias)
            m_forwardArgs.insert({DNNL_ARG_BIAS, flatMemory(engine, context.store.values(), *bias, biasDims)});
        if (!context.outputGradient)
            return;

        const Tensor &output = *context.output;
        if (context.inputGradients[0].diff) {
            const dnnl::inner_product_backward_data::primitive_desc pd(
                {anyDesc(srcDims), anyDesc(weightDims), anyDesc(dstDims)}, engine, forwardPd);
            m_backwardData = dnnl::inner_product_backward_data(pd);
            m_dataDiffDst = InputBridge(engine, output.diff, pd.diff_dst_desc());
            const bool ownWeights = pd.weights_desc() != forwardPd.weights_desc();
            if (ownWeights)
                m_dataWeights = InputBridge(engine, plainWeights, pd.weights_desc());
            m_diffSrc = GradientSink(engine, context.inputGradients[0]);
            m_backwardDataArgs = {{DNNL_ARG_DIFF_DST, m_dataDiffDst.memory()},
                                  {DNNL_ARG_WEIGHTS, ownWeights ? m_dataWeights.memory() : m_weights.memory()},
                                  {DNNL_ARG_DIFF_SRC, m_diffSrc.prepare(pd.diff_src_desc())}};
        }
        if (context.weightGradients) {
            const auto desc = bias ? dnnl::inner_product_backward_weights::desc(anyDesc(srcDims), anyDesc(weightDims),
                                                                                plainDesc(biasDims), anyDesc(dstDims))
                                   : dnnl::inner_product_backward_weights::desc(anyDesc(srcDims), anyDesc(weightDims),
                                                                                anyDesc(dstDims));
            const dnnl::inner_product_backward_weights::primitive_desc pd(desc, engine, forwardPd);
            m_backwardWeights = dnnl::inner_product_backward_weights(pd);
            m_weightsSrc = InputBridge(engine, m_src.memory(), pd.src_desc());
            m_weightsDiffDst = InputBridge(engine, output.diff, pd.diff_dst_desc());
            m_diffWeights = GradientSink(
                engine, GradientTarget{flatMemory(engine, context.store.gradients(), weight, weightDims), false});
            m_backwardWeightsArgs = {{DNNL_ARG_SRC, m_weightsSrc.memory()},
                                     {DNNL_ARG_DIFF_DST, m_weightsDiffDst.memory()},
                                     {DNNL_ARG_DIFF_WEIGHTS, m_diffWeights.prepare(pd.diff_weights_desc())}};
            if (bias)
                m_backwardWeightsArgs.insert(
                    {DNNL_ARG_DIFF_BIAS, flatMemory(engine, context.store.gradients(), *bias, biasDims)});
        }
    }

    void forward(dnnl::stream &stream) override
    {
        m_src.run(stream);
        m_weights.run(stream);
        m_forward.execute(stream, m_forwardArgs);
    }

    void backward(dnnl::stream &stream) override
    {
        if (m_diffSrc.enabled()) {
            m_dataDiffDst.run(stream);
            m_dataWeights.run(stream);
            m_backwardData.execute(stream, m_backwardDataArgs);
            m_diffSrc.run(stream);
        }
        if (m_diffWeights.enabled()) {
            m_weightsSrc.run(stream);
            m_weightsDiffDst.run(stream);
            m_backwardWeights.execute(stream, m_backwardWeightsArgs);
            m_diffWeights.run(stream);
        }
    }

private:
    dnnl::inner_product_forward m_forward;
    InputBridge m_src, m_weights;
    std::unordered_map<int, memory> m_forwardArgs;

    dnnl::inner_product_backward_data m_backwardData;
    InputBridge m_dataDiffDst, m_dataWeights;
    GradientSink m_diffSrc;
    std::unordered_map<int, memory> m_backwardDataArgs;

    dnnl::inner_product_backward_weights m_backwardWeights;
    InputBridge m_weightsSrc, m_weightsDiffDst;
    GradientSink m_diffWeights;
    std::unordered_map<int, memory> m_backwardWeightsArgs;
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
