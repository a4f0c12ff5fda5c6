#pragma once

// The Caffe importer's insides, shared by caffe_import.cpp (reading the files, blobs, the walk
// over the layers, choosing the output) and caffe_import_layers.cpp (one translation per layer
// type). Private to core/nn: it includes the generated Caffe messages.

#include "nn/caffe_import.h"

#include <caffe.pb.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <deque>
#include <vector>

namespace sieve::nn::caffeimport {

namespace proto = sieve::nn::caffe;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using Dims = std::vector<std::int64_t>;

// What a Caffe blob name stands for: the output of one of our nodes (or the network input) with
// its per-sample shape. An in-place layer rebinds its blob's name to its own node. `unusable`
// says why a blob cannot feed a layer (the labels, a Softmax's probabilities, a blob whose
// layer was folded away).
struct Value {
    QString node;
    Dims dims;
    QString unusable;
};

QString dimsText(const Dims &dims);
std::int64_t product(const Dims &dims);

// A pre-2015 layer in today's form; the type becomes its string name ("Convolution"), or
// "V1 type N" for one Sieve does not know.
proto::LayerParameter upgradeLayer(const proto::V1LayerParameter &layer);

// Translates the layers of a test-phase network one by one. One instance per import.
class Importer {
public:
    // `trained` maps layer names to the .caffemodel's layers that carry their blobs.
    Importer(const proto::NetParameter &net, const QHash<QString, const proto::LayerParameter *> &trained,
             const CaffeImportOptions &options)
        : m_net(net), m_trained(trained), m_options(options)
    {
    }

    Status run();

    ModelDefinition definition;
    Weights weights;
    CaffeImportReport report;

private:
    // Errors about the layer being translated: "Caffe layer 'name' (Type): what".
    Error layerFail(const QString &what) const
    {
        return fail(Tr::tr("Caffe layer '%1' (%2): %3")
                        .arg(QString::fromStdString(m_layer->name()), QString::fromStdString(m_layer->type()), what));
    }

    Status readNetInput();
    Status setInput(const QString &name, const Dims &shape);
    Status translate();
    Status finish();

    // The layer's bottoms and tops.
    Result<Value> bottom(int i) const;
    Result<Value> image(int i) const; // a bottom of channels × height × width
    Status expectBottomsTops(int bottoms, int tops) const;
    void setTop(int i, const Value &value) { m_blobs.insert(QString::fromStdString(m_layer->top(i)), value); }
    // Adds our node for the current layer, reading `inputs`, and binds top 0 to it.
    QString addNode(const char *op, const QJsonObject &attributes, const QStringList &inputs, const Dims &dims);

    // The layer's learned blobs: its own, else the .caffemodel's layer of the same name. Fails
    // unless there are `minimum` to `maximum` of them.
    Result<const google::protobuf::RepeatedPtrField<proto::BlobProto> *> blobs(int minimum, int maximum) const;
    // Blob `index`'s values, which must have the shape `expected` (leading 1s aside, as old files
    // store every blob in four dimensions).
    Result<std::vector<float>> blobValues(const proto::BlobProto &blob, int index, const Dims &expected) const;
    void addTensor(const QString &node, const char *role, Dims shape, std::vector<float> values)
    {
        weights.tensors.push_back(NamedTensor{node + QLatin1Char('.') + QLatin1String(role), std::move(shape), std::move(values)});
    }

    Status data();
    Status inputLayer();
    Status convolution();
    Status relu();
    Status pooling();
    Status lrn();
    Status concat();
    Status innerProduct();
    Status dropout();
    Status eltwise();
    Status batchNorm();
    Status scale();
    Status split();
    Status flatten();
    Status softmax(bool withLoss);

    const proto::NetParameter &m_net;
    const QHash<QString, const proto::LayerParameter *> &m_trained;
    CaffeImportOptions m_options;
    std::deque<proto::LayerParameter> m_upgraded; // the net's V1 layers in today's form
    std::vector<const proto::LayerParameter *> m_layers;
    const proto::LayerParameter *m_layer = nullptr;
    QHash<QString, Value> m_blobs;
    QSet<QString> m_names;
    QString m_input;
    QSet<QString> m_consumed;          // our nodes read by another node
    QHash<QString, bool> m_scaledNorms; // batch_norm nodes: whether a Scale was folded in
    struct Candidate {
        Value value;
        float weight;
    };
    std::vector<Candidate> m_outputs; // inputs of Softmax / SoftmaxWithLoss layers
};

} // namespace sieve::nn::caffeimport
