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
    // The node the next add() reads by default.
    Builder &from(const QString &name)
    {
        m_last = name;
        return *this;
    }

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

    // A convolution reading `input` (default: the last node), padded to keep the size at stride 1
    // for odd kernels.
    Builder &conv(const QString &name, int outputs, int kernel, int stride = 1, bool bias = false, int groups = 1,
                  const QString &input = {})
    {
        QJsonObject attributes{{QStringLiteral("outputs"), outputs},
                               {QStringLiteral("kernel"), kernel},
                               {QStringLiteral("bias"), bias}};
        if (stride != 1)
            attributes.insert(QStringLiteral("stride"), stride);
        if (kernel / 2 != 0)
            attributes.insert(QStringLiteral("pad"), kernel / 2);
        if (groups != 1)
            attributes.insert(QStringLiteral("groups"), groups);
        return add(name, "convolution", attributes, input.isEmpty() ? QStringList{} : QStringList{input});
    }

    // The classifier (in the "head" group) and the loss.
    void classifier(const QString &name, int classes, const QString &loss = QStringLiteral("loss"))
    {
        add(name, "inner_product", {{QStringLiteral("outputs"), classes}, {QStringLiteral("group"), QStringLiteral("head")}});
        add(loss, "softmax_cross_entropy");
    }

private:
    ModelDefinition &m_definition;
    QString m_last;
};

ModelDefinition emptyModel(const char *name, int imageSize)
{
    ModelDefinition definition;
    definition.name = QLatin1String(name);
    definition.input = InputDefinition{QStringLiteral("data"), 3, imageSize, imageSize};
    definition.groups = {GroupDefinition{QStringLiteral("backbone"), 1.0, false},
                         GroupDefinition{QStringLiteral("head"), 1.0, false}};
    return definition;
}

QJsonObject pooling(int kernel, int stride, int pad = 0, bool ceil = false)
{
    QJsonObject attributes{{QStringLiteral("kernel"), kernel}, {QStringLiteral("stride"), stride}};
    if (pad != 0)
        attributes.insert(QStringLiteral("pad"), pad);
    if (ceil)
        attributes.insert(QStringLiteral("ceil"), true);
    return attributes;
}

// Caffe's LRN as BVLC GoogLeNet configures it: 5 channels, alpha 1e-4, beta 0.75, k 1.
QJsonObject bvlcLrn()
{
    return {{QStringLiteral("size"), 5}, {QStringLiteral("alpha"), 1e-4}, {QStringLiteral("beta"), 0.75},
            {QStringLiteral("k"), 1.0}};
}

// One inception module of BVLC GoogLeNet: 1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3 max pool then
// 1×1; each convolution with a bias and a ReLU, joined by channel concatenation.
void inception(Builder &b, const QString &module, int c1, int c3reduce, int c3, int c5reduce, int c5, int poolProj)
{
    const QString input = b.last();
    const auto name = [&](const char *suffix) { return module + QLatin1Char('/') + QLatin1String(suffix); };
    b.conv(name("1x1"), c1, 1, 1, true, 1, input).add(name("relu_1x1"), "relu");
    b.conv(name("3x3_reduce"), c3reduce, 1, 1, true, 1, input).add(name("relu_3x3_reduce"), "relu");
    b.conv(name("3x3"), c3, 3, 1, true).add(name("relu_3x3"), "relu");
    b.conv(name("5x5_reduce"), c5reduce, 1, 1, true, 1, input).add(name("relu_5x5_reduce"), "relu");
    b.conv(name("5x5"), c5, 5, 1, true).add(name("relu_5x5"), "relu");
    b.add(name("pool"), "max_pool", pooling(3, 1, 1, true), {input});
    b.conv(name("pool_proj"), poolProj, 1, 1, true).add(name("relu_pool_proj"), "relu");
    b.add(name("output"), "concat", {},
          {name("relu_1x1"), name("relu_3x3"), name("relu_5x5"), name("relu_pool_proj")});
}

