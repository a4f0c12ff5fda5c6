#include "nn/layer.h"

#include <QCoreApplication>

#include <cmath>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using dnnl::memory;

// Log-softmax (oneDNN) of the logits, then the mean cross-entropy against labels smoothed as in
// PyTorch: the target is (1 - ε) on the label plus ε / K on every class. The gradient of the
// fused pair is (softmax - target) / N, computed directly: cheaper and more accurate than
// chaining a softmax backward primitive. The logits are reordered to the plain N × K layout
// (the network's output boundary) so callers can read them.
class SoftmaxLossPlan final : public LossPlan {
public:
    SoftmaxLossPlan(PlanContext &context, std::int64_t classes, float smoothing, float weight)
        : m_batch(context.batch), m_classes(classes), m_smoothing(smoothing), m_weight(weight)
    {
        const dnnl::engine &engine = context.engine;
        const memory::desc plain = plainDesc({m_batch, m_classes});
        m_logits = InputBridge(engine, context.inputs[0]->data, plain);
        const dnnl::logsoftmax_forward::primitive_desc pd({dnnl::prop_kind::forward_inference, plain, 1}, engine);
        m_forward = dnnl::logsoftmax_forward(pd);
        context.setOutput(pd.dst_desc());
        m_logProbabilities = context.output->data;
        m_forwardArgs = {{DNNL_ARG_SRC, m_logits.memory()}, {DNNL_ARG_DST, m_logProbabilities}};
        m_diffLogits = GradientSink(engine, context.inputGradients[0]);
        if (context.training && m_diffLogits.enabled())
            m_diff = m_diffLogits.prepare(plain);
    }

    void forward(dnnl::stream &stream) override
    {
        m_logits.run(stream);
        m_forward.execute(stream, m_forwardArgs);
        stream.wait();
    }

    void backward(dnnl::stream &stream) override
    {
        if (!m_diff)
            return;
        const std::span<const float> logp = logProbabilities();
        auto *diff = static_cast<float *>(m_diff.get_data_handle());
        const float off = m_smoothing / float(m_classes);
        const float on = 1.0f - m_smoothing + off;
        const float perSample = m_weight / float(m_batch);
        for (std::int64_t n = 0; n < m_batch; ++n) {
            for (std::int64_t k = 0; k < m_classes; ++k) {
                const std::size_t i = std::size_t(n * m_classes + k);
                const float target = k == m_labels[std::size_t(n)] ? on : off;
                diff[i] = (std::exp(logp[i]) - target) * perSample;
            }
        }
        m_diffLogits.run(stream);
    }

    std::span<const float> logits() const override
    {
        return {static_cast<const float *>(m_logits.memory().get_data_handle()), std::size_t(m_batch * m_classes)};
    }

    std::span<const float> logProbabilities() const override
    {
        return {static_cast<const float *>(m_logProbabilities.get_data_handle()), std::size_t(m_batch * m_classes)};
    }

    double loss(std::span<const int> labels) const override
    {
        const std::span<const float> logp = logProbabilities();
        const double off = double(m_smoothing) / double(m_classes);
        double total = 0;
        for (std::int64_t n = 0; n < m_batch; ++n) {
            const float *row = logp.data() + n * m_classes;
            double all = 0;
            for (std::int64_t k = 0; k < m_classes; ++k)
                all += row[k];
            total -= (1.0 - m_smoothing) * row[labels[std::size_t(n)]] + off * all;
        }
        return total / double(m_batch);
    }

    void setLabels(std::span<const int> labels) override { m_labels = labels; }

private:
    std::int64_t m_batch, m_classes;
    float m_smoothing;
    float m_weight; // of an auxiliary loss in the network's total; its gradient scales with it
    InputBridge m_logits;
    memory m_logProbabilities, m_diff;
    dnnl::logsoftmax_forward m_forward;
    std::unordered_map<int, memory> m_forwardArgs;
    GradientSink m_diffLogits;
    std::span<const int> m_labels;
};

class SoftmaxLossLayer final : public Layer {
public:
    using Layer::Layer;
    bool isLoss() const override { return true; }

    Result<Dims> configure(const std::vector<Dims> &inputs, ParameterStore &) override
    {
        Attributes attributes(node());
        m_smoothing = float(attributes.number("labelSmoothing", 0, 0, 0.99));
        // Auxiliary losses (before the last node) add to the total with this weight.
        m_weight = float(attributes.number("weight", 1, 0, 1000));
        if (Status status = attributes.finish(); !status)
            return status.takeError();
        if (inputs.size() != 1 || inputs[0].size() != 1)
            return error(Tr::tr("needs one input of class scores (an inner_product's output)"));
        m_classes = inputs[0][0];
        if (m_classes < 2)
            return error(Tr::tr("needs at least two classes"));
        return inputs[0];
    }

    std::unique_ptr<LayerPlan> plan(PlanContext &context) const override
    {
        return std::make_unique<SoftmaxLossPlan>(context, m_classes, m_smoothing, m_weight);
    }

private:
    std::int64_t m_classes = 0;
    float m_smoothing = 0;
    float m_weight = 1;
};

} // namespace

std::unique_ptr<Layer> makeSoftmaxLoss(const NodeDefinition &node) { return std::make_unique<SoftmaxLossLayer>(node); }

} // namespace sieve::nn
