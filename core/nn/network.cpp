#include "nn/network.h"

#include "nn/layer.h"

#include <QCoreApplication>
#include <QHash>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

// Dropout in inference, the identity: its output is an alias of its input.
class AliasPlan final : public LayerPlan {
public:
    void forward(dnnl::stream &) override {}
    void backward(dnnl::stream &) override {}
};

// Plans kept at once: typically the training batch, its last partial batch, and inference.
constexpr std::size_t kMaxPlans = 4;

struct Slot {
    int node = 0;
    int input = 0;
};

// Everything built for one (batch size, pass): tensors and the layers' primitives.
struct Plan {
    std::int64_t batch = 0;
    bool training = false;
    std::uint64_t lastUse = 0;
    std::vector<Tensor> tensors; // [0] the input, [i + 1] node i's output
    std::vector<std::unique_ptr<LayerPlan>> layers;
    std::vector<char> runsBackward;
    LossPlan *loss = nullptr;
    // Training plans: the auxiliary losses' plans with their weights.
    std::vector<std::pair<LossPlan *, double>> auxiliaryLosses;
};

} // namespace

struct Network::Impl {
    ModelDefinition definition;
    NetworkOptions options;
    ParameterStore store;
    std::vector<std::unique_ptr<Layer>> layers;
    std::vector<std::vector<int>> inputs; // per node: tensor indices
    std::vector<std::vector<Slot>> consumers; // per tensor, in forward order
    std::vector<Dims> dims;                   // per tensor: sample dims
    int classes = 0;
    // Auxiliary losses (loss nodes before the last, e.g. GoogLeNet's loss1, loss2) add to the
    // training loss with their "weight"; inference plans leave out every node that only feeds
    // them.
    std::vector<double> lossWeights; // per node: the weight of a loss node, else 0
    std::vector<char> mainPath;      // per node: the last (main) loss depends on it

    Precision precision = Precision::Fp32; // never Auto
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream{engine};
    std::map<std::pair<std::int64_t, bool>, std::unique_ptr<Plan>> plans;
    std::uint64_t planFreezeVersion = 0;
    std::uint64_t uses = 0;
    std::uint64_t iteration = 0;
    Plan *current = nullptr;
    bool backwardDone = false;
    int buildingNode = -1; // the node build() is at, to name it when oneDNN refuses

    explicit Impl(const ModelDefinition &def) : definition(def), store(def.effectiveGroups()) {}

    // The activation node folded into node `producer`, or -1: a relu (in inference also a relu6)
    // that is the only reader of a convolution's output, or a relu that is the only reader of a
    // batch norm's. Its output is then the producer's; in training its backward runs in place
    // from that output (convolution) or inside the batch norm's backward.
    int fusedActivation(std::size_t producer, bool training) const;
    int ompThreads() const { return options.threads > 0 ? options.threads : omp_get_num_procs(); }
    std::unique_ptr<Plan> build(std::int64_t batch, bool training);
    Result<Plan *> planFor(std::int64_t batch, bool training);
};

int Network::Impl::fusedActivation(std::size_t producer, bool training) const
{
    const NodeDefinition &node = definition.nodes.at(int(producer));
    const std::vector<Slot> &readers = consumers[producer + 1];
    if (readers.size() != 1)
        return -1;
    const QString &op = definition.nodes.at(readers[0].node).op;
    bool fusable = false;
    if (node.op == QLatin1String("convolution"))
        fusable = op == QLatin1String("relu") || (!training && op == QLatin1String("relu6"));
    else if (node.op == QLatin1String("batch_norm"))
        fusable = op == QLatin1String("relu");
    return fusable ? readers[0].node : -1;
}

