#include "nn/caffe_importer.h"

#include "nn/network.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <limits>

namespace sieve::nn {

namespace caffeimport {

QString dimsText(const Dims &dims)
{
    QStringList parts;
    for (std::int64_t d : dims)
        parts.append(QString::number(d));
    return parts.join(QStringLiteral("×"));
}

std::int64_t product(const Dims &dims)
{
    std::int64_t count = 1;
    for (std::int64_t d : dims)
        count *= d;
    return count;
}

proto::LayerParameter upgradeLayer(const proto::V1LayerParameter &layer)
{
    using V1 = proto::V1LayerParameter;
    static const QHash<int, const char *> types{
        {V1::ACCURACY, "Accuracy"},   {V1::CONCAT, "Concat"},         {V1::CONVOLUTION, "Convolution"},
        {V1::DATA, "Data"},           {V1::DROPOUT, "Dropout"},       {V1::ELTWISE, "Eltwise"},
        {V1::FLATTEN, "Flatten"},     {V1::IMAGE_DATA, "ImageData"},  {V1::INNER_PRODUCT, "InnerProduct"},
        {V1::LRN, "LRN"},             {V1::MEMORY_DATA, "MemoryData"}, {V1::POOLING, "Pooling"},
        {V1::RELU, "ReLU"},           {V1::SILENCE, "Silence"},       {V1::SOFTMAX, "Softmax"},
        {V1::SOFTMAX_LOSS, "SoftmaxWithLoss"}, {V1::SPLIT, "Split"}};
    proto::LayerParameter out;
    out.set_name(layer.name());
    const char *type = types.value(int(layer.type()), nullptr);
    out.set_type(type ? std::string(type) : "V1 type " + std::to_string(int(layer.type())));
    out.mutable_bottom()->CopyFrom(layer.bottom());
    out.mutable_top()->CopyFrom(layer.top());
    out.mutable_include()->CopyFrom(layer.include());
    out.mutable_exclude()->CopyFrom(layer.exclude());
    out.mutable_blobs()->CopyFrom(layer.blobs());
    out.mutable_loss_weight()->CopyFrom(layer.loss_weight());
    if (layer.has_concat_param())
        *out.mutable_concat_param() = layer.concat_param();
    if (layer.has_convolution_param())
        *out.mutable_convolution_param() = layer.convolution_param();
    if (layer.has_dropout_param())
        *out.mutable_dropout_param() = layer.dropout_param();
    if (layer.has_eltwise_param())
        *out.mutable_eltwise_param() = layer.eltwise_param();
    if (layer.has_inner_product_param())
        *out.mutable_inner_product_param() = layer.inner_product_param();
    if (layer.has_lrn_param())
        *out.mutable_lrn_param() = layer.lrn_param();
    if (layer.has_pooling_param())
        *out.mutable_pooling_param() = layer.pooling_param();
    if (layer.has_relu_param())
        *out.mutable_relu_param() = layer.relu_param();
    if (layer.has_softmax_param())
        *out.mutable_softmax_param() = layer.softmax_param();
    if (layer.has_transform_param())
        *out.mutable_transform_param() = layer.transform_param();
    return out;
}

namespace {

// Whether a layer belongs to the test phase, as Caffe's include/exclude rules say.
bool inTestPhase(const proto::LayerParameter &layer)
{
    for (const proto::NetStateRule &rule : layer.exclude()) {
        if (rule.has_phase() && rule.phase() == proto::TEST)
            return false;
    }
    if (layer.include_size() == 0)
        return true;
    for (const proto::NetStateRule &rule : layer.include()) {
        if (!rule.has_phase() || rule.phase() == proto::TEST)
            return true;
    }
    return false;
}

Dims withoutLeadingOnes(Dims dims)
{
    while (dims.size() > 1 && dims.front() == 1)
        dims.erase(dims.begin());
    return dims;
}

} // namespace

Result<Value> Importer::bottom(int i) const
{
    if (i >= m_layer->bottom_size())
        return layerFail(Tr::tr("bottom %1 is missing").arg(i + 1));
    const QString name = QString::fromStdString(m_layer->bottom(i));
    const auto found = m_blobs.constFind(name);
    if (found == m_blobs.constEnd())
        return layerFail(Tr::tr("its bottom '%1' is the top of no earlier layer and not the network input").arg(name));
    if (!found->unusable.isEmpty())
        return layerFail(Tr::tr("its bottom '%1' %2").arg(name, found->unusable));
    return *found;
}

Result<Value> Importer::image(int i) const
{
    Result<Value> value = bottom(i);
    if (value && value->dims.size() != 3)
        return layerFail(Tr::tr("needs an image-shaped bottom (channels × height × width), not a vector of %1")
                             .arg(product(value->dims)));
    return value;
}

Status Importer::expectBottomsTops(int bottoms, int tops) const
{
    if (m_layer->bottom_size() != bottoms || m_layer->top_size() != tops)
        return layerFail(Tr::tr("has %1 bottoms and %2 tops; Sieve supports %3 and %4 for this layer type")
                             .arg(m_layer->bottom_size())
                             .arg(m_layer->top_size())
                             .arg(bottoms)
                             .arg(tops));
    return {};
}

QString Importer::addNode(const char *op, const QJsonObject &attributes, const QStringList &inputs, const Dims &dims)
{
    QString name = QString::fromStdString(m_layer->name());
    if (name.isEmpty())
        name = QStringLiteral("%1_%2").arg(QString::fromStdString(m_layer->type())).arg(definition.nodes.size());
    while (m_names.contains(name))
        name += QLatin1Char('_');
    m_names.insert(name);
    for (const QString &input : inputs)
        m_consumed.insert(input);
    definition.nodes.append(NodeDefinition{name, QLatin1String(op), inputs, attributes});
    setTop(0, Value{name, dims, {}});
    return name;
}

Result<const google::protobuf::RepeatedPtrField<proto::BlobProto> *> Importer::blobs(int minimum, int maximum) const
{
    const google::protobuf::RepeatedPtrField<proto::BlobProto> *found = &m_layer->blobs();
    if (found->empty()) {
        const proto::LayerParameter *trained = m_trained.value(QString::fromStdString(m_layer->name()));
        if (!trained)
            return layerFail(Tr::tr("the weights file has no layer of this name, so no weights for it"));
        found = &trained->blobs();
    }
    if (found->size() < minimum || found->size() > maximum)
        return layerFail(minimum == maximum ? Tr::tr("has %1 weight blobs, not %2").arg(found->size()).arg(minimum)
                                            : Tr::tr("has %1 weight blobs, not %2 to %3")
                                                  .arg(found->size())
                                                  .arg(minimum)
                                                  .arg(maximum));
    return found;
}

Result<std::vector<float>> Importer::blobValues(const proto::BlobProto &blob, int index, const Dims &expected) const
{
    Dims dims;
    if (blob.has_shape())
        dims.assign(blob.shape().dim().begin(), blob.shape().dim().end());
    else if (blob.has_num() || blob.has_channels() || blob.has_height() || blob.has_width())
        dims = {blob.num(), blob.channels(), blob.height(), blob.width()};
    else
        dims = {std::int64_t(std::max(blob.data_size(), blob.double_data_size()))};
    if (withoutLeadingOnes(dims) != withoutLeadingOnes(expected))
        return layerFail(Tr::tr("weight blob %1 is %2 where this layer needs %3")
                             .arg(index + 1)
                             .arg(dimsText(dims), dimsText(expected)));
    const std::int64_t count = product(expected);
    std::vector<float> values;
    if (blob.data_size() == count)
        values.assign(blob.data().begin(), blob.data().end());
    else if (blob.double_data_size() == count)
        values.assign(blob.double_data().begin(), blob.double_data().end());
    else
        return layerFail(Tr::tr("weight blob %1 holds %2 values where its shape %3 needs %4")
                             .arg(index + 1)
                             .arg(std::max(blob.data_size(), blob.double_data_size()))
                             .arg(dimsText(dims))
                             .arg(count));
    return values;
}

Status Importer::setInput(const QString &name, const Dims &shape)
{
    if (!m_input.isEmpty())
        return fail(Tr::tr("the network has more than one input ('%1', '%2'); Sieve's networks take one image batch")
                        .arg(m_input, name));
    Dims sample = shape.size() == 4 ? Dims(shape.begin() + 1, shape.end()) : shape;
    if (sample.size() == 3 && m_options.height > 0 && m_options.width > 0) {
        sample[1] = m_options.height;
        sample[2] = m_options.width;
    }
    if (sample.size() != 3 || sample[0] < 1 || sample[0] > 4096 || sample[1] < 1 || sample[1] > 16384 ||
        sample[2] < 1 || sample[2] > 16384)
        return fail(Tr::tr("the network input '%1' is %2; Sieve needs images, batch × channels × height × width")
                        .arg(name, dimsText(shape)));
    m_input = name;
    definition.input = InputDefinition{name, int(sample[0]), int(sample[1]), int(sample[2])};
    m_blobs.insert(name, Value{name, sample, {}});
    m_names.insert(name);
    return {};
}

Status Importer::readNetInput()
{
    if (m_net.input_size() == 0)
        return {};
    if (m_net.input_size() > 1)
        return fail(Tr::tr("the network has %1 inputs; Sieve's networks take one image batch").arg(m_net.input_size()));
    Dims shape;
    if (m_net.input_shape_size() > 0)
        shape.assign(m_net.input_shape(0).dim().begin(), m_net.input_shape(0).dim().end());
    else
        shape.assign(m_net.input_dim().begin(), m_net.input_dim().end());
    return setInput(QString::fromStdString(m_net.input(0)), shape);
}

Status Importer::translate()
{
    for (const proto::LayerParameter &layer : m_net.layer())
        m_layers.push_back(&layer);
    for (const proto::V1LayerParameter &layer : m_net.layers())
        m_layers.push_back(&m_upgraded.emplace_back(upgradeLayer(layer)));
    for (const proto::LayerParameter *layer : m_layers) {
        m_layer = layer;
        if (!inTestPhase(*layer))
            continue;
        ++report.caffeLayers;
        const std::string &type = layer->type();
        const int nodesBefore = int(definition.nodes.size());
        Status status;
        if (type == "Input")
            status = inputLayer();
        else if (type == "Data" || type == "ImageData" || type == "MemoryData")
            status = data();
        else if (type == "Convolution")
            status = convolution();
        else if (type == "ReLU")
            status = relu();
        else if (type == "Pooling")
            status = pooling();
        else if (type == "LRN")
            status = lrn();
        else if (type == "Concat")
            status = concat();
        else if (type == "InnerProduct")
            status = innerProduct();
        else if (type == "Dropout")
            status = dropout();
        else if (type == "Eltwise")
            status = eltwise();
        else if (type == "BatchNorm")
            status = batchNorm();
        else if (type == "Scale")
            status = scale();
        else if (type == "Split")
            status = split();
        else if (type == "Flatten")
            status = flatten();
        else if (type == "Softmax" || type == "SoftmaxWithLoss")
            status = softmax(type == "SoftmaxWithLoss");
        else if (type == "Accuracy" || type == "Silence")
            status = {};
        else
            status = Status(layerFail(Tr::tr("the layer type is not supported; Sieve imports Input, Data, Convolution, "
                                             "ReLU, Pooling, LRN, Concat, InnerProduct, Dropout, Eltwise, BatchNorm, "
                                             "Scale, Split, Flatten, Softmax, SoftmaxWithLoss, Accuracy and Silence")));
        if (!status)
            return status;
        if (int(definition.nodes.size()) == nodesBefore && type != "Input" && type != "Data" &&
            type != "ImageData" && type != "MemoryData")
            ++report.folded;
    }
    if (m_input.isEmpty())
        return fail(Tr::tr("the network has no input (no Input or Data layer, no input_shape)"));
    return {};
}

Status Importer::finish()
{
    Value output;
    if (!m_outputs.empty()) {
        const Candidate *best = &m_outputs.front();
        for (const Candidate &candidate : m_outputs) {
            if (candidate.weight >= best->weight)
                best = &candidate;
        }
        output = best->value;
    } else {
        QStringList unused;
        for (const NodeDefinition &node : definition.nodes) {
            if (!m_consumed.contains(node.name))
                unused.append(node.name);
        }
        if (unused.size() != 1)
            return fail(Tr::tr("cannot tell the classifier's output: there is no Softmax layer and %1 layers' "
                               "outputs are used by no other layer (%2)")
                            .arg(unused.size())
                            .arg(unused.join(QLatin1String(", "))));
        for (const Value &value : std::as_const(m_blobs)) {
            if (value.node == unused.front() && value.unusable.isEmpty())
                output = value;
        }
    }
    if (output.dims.size() != 1 || output.dims[0] < 2)
        return fail(Tr::tr("the classifier's output '%1' is %2, not a vector of class scores")
                        .arg(output.node, dimsText(output.dims)));

    // Keep only what leads to the output: auxiliary classifiers and other heads go.
    QSet<QString> needed{output.node};
    for (qsizetype i = definition.nodes.size() - 1; i >= 0; --i) {
        const NodeDefinition &node = definition.nodes.at(i);
        if (needed.contains(node.name)) {
            for (const QString &input : node.inputs)
                needed.insert(input);
        }
    }
    QList<NodeDefinition> kept;
    for (const NodeDefinition &node : std::as_const(definition.nodes)) {
        if (needed.contains(node.name))
            kept.append(node);
        else
            ++report.pruned;
    }
    definition.nodes = kept;
    std::erase_if(weights.tensors, [&](const NamedTensor &tensor) {
        return !needed.contains(tensor.name.left(tensor.name.lastIndexOf(QLatin1Char('.'))));
    });
    QString loss = QStringLiteral("loss");
    while (m_names.contains(loss))
        loss += QLatin1Char('_');
    definition.nodes.append(NodeDefinition{loss, QStringLiteral("softmax_cross_entropy"), {output.node}, {}});
    return {};
}

Status Importer::run()
{
    report.network = QString::fromStdString(m_net.name());
    if (Status status = readNetInput(); !status)
        return status;
    if (Status status = translate(); !status)
        return status;
    return finish();
}

namespace {

// Keeps the parser's first complaint, with its place, for the error message, and refuses
// unknown fields inside the settings Sieve reads: the parser skips every field Sieve's
// caffe.proto leaves out (fillers, learning rates, data sources), which would also skip a
// misspelt "strid: 2" and build another network than the file describes.
class FirstError final : public google::protobuf::io::ErrorCollector {
public:
    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string &message) override
    {
        if (text.isEmpty())
            text = Tr::tr("line %1, column %2: %3").arg(line + 1).arg(column + 1).arg(QString::fromStdString(message));
    }

