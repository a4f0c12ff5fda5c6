#include "nn/onnx_import.h"

#include "nn/network.h"

#include <onnx.pb.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QSet>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

using Dims = std::vector<std::int64_t>;

// An initializer's or a Constant node's value. Floating-point data is kept as float (weights),
// integer data as int64 (shapes) and also as float (scalars such as Clip's bounds).
struct Constant {
    Dims shape;
    std::vector<float> floats;
    std::vector<std::int64_t> integers;
};

// What an ONNX value name stands for: a constant, or the output of one of our nodes (or the
// network input) with its per-sample shape. Flatten, Reshape and Identity only rename: their
// output is the same node's, seen with other dims (our inner_product reads C×H×W in the order
// ONNX flattens it).
struct Value {
    std::shared_ptr<const Constant> constant;
    QString node;
    Dims dims;
    // Zero padding (top, left, bottom, right) a Pad node added, for the convolution or average
    // pooling that reads it to take into its own padding. PyTorch exports avg_pool2d with
    // count_include_pad so.
    std::array<std::int64_t, 4> pads{};
};

constexpr int kMaxFloats = std::numeric_limits<int>::max() / 4;

std::int64_t product(const Dims &dims)
{
    std::int64_t count = 1;
    for (std::int64_t d : dims)
        count *= d;
    return count;
}

