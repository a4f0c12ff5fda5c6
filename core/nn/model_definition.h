#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace sieve::nn {

// One operation of a network. `op` is one of the operations Network knows (convolution,
// batch_norm, relu, relu6, max_pool, avg_pool, global_avg_pool, lrn, concat, add,
// inner_product, dropout, softmax_cross_entropy); `inputs` names the network input or earlier
// nodes; `attributes` holds the op's settings (kernel, stride, outputs, …) and the parameter
// group its weights belong to ("group").
struct NodeDefinition {
    QString name;
    QString op;
    QStringList inputs;
    QJsonObject attributes;
};

// The image a network takes: one sample is channels × height × width, NCHW.
struct InputDefinition {
    QString name = QStringLiteral("data");
    int channels = 3;
    int height = 224;
    int width = 224;
};

// A set of parameters trained alike: the backbone and the head of a transfer-learning model.
struct GroupDefinition {
    QString name;
    double lrMultiplier = 1.0;
    bool frozen = false;
};

// The serialisable description of a network: enough for any machine (e.g. a cluster worker
// given a job spec) to build the same graph. Nodes are in execution order; every node reads only
// the input or nodes before it. A plain value; any thread.
//
// JSON form:
//   {"format": "sieve-model", "version": 1, "name": "smallcnn",
//    "input": {"name": "data", "channels": 3, "height": 32, "width": 32},
//    "groups": [{"name": "backbone", "lrMultiplier": 0.1, "frozen": false}, {"name": "head"}],
//    "nodes": [{"name": "conv1", "op": "convolution", "inputs": ["data"],
//               "attributes": {"outputs": 16, "kernel": 3, "pad": 1}}, …]}
// Without "groups" there is one group, "backbone"; a node without a "group" attribute belongs
// to the first group.
struct ModelDefinition {
    QString name;
    InputDefinition input;
    QList<GroupDefinition> groups;
    QList<NodeDefinition> nodes;

    // Parses the JSON form. Fails with a message naming the offending node or field. It checks
    // the form only; Network::create checks that the graph makes sense.
    static Result<ModelDefinition> fromJson(QByteArrayView json);
    QByteArray toJson() const;

    // The groups as declared, or the single default group "backbone" when none are.
    QList<GroupDefinition> effectiveGroups() const;
};

} // namespace sieve::nn