std::unique_ptr<Plan> Network::Impl::build(std::int64_t batch, bool training)
{
    auto plan = std::make_unique<Plan>();
    plan->batch = batch;
    plan->training = training;
    const std::size_t nodeCount = layers.size();
    plan->tensors.resize(nodeCount + 1);
    plan->runsBackward.assign(nodeCount, 0);

    // Which tensors a gradient flows back to: the input when asked, then the outputs of nodes
    // that have trainable parameters or a gradient-carrying input. Frozen backbones are not
    // back-propagated at all.
    std::vector<char> needsGradient(nodeCount + 1, 0);
    needsGradient[0] = training && options.inputGradient;
    for (std::size_t i = 0; i < nodeCount; ++i) {
        bool trainable = false;
        for (int index : layers[i]->parameterIndices())
            trainable = trainable || store.isTrainable(store.parameters()[std::size_t(index)]);
        bool upstream = false;
        for (int t : inputs[i])
            upstream = upstream || needsGradient[std::size_t(t)];
        plan->runsBackward[i] = training && (trainable || upstream);
        needsGradient[i + 1] = plan->runsBackward[i] && !layers[i]->isLoss();
    }

    // Backward visits nodes last to first and each node's inputs in order; the first visit of a
    // tensor writes its gradient, later ones add to it.
    std::map<std::pair<int, int>, bool> accumulate;
    for (std::size_t t = 0; t < consumers.size(); ++t) {
        std::vector<Slot> order = consumers[t];
        std::sort(order.begin(), order.end(), [](const Slot &a, const Slot &b) {
            return a.node != b.node ? a.node > b.node : a.input < b.input;
        });
        for (std::size_t k = 0; k < order.size(); ++k)
            accumulate[{order[k].node, order[k].input}] = k > 0;
    }

    Tensor &input = plan->tensors[0];
    input.desc = plainDesc(batched(batch, dims[0]));
    input.data = dnnl::memory(input.desc, engine);
    if (needsGradient[0])
        input.diff = dnnl::memory(input.desc, engine);

    const auto dataType = precision == Precision::Bf16 ? dnnl::memory::data_type::bf16 : dnnl::memory::data_type::f32;
    std::vector<char> fused(nodeCount, 0); // 1: by a convolution, 2: by a batch norm
    for (std::size_t i = 0; i < nodeCount; ++i) {
        if (!training && !mainPath[i]) {
            plan->layers.push_back(nullptr);
            continue;
        }
        if (!training && definition.nodes.at(int(i)).op == QLatin1String("dropout")) {
            plan->tensors[i + 1] = plan->tensors[std::size_t(inputs[i][0])];
            plan->layers.push_back(std::make_unique<AliasPlan>());
            continue;
        }
        PlanContext context(engine, store);
        context.batch = batch;
        context.training = training;
        context.dataType = dataType;
        context.fusedIntoInput = fused[i] != 0;
        context.producerDifferentiates = fused[i] == 2;
        if (const int activation = fusedActivation(i, training); activation >= 0) {
            fused[std::size_t(activation)] = definition.nodes.at(int(i)).op == QLatin1String("batch_norm") ? 2 : 1;
            const bool six = definition.nodes.at(activation).op == QLatin1String("relu6");
            context.activation = six ? dnnl::algorithm::eltwise_clip : dnnl::algorithm::eltwise_relu;
            context.activationBeta = six ? 6.0f : 0.0f;
        }
        for (std::size_t slot = 0; slot < inputs[i].size(); ++slot) {
            const int t = inputs[i][slot];
            context.inputs.push_back(&plan->tensors[std::size_t(t)]);
            GradientTarget target;
            if (needsGradient[std::size_t(t)]) {
                target.diff = plan->tensors[std::size_t(t)].diff;
                target.accumulate = accumulate[{int(i), int(slot)}];
            }
            context.inputGradients.push_back(target);
        }
        bool trainable = false;
        for (int index : layers[i]->parameterIndices())
            trainable = trainable || store.isTrainable(store.parameters()[std::size_t(index)]);
        context.weightGradients = training && trainable;
        if (context.fusedIntoInput)
            plan->tensors[i + 1] = plan->tensors[std::size_t(inputs[i][0])];
        context.output = &plan->tensors[i + 1];
        context.outputGradient = needsGradient[i + 1];
        context.seed = options.seed;
        context.iteration = &iteration;
        buildingNode = int(i);
        plan->layers.push_back(layers[i]->plan(context));
    }
    buildingNode = -1;
    plan->loss = dynamic_cast<LossPlan *>(plan->layers.back().get());
    for (std::size_t i = 0; i + 1 < nodeCount; ++i) {
        if (layers[i]->isLoss() && plan->layers[i])
            plan->auxiliaryLosses.emplace_back(dynamic_cast<LossPlan *>(plan->layers[i].get()), lossWeights[i]);
    }
    return plan;
}