    void AddWarning(int line, google::protobuf::io::ColumnNumber column, const std::string &message) override
    {
        // Caffe's own fields of these messages that Sieve does not need; any other is a mistake.
        static const QHash<QString, QStringList> ignorable{
            {QStringLiteral("ConvolutionParameter"),
             {QStringLiteral("weight_filler"), QStringLiteral("bias_filler"), QStringLiteral("engine"),
              QStringLiteral("force_nd_im2col")}},
            {QStringLiteral("InnerProductParameter"), {QStringLiteral("weight_filler"), QStringLiteral("bias_filler")}},
            {QStringLiteral("ScaleParameter"), {QStringLiteral("filler"), QStringLiteral("bias_filler")}},
            {QStringLiteral("PoolingParameter"), {QStringLiteral("engine")}},
            {QStringLiteral("LRNParameter"), {QStringLiteral("engine")}},
            {QStringLiteral("ReLUParameter"), {QStringLiteral("engine")}},
            {QStringLiteral("SoftmaxParameter"), {QStringLiteral("engine")}},
            {QStringLiteral("EltwiseParameter"), {QStringLiteral("stable_prod_grad")}},
            {QStringLiteral("TransformationParameter"),
             {QStringLiteral("mirror"), QStringLiteral("mean_file"), QStringLiteral("force_color"), QStringLiteral("force_gray")}},
            {QStringLiteral("BatchNormParameter"), {}},
            {QStringLiteral("ConcatParameter"), {}},
            {QStringLiteral("DropoutParameter"), {}},
            {QStringLiteral("FlattenParameter"), {}},
            {QStringLiteral("InputParameter"), {}},
            {QStringLiteral("BlobShape"), {}}};
        static const QRegularExpression unknown(QStringLiteral(R"re(type "sieve\.nn\.caffe\.(\w+)" has no field named "(\w+)")re"));
        const QRegularExpressionMatch match = unknown.match(QString::fromStdString(message));
        if (!match.hasMatch() || !text.isEmpty())
            return;
        const auto allowed = ignorable.constFind(match.captured(1));
        if (allowed != ignorable.constEnd() && !allowed->contains(match.captured(2)))
            text = Tr::tr("line %1, column %2: %3 has no setting '%4'")
                       .arg(line + 1)
                       .arg(column + 1)
                       .arg(match.captured(1), match.captured(2));
    }

