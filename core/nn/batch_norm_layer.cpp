#include "nn/layer.h"

#include <QCoreApplication>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

struct BatchNormTensors {
    const TensorInfo *scale, *shift, *runningMean, *runningVar;
};

// Training: normalises with the batch's mean and (biased) variance, then folds them into the
// running averages as PyTorch does (the running variance takes the unbiased estimate).
// Inference: normalises with the running averages.
class BatchNormPlan final : public LayerPlan {
public:
    BatchNormPlan(PlanContext &context, const BatchNormTensors &t, std::int64_t channels, float epsilon,
                  float momentum, std::int64_t perChannel)
        : m_training(context.training), m_momentum(momentum), m_perChannel(perChannel)
    {
        const dnnl::engine &engine = context.engine;
        const Tensor &input = *context.inputs[0];
        const memory::dims vector{channels};
        ParameterStore &store = context.store;
        const memory scale = flatMemory(engine, store.values(), *t.scale, vector);
        const memory shift = flatMemory(engine, store.values(), *t.shift, vector);
        m_runningMean = flatMemory(engine, store.state(), *t.runningMean, vector);
        m_runningVar = flatMemory(engine, store.state(), *t.runningVar, vector);

        using flags = dnnl::normalization_flags;
        auto forwardFlags = flags::use_scale | flags::use_shift;
        if (!m_training)
            forwardFlags = forwardFlags | flags::use_global_stats;
        // A ReLU that only reads this output is applied here, saving a pass over the tensor each
        // way; the backward then differentiates it too, from a workspace of where it was positive.
        const bool relu = context.activation.has_value();
        auto backwardFlags = flags::use_scale | flags::use_shift;
        if (relu) {
            forwardFlags = forwardFlags | flags::fuse_norm_relu;
            backwardFlags = backwardFlags | flags::fuse_norm_relu;
        }
        const auto prop = m_training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
        const dnnl::batch_normalization_forward::desc forwardDesc(prop, input.desc, epsilon, forwardFlags);
        const dnnl::batch_normalization_forward::primitive_desc forwardPd(forwardDesc, engine);
        m_forward = dnnl::batch_normalization_forward(forwardPd);
        context.setOutput(forwardPd.dst_desc());
        if (m_training) {
            m_mean = memory(forwardPd.mean_desc(), engine);
            m_variance = memory(forwardPd.variance_desc(), engine);
        } else {
            m_mean = m_runningMean;
            m_variance = m_runningVar;
        }
        m_forwardArgs = {{DNNL_ARG_SRC, input.data},
                         {DNNL_ARG_SCALE, scale},
                         {DNNL_ARG_SHIFT, shift},
                         {DNNL_ARG_MEAN, m_mean},
                         {DNNL_ARG_VARIANCE, m_variance},
                         {DNNL_ARG_DST, context.output->data}};
        memory workspace;
        if (relu && m_training) {
            workspace = memory(forwardPd.workspace_desc(), engine);
            m_forwardArgs.insert({DNNL_ARG_WORKSPACE, workspace});
        }
        if (!context.outputGradient)
            return;

        const dnnl::batch_normalization_backward::desc backwardDesc(dnnl::prop_kind::backward, context.output->desc,
                                                                    input.desc, epsilon, backwardFlags);
        const dnnl::batch_normalization_backward::primitive_desc backwardPd(backwardDesc, engine, forwardPd);
        m_backward = dnnl::batch_normalization_backward(backwardPd);
        // The primitive always computes all three gradients; the ones nobody needs go to scratch.
        m_diffSrc = GradientSink(engine, context.inputGradients[0]);
        const memory diffSrc = m_diffSrc.enabled() ? m_diffSrc.prepare(backwardPd.diff_src_desc())
                                                   : memory(backwardPd.diff_src_desc(), engine);
        const memory diffScale = context.weightGradients ? flatMemory(engine, store.gradients(), *t.scale, vector)
                                                         : memory(plainDesc(vector), engine);
        const memory diffShift = context.weightGradients ? flatMemory(engine, store.gradients(), *t.shift, vector)
                                                         : memory(plainDesc(vector), engine);
        m_backwardArgs = {{DNNL_ARG_SRC, input.data},           {DNNL_ARG_MEAN, m_mean},
                          {DNNL_ARG_VARIANCE, m_variance},      {DNNL_ARG_DIFF_DST, context.output->diff},
                          {DNNL_ARG_SCALE, scale},              {DNNL_ARG_SHIFT, shift},
                          {DNNL_ARG_DIFF_SRC, diffSrc},
                          {DNNL_ARG_DIFF_SCALE, diffScale},     {DNNL_ARG_DIFF_SHIFT, diffShift}};
        if (relu)
            m_backwardArgs.insert({DNNL_ARG_WORKSPACE, workspace});
    }