Result<Plan *> Network::Impl::planFor(std::int64_t batch, bool training)
{
    if (planFreezeVersion != store.freezeVersion()) {
        // A frozen layer computes no weight gradient any more; clear what it left behind.
        plans.clear();
        current = nullptr;
        planFreezeVersion = store.freezeVersion();
        for (const TensorInfo &info : store.parameters()) {
            if (!store.isTrainable(info)) {
                const std::span<float> gradient = store.gradients(info);
                std::fill(gradient.begin(), gradient.end(), 0.0f);
            }
        }
    }
    auto found = plans.find({batch, training});
    if (found == plans.end()) {
        if (plans.size() >= kMaxPlans) {
            auto oldest = std::min_element(plans.begin(), plans.end(), [](const auto &a, const auto &b) {
                return a.second->lastUse < b.second->lastUse;
            });
            if (oldest->second.get() == current)
                current = nullptr;
            plans.erase(oldest);
        }
        std::unique_ptr<Plan> plan;
        buildingNode = -1;
        try {
            plan = build(batch, training);
        } catch (const dnnl::error &e) {
            const QString what = Tr::tr("oneDNN could not prepare it for a batch of %1: %2")
                                     .arg(batch)
                                     .arg(QString::fromUtf8(e.what()));
            if (buildingNode >= 0)
                return nodeError(definition.nodes.at(buildingNode), what);
            return fail(what);
        } catch (const std::bad_alloc &) {
            return fail(Tr::tr("not enough memory to run the network with a batch of %1").arg(batch));
        }
        found = plans.emplace(std::pair{batch, training}, std::move(plan)).first;
    }
    found->second->lastUse = ++uses;
    return found->second.get();
}

