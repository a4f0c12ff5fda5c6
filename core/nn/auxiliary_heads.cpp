#include "nn/auxiliary_heads.h"

#include <QCoreApplication>
#include <QSet>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

} // namespace

Result<SieveModel> withoutAuxiliaryClassifiers(const SieveModel &model)
{
    const QList<NodeDefinition> &nodes = model.definition.nodes;
    if (nodes.isEmpty() || nodes.last().op != QLatin1String("softmax_cross_entropy"))
        return fail(Tr::tr("the network does not end in a softmax_cross_entropy loss"));
    // What the last loss depends on, walking back over the nodes (each reads only earlier ones).
    QSet<QString> needed{nodes.last().name};
    for (qsizetype i = nodes.size() - 1; i >= 0; --i) {
        if (needed.contains(nodes.at(i).name)) {
            for (const QString &input : nodes.at(i).inputs)
                needed.insert(input);
        }
    }
    SieveModel result = model;
    result.definition.nodes.clear();
    for (const NodeDefinition &node : nodes) {
        if (needed.contains(node.name))
            result.definition.nodes.append(node);
    }
    std::erase_if(result.weights.tensors, [&](const NamedTensor &tensor) {
        return !needed.contains(tensor.name.left(tensor.name.lastIndexOf(QLatin1Char('.'))));
    });
    return result;
}

} // namespace sieve::nn