    void forward(dnnl::stream &stream) override
    {
        m_forward.execute(stream, m_forwardArgs);
        if (!m_training)
            return;
        stream.wait();
        const auto *mean = static_cast<const float *>(m_mean.get_data_handle());
        const auto *variance = static_cast<const float *>(m_variance.get_data_handle());
        auto *runningMean = static_cast<float *>(m_runningMean.get_data_handle());
        auto *runningVar = static_cast<float *>(m_runningVar.get_data_handle());
        const std::size_t channels = m_mean.get_desc().get_size() / sizeof(float);
        const float unbiased = m_perChannel > 1 ? float(m_perChannel) / float(m_perChannel - 1) : 1.0f;
        for (std::size_t c = 0; c < channels; ++c) {
            runningMean[c] = (1 - m_momentum) * runningMean[c] + m_momentum * mean[c];
            runningVar[c] = (1 - m_momentum) * runningVar[c] + m_momentum * variance[c] * unbiased;
        }
    }

    void backward(dnnl::stream &stream) override
    {
        m_backward.execute(stream, m_backwardArgs);
        m_diffSrc.run(stream);
    }

private:
    bool m_training;
    float m_momentum;
    std::int64_t m_perChannel;
    memory m_mean, m_variance, m_runningMean, m_runningVar;
    dnnl::batch_normalization_forward m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    dnnl::batch_normalization_backward m_backward;
    GradientSink m_diffSrc;
    std::unordered_map<int, memory> m_backwardArgs;
};

class BatchNormLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &store) override
    {
        Attributes attributes(node());
        m_epsilon = float(attributes.number("epsilon", 1e-5, 1e-12, 1));
        m_momentum = float(attributes.number("momentum", 0.1, 0, 1));
        const int group = attributes.group(store);
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        if (inputs.size() != 1 || inputs[0].size() != 3)
            return error(Tr::tr("needs one input of channels × height × width"));
        m_input = inputs[0];
        const std::int64_t channels = m_input[0];
        const auto vector = [&](const char *name, Init init, bool parameter) {
            TensorInfo info;
            info.name = QLatin1String(name);
            info.shape = {channels};
            info.count = std::size_t(channels);
            info.group = group;
            info.decay = false;
            info.init = init;
            return parameter ? declareParameter(store, info) : declareState(store, info);
        };
        m_scale = vector("weight", Init::One, true);
        m_shift = vector("bias", Init::Zero, true);
        m_runningMean = vector("running_mean", Init::Zero, false);
        m_runningVar = vector("running_var", Init::One, false);
        return m_input;
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        const ParameterStore &store = context.store;
        const BatchNormTensors tensors{&store.parameters()[m_scale], &store.parameters()[m_shift],
                                       &store.stateTensors()[m_runningMean], &store.stateTensors()[m_runningVar]};
        return std::make_unique<BatchNormPlan>(context, tensors, m_input[0], m_epsilon, m_momentum,
                                               context.batch * m_input[1] * m_input[2]);
    }

private:
    Dims m_input;
    float m_epsilon = 1e-5f;
    float m_momentum = 0.1f;
    int m_scale = -1, m_shift = -1, m_runningMean = -1, m_runningVar = -1;
};

} // namespace

std::unique_ptr<Layer> makeBatchNorm(const NodeDefinition &node) { return std::make_unique<BatchNormLayer>(node); }

} // namespace sieve::nn