QString dimsText(const Dims &dims)
{
    QStringList parts;
    for (std::int64_t d : dims)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

QJsonArray jsonInts(std::initializer_list<std::int64_t> values)
{
    QJsonArray array;
    for (std::int64_t v : values)
        array.append(qint64(v));
    return array;
}

template <typename T>
bool copyRaw(const std::string &raw, std::size_t count, std::vector<T> &out)
{
    if (raw.size() != count * sizeof(T))
        return false;
    out.resize(count);
    std::memcpy(out.data(), raw.data(), raw.size());
    return true;
}

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

// Translates a graph node by node. One instance per import.
class Importer {
public:
    Importer(const onnx::ModelProto &model, const OnnxImportOptions &options) : m_model(model), m_options(options) {}

    Status run();

    ModelDefinition definition;
    Weights weights;
    OnnxImportReport report;

private:
    // Errors about the node being translated: "ONNX node 'name' (Op): what".
    Error nodeFail(const QString &what) const
    {
        const QString name = m_node->name().empty() ? QStringLiteral("#%1").arg(m_index + 1)
                                                    : QString::fromStdString(m_node->name());
        return fail(Tr::tr("ONNX node '%1' (%2): %3").arg(name, QString::fromStdString(m_node->op_type()), what));
    }

    Status readGraphInput();
    Status translate();
    Status finish();

    // The node's inputs and outputs.
    bool hasInput(int i) const { return i < m_node->input_size() && !m_node->input(i).empty(); }
    Result<Value> activation(int i) const;
    // As activation(), also accepting a value with a Pad's pending zero padding.
    Result<Value> paddedImage(int i);
    Result<std::shared_ptr<const Constant>> constant(int i) const;
    Result<Value> image(int i) const; // an activation of channels × height × width
    bool outputUsed(int i) const
    {
        return i < m_node->output_size() && !m_node->output(i).empty() &&
               m_consumers.value(QString::fromStdString(m_node->output(i))) > 0;
    }
    void setOutput(const Value &value)
    {
        m_values.insert(QString::fromStdString(m_node->output(0)), value);
    }
    // Adds our node for the current ONNX node, reading `inputs`, with output `dims`.
    QString addNode(const char *op, const QJsonObject &attributes, const QStringList &inputs, const Dims &dims);
    void addTensor(const QString &node, const char *role, Dims shape, std::vector<float> values)
    {
        weights.tensors.push_back(NamedTensor{node + QLatin1Char('.') + QLatin1String(role), std::move(shape), std::move(values)});
    }

    // Attributes; reading one marks it understood (others are refused by checkAttributes).
    const onnx::AttributeProto *attribute(const char *name);
    std::int64_t integer(const char *name, std::int64_t fallback);
    float number(const char *name, float fallback);
    Result<Dims> integers(const char *name, std::size_t count, std::int64_t fallback);
    QString text(const char *name, const QString &fallback);
    Status checkAttributes() const;

    // Kernel-window ops: stride, pads ([top, left, bottom, right]) and dilation from the
    // attributes, auto_pad resolved against the input size.
    struct Window {
        Dims kernel, stride, dilation, pads;
    };
    Result<Window> window(const Value &input, const Dims &kernel);
    static Dims windowOutput(const Dims &input, std::int64_t channels, const Window &w, bool ceil);

    Status convolution();
    Status batchNorm();
    Status clip();
    Status pool(bool average);
    Status lrn();
    Status concat();
    Status add();
    Status flatten();
    Status reshape();
    Status gemm();
    Status matMul();
    Status dropout();
    Status softmax();
    Status pad();
    Status constantNode();

    const onnx::ModelProto &m_model;
    OnnxImportOptions m_options;
    const onnx::NodeProto *m_node = nullptr;
    int m_index = 0;
    QStringList m_readAttributes;
    QHash<QString, Value> m_values;
    QHash<QString, int> m_consumers;
    QSet<QString> m_names;
    QHash<QString, int> m_biasless; // our inner_product nodes from MatMul, by name: node index
    QString m_softmaxOutput;
    bool m_paddingAllowed = false;
    std::int64_t m_batch = -2; // the input's batch size if the file fixes it
};

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

Status Importer::convolution()
{
    const Result<Value> x = paddedImage(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> weight = constant(1);
    if (!weight)
        return weight.takeError();
    const Dims &w = (*weight)->shape;
    if (w.size() != 4)
        return nodeFail(Tr::tr("its weights are %1; Sieve supports 2-D convolutions only").arg(dimsText(w)));
    const std::int64_t groups = integer("group", 1);
    if (groups < 1 || w[0] % groups != 0 || w[1] * groups != x->dims[0])
        return nodeFail(Tr::tr("its weights %1 in %2 groups do not fit its input of %3 channels")
                            .arg(dimsText(w))
                            .arg(groups)
                            .arg(x->dims[0]));
    const Result<Dims> kernel = integers("kernel_shape", 2, 0);
    if (!kernel)
        return kernel.takeError();
    if (attribute("kernel_shape") && *kernel != Dims{w[2], w[3]})
        return nodeFail(Tr::tr("kernel_shape %1 disagrees with its weights %2").arg(dimsText(*kernel), dimsText(w)));
    const Result<Window> win = window(*x, {w[2], w[3]});
    if (!win)
        return win.takeError();
    if (Status status = checkAttributes(); !status)
        return status;
    std::shared_ptr<const Constant> bias;
    if (hasInput(2)) {
        const Result<std::shared_ptr<const Constant>> b = constant(2);
        if (!b)
            return b.takeError();
        if ((*b)->floats.size() != std::size_t(w[0]))
            return nodeFail(Tr::tr("its bias has %1 values for %2 outputs").arg((*b)->floats.size()).arg(w[0]));
        bias = *b;
    }
    const Window &s = *win;
    QJsonObject attributes{{QStringLiteral("outputs"), qint64(w[0])},
                           {QStringLiteral("kernel"), jsonInts({w[2], w[3]})},
                           {QStringLiteral("stride"), jsonInts({s.stride[0], s.stride[1]})},
                           {QStringLiteral("dilation"), jsonInts({s.dilation[0], s.dilation[1]})},
                           {QStringLiteral("pad"), jsonInts({s.pads[0], s.pads[1], s.pads[2], s.pads[3]})},
                           {QStringLiteral("bias"), bias != nullptr}};
    if (groups != 1)
        attributes.insert(QStringLiteral("groups"), qint64(groups));
    const QString name = addNode("convolution", attributes, {x->node}, windowOutput(x->dims, w[0], s, false));
    addTensor(name, "weight", w, (*weight)->floats);
    if (bias)
        addTensor(name, "bias", {w[0]}, bias->floats);
    return {};
}

Status Importer::batchNorm()
{
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const float epsilon = number("epsilon", 1e-5f);
    const float momentum = number("momentum", 0.9f);
    const std::int64_t spatial = integer("spatial", 1);
    const std::int64_t training = integer("training_mode", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    if (training != 0 || outputUsed(1) || outputUsed(2))
        return nodeFail(Tr::tr("only the inference form of batch normalization is supported; export the model "
                               "in evaluation mode"));
    if (spatial != 1)
        return nodeFail(Tr::tr("per-activation batch normalization (spatial = 0) is not supported"));
    if (!(epsilon > 0 && epsilon <= 1) || !(momentum >= 0 && momentum <= 1))
        return nodeFail(Tr::tr("epsilon %1 or momentum %2 is out of range").arg(epsilon).arg(momentum));
    std::shared_ptr<const Constant> tensors[4];
    for (int i = 0; i < 4; ++i) {
        const Result<std::shared_ptr<const Constant>> c = constant(1 + i);
        if (!c)
            return c.takeError();
        if ((*c)->floats.size() != std::size_t(x->dims[0]))
            return nodeFail(Tr::tr("input %1 has %2 values for %3 channels").arg(2 + i).arg((*c)->floats.size()).arg(x->dims[0]));
        tensors[i] = *c;
    }
    // ONNX's momentum weighs the old running average, PyTorch's (and ours) the new batch.
    const QString name = addNode("batch_norm",
                                 {{QStringLiteral("epsilon"), double(epsilon)}, {QStringLiteral("momentum"), 1.0 - double(momentum)}},
                                 {x->node}, x->dims);
    const Dims shape{x->dims[0]};
    addTensor(name, "weight", shape, tensors[0]->floats);
    addTensor(name, "bias", shape, tensors[1]->floats);
    addTensor(name, "running_mean", shape, tensors[2]->floats);
    addTensor(name, "running_var", shape, tensors[3]->floats);
    return {};
}

Status Importer::clip()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    double low = -std::numeric_limits<double>::infinity(), high = std::numeric_limits<double>::infinity();
    if (report.opset < 11) {
        low = number("min", -std::numeric_limits<float>::max());
        high = number("max", std::numeric_limits<float>::max());
    }
    for (int i = 1; i <= 2; ++i) {
        if (!hasInput(i))
            continue;
        const Result<std::shared_ptr<const Constant>> bound = constant(i);
        if (!bound)
            return bound.takeError();
        if ((*bound)->floats.size() != 1)
            return nodeFail(Tr::tr("its bounds must be single numbers"));
        (i == 1 ? low : high) = (*bound)->floats[0];
    }
    if (Status status = checkAttributes(); !status)
        return status;
    const bool unbounded = high >= std::numeric_limits<float>::max();
    if (low == 0 && high == 6)
        addNode("relu6", {}, {x->node}, x->dims);
    else if (low == 0 && unbounded)
        addNode("relu", {}, {x->node}, x->dims);
    else
        return nodeFail(Tr::tr("clipping to [%1, %2] is not supported (only [0, 6], ReLU6, and [0, ∞), ReLU)")
                            .arg(low)
                            .arg(high));
    return {};
}

Status Importer::pool(bool average)
{
    const Result<Value> x = average ? paddedImage(0) : image(0);
    if (!x)
        return x.takeError();
    const Result<Dims> kernel = integers("kernel_shape", 2, 0);
    if (!kernel)
        return kernel.takeError();
    if (!attribute("kernel_shape"))
        return nodeFail(Tr::tr("attribute 'kernel_shape' is missing"));
    const Result<Window> win = window(*x, *kernel);
    if (!win)
        return win.takeError();
    const bool ceil = integer("ceil_mode", 0) != 0;
    bool includePad = average && integer("count_include_pad", 0) != 0;
    if (x->pads != std::array<std::int64_t, 4>{}) {
        // The Pad's zeros count in the average; padding of the node's own must count alike.
        if (!includePad && win->pads != Dims{x->pads.begin(), x->pads.end()})
            return nodeFail(Tr::tr("averaging over a Pad's zeros while not counting its own padding is not supported"));
        includePad = true;
    }
    const std::int64_t storageOrder = average ? 0 : integer("storage_order", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    if (win->dilation != Dims{1, 1})
        return nodeFail(Tr::tr("dilated pooling is not supported"));
    if (storageOrder != 0 || outputUsed(1))
        return nodeFail(Tr::tr("the indices output of max pooling is not supported"));
    const Window &s = *win;
    QJsonObject attributes{{QStringLiteral("kernel"), jsonInts({s.kernel[0], s.kernel[1]})},
                           {QStringLiteral("stride"), jsonInts({s.stride[0], s.stride[1]})},
                           {QStringLiteral("pad"), jsonInts({s.pads[0], s.pads[1], s.pads[2], s.pads[3]})},
                           {QStringLiteral("ceil"), ceil}};
    if (average)
        attributes.insert(QStringLiteral("countIncludePad"), includePad);
    addNode(average ? "avg_pool" : "max_pool", attributes, {x->node}, windowOutput(x->dims, x->dims[0], s, ceil));
    return {};
}

Status Importer::lrn()
{
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const std::int64_t size = integer("size", 0);
    const float alpha = number("alpha", 1e-4f), beta = number("beta", 0.75f), bias = number("bias", 1.0f);
    if (Status status = checkAttributes(); !status)
        return status;
    if (size < 1)
        return nodeFail(Tr::tr("attribute 'size' must be at least 1"));
    addNode("lrn",
            {{QStringLiteral("size"), qint64(size)},
             {QStringLiteral("alpha"), double(alpha)},
             {QStringLiteral("beta"), double(beta)},
             {QStringLiteral("k"), double(bias)}},
            {x->node}, x->dims);
    return {};
}

Status Importer::concat()
{
    const std::int64_t axis = integer("axis", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    QStringList inputs;
    Dims dims;
    for (int i = 0; i < m_node->input_size(); ++i) {
        const Result<Value> x = image(i);
        if (!x)
            return x.takeError();
        if (dims.empty()) {
            dims = x->dims;
        } else {
            if (x->dims[1] != dims[1] || x->dims[2] != dims[2])
                return nodeFail(Tr::tr("input %1 is %2×%3, not %4×%5 like the first")
                                    .arg(i + 1)
                                    .arg(x->dims[1])
                                    .arg(x->dims[2])
                                    .arg(dims[1])
                                    .arg(dims[2]));
            dims[0] += x->dims[0];
        }
        inputs.append(x->node);
    }
    if (axis != 1 && axis != -3)
        return nodeFail(Tr::tr("joining along axis %1 is not supported (channels only, axis 1)").arg(axis));
    if (inputs.size() == 1) {
        setOutput(m_values.value(QString::fromStdString(m_node->input(0))));
        ++report.folded;
        return {};
    }
    addNode("concat", {}, inputs, dims);
    return {};
}

Status Importer::add()
{
    if (Status status = checkAttributes(); !status)
        return status;
    if (m_node->input_size() != 2)
        return nodeFail(Tr::tr("needs two inputs"));
    const Value a = m_values.value(QString::fromStdString(m_node->input(0)));
    const Value b = m_values.value(QString::fromStdString(m_node->input(1)));
    if (!a.constant && !b.constant) {
        const Result<Value> x = activation(0), y = activation(1);
        if (!x || !y)
            return (x ? y : x).takeError();
        if (x->dims != y->dims)
            return nodeFail(Tr::tr("adds %1 to %2; Sieve adds tensors of the same shape only")
                                .arg(dimsText(x->dims), dimsText(y->dims)));
        addNode("add", {}, {x->node, y->node}, x->dims);
        return {};
    }
    // A bias after MatMul, which is how PyTorch exports x @ W + b: folded into the inner product.
    const int constantSide = a.constant ? 0 : 1;
    const Result<Value> x = activation(1 - constantSide);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> bias = constant(constantSide);
    if (!bias)
        return bias.takeError();
    const auto found = m_biasless.constFind(x->node);
    if (found == m_biasless.constEnd() || m_consumers.value(QString::fromStdString(m_node->input(1 - constantSide))) != 1)
        return nodeFail(Tr::tr("adding a constant is supported only as the bias right after a MatMul"));
    NodeDefinition &node = definition.nodes[*found];
    const std::int64_t outputs = node.attributes.value(QStringLiteral("outputs")).toInteger();
    const std::vector<float> &values = (*bias)->floats;
    if (values.size() != std::size_t(outputs) && values.size() != 1)
        return nodeFail(Tr::tr("its bias has %1 values for %2 outputs").arg(values.size()).arg(outputs));
    node.attributes.insert(QStringLiteral("bias"), true);
    addTensor(node.name, "bias", {outputs},
              values.size() == 1 ? std::vector<float>(std::size_t(outputs), values[0]) : values);
    m_biasless.remove(x->node);
    setOutput(*x);
    ++report.folded;
    return {};
}

Status Importer::flatten()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const std::int64_t axis = integer("axis", 1);
    if (Status status = checkAttributes(); !status)
        return status;
    if (axis != 1 && axis != -std::int64_t(x->dims.size()))
        return nodeFail(Tr::tr("flattening at axis %1 is not supported (batch × features only, axis 1)").arg(axis));
    setOutput(Value{nullptr, x->node, {product(x->dims)}});
    ++report.folded;
    return {};
}

Status Importer::reshape()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> shape = constant(1);
    if (!shape)
        return shape.takeError();
    const std::int64_t allowZero = integer("allowzero", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    const std::vector<std::int64_t> &to = (*shape)->integers;
    const std::int64_t features = product(x->dims);
    const bool batchKept = to.size() == 2 && ((to[0] == 0 && allowZero == 0) || (m_batch > 0 && to[0] == m_batch));
    const bool flattens = to.size() == 2 && ((batchKept && (to[1] == -1 || to[1] == features)) ||
                                             (to[0] == -1 && to[1] == features));
    if (!flattens)
        return nodeFail(Tr::tr("reshaping batch × %1 to %2 is not supported (only flattening to batch × features)")
                            .arg(dimsText(x->dims), dimsText(Dims(to.begin(), to.end()))));
    setOutput(Value{nullptr, x->node, {features}});
    ++report.folded;
    return {};
}

Status Importer::gemm()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> b = constant(1);
    if (!b)
        return b.takeError();
    const float alpha = number("alpha", 1.0f), beta = number("beta", 1.0f);
    const std::int64_t transA = integer("transA", 0), transB = integer("transB", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    if (transA != 0)
        return nodeFail(Tr::tr("a transposed input (transA) is not supported"));
    const Dims &shape = (*b)->shape;
    const std::int64_t features = product(x->dims);
    if (shape.size() != 2 || shape[transB ? 1 : 0] != features)
        return nodeFail(Tr::tr("its weights %1 do not fit its input of %2 features").arg(dimsText(shape)).arg(features));
    const std::int64_t outputs = shape[transB ? 0 : 1];
    // Ours are outputs × features, as Gemm's B with transB.
    std::vector<float> weight(std::size_t(outputs * features));
    for (std::int64_t o = 0; o < outputs; ++o) {
        for (std::int64_t k = 0; k < features; ++k) {
            const std::size_t from = std::size_t(transB ? o * features + k : k * outputs + o);
            weight[std::size_t(o * features + k)] = alpha * (*b)->floats[from];
        }
    }
    std::vector<float> bias;
    if (hasInput(2)) {
        const Result<std::shared_ptr<const Constant>> c = constant(2);
        if (!c)
            return c.takeError();
        const std::vector<float> &values = (*c)->floats;
        if (values.size() != std::size_t(outputs) && values.size() != 1)
            return nodeFail(Tr::tr("its bias C has %1 values for %2 outputs").arg(values.size()).arg(outputs));
        bias.resize(std::size_t(outputs));
        for (std::size_t o = 0; o < bias.size(); ++o)
            bias[o] = beta * values[values.size() == 1 ? 0 : o];
    }
    const QString name = addNode("inner_product", {{QStringLiteral("outputs"), qint64(outputs)}, {QStringLiteral("bias"), !bias.empty()}},
                                 {x->node}, {outputs});
    addTensor(name, "weight", {outputs, features}, std::move(weight));
    if (!bias.empty())
        addTensor(name, "bias", {outputs}, std::move(bias));
    return {};
}

Status Importer::matMul()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> b = constant(1);
    if (!b)
        return b.takeError();
    if (Status status = checkAttributes(); !status)
        return status;
    const Dims &shape = (*b)->shape;
    const std::int64_t features = product(x->dims);
    if (x->dims.size() != 1 || shape.size() != 2 || shape[0] != features)
        return nodeFail(Tr::tr("multiplying batch × %1 by %2 is not supported (batch × features by a "
                               "features × outputs constant only)")
                            .arg(dimsText(x->dims), dimsText(shape)));
    const std::int64_t outputs = shape[1];
    std::vector<float> weight(std::size_t(outputs * features));
    for (std::int64_t o = 0; o < outputs; ++o) {
        for (std::int64_t k = 0; k < features; ++k)
            weight[std::size_t(o * features + k)] = (*b)->floats[std::size_t(k * outputs + o)];
    }
    const QString name = addNode("inner_product", {{QStringLiteral("outputs"), qint64(outputs)}, {QStringLiteral("bias"), false}},
                                 {x->node}, {outputs});
    addTensor(name, "weight", {outputs, features}, std::move(weight));
    m_biasless.insert(name, int(definition.nodes.size()) - 1);
    return {};
}

Status Importer::dropout()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    double ratio = report.opset < 12 ? number("ratio", 0.5f) : 0.5;
    attribute("is_test"); // opset < 7; inference either way
    attribute("seed");
    if (Status status = checkAttributes(); !status)
        return status;
    if (hasInput(1)) {
        const Result<std::shared_ptr<const Constant>> r = constant(1);
        if (!r)
            return r.takeError();
        if ((*r)->floats.size() != 1)
            return nodeFail(Tr::tr("its ratio must be a single number"));
        ratio = (*r)->floats[0];
    }
    if (hasInput(2)) {
        const Result<std::shared_ptr<const Constant>> training = constant(2);
        if (!training)
            return training.takeError();
        if ((*training)->floats.size() != 1 || (*training)->floats[0] != 0)
            return nodeFail(Tr::tr("training mode is not supported; export the model in evaluation mode"));
    }
    if (outputUsed(1))
        return nodeFail(Tr::tr("its mask output is not supported"));
    if (!(ratio >= 0 && ratio <= 0.99))
        return nodeFail(Tr::tr("the ratio %1 is not supported (0 to 0.99)").arg(ratio));
    if (ratio == 0) {
        setOutput(*x);
        ++report.folded;
        return {};
    }
    addNode("dropout", {{QStringLiteral("ratio"), ratio}}, {x->node}, x->dims);
    return {};
}

Status Importer::softmax()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const std::int64_t axis = integer("axis", report.opset < 13 ? 1 : -1);
    if (Status status = checkAttributes(); !status)
        return status;
    const QString output = QString::fromStdString(m_node->output(0));
    bool isGraphOutput = false;
    for (const onnx::ValueInfoProto &out : m_model.graph().output())
        isGraphOutput = isGraphOutput || out.name() == m_node->output(0);
    if (!isGraphOutput || m_consumers.value(output) != 1 || x->dims.size() != 1 || (axis != 1 && axis != -1))
        return nodeFail(Tr::tr("softmax is supported only over the class scores the graph outputs; Sieve's loss "
                               "applies it"));
    // The network computes the scores; probabilities() applies the softmax this node did.
    setOutput(*x);
    m_softmaxOutput = output;
    ++report.folded;
    return {};
}

