#include "nn/layer.h"

#include "nn/random.h"

#include <QCoreApplication>

#include <cstring>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

// Inverted dropout: in training each element is kept with probability 1 - ratio and scaled by
// 1 / (1 - ratio); in inference the input passes unchanged. oneDNN 2.6 has no dropout, so the
// mask is made here: element i of step s keeps iff hash(seed, node, s, i) ≥ ratio·2^64, a
// counter-based draw that needs no generator state, so a resumed run or another worker at the
// same step draws the same mask. The mask covers the tensor's physical layout (padding
// included; those elements are zero anyway). A bf16 input is converted to plain fp32 first (the
// mask works on floats); dropout sits before a classifier, on small tensors.
class DropoutPlan final : public LayerPlan {
public:
    DropoutPlan(PlanContext &context, float ratio, std::uint64_t nodeKey)
        : m_training(context.training), m_ratio(ratio), m_nodeKey(nodeKey), m_iteration(context.iteration)
    {
        const Tensor &input = *context.inputs[0];
        const memory::desc desc = input.desc.data_type() == memory::data_type::f32
            ? input.desc
            : plainDesc(input.desc.dims());
        m_inputBridge = InputBridge(context.engine, input.data, desc);
        m_input = m_inputBridge.memory();
        context.setOutput(desc);
        m_output = context.output->data;
        m_count = desc.get_size() / sizeof(float);
        if (m_training)
            m_mask.assign(m_count, 0.0f);
        if (!context.outputGradient || !context.inputGradients[0].diff)
            return;
        m_diffOutput = context.output->diff;
        m_diffSrc = GradientSink(context.engine, context.inputGradients[0]);
        m_diffInput = m_diffSrc.prepare(desc);
    }

    void forward(dnnl::stream &stream) override
    {
        m_inputBridge.run(stream);
        stream.wait();
        const auto *in = static_cast<const float *>(m_input.get_data_handle());
        auto *out = static_cast<float *>(m_output.get_data_handle());
        if (!m_training) {
            std::memcpy(out, in, m_count * sizeof(float));
            return;
        }
        const std::uint64_t key = mix64(m_nodeKey ^ mix64(*m_iteration));
        const float scale = 1.0f / (1.0f - m_ratio);
        const double threshold = double(m_ratio) * 0x1.0p64;
        for (std::size_t i = 0; i < m_count; ++i) {
            const bool keep = double(mix64(key + i)) >= threshold;
            m_mask[i] = keep ? scale : 0.0f;
            out[i] = in[i] * m_mask[i];
        }
    }

    void backward(dnnl::stream &stream) override
    {
        if (!m_diffSrc.enabled())
            return;
        stream.wait();
        const auto *diffOut = static_cast<const float *>(m_diffOutput.get_data_handle());
        auto *diffIn = static_cast<float *>(m_diffInput.get_data_handle());
        for (std::size_t i = 0; i < m_count; ++i)
            diffIn[i] = diffOut[i] * m_mask[i];
        m_diffSrc.run(stream);
    }

private:
    bool m_training;
    float m_ratio;
    std::uint64_t m_nodeKey;
    const std::uint64_t *m_iteration;
    std::size_t m_count = 0;
    std::vector<float> m_mask;
    InputBridge m_inputBridge;
    memory m_input, m_output, m_diffOutput, m_diffInput;
    GradientSink m_diffSrc;
};

class DropoutLayer final : public Layer {
public:
    using Layer::Layer;

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        Attributes attributes(node());
        m_ratio = float(attributes.number("ratio", 0.5, 0, 0.99));
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        if (inputs.size() != 1)
            return error(Tr::tr("needs exactly one input"));
        return inputs[0];
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        return std::make_unique<DropoutPlan>(context, m_ratio, mix64(context.seed) ^ hashName(node().name));
    }

private:
    float m_ratio = 0.5f;
};

} // namespace

std::unique_ptr<Layer> makeDropout(const NodeDefinition &node) { return std::make_unique<DropoutLayer>(node); }

} // namespace sieve::nn