    QString text;
};

Result<QByteArray> readWhole(const QString &path, qint64 limit)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return fail(in.errorString());
    if (in.size() > limit)
        return fail(Tr::tr("it is larger than the 2 GB a protobuf file can hold"));
    QByteArray bytes = in.readAll();
    if (bytes.size() != in.size())
        return fail(in.errorString());
    return bytes;
}

} // namespace

} // namespace caffeimport

using caffeimport::Importer;
using caffeimport::Tr;

QString CaffeImportReport::summary(const QString &file) const
{
    const QLocale locale;
    return Tr::tr("%1 (%2): %3 Caffe layers became %4 nodes, %5 parameters")
        .arg(QFileInfo(file).fileName(), network.isEmpty() ? Tr::tr("unnamed network") : network)
        .arg(caffeLayers)
        .arg(nodes)
        .arg(locale.toString(qulonglong(parameters)));
}

Result<CaffeModel> importCaffe(const QString &prototxt, const QString &caffemodel, const CaffeImportOptions &options)
{
    namespace proto = caffeimport::proto;
    const auto failure = [](const QString &file, const QString &what) {
        return fail(Tr::tr("cannot import '%1': %2").arg(QDir::toNativeSeparators(file), what));
    };
    constexpr qint64 kLimit = std::numeric_limits<int>::max();
    try {
        Result<QByteArray> text = caffeimport::readWhole(prototxt, kLimit);
        if (!text)
            return failure(prototxt, text.error());
        proto::NetParameter net;
        google::protobuf::TextFormat::Parser parser;
        caffeimport::FirstError errors;
        parser.RecordErrorsTo(&errors);
        // Fillers, learning-rate multipliers, data sources: what Sieve does not read.
        parser.AllowUnknownField(true);
        parser.AllowUnknownExtension(true);
        if (!parser.ParseFromString(text->toStdString(), &net) || !errors.text.isEmpty())
            return failure(prototxt, Tr::tr("it is not a Caffe network definition in text form (%1)").arg(errors.text));

        Result<QByteArray> bytes = caffeimport::readWhole(caffemodel, kLimit);
        if (!bytes)
            return failure(caffemodel, bytes.error());
        proto::NetParameter trainedNet;
        if (!trainedNet.ParseFromArray(bytes->constData(), int(bytes->size())) ||
            (trainedNet.layer_size() == 0 && trainedNet.layers_size() == 0))
            return failure(caffemodel, Tr::tr("it is not a Caffe weights file (.caffemodel), or it is truncated"));
        bytes->clear();
        std::deque<proto::LayerParameter> upgraded;
        QHash<QString, const proto::LayerParameter *> trained;
        const auto remember = [&](const proto::LayerParameter &layer) {
            const QString name = QString::fromStdString(layer.name());
            if (layer.blobs_size() > 0 && !trained.contains(name))
                trained.insert(name, &layer);
        };
        for (const proto::LayerParameter &layer : trainedNet.layer())
            remember(layer);
        for (const proto::V1LayerParameter &layer : trainedNet.layers())
            remember(upgraded.emplace_back(caffeimport::upgradeLayer(layer)));

        Importer importer(net, trained, options);
        if (Status status = importer.run(); !status)
            return failure(prototxt, status.error());

        CaffeModel result;
        result.definition = std::move(importer.definition);
        result.definition.name = QFileInfo(caffemodel).completeBaseName();
        // The network checks what the translation does not: shapes and weights fitting each node.
        Result<std::unique_ptr<Network>> network = Network::create(result.definition);
        if (!network)
            return failure(prototxt, Tr::tr("the translated network is not valid: %1").arg(network.error()));
        if (Status status = restoreWeights((*network)->parameters(), importer.weights); !status)
            return failure(caffemodel, Tr::tr("the weights do not fit: %1").arg(status.error()));
        result.weights = captureWeights((*network)->parameters());
        result.report = importer.report;
        result.report.nodes = int(result.definition.nodes.size());
        for (const TensorInfo &info : (*network)->parameters().parameters())
            result.report.parameters += info.count;
        for (const TensorInfo &info : (*network)->parameters().stateTensors())
            result.report.statistics += info.count;
        return result;
    } catch (const std::bad_alloc &) {
        return failure(caffemodel, Tr::tr("not enough memory"));
    }
}

} // namespace sieve::nn