Status Importer::pad()
{
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const QString mode = text("mode", QStringLiteral("constant"));
    std::vector<std::int64_t> pads;
    double value = 0;
    if (report.opset < 11) {
        if (const onnx::AttributeProto *a = attribute("pads"))
            pads.assign(a->ints().begin(), a->ints().end());
        value = number("value", 0.0f);
    } else {
        const Result<std::shared_ptr<const Constant>> p = constant(1);
        if (!p)
            return p.takeError();
        pads = (*p)->integers;
        if (hasInput(2)) {
            const Result<std::shared_ptr<const Constant>> v = constant(2);
            if (!v)
                return v.takeError();
            value = (*v)->floats.size() == 1 ? (*v)->floats[0] : 1.0;
        }
    }
    if (Status status = checkAttributes(); !status)
        return status;
    // [batch, channels, top, left] begins, then the same ends.
    if (mode != QLatin1String("constant") || value != 0 || pads.size() != 8 || pads[0] != 0 || pads[1] != 0 ||
        pads[4] != 0 || pads[5] != 0 || std::any_of(pads.begin(), pads.end(), [](std::int64_t p) { return p < 0 || p > 1000; }))
        return nodeFail(Tr::tr("only zero padding of height and width is supported"));
    Value padded = *x;
    padded.pads = {x->pads[0] + pads[2], x->pads[1] + pads[3], x->pads[2] + pads[6], x->pads[3] + pads[7]};
    setOutput(padded);
    ++report.folded;
    return {};
}

