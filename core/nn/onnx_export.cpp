#include "nn/onnx_export.h"

#include <onnx.pb.h>

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

constexpr int kOpset = 13;
constexpr int kIrVersion = 7; // the IR version of opset 13

// A 2-element attribute as model_definition.h allows it: an integer or [height, width].
std::vector<std::int64_t> pair(const QJsonObject &attributes, const char *key, int fallback)
{
    const QJsonValue value = attributes.value(QLatin1String(key));
    if (value.isArray())
        return {value.toArray().at(0).toInteger(), value.toArray().at(1).toInteger()};
    const std::int64_t v = value.isUndefined() ? fallback : value.toInteger();
    return {v, v};
}

// ONNX's pads, [top, left, bottom, right], from an integer, [height, width] or all four sides.
std::vector<std::int64_t> pads(const QJsonObject &attributes)
{
    const QJsonValue value = attributes.value(QStringLiteral("pad"));
    if (!value.isArray()) {
        const std::int64_t v = value.toInteger();
        return {v, v, v, v};
    }
    const QJsonArray array = value.toArray();
    if (array.size() == 2)
        return {array.at(0).toInteger(), array.at(1).toInteger(), array.at(0).toInteger(), array.at(1).toInteger()};
    return {array.at(0).toInteger(), array.at(1).toInteger(), array.at(2).toInteger(), array.at(3).toInteger()};
}

class Exporter {
public:
    Exporter(const SieveModel &model, onnx::ModelProto &proto) : m_model(model), m_graph(*proto.mutable_graph()) {}

    Status run();

private:
    onnx::NodeProto *node(const NodeDefinition &ours, const char *op, const QStringList &inputs, const QString &output)
    {
        onnx::NodeProto *n = m_graph.add_node();
        n->set_name(ours.name.toStdString());
        n->set_op_type(op);
        for (const QString &input : inputs)
            n->add_input(input.toStdString());
        n->add_output(output.toStdString());
        return n;
    }
    static void ints(onnx::NodeProto *n, const char *name, const std::vector<std::int64_t> &values)
    {
        onnx::AttributeProto *a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (std::int64_t v : values)
            a->add_ints(v);
    }
    static void integer(onnx::NodeProto *n, const char *name, std::int64_t value)
    {
        onnx::AttributeProto *a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }
    static void number(onnx::NodeProto *n, const char *name, double value)
    {
        onnx::AttributeProto *a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(float(value));
    }
    void initializer(const QString &name, const std::vector<std::int64_t> &shape, const float *values, std::size_t count)
    {
        onnx::TensorProto *tensor = m_graph.add_initializer();
        tensor->set_name(name.toStdString());
        tensor->set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : shape)
            tensor->add_dims(d);
        tensor->set_raw_data(values, count * sizeof(float));
    }
    // Adds the node's tensor "<node>.<role>" as an initializer; its name, or an error.
    Result<QString> weight(const NodeDefinition &ours, const char *role)
    {
        const QString name = ours.name + QLatin1Char('.') + QLatin1String(role);
        const NamedTensor *tensor = m_model.weights.find(name);
        if (!tensor)
            return fail(Tr::tr("node '%1' has no tensor '%2' in the weights").arg(ours.name, name));
        initializer(name, tensor->shape, tensor->values.data(), tensor->values.size());
        return name;
    }
    // The ONNX value an input of ours reads: a dropout's input stands for the dropout.
    QString value(const QString &ours) const { return m_alias.value(ours, ours); }

    Status translate(const NodeDefinition &ours);

    const SieveModel &m_model;
    onnx::GraphProto &m_graph;
    QHash<QString, QString> m_alias;
    bool m_relu6Bounds = false;
};

