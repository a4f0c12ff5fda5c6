#include "nn/onnx_importer.h"

#include "nn/network.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cstring>
#include <limits>

namespace sieve::nn {

namespace onnximport {

namespace {

constexpr int kMaxFloats = std::numeric_limits<int>::max() / 4;

template <typename T>
bool copyRaw(const std::string &raw, std::size_t count, std::vector<T> &out)
{
    if (raw.size() != count * sizeof(T))
        return false;
    out.resize(count);
    std::memcpy(out.data(), raw.data(), raw.size());
    return true;
}

} // namespace

Result<std::shared_ptr<Constant>> readTensor(const onnx::TensorProto &tensor, const QString &what)
{
    if (tensor.data_location() == onnx::TensorProto::EXTERNAL)
        return fail(Tr::tr("%1 keeps its values in an external file, which Sieve does not read; export the "
                           "model with its weights inside the file")
                        .arg(what));
    auto constant = std::make_shared<Constant>();
    std::int64_t count = 1;
    for (std::int64_t d : tensor.dims()) {
        if (d < 0 || (d > 0 && count > kMaxFloats / d))
            return fail(Tr::tr("%1 has an invalid shape").arg(what));
        constant->shape.push_back(d);
        count *= d;
    }
    const std::size_t n = std::size_t(count);
    const std::string &raw = tensor.raw_data();
    bool ok = false;
    switch (tensor.data_type()) {
    case onnx::TensorProto::FLOAT:
        ok = tensor.has_raw_data() ? copyRaw(raw, n, constant->floats)
                                   : std::size_t(tensor.float_data_size()) == n;
        if (ok && !tensor.has_raw_data())
            constant->floats.assign(tensor.float_data().begin(), tensor.float_data().end());
        break;
    case onnx::TensorProto::DOUBLE: {
        std::vector<double> values;
        ok = tensor.has_raw_data() ? copyRaw(raw, n, values) : std::size_t(tensor.double_data_size()) == n;
        if (ok && !tensor.has_raw_data())
            values.assign(tensor.double_data().begin(), tensor.double_data().end());
        constant->floats.assign(values.begin(), values.end());
        break;
    }
    case onnx::TensorProto::INT64:
        ok = tensor.has_raw_data() ? copyRaw(raw, n, constant->integers) : std::size_t(tensor.int64_data_size()) == n;
        if (ok && !tensor.has_raw_data())
            constant->integers.assign(tensor.int64_data().begin(), tensor.int64_data().end());
        break;
    case onnx::TensorProto::INT32: {
        std::vector<std::int32_t> values;
        ok = tensor.has_raw_data() ? copyRaw(raw, n, values) : std::size_t(tensor.int32_data_size()) == n;
        if (ok && !tensor.has_raw_data())
            values.assign(tensor.int32_data().begin(), tensor.int32_data().end());
        constant->integers.assign(values.begin(), values.end());
        break;
    }
    default:
        return fail(Tr::tr("%1 has ONNX data type %2, which Sieve does not read (float, double, int32 and "
                           "int64 only)")
                        .arg(what)
                        .arg(tensor.data_type()));
    }
    if (!ok)
        return fail(Tr::tr("%1 does not hold the %2 values its shape %3 needs")
                        .arg(what)
                        .arg(count)
                        .arg(dimsText(constant->shape)));
    if (constant->floats.empty() && !constant->integers.empty())
        constant->floats.assign(constant->integers.begin(), constant->integers.end());
    return std::shared_ptr<Constant>(std::move(constant));
}

Result<Value> Importer::activation(int i) const
{
    if (!hasInput(i))
        return nodeFail(Tr::tr("input %1 is missing").arg(i + 1));
    const QString name = QString::fromStdString(m_node->input(i));
    const auto found = m_values.constFind(name);
    if (found == m_values.constEnd())
        return nodeFail(Tr::tr("input '%1' comes from no earlier node, initializer or graph input").arg(name));
    if (found->constant)
        return nodeFail(Tr::tr("input '%1' is a constant where Sieve needs the output of a layer").arg(name));
    if (found->pads != std::array<std::int64_t, 4>{} && !m_paddingAllowed)
        return nodeFail(Tr::tr("input '%1' comes from a Pad; Sieve supports zero padding only right before Conv "
                               "or AveragePool")
                            .arg(name));
    return *found;
}

Result<Value> Importer::paddedImage(int i)
{
    m_paddingAllowed = true;
    Result<Value> value = image(i);
    m_paddingAllowed = false;
    return value;
}

Result<std::shared_ptr<const Constant>> Importer::constant(int i) const
{
    if (!hasInput(i))
        return nodeFail(Tr::tr("input %1 is missing").arg(i + 1));
    const QString name = QString::fromStdString(m_node->input(i));
    const auto found = m_values.constFind(name);
    if (found == m_values.constEnd())
        return nodeFail(Tr::tr("input '%1' comes from no earlier node, initializer or graph input").arg(name));
    if (!found->constant)
        return nodeFail(Tr::tr("input '%1' must be a constant (an initializer), not computed").arg(name));
    return found->constant;
}

Result<Value> Importer::image(int i) const
{
    Result<Value> value = activation(i);
    if (value && value->dims.size() != 3)
        return nodeFail(Tr::tr("needs an image-shaped input (batch × channels × height × width), not batch × %1")
                            .arg(product(value->dims)));
    return value;
}

QString Importer::addNode(const char *op, const QJsonObject &attributes, const QStringList &inputs, const Dims &dims)
{
    QString name = QString::fromStdString(m_node->name());
    if (name.isEmpty() || m_names.contains(name))
        name = QStringLiteral("%1_%2").arg(QString::fromStdString(m_node->op_type())).arg(m_index);
    while (m_names.contains(name))
        name += QLatin1Char('_');
    m_names.insert(name);
    definition.nodes.append(NodeDefinition{name, QLatin1String(op), inputs, attributes});
    setOutput(Value{nullptr, name, dims});
    return name;
}

const onnx::AttributeProto *Importer::attribute(const char *name)
{
    m_readAttributes.append(QLatin1String(name));
    for (const onnx::AttributeProto &a : m_node->attribute()) {
        if (a.name() == name)
            return &a;
    }
    return nullptr;
}

std::int64_t Importer::integer(const char *name, std::int64_t fallback)
{
    const onnx::AttributeProto *a = attribute(name);
    return a ? a->i() : fallback;
}

float Importer::number(const char *name, float fallback)
{
    const onnx::AttributeProto *a = attribute(name);
    return a ? a->f() : fallback;
}

Result<Dims> Importer::integers(const char *name, std::size_t count, std::int64_t fallback)
{
    const onnx::AttributeProto *a = attribute(name);
    if (!a)
        return Dims(count, fallback);
    if (std::size_t(a->ints_size()) != count)
        return nodeFail(Tr::tr("attribute '%1' has %2 values; Sieve supports 2-D images only, which need %3")
                            .arg(QLatin1String(name))
                            .arg(a->ints_size())
                            .arg(count));
    Dims values(a->ints().begin(), a->ints().end());
    for (std::int64_t v : values) {
        if (v < 0 || v > 1'000'000)
            return nodeFail(Tr::tr("attribute '%1' has the invalid value %2").arg(QLatin1String(name)).arg(v));
    }
    return values;
}

QString Importer::text(const char *name, const QString &fallback)
{
    const onnx::AttributeProto *a = attribute(name);
    return a ? QString::fromStdString(a->s()) : fallback;
}

Status Importer::checkAttributes() const
{
    for (const onnx::AttributeProto &a : m_node->attribute()) {
        if (!m_readAttributes.contains(QString::fromStdString(a.name())))
            return nodeFail(Tr::tr("attribute '%1' is not supported").arg(QString::fromStdString(a.name())));
    }
    return {};
}

Result<Importer::Window> Importer::window(const Value &value, const Dims &kernel)
{
    const Dims &input = value.dims;
    Window w;
    w.kernel = kernel;
    Result<Dims> stride = integers("strides", 2, 1);
    Result<Dims> dilation = integers("dilations", 2, 1);
    Result<Dims> pads = integers("pads", 4, 0);
    if (!stride)
        return stride.takeError();
    if (!dilation)
        return dilation.takeError();
    if (!pads)
        return pads.takeError();
    w.stride = *stride;
    w.dilation = *dilation;
    w.pads = *pads;
    for (int d = 0; d < 2; ++d) {
        if (w.stride[d] < 1 || w.dilation[d] < 1 || w.kernel[d] < 1)
            return nodeFail(Tr::tr("kernel, strides and dilations must be at least 1"));
    }
    const QString autoPad = text("auto_pad", QStringLiteral("NOTSET"));
    if (autoPad == QLatin1String("VALID")) {
        w.pads = {0, 0, 0, 0};
    } else if (autoPad == QLatin1String("SAME_UPPER") || autoPad == QLatin1String("SAME_LOWER")) {
        for (int d = 0; d < 2; ++d) {
            const std::int64_t size = input[std::size_t(1 + d)];
            const std::int64_t extent = (w.kernel[d] - 1) * w.dilation[d] + 1;
            const std::int64_t out = (size + w.stride[d] - 1) / w.stride[d];
            const std::int64_t total = std::max<std::int64_t>((out - 1) * w.stride[d] + extent - size, 0);
            const std::int64_t small = total / 2, large = total - small;
            const bool upper = autoPad == QLatin1String("SAME_UPPER");
            w.pads[std::size_t(d)] = upper ? small : large;
            w.pads[std::size_t(2 + d)] = upper ? large : small;
        }
    } else if (autoPad != QLatin1String("NOTSET")) {
        return nodeFail(Tr::tr("auto_pad '%1' is not an ONNX padding mode").arg(autoPad));
    }
    if (value.pads != std::array<std::int64_t, 4>{} && autoPad != QLatin1String("NOTSET"))
        return nodeFail(Tr::tr("automatic padding after a Pad node is not supported"));
    for (std::size_t side = 0; side < 4; ++side)
        w.pads[side] += value.pads[side];
    for (int d = 0; d < 2; ++d) {
        const std::int64_t padded = input[std::size_t(1 + d)] + w.pads[std::size_t(d)] + w.pads[std::size_t(2 + d)];
        if (padded < (w.kernel[d] - 1) * w.dilation[d] + 1)
            return nodeFail(Tr::tr("its %1×%2 input is smaller than its kernel").arg(input[1]).arg(input[2]));
    }
    return w;
}

Dims Importer::windowOutput(const Dims &input, std::int64_t channels, const Window &w, bool ceil)
{
    Dims output{channels, 0, 0};
    for (std::size_t d = 0; d < 2; ++d) {
        const std::int64_t size = input[1 + d];
        const std::int64_t padded = size + w.pads[d] + w.pads[2 + d];
        const std::int64_t span = padded - ((w.kernel[d] - 1) * w.dilation[d] + 1);
        std::int64_t out = (ceil ? (span + w.stride[d] - 1) / w.stride[d] : span / w.stride[d]) + 1;
        // As PyTorch (and pooling_layer.cpp): the last window starts inside the input or its
        // left padding.
        if (ceil && (out - 1) * w.stride[d] >= size + w.pads[d])
            --out;
        output[1 + d] = out;
    }
    return output;
}

Status Importer::readGraphInput()
{
    const onnx::GraphProto &graph = m_model.graph();
    for (const onnx::TensorProto &initializer : graph.initializer()) {
        const QString name = QString::fromStdString(initializer.name());
        Result<std::shared_ptr<Constant>> tensor = readTensor(initializer, Tr::tr("initializer '%1'").arg(name));
        if (!tensor)
            return tensor.takeError();
        m_values.insert(name, Value{*tensor, {}, {}});
    }
    const onnx::ValueInfoProto *input = nullptr;
    for (const onnx::ValueInfoProto &candidate : graph.input()) {
        if (m_values.contains(QString::fromStdString(candidate.name())))
            continue; // an initializer listed as an input, as IR versions before 4 required
        if (input)
            return fail(Tr::tr("the graph has more than one input ('%1', '%2'); Sieve's networks take one image batch")
                            .arg(QString::fromStdString(input->name()), QString::fromStdString(candidate.name())));
        input = &candidate;
    }
    if (!input)
        return fail(Tr::tr("the graph has no input"));
    const QString name = QString::fromStdString(input->name());
    const onnx::TypeProto::Tensor &type = input->type().tensor_type();
    if (type.elem_type() != onnx::TensorProto::FLOAT)
        return fail(Tr::tr("the graph input '%1' is not a float tensor").arg(name));
    const auto &dims = type.shape().dim();
    if (dims.size() != 4)
        return fail(Tr::tr("the graph input '%1' has %2 dimensions; Sieve needs images, batch × channels × height × width")
                        .arg(name)
                        .arg(dims.size()));
    const auto fixed = [&](int i) { return dims.Get(i).has_dim_value() && dims.Get(i).dim_value() > 0 ? dims.Get(i).dim_value() : 0; };
    m_batch = fixed(0) > 0 ? fixed(0) : -2;
    const std::int64_t channels = fixed(1);
    const std::int64_t height = m_options.height > 0 ? m_options.height : fixed(2);
    const std::int64_t width = m_options.width > 0 ? m_options.width : fixed(3);
    if (channels == 0 || channels > 4096)
        return fail(Tr::tr("the graph input '%1' does not fix its number of channels").arg(name));
    if (height == 0 || width == 0 || height > 16384 || width > 16384)
        return fail(Tr::tr("the graph input '%1' does not fix its height and width; give them to the import").arg(name));
    definition.input = InputDefinition{name, int(channels), int(height), int(width)};
    m_values.insert(name, Value{nullptr, name, {channels, height, width}});
    m_names.insert(name);
    return {};
}

Status Importer::translate()
{
    const onnx::GraphProto &graph = m_model.graph();
    for (const onnx::NodeProto &node : graph.node()) {
        for (const std::string &input : node.input()) {
            if (!input.empty())
                m_consumers[QString::fromStdString(input)] += 1;
        }
    }
    for (const onnx::ValueInfoProto &output : graph.output())
        m_consumers[QString::fromStdString(output.name())] += 1;

    for (m_index = 0; m_index < graph.node_size(); ++m_index) {
        m_node = &graph.node(m_index);
        m_readAttributes.clear();
        const std::string &op = m_node->op_type();
        if (!m_node->domain().empty() && m_node->domain() != "ai.onnx")
            return nodeFail(Tr::tr("operators of domain '%1' are not supported").arg(QString::fromStdString(m_node->domain())));
        if (m_node->output_size() < 1 || m_node->output(0).empty())
            return nodeFail(Tr::tr("it has no output"));
        Status status;
        if (op == "Conv") {
            status = convolution();
        } else if (op == "BatchNormalization") {
            status = batchNorm();
        } else if (op == "Relu") {
            const Result<Value> x = activation(0);
            status = x ? checkAttributes() : Status(x.takeError());
            if (status)
                addNode("relu", {}, {x->node}, x->dims);
        } else if (op == "Clip") {
            status = clip();
        } else if (op == "MaxPool" || op == "AveragePool") {
            status = pool(op == "AveragePool");
        } else if (op == "GlobalAveragePool") {
            const Result<Value> x = image(0);
            status = x ? checkAttributes() : Status(x.takeError());
            if (status)
                addNode("global_avg_pool", {}, {x->node}, {x->dims[0], 1, 1});
        } else if (op == "LRN") {
            status = lrn();
        } else if (op == "Concat") {
            status = concat();
        } else if (op == "Add") {
            status = add();
        } else if (op == "Flatten") {
            status = flatten();
        } else if (op == "Reshape") {
            status = reshape();
        } else if (op == "Gemm") {
            status = gemm();
        } else if (op == "MatMul") {
            status = matMul();
        } else if (op == "Dropout") {
            status = dropout();
        } else if (op == "Identity") {
            status = checkAttributes();
            if (status && !m_values.contains(QString::fromStdString(hasInput(0) ? m_node->input(0) : std::string())))
                status = Status(nodeFail(Tr::tr("its input comes from no earlier node, initializer or graph input")));
            if (status) {
                setOutput(m_values.value(QString::fromStdString(m_node->input(0))));
                ++report.folded;
            }
        } else if (op == "Softmax") {
            status = softmax();
        } else if (op == "Constant") {
            status = constantNode();
        } else if (op == "Pad") {
            status = pad();
        } else {
            QString hint;
            if (op == "Shape" || op == "Gather" || op == "Unsqueeze")
                hint = Tr::tr(" (computed shapes: export with a fixed input size and constant folding)");
            status = Status(nodeFail(Tr::tr("the operator is not supported%1; Sieve imports Conv, BatchNormalization, "
                                            "Relu, Clip, MaxPool, AveragePool, GlobalAveragePool, LRN, Concat, Add, "
                                            "Flatten, Reshape, Gemm, MatMul, Dropout, Identity, Softmax, Constant and Pad")
                                         .arg(hint)));
        }
        if (!status)
            return status;
    }
    return {};
}

Status Importer::finish()
{
    const onnx::GraphProto &graph = m_model.graph();
    if (graph.output_size() != 1)
        return fail(Tr::tr("the graph has %1 outputs; Sieve imports classifiers with one").arg(graph.output_size()));
    const QString outputName = QString::fromStdString(graph.output(0).name());
    const auto found = m_values.constFind(outputName);
    if (found == m_values.constEnd() || found->constant)
        return fail(Tr::tr("the graph output '%1' is computed by no node").arg(outputName));
    if (found->dims.size() != 1 || found->dims[0] < 2)
        return fail(Tr::tr("the graph output '%1' is batch × %2, not batch × classes").arg(outputName, dimsText(found->dims)));
    QString loss = QStringLiteral("loss");
    while (m_names.contains(loss))
        loss += QLatin1Char('_');
    definition.nodes.append(NodeDefinition{loss, QStringLiteral("softmax_cross_entropy"), {found->node}, {}});
    return {};
}

Status Importer::run()
{
    for (const onnx::OperatorSetIdProto &set : m_model.opset_import()) {
        if (set.domain().empty() || set.domain() == "ai.onnx")
            report.opset = int(set.version());
    }
    if (report.opset < 1)
        return fail(Tr::tr("it declares no version of the ONNX operator set"));
    report.producer = QString::fromStdString(m_model.producer_name() + " " + m_model.producer_version()).trimmed();
    report.onnxNodes = m_model.graph().node_size();
    if (Status status = readGraphInput(); !status)
        return status;
    if (Status status = translate(); !status)
        return status;
    return finish();
}

} // namespace onnximport

using onnximport::Importer;
using onnximport::Tr;

QString OnnxImportReport::summary(const QString &file) const
{
    const QLocale locale;
    return Tr::tr("%1 (%2, opset %3): %4 ONNX nodes became %5 nodes, %6 parameters")
        .arg(QFileInfo(file).fileName(), producer.isEmpty() ? Tr::tr("unknown producer") : producer)
        .arg(opset)
        .arg(onnxNodes)
        .arg(nodes)
        .arg(locale.toString(qulonglong(parameters)));
}

Result<OnnxModel> importOnnx(const QString &path, const OnnxImportOptions &options)
{
    const QString file = QDir::toNativeSeparators(path);
    const auto failure = [&](const QString &what) { return fail(Tr::tr("cannot import '%1': %2").arg(file, what)); };
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return failure(in.errorString());
    if (in.size() > std::numeric_limits<int>::max())
        return failure(Tr::tr("it is larger than the 2 GB a single ONNX file can hold"));
    try {
        const QByteArray bytes = in.readAll();
        if (bytes.size() != in.size())
            return failure(in.errorString());
        onnx::ModelProto model;
        if (!model.ParseFromArray(bytes.constData(), int(bytes.size())) || !model.has_graph() ||
            model.graph().node_size() == 0)
            return failure(Tr::tr("it is not an ONNX model (it does not parse as one, or has no graph)"));
        Importer importer(model, options);
        if (Status status = importer.run(); !status)
            return failure(status.error());

        OnnxModel result;
        result.definition = std::move(importer.definition);
        result.definition.name = QFileInfo(path).completeBaseName();
        // The network checks what the translation cannot: every output used, shapes and weights
        // fitting each node.
        Result<std::unique_ptr<Network>> network = Network::create(result.definition);
        if (!network)
            return failure(Tr::tr("the translated network is not valid: %1").arg(network.error()));
        if (Status status = restoreWeights((*network)->parameters(), importer.weights); !status)
            return failure(Tr::tr("the translated weights do not fit: %1").arg(status.error()));
        result.weights = captureWeights((*network)->parameters());
        result.report = importer.report;
        result.report.nodes = int(result.definition.nodes.size());
        for (const TensorInfo &info : (*network)->parameters().parameters())
            result.report.parameters += info.count;
        for (const TensorInfo &info : (*network)->parameters().stateTensors())
            result.report.statistics += info.count;
        return result;
    } catch (const std::bad_alloc &) {
        return failure(Tr::tr("not enough memory"));
    }
}

} // namespace sieve::nn