Status Importer::constantNode()
{
    auto value = std::make_shared<Constant>();
    if (const onnx::AttributeProto *t = attribute("value")) {
        Result<std::shared_ptr<Constant>> tensor = readTensor(t->t(), Tr::tr("its value"));
        if (!tensor)
            return nodeFail(tensor.error());
        value = *tensor;
    } else if (const onnx::AttributeProto *f = attribute("value_float")) {
        value->floats = {f->f()};
    } else if (const onnx::AttributeProto *fs = attribute("value_floats")) {
        value->floats.assign(fs->floats().begin(), fs->floats().end());
        value->shape = {std::int64_t(value->floats.size())};
    } else if (const onnx::AttributeProto *i = attribute("value_int")) {
        value->integers = {i->i()};
        value->floats = {float(i->i())};
    } else if (const onnx::AttributeProto *is = attribute("value_ints")) {
        value->integers.assign(is->ints().begin(), is->ints().end());
        value->floats.assign(value->integers.begin(), value->integers.end());
        value->shape = {std::int64_t(value->integers.size())};
    } else {
        return nodeFail(Tr::tr("it has no value Sieve reads (value, value_float(s), value_int(s))"));
    }
    if (Status status = checkAttributes(); !status)
        return status;
    setOutput(Value{value, {}, {}});
    ++report.folded;
    return {};
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

} // namespace

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