Status Exporter::translate(const NodeDefinition &ours)
{
    const QJsonObject &a = ours.attributes;
    QStringList inputs;
    for (const QString &input : ours.inputs)
        inputs.append(value(input));
    const QString &op = ours.op;
    if (op == QLatin1String("convolution")) {
        const Result<QString> w = weight(ours, "weight");
        if (!w)
            return w.takeError();
        inputs.append(*w);
        if (a.value(QStringLiteral("bias")).toBool(true)) {
            const Result<QString> b = weight(ours, "bias");
            if (!b)
                return b.takeError();
            inputs.append(*b);
        }
        onnx::NodeProto *n = node(ours, "Conv", inputs, ours.name);
        ints(n, "kernel_shape", pair(a, "kernel", 1));
        ints(n, "strides", pair(a, "stride", 1));
        ints(n, "dilations", pair(a, "dilation", 1));
        ints(n, "pads", pads(a));
        integer(n, "group", a.value(QStringLiteral("groups")).toInt(1));
    } else if (op == QLatin1String("batch_norm")) {
        for (const char *role : {"weight", "bias", "running_mean", "running_var"}) {
            const Result<QString> t = weight(ours, role);
            if (!t)
                return t.takeError();
            inputs.append(*t);
        }
        onnx::NodeProto *n = node(ours, "BatchNormalization", inputs, ours.name);
        number(n, "epsilon", a.value(QStringLiteral("epsilon")).toDouble(1e-5));
        number(n, "momentum", 1.0 - a.value(QStringLiteral("momentum")).toDouble(0.1));
    } else if (op == QLatin1String("relu")) {
        node(ours, "Relu", inputs, ours.name);
    } else if (op == QLatin1String("relu6")) {
        if (!m_relu6Bounds) {
            const float bounds[2] = {0.0f, 6.0f};
            initializer(QStringLiteral("sieve.relu6.min"), {}, &bounds[0], 1);
            initializer(QStringLiteral("sieve.relu6.max"), {}, &bounds[1], 1);
            m_relu6Bounds = true;
        }
        node(ours, "Clip", inputs + QStringList{QStringLiteral("sieve.relu6.min"), QStringLiteral("sieve.relu6.max")},
             ours.name);
    } else if (op == QLatin1String("max_pool") || op == QLatin1String("avg_pool")) {
        const bool average = op == QLatin1String("avg_pool");
        onnx::NodeProto *n = node(ours, average ? "AveragePool" : "MaxPool", inputs, ours.name);
        ints(n, "kernel_shape", pair(a, "kernel", 1));
        ints(n, "strides", pair(a, "stride", 1));
        ints(n, "pads", pads(a));
        integer(n, "ceil_mode", a.value(QStringLiteral("ceil")).toBool(false) ? 1 : 0);
        if (average)
            integer(n, "count_include_pad", a.value(QStringLiteral("countIncludePad")).toBool(true) ? 1 : 0);
    } else if (op == QLatin1String("global_avg_pool")) {
        node(ours, "GlobalAveragePool", inputs, ours.name);
    } else if (op == QLatin1String("lrn")) {
        onnx::NodeProto *n = node(ours, "LRN", inputs, ours.name);
        integer(n, "size", a.value(QStringLiteral("size")).toInt(5));
        number(n, "alpha", a.value(QStringLiteral("alpha")).toDouble(1e-4));
        number(n, "beta", a.value(QStringLiteral("beta")).toDouble(0.75));
        number(n, "bias", a.value(QStringLiteral("k")).toDouble(1.0));
    } else if (op == QLatin1String("concat")) {
        integer(node(ours, "Concat", inputs, ours.name), "axis", 1);
    } else if (op == QLatin1String("add")) {
        node(ours, "Add", inputs, ours.name);
    } else if (op == QLatin1String("inner_product")) {
        // Ours flattens C×H×W inputs itself; ONNX's Gemm wants batch × features (Flatten of
        // a batch × features tensor changes nothing).
        const QString flat = ours.name + QStringLiteral("/flatten");
        onnx::NodeProto *f = m_graph.add_node();
        f->set_name(flat.toStdString());
        f->set_op_type("Flatten");
        f->add_input(inputs.first().toStdString());
        f->add_output(flat.toStdString());
        integer(f, "axis", 1);
        QStringList gemmInputs{flat};
        const Result<QString> w = weight(ours, "weight");
        if (!w)
            return w.takeError();
        gemmInputs.append(*w);
        if (a.value(QStringLiteral("bias")).toBool(true)) {
            const Result<QString> b = weight(ours, "bias");
            if (!b)
                return b.takeError();
            gemmInputs.append(*b);
        }
        integer(node(ours, "Gemm", gemmInputs, ours.name), "transB", 1);
    } else if (op == QLatin1String("dropout")) {
        m_alias.insert(ours.name, inputs.first());
    } else if (op == QLatin1String("softmax_cross_entropy")) {
        integer(node(ours, "Softmax", inputs, QStringLiteral("probabilities")), "axis", 1);
    } else {
        return fail(Tr::tr("node '%1': operation '%2' has no ONNX counterpart here").arg(ours.name, op));
    }
    return {};
}

