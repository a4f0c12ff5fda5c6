#include "nn/model_zoo.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

// Appends nodes, each reading the previous one unless told otherwise.
class Builder {
public:
    explicit Builder(ModelDefinition &definition) : m_definition(definition), m_last(definition.input.name) {}

    const QString &last() const { return m_last; }

    Builder &add(const QString &name, const char *op, QJsonObject attributes = {}, QStringList inputs = {})
    {
        if (inputs.isEmpty())
            inputs = {m_last};
        m_definition.nodes.append(NodeDefinition{name, QLatin1String(op), inputs, attributes});
        m_last = name;
        return *this;
    }

    // convolution + batch norm + ReLU, named <name>, <name>_bn, <name>_relu.
    Builder &convBnRelu(const QString &name, int outputs, int kernel, int stride = 1)
    {
        add(name, "convolution",
            {{QStringLiteral("outputs"), outputs},
             {QStringLiteral("kernel"), kernel},
             {QStringLiteral("stride"), stride},
             {QStringLiteral("pad"), kernel / 2},
             {QStringLiteral("bias"), false}});
        add(name + QStringLiteral("_bn"), "batch_norm");
        return add(name + QStringLiteral("_relu"), "relu");
    }

private:
    ModelDefinition &m_definition;
    QString m_last;
};

} // namespace

ModelDefinition smallCnn(int classes, int imageSize)
{
    ModelDefinition definition;
    definition.name = QStringLiteral("smallcnn");
    definition.input = InputDefinition{QStringLiteral("data"), 3, imageSize, imageSize};
    definition.groups = {GroupDefinition{QStringLiteral("backbone"), 1.0, false},
                         GroupDefinition{QStringLiteral("head"), 1.0, false}};
    const QJsonObject pool{{QStringLiteral("kernel"), 2}, {QStringLiteral("stride"), 2}, {QStringLiteral("ceil"), true}};
    Builder b(definition);
    b.convBnRelu(QStringLiteral("conv1"), 32, 3).add(QStringLiteral("pool1"), "max_pool", pool);
    b.convBnRelu(QStringLiteral("conv2"), 64, 3).add(QStringLiteral("pool2"), "max_pool", pool);
    b.convBnRelu(QStringLiteral("conv3"), 128, 3).add(QStringLiteral("gap"), "global_avg_pool");
    b.add(QStringLiteral("dropout"), "dropout", {{QStringLiteral("ratio"), 0.2}});
    b.add(QStringLiteral("classifier"), "inner_product",
          {{QStringLiteral("outputs"), classes}, {QStringLiteral("group"), QStringLiteral("head")}});
    b.add(QStringLiteral("loss"), "softmax_cross_entropy");
    return definition;
}

QStringList zooModelNames() { return {QStringLiteral("smallcnn")}; }

Result<ModelDefinition> zooModel(QStringView name, int classes)
{
    if (classes < 2)
        return fail(Tr::tr("a classifier needs at least two classes"));
    if (name == u"smallcnn")
        return smallCnn(classes);
    return fail(Tr::tr("unknown model '%1' (known: %2)").arg(name, zooModelNames().join(QLatin1String(", "))));
}

} // namespace sieve::nn
