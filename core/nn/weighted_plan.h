#pragma once

#include "nn/layer.h"

#include <unordered_map>

namespace sieve::nn {

// The plan of a layer with weights (and an optional bias) in the flat buffers: convolution and
// inner product, which oneDNN runs as three primitives of the same pattern. FORWARD,
// BACKWARD_DATA and BACKWARD_WEIGHTS are the oneDNN primitive classes. The weights stay in their
// plain layout in the flat buffer; when a primitive wants a blocked layout they are reordered
// at each forward and their gradient reordered back after each backward, so every gradient
// stays in the one flat buffer the all-reduce sums. A subclass builds the primitive
// descriptors and hands them to the set-up functions below, in this order.
template <typename Forward, typename BackwardData, typename BackwardWeights>
class WeightedPlan : public LayerPlan {
public:
    void forward(dnnl::stream &stream) override
    {
        m_src.run(stream);
        if (m_cacheWeights)
            m_weights.runIfChanged(stream, m_store->valuesVersion());
        else
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

protected:
    // The forward primitive, reading the weights WEIGHT (viewed as WEIGHT_DIMS) and BIAS (if
    // any) from the flat parameter buffer; allocates the layer's output.
    void setUpForward(PlanContext &context, const typename Forward::primitive_desc &pd, const TensorInfo &weight,
                      const dnnl::memory::dims &weightDims, const TensorInfo *bias, const dnnl::memory::dims &biasDims)
    {
        const dnnl::engine &engine = context.engine;
        m_store = &context.store;
        m_cacheWeights = !context.training;
        m_forward = Forward(pd);
        m_src = InputBridge(engine, context.inputs[0]->data, pd.src_desc());
        m_plainWeights = flatMemory(engine, context.store.values(), weight, weightDims);
        m_weights = InputBridge(engine, m_plainWeights, pd.weights_desc());
        context.setOutput(pd.dst_desc());
        m_forwardArgs = {{DNNL_ARG_SRC, m_src.memory()},
                         {DNNL_ARG_WEIGHTS, m_weights.memory()},
                         {DNNL_ARG_DST, context.output->data}};
        if (bias)
            m_forwardArgs.insert({DNNL_ARG_BIAS, flatMemory(engine, context.store.values(), *bias, biasDims)});
    }

    // The gradient of the input. The forward has already reordered the weights; they are
    // reused when this primitive wants the same layout.
    void setUpBackwardData(PlanContext &context, const typename BackwardData::primitive_desc &pd,
                           const typename Forward::primitive_desc &forwardPd)
    {
        const dnnl::engine &engine = context.engine;
        m_backwardData = BackwardData(pd);
        m_dataDiffDst = InputBridge(engine, context.output->diff, pd.diff_dst_desc());
        const bool ownWeights = pd.weights_desc() != forwardPd.weights_desc();
        if (ownWeights)
            m_dataWeights = InputBridge(engine, m_plainWeights, pd.weights_desc());
        m_diffSrc = GradientSink(engine, context.inputGradients[0]);
        m_backwardDataArgs = {{DNNL_ARG_DIFF_DST, m_dataDiffDst.memory()},
                              {DNNL_ARG_WEIGHTS, ownWeights ? m_dataWeights.memory() : m_weights.memory()},
                              {DNNL_ARG_DIFF_SRC, m_diffSrc.prepare(pd.diff_src_desc())}};
    }

    // The gradients of the weights and bias, into their places in the flat gradient buffer.
    void setUpBackwardWeights(PlanContext &context, const typename BackwardWeights::primitive_desc &pd,
                              const TensorInfo &weight, const dnnl::memory::dims &weightDims, const TensorInfo *bias,
                              const dnnl::memory::dims &biasDims)
    {
        const dnnl::engine &engine = context.engine;
        m_backwardWeights = BackwardWeights(pd);
        m_weightsSrc = InputBridge(engine, m_src.memory(), pd.src_desc());
        m_weightsDiffDst = InputBridge(engine, context.output->diff, pd.diff_dst_desc());
        m_diffWeights = GradientSink(
            engine, GradientTarget{flatMemory(engine, context.store.gradients(), weight, weightDims), false});
        m_backwardWeightsArgs = {{DNNL_ARG_SRC, m_weightsSrc.memory()},
                                 {DNNL_ARG_DIFF_DST, m_weightsDiffDst.memory()},
                                 {DNNL_ARG_DIFF_WEIGHTS, m_diffWeights.prepare(pd.diff_weights_desc())}};
        if (bias)
            m_backwardWeightsArgs.insert(
                {DNNL_ARG_DIFF_BIAS, flatMemory(engine, context.store.gradients(), *bias, biasDims)});
    }

private:
    const ParameterStore *m_store = nullptr;
    bool m_cacheWeights = false;
    Forward m_forward;
    dnnl::memory m_plainWeights;
    InputBridge m_src, m_weights;
    std::unordered_map<int, dnnl::memory> m_forwardArgs;

    BackwardData m_backwardData;
    InputBridge m_dataDiffDst, m_dataWeights;
    GradientSink m_diffSrc;
    std::unordered_map<int, dnnl::memory> m_backwardDataArgs;

    BackwardWeights m_backwardWeights;
    InputBridge m_weightsSrc, m_weightsDiffDst;
    GradientSink m_diffWeights;
    std::unordered_map<int, dnnl::memory> m_backwardWeightsArgs;
};

} // namespace sieve::nn