// One of BVLC GoogLeNet's auxiliary classifiers (loss1, loss2) on the last node: 5×5/3 average
// pooling, a 1×1 convolution of 128 and a fully connected layer of 1024 (each with ReLU),
// dropout 0.7, the classifier and a loss weighted 0.3. Leaves the builder where it was.
void auxiliaryClassifier(Builder &b, const QString &prefix, int classes)
{
    const QString input = b.last();
    const auto name = [&](const char *suffix) { return prefix + QLatin1Char('/') + QLatin1String(suffix); };
    b.add(name("ave_pool"), "avg_pool", pooling(5, 3, 0, true));
    b.conv(name("conv"), 128, 1, 1, true).add(name("relu_conv"), "relu");
    b.add(name("fc"), "inner_product", {{QStringLiteral("outputs"), 1024}}).add(name("relu_fc"), "relu");
    b.add(name("drop_fc"), "dropout", {{QStringLiteral("ratio"), 0.7}});
    b.add(name("classifier"), "inner_product",
          {{QStringLiteral("outputs"), classes}, {QStringLiteral("group"), QStringLiteral("head")}});
    b.add(name("loss"), "softmax_cross_entropy", {{QStringLiteral("weight"), 0.3}});
    b.from(input);
}

// convolution + batch norm + ReLU as torchvision's ResNet names them (conv1, bn1, relu).
void resNetBlock(Builder &b, const QString &block, int outputs, int stride, bool downsample)
{
    const QString input = b.last();
    const auto name = [&](const char *suffix) { return block + QLatin1Char('.') + QLatin1String(suffix); };
    b.conv(name("conv1"), outputs, 3, stride).add(name("bn1"), "batch_norm").add(name("relu1"), "relu");
    b.conv(name("conv2"), outputs, 3).add(name("bn2"), "batch_norm");
    QString shortcut = input;
    if (downsample) {
        b.conv(name("downsample.0"), outputs, 1, stride, false, 1, input).add(name("downsample.1"), "batch_norm");
        shortcut = name("downsample.1");
    }
    b.add(name("add"), "add", {}, {name("bn2"), shortcut}).add(name("relu"), "relu");
}

// torchvision's ConvBNActivation: <prefix>.0 convolution, <prefix>.1 batch norm, ReLU6.
void mobileConv(Builder &b, const QString &prefix, int outputs, int kernel, int stride = 1, int groups = 1,
                bool activation = true)
{
    b.conv(prefix + QStringLiteral(".0"), outputs, kernel, stride, false, groups);
    b.add(prefix + QStringLiteral(".1"), "batch_norm");
    if (activation)
        b.add(prefix + QStringLiteral(".2"), "relu6");
}

} // namespace

