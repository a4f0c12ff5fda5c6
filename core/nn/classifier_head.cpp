#include "nn/classifier_head.h"

#include "nn/network.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

const QString kBackbone = QStringLiteral("backbone");
const QString kHead = QStringLiteral("head");

// The index of the inner product the loss reads through dropouts, or an error.
Result<int> classifierNode(const ModelDefinition &definition)
{
    const QList<NodeDefinition> &nodes = definition.nodes;
    if (nodes.isEmpty() || nodes.last().op != QLatin1String("softmax_cross_entropy") || nodes.last().inputs.size() != 1)
        return fail(Tr::tr("the network does not end in a softmax_cross_entropy loss"));
    QString name = nodes.last().inputs.first();
    for (int i = int(nodes.size()) - 2; i >= 0; --i) {
        const NodeDefinition &node = nodes.at(i);
        if (node.name != name)
            continue;
        if (node.op == QLatin1String("inner_product"))
            return i;
        if (node.op != QLatin1String("dropout") || node.inputs.size() != 1)
            return fail(Tr::tr("the loss reads node '%1' (%2), not a classifier (inner_product)").arg(node.name, node.op));
        name = node.inputs.first();
    }
    return fail(Tr::tr("the loss reads '%1', which is no node of the network").arg(name));
}

} // namespace

Result<SieveModel> replaceClassifier(const SieveModel &model, const QStringList &classes, std::uint64_t seed)
{
    if (classes.size() < 2)
        return fail(Tr::tr("a classifier needs at least two classes"));
    const Result<int> head = classifierNode(model.definition);
    if (!head)
        return head.takeError();
    const QString headName = model.definition.nodes.at(*head).name;

    SieveModel result;
    result.definition = model.definition;
    GroupDefinition backbone{kBackbone, 1.0, false};
    GroupDefinition headGroup{kHead, 1.0, false};
    for (const GroupDefinition &group : model.definition.groups) {
        if (group.name == kBackbone)
            backbone = group;
        else if (group.name == kHead)
            headGroup = group;
    }
    result.definition.groups = {backbone, headGroup};
    for (NodeDefinition &node : result.definition.nodes)
        node.attributes.remove(QStringLiteral("group"));
    QJsonObject &attributes = result.definition.nodes[*head].attributes;
    attributes.insert(QStringLiteral("outputs"), int(classes.size()));
    attributes.insert(QStringLiteral("group"), kHead);

    // The network initialises every tensor from the seed; all but the head's are then replaced
    // by the model's, which must fit exactly.
    Result<std::unique_ptr<Network>> network = Network::create(result.definition, {1, seed, false});
    if (!network)
        return network.takeError();
    ParameterStore &store = (*network)->parameters();
    const QString headPrefix = headName + QLatin1Char('.');
    Weights combined;
    for (const NamedTensor &tensor : model.weights.tensors) {
        if (!tensor.name.startsWith(headPrefix))
            combined.tensors.push_back(tensor);
    }
    for (const TensorInfo &info : store.parameters()) {
        if (info.name.startsWith(headPrefix)) {
            const std::span<const float> fresh = store.values(info);
            combined.tensors.push_back(NamedTensor{info.name, info.shape, std::vector<float>(fresh.begin(), fresh.end())});
        }
    }
    if (Status status = restoreWeights(store, combined); !status)
        return status.takeError();
    result.weights = captureWeights(store);
    result.classes = classes;
    result.normalization = model.normalization;
    result.metadata = QJsonObject{
        {QStringLiteral("base"), QJsonObject{{QStringLiteral("classes"), QJsonArray::fromStringList(model.classes)},
                                             {QStringLiteral("metadata"), model.metadata}}}};
    return result;
}

} // namespace sieve::nn