Network::Network(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

Network::~Network() = default;

Result<std::unique_ptr<Network>> Network::create(const ModelDefinition &definition, const NetworkOptions &options)
{
    std::unique_ptr<Impl> d;
    try {
        d = std::make_unique<Impl>(definition);
    } catch (const dnnl::error &e) {
        return fail(Tr::tr("the oneDNN engine could not start: %1").arg(QString::fromUtf8(e.what())));
    }
    d->options = options;
    if (options.threads < 0)
        return fail(Tr::tr("the number of threads must be 0 (all cores) or more"));
    d->precision = options.precision == Precision::Auto ? (bf16Supported() ? Precision::Bf16 : Precision::Fp32)
                                                        : options.precision;
    if (d->precision == Precision::Bf16 && !bf16Supported())
        return fail(Tr::tr("this processor has no bf16 instructions (AVX-512 BF16 or AMX), which bf16 precision "
                           "needs; use fp32, or auto to pick the best this processor has"));

    const InputDefinition &in = definition.input;
    QHash<QString, int> tensorByName{{in.name, 0}};
    d->dims.push_back(Dims{in.channels, in.height, in.width});
    d->consumers.emplace_back();
    const int nodeCount = int(definition.nodes.size());
    for (int i = 0; i < nodeCount; ++i) {
        const NodeDefinition &node = definition.nodes.at(i);
        if (tensorByName.contains(node.name))
            return nodeError(node, Tr::tr("the name is used twice"));
        Result<std::unique_ptr<Layer>> layer = makeLayer(node);
        if (!layer)
            return layer.takeError();
        std::vector<int> inputs;
        std::vector<Dims> inputDims;
        for (int slot = 0; slot < node.inputs.size(); ++slot) {
            const auto found = tensorByName.constFind(node.inputs.at(slot));
            if (found == tensorByName.constEnd())
                return nodeError(node, Tr::tr("input '%1' is neither the network input nor an earlier node")
                                           .arg(node.inputs.at(slot)));
            inputs.push_back(*found);
            inputDims.push_back(d->dims[std::size_t(*found)]);
            d->consumers[std::size_t(*found)].push_back(Slot{i, slot});
        }
        if (inputs.empty())
            return nodeError(node, Tr::tr("has no inputs"));
        Result<Dims> output = (*layer)->configure(inputDims, d->store);
        if (!output)
            return output.takeError();
        if (i == nodeCount - 1 && !(*layer)->isLoss())
            return nodeError(node, Tr::tr("the last node must be the loss (softmax_cross_entropy)"));
        d->lossWeights.push_back((*layer)->isLoss() ? node.attributes.value(QStringLiteral("weight")).toDouble(1.0) : 0.0);
        tensorByName.insert(node.name, i + 1);
        d->dims.push_back(*output);
        d->consumers.emplace_back();
        d->inputs.push_back(std::move(inputs));
        d->layers.push_back(std::move(*layer));
    }
    for (std::size_t t = 0; t + 1 < d->consumers.size(); ++t) {
        const bool loss = t > 0 && d->layers[t - 1]->isLoss();
        if (loss && !d->consumers[t].empty())
            return nodeError(definition.nodes.at(int(t) - 1), Tr::tr("a loss's output cannot be read by another node"));
        if (d->consumers[t].empty() && !loss) {
            if (t == 0)
                return fail(Tr::tr("no node reads the network input '%1'").arg(in.name));
            return nodeError(definition.nodes.at(int(t) - 1), Tr::tr("its output is not used by any node"));
        }
    }
    d->classes = int(d->dims.back()[0]);
    for (std::size_t i = 0; i + 1 < d->layers.size(); ++i) {
        if (d->layers[i]->isLoss() && d->dims[i + 1][0] != d->classes)
            return nodeError(definition.nodes.at(int(i)), Tr::tr("an auxiliary loss over %1 classes where the network has %2")
                                                               .arg(d->dims[i + 1][0])
                                                               .arg(d->classes));
    }
    d->mainPath.assign(d->layers.size(), 0);
    d->mainPath.back() = 1;
    for (std::size_t i = d->layers.size(); i-- > 0;) {
        if (!d->mainPath[i])
            continue;
        for (int t : d->inputs[i]) {
            if (t > 0)
                d->mainPath[std::size_t(t - 1)] = 1;
        }
    }
    try {
        d->store.allocate();
    } catch (const std::bad_alloc &) {
        return fail(Tr::tr("not enough memory for the network's parameters"));
    }
    d->store.initialize(options.seed);
    d->planFreezeVersion = d->store.freezeVersion();
    return std::unique_ptr<Network>(new Network(std::move(d)));
}

QString precisionName(Precision precision)
{
    switch (precision) {
    case Precision::Auto:
        return QStringLiteral("auto");
    case Precision::Fp32:
        return QStringLiteral("fp32");
    case Precision::Bf16:
        return QStringLiteral("bf16");
    }
    return {};
}

Result<Precision> parsePrecision(QStringView name)
{
    for (Precision precision : {Precision::Auto, Precision::Fp32, Precision::Bf16}) {
        if (name == precisionName(precision))
            return precision;
    }
    return fail(Tr::tr("unknown precision '%1' (known: auto, fp32, bf16)").arg(name));
}

bool Network::bf16Supported()
{
    try {
        // The ISA values are bit sets, each one including the ones below it.
        const auto isa = static_cast<unsigned>(dnnl::get_effective_cpu_isa());
        const auto bf16 = static_cast<unsigned>(dnnl::cpu_isa::avx512_core_bf16);
        return (isa & bf16) == bf16;
    } catch (const dnnl::error &) {
        return false;
    }
}

Precision Network::precision() const { return d->precision; }

const ModelDefinition &Network::definition() const { return d->definition; }

std::size_t Network::sampleSize() const
{
    const InputDefinition &in = d->definition.input;
    return std::size_t(in.channels) * std::size_t(in.height) * std::size_t(in.width);
}

int Network::classCount() const { return d->classes; }

ParameterStore &Network::parameters() { return d->store; }

const ParameterStore &Network::parameters() const { return d->store; }

int Network::threads() const { return d->options.threads; }

void Network::setThreads(int threads)
{
    if (threads == d->options.threads || threads < 0)
        return;
    // oneDNN's kernels split their work for the thread count they were created with.
    d->options.threads = threads;
    d->plans.clear();
    d->current = nullptr;
}

std::uint64_t Network::iteration() const { return d->iteration; }

void Network::setIteration(std::uint64_t iteration) { d->iteration = iteration; }

Status Network::forward(std::span<const float> images, int batchSize, Pass pass)
{
    d->current = nullptr;
    d->backwardDone = false;
    if (batchSize < 1 || images.size() != std::size_t(batchSize) * sampleSize())
        return fail(Tr::tr("the network takes %1 floats per image; %2 floats is not %3 images")
                        .arg(sampleSize())
                        .arg(images.size())
                        .arg(batchSize));
    omp_set_num_threads(d->ompThreads());
    Result<Plan *> plan = d->planFor(batchSize, pass == Pass::Training);
    if (!plan)
        return plan.takeError();
    Plan &p = **plan;
    std::memcpy(p.tensors[0].data.get_data_handle(), images.data(), images.size_bytes());
    std::size_t node = 0;
    try {
        for (; node < p.layers.size(); ++node) {
            if (p.layers[node])
                p.layers[node]->forward(d->stream);
        }
        d->stream.wait();
    } catch (const dnnl::error &e) {
        return nodeError(d->definition.nodes.at(int(node)),
                         Tr::tr("the engine failed: %1").arg(QString::fromUtf8(e.what())));
    }
    d->current = &p;
    return {};
}

std::span<const float> Network::logits() const
{
    if (!d->current)
        return {};
    return d->current->loss->logits();
}

std::vector<float> Network::probabilities() const
{
    if (!d->current)
        return {};
    const std::span<const float> logp = d->current->loss->logProbabilities();
    std::vector<float> result(logp.size());
    std::transform(logp.begin(), logp.end(), result.begin(), [](float v) { return std::exp(v); });
    return result;
}

Result<double> Network::loss(std::span<const int> labels) const
{
    if (!d->current)
        return fail(Tr::tr("the loss needs a forward pass first"));
    if (labels.size() != std::size_t(d->current->batch))
        return fail(Tr::tr("%1 labels for a batch of %2 images").arg(labels.size()).arg(d->current->batch));
    for (int label : labels) {
        if (label < 0 || label >= d->classes)
            return fail(Tr::tr("label %1 is not a class of this network (0 to %2)").arg(label).arg(d->classes - 1));
    }
    double total = d->lossWeights.back() * d->current->loss->loss(labels);
    for (const auto &[auxiliary, weight] : d->current->auxiliaryLosses)
        total += weight * auxiliary->loss(labels);
    return total;
}

Result<double> Network::backward(std::span<const int> labels)
{
    Result<double> value = loss(labels);
    if (!value)
        return value;
    Plan &p = *d->current;
    if (!p.training)
        return fail(Tr::tr("backward needs a training forward pass first"));
    omp_set_num_threads(d->ompThreads());
    p.loss->setLabels(labels);
    for (const auto &auxiliary : p.auxiliaryLosses)
        auxiliary.first->setLabels(labels);
    int node = int(p.layers.size()) - 1;
    try {
        for (; node >= 0; --node) {
            if (p.runsBackward[std::size_t(node)])
                p.layers[std::size_t(node)]->backward(d->stream);
        }
        d->stream.wait();
    } catch (const dnnl::error &e) {
        return nodeError(d->definition.nodes.at(node), Tr::tr("the engine failed: %1").arg(QString::fromUtf8(e.what())));
    }
    d->backwardDone = true;
    return value;
}

std::span<const float> Network::inputGradient() const
{
    if (!d->current || !d->backwardDone || !d->current->tensors[0].diff)
        return {};
    return {static_cast<const float *>(d->current->tensors[0].diff.get_data_handle()),
            std::size_t(d->current->batch) * sampleSize()};
}

} // namespace sieve::nn