ModelDefinition smallCnn(int classes, int imageSize)
{
    ModelDefinition definition = emptyModel("smallcnn", imageSize);
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

ModelDefinition googLeNet(int classes, bool auxiliaryClassifiers)
{
    ModelDefinition definition = emptyModel("googlenet", 224);
    Builder b(definition);
    b.conv(QStringLiteral("conv1/7x7_s2"), 64, 7, 2, true).add(QStringLiteral("conv1/relu_7x7"), "relu");
    b.add(QStringLiteral("pool1/3x3_s2"), "max_pool", pooling(3, 2, 0, true));
    b.add(QStringLiteral("pool1/norm1"), "lrn", bvlcLrn());
    b.conv(QStringLiteral("conv2/3x3_reduce"), 64, 1, 1, true).add(QStringLiteral("conv2/relu_3x3_reduce"), "relu");
    b.conv(QStringLiteral("conv2/3x3"), 192, 3, 1, true).add(QStringLiteral("conv2/relu_3x3"), "relu");
    b.add(QStringLiteral("conv2/norm2"), "lrn", bvlcLrn());
    b.add(QStringLiteral("pool2/3x3_s2"), "max_pool", pooling(3, 2, 0, true));
    inception(b, QStringLiteral("inception_3a"), 64, 96, 128, 16, 32, 32);
    inception(b, QStringLiteral("inception_3b"), 128, 128, 192, 32, 96, 64);
    b.add(QStringLiteral("pool3/3x3_s2"), "max_pool", pooling(3, 2, 0, true));
    inception(b, QStringLiteral("inception_4a"), 192, 96, 208, 16, 48, 64);
    if (auxiliaryClassifiers)
        auxiliaryClassifier(b, QStringLiteral("loss1"), classes);
    inception(b, QStringLiteral("inception_4b"), 160, 112, 224, 24, 64, 64);
    inception(b, QStringLiteral("inception_4c"), 128, 128, 256, 24, 64, 64);
    inception(b, QStringLiteral("inception_4d"), 112, 144, 288, 32, 64, 64);
    if (auxiliaryClassifiers)
        auxiliaryClassifier(b, QStringLiteral("loss2"), classes);
    inception(b, QStringLiteral("inception_4e"), 256, 160, 320, 32, 128, 128);
    b.add(QStringLiteral("pool4/3x3_s2"), "max_pool", pooling(3, 2, 0, true));
    inception(b, QStringLiteral("inception_5a"), 256, 160, 320, 32, 128, 128);
    inception(b, QStringLiteral("inception_5b"), 384, 192, 384, 48, 128, 128);
    b.add(QStringLiteral("pool5/7x7_s1"), "avg_pool", pooling(7, 1));
    b.add(QStringLiteral("pool5/drop_7x7_s1"), "dropout", {{QStringLiteral("ratio"), 0.4}});
    b.classifier(QStringLiteral("loss3/classifier"), classes, QStringLiteral("loss3/loss3"));
    return definition;
}

ModelDefinition resNet18(int classes, int imageSize)
{
    ModelDefinition definition = emptyModel("resnet18", imageSize);
    Builder b(definition);
    b.conv(QStringLiteral("conv1"), 64, 7, 2).add(QStringLiteral("bn1"), "batch_norm").add(QStringLiteral("relu"), "relu");
    b.add(QStringLiteral("maxpool"), "max_pool", pooling(3, 2, 1));
    int channels = 64;
    for (int stage = 1; stage <= 4; ++stage) {
        const int outputs = 64 << (stage - 1);
        for (int block = 0; block < 2; ++block) {
            const int stride = stage > 1 && block == 0 ? 2 : 1;
            resNetBlock(b, QStringLiteral("layer%1.%2").arg(stage).arg(block), outputs, stride,
                        stride != 1 || channels != outputs);
            channels = outputs;
        }
    }
    b.add(QStringLiteral("avgpool"), "global_avg_pool");
    b.classifier(QStringLiteral("fc"), classes);
    return definition;
}

ModelDefinition mobileNetV2(int classes, int imageSize)
{
    ModelDefinition definition = emptyModel("mobilenetv2", imageSize);
    Builder b(definition);
    mobileConv(b, QStringLiteral("features.0"), 32, 3, 2);
    // (expansion t, output channels c, repeats n, first stride s), as in the paper's table 2.
    constexpr int settings[][4] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
                                   {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int channels = 32, feature = 1;
    for (const auto &[t, c, n, s] : settings) {
        for (int i = 0; i < n; ++i, ++feature) {
            const int stride = i == 0 ? s : 1;
            const QString block = QStringLiteral("features.%1").arg(feature);
            const QString input = b.last();
            const int hidden = channels * t;
            int layer = 0;
            const auto part = [&](int index) { return block + QStringLiteral(".conv.%1").arg(index); };
            if (t != 1)
                mobileConv(b, part(layer++), hidden, 1);
            mobileConv(b, part(layer++), hidden, 3, stride, hidden);
            b.conv(part(layer++), c, 1);
            b.add(part(layer++), "batch_norm");
            if (stride == 1 && channels == c)
                b.add(block + QStringLiteral(".add"), "add", {}, {b.last(), input});
            channels = c;
        }
    }
    mobileConv(b, QStringLiteral("features.18"), 1280, 1);
    b.add(QStringLiteral("avgpool"), "global_avg_pool");
    b.add(QStringLiteral("classifier.0"), "dropout", {{QStringLiteral("ratio"), 0.2}});
    b.classifier(QStringLiteral("classifier.1"), classes);
    return definition;
}

QStringList zooModelNames()
{
    return {QStringLiteral("googlenet"), QStringLiteral("resnet18"), QStringLiteral("mobilenetv2"),
            QStringLiteral("smallcnn")};
}

Result<ModelDefinition> zooModel(QStringView name, int classes)
{
    if (classes < 2)
        return fail(Tr::tr("a classifier needs at least two classes"));
    if (name == u"googlenet")
        return googLeNet(classes);
    if (name == u"resnet18")
        return resNet18(classes);
    if (name == u"mobilenetv2")
        return mobileNetV2(classes);
    if (name == u"smallcnn")
        return smallCnn(classes);
    return fail(Tr::tr("unknown model '%1' (known: %2)").arg(name, zooModelNames().join(QLatin1String(", "))));
}

} // namespace sieve::nn
