#pragma once

// The ONNX importer's insides, shared by onnx_import.cpp (reading tensors, the graph walk,
// attributes) and onnx_import_ops.cpp (one translation per operator). Private to core/nn: it
// includes the generated ONNX messages.

#include "nn/onnx_import.h"

#include <onnx.pb.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <array>
#include <memory>
#include <vector>

namespace sieve::nn::onnximport {

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

inline std::int64_t product(const Dims &dims)
{
    std::int64_t count = 1;
    for (std::int64_t d : dims)
        count *= d;
    return count;
}

inline QString dimsText(const Dims &dims)
{
    QStringList parts;
    for (std::int64_t d : dims)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

inline QJsonArray jsonInts(std::initializer_list<std::int64_t> values)
{
    QJsonArray array;
    for (std::int64_t v : values)
        array.append(qint64(v));
    return array;
}


// An initializer's or a Constant node's values; WHAT names it in errors.
Result<std::shared_ptr<Constant>> readTensor(const onnx::TensorProto &tensor, const QString &what);

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

} // namespace sieve::nn::onnximport
