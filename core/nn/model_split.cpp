#include "nn/model_split.h"

#include "nn/network.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

const QString kFeatures = QStringLiteral("sieve_features");

// The weights of DEFINITION's network taken by name from WEIGHTS; the identity of the feature
// node is made here.
Result<Weights> weightsFor(const ModelDefinition &definition, const Weights &weights, int featureCount)
{
    Result<std::unique_ptr<Network>> network = Network::create(definition);
    if (!network)
        return network.takeError();
    Weights captured = captureWeights((*network)->parameters());
    for (NamedTensor &tensor : captured.tensors) {
        if (tensor.name == kFeatures + QStringLiteral(".weight")) {
            std::fill(tensor.values.begin(), tensor.values.end(), 0.0f);
            for (int i = 0; i < featureCount; ++i)
                tensor.values[std::size_t(i) * std::size_t(featureCount) + std::size_t(i)] = 1.0f;
            continue;
        }
        const NamedTensor *source = weights.find(tensor.name);
        if (!source || source->values.size() != tensor.values.size())
            return fail(Tr::tr("the weights have no tensor '%1' of shape %2").arg(tensor.name, shapeText(tensor.shape)));
        tensor.values = source->values;
    }
    return captured;
}

} // namespace

Result<ModelSplit> splitAtClassifier(const ModelDefinition &definition, const Weights &weights)
{
    const QList<NodeDefinition> &nodes = definition.nodes;
    QHash<QString, int> indexOf;
    for (int i = 0; i < nodes.size(); ++i)
        indexOf.insert(nodes.at(i).name, i);
    if (nodes.isEmpty() || nodes.last().op != QLatin1String("softmax_cross_entropy"))
        return fail(Tr::tr("the network does not end in a softmax_cross_entropy loss"));

    // Walk back from the loss through dropouts to the classifier, then through dropouts to
    // the node whose output is the features.
    QList<int> chain{int(nodes.size()) - 1};
    int classifier = -1;
    int at = int(nodes.size()) - 1;
    for (;;) {
        const NodeDefinition &node = nodes.at(at);
        if (node.inputs.size() != 1 || !indexOf.contains(node.inputs.first()))
            return fail(Tr::tr("node '%1' does not read one earlier node; cannot find the features").arg(node.name));
        const int input = indexOf.value(node.inputs.first());
        const NodeDefinition &previous = nodes.at(input);
        if (classifier < 0 && previous.op == QLatin1String("inner_product")) {
            classifier = input;
        } else if (previous.op != QLatin1String("dropout")) {
            if (classifier < 0)
                return fail(Tr::tr("the loss reads node '%1' (%2), not a classifier (inner_product)").arg(previous.name, previous.op));
            at = input;
            break;
        }
        chain.prepend(input);
        at = input;
    }
    const int featureNode = at;
    const NodeDefinition &feature = nodes.at(featureNode);

    // The classifier's input size is the feature count, whatever the feature node's shape.
    Result<std::unique_ptr<Network>> whole = Network::create(definition);
    if (!whole)
        return whole.takeError();
    const TensorInfo *classifierWeight = (*whole)->parameters().findParameter(nodes.at(classifier).name + QStringLiteral(".weight"));
    if (!classifierWeight || classifierWeight->shape.size() != 2)
        return fail(Tr::tr("the classifier '%1' has no weight matrix").arg(nodes.at(classifier).name));
    const int featureCount = int(classifierWeight->shape[1]);

    ModelSplit split;
    split.featureCount = featureCount;
    split.backbone.name = definition.name + QStringLiteral("-backbone");
    split.backbone.input = definition.input;
    split.backbone.groups = definition.groups;
    QSet<int> needed{featureNode};
    for (int i = featureNode; i >= 0; --i) {
        if (!needed.contains(i))
            continue;
        for (const QString &input : nodes.at(i).inputs)
            if (indexOf.contains(input))
                needed.insert(indexOf.value(input));
    }
    for (int i = 0; i <= featureNode; ++i)
        if (needed.contains(i))
            split.backbone.nodes.append(nodes.at(i));
    split.backbone.nodes.append({kFeatures, QStringLiteral("inner_product"), {feature.name},
                                 QJsonObject{{QStringLiteral("outputs"), featureCount}, {QStringLiteral("bias"), false}}});
    split.backbone.nodes.append({QStringLiteral("sieve_features_loss"), QStringLiteral("softmax_cross_entropy"), {kFeatures}, {}});

    split.head.name = definition.name + QStringLiteral("-head");
    split.head.input = InputDefinition{feature.name, featureCount, 1, 1};
    split.head.groups = definition.groups;
    for (int i : chain)
        split.head.nodes.append(nodes.at(i));

    Result<Weights> backboneWeights = weightsFor(split.backbone, weights, featureCount);
    if (!backboneWeights)
        return backboneWeights.takeError();
    Result<Weights> headWeights = weightsFor(split.head, weights, featureCount);
    if (!headWeights)
        return headWeights.takeError();
    split.backboneWeights = std::move(*backboneWeights);
    split.headWeights = std::move(*headWeights);
    return split;
}

} // namespace sieve::nn