Status Exporter::run()
{
    const InputDefinition &in = m_model.definition.input;
    m_graph.set_name(m_model.definition.name.toStdString());
    const auto tensorType = [](onnx::ValueInfoProto *info, std::initializer_list<std::int64_t> dims) {
        onnx::TypeProto::Tensor *type = info->mutable_type()->mutable_tensor_type();
        type->set_elem_type(onnx::TensorProto::FLOAT);
        onnx::TensorShapeProto *shape = type->mutable_shape();
        shape->add_dim()->set_dim_param("batch");
        for (std::int64_t d : dims)
            shape->add_dim()->set_dim_value(d);
    };
    onnx::ValueInfoProto *input = m_graph.add_input();
    input->set_name(in.name.toStdString());
    tensorType(input, {in.channels, in.height, in.width});
    for (const NodeDefinition &ours : m_model.definition.nodes) {
        if (Status status = translate(ours); !status)
            return status;
    }
    onnx::ValueInfoProto *output = m_graph.add_output();
    output->set_name("probabilities");
    tensorType(output, {m_model.classes.size()});
    return {};
}

} // namespace

Status exportOnnx(const QString &path, const SieveModel &model)
{
    const QString file = QDir::toNativeSeparators(path);
    const auto failure = [&](const QString &what) { return fail(Tr::tr("cannot export '%1': %2").arg(file, what)); };
    if (model.definition.nodes.isEmpty() || model.definition.nodes.last().op != QLatin1String("softmax_cross_entropy"))
        return failure(Tr::tr("the network does not end in its loss"));
    std::string bytes;
    try {
        onnx::ModelProto proto;
        proto.set_ir_version(kIrVersion);
        proto.set_producer_name("sieve");
        proto.set_producer_version(QCoreApplication::applicationVersion().toStdString());
        onnx::OperatorSetIdProto *opset = proto.add_opset_import();
        opset->set_domain("");
        opset->set_version(kOpset);
        const auto property = [&](const char *key, const QJsonDocument &value) {
            onnx::StringStringEntryProto *entry = proto.add_metadata_props();
            entry->set_key(key);
            entry->set_value(value.toJson(QJsonDocument::Compact).toStdString());
        };
        property("sieve.classes", QJsonDocument(QJsonArray::fromStringList(model.classes)));
        QJsonArray mean, std;
        for (double v : model.normalization.mean)
            mean.append(v);
        for (double v : model.normalization.std)
            std.append(v);
        property("sieve.normalization",
                 QJsonDocument(QJsonObject{{QStringLiteral("mean"), mean},
                                           {QStringLiteral("std"), std},
                                           {QStringLiteral("resize"), model.normalization.resize}}));
        property("sieve.metadata", QJsonDocument(model.metadata));
        Exporter exporter(model, proto);
        if (Status status = exporter.run(); !status)
            return failure(status.error());
        if (!proto.SerializeToString(&bytes))
            return failure(Tr::tr("the model is too large for one ONNX file (2 GB)"));
    } catch (const std::bad_alloc &) {
        return failure(Tr::tr("not enough memory"));
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) ||
        !out.commit())
        return failure(out.errorString());
    return {};
}

} // namespace sieve::nn
