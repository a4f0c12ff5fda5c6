#include "nn/caffe_import.h"
#include "nn/model_file.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn_tensor_file.h"
#include "nn_test_support.h"

#include <caffe.pb.h>

#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;
namespace proto = sieve::nn::caffe;

namespace {

// A tiny Caffe net written here with the generated classes, so that the error tests need no
// Python: data 2×6×6 → conv (3 filters 3×3) → in-place ReLU → fc (4) → Softmax.
const char *const kTinyPrototxt = R"(name: "tiny"
input: "data"
input_shape { dim: 1 dim: 2 dim: 6 dim: 6 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 3 kernel_size: 3 } }
layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc" inner_product_param { num_output: 4 } }
layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }
)";

void addBlob(google::protobuf::RepeatedPtrField<proto::BlobProto> *blobs, std::initializer_list<std::int64_t> shape,
             std::uint64_t seed)
{
    proto::BlobProto *blob = blobs->Add();
    std::int64_t count = 1;
    for (std::int64_t d : shape) {
        blob->mutable_shape()->add_dim(d);
        count *= d;
    }
    for (float v : uniformValues(std::size_t(count), seed, 0.5))
        blob->add_data(v);
}

// The tiny net's weights, with the convolution's weight blob of `convShape`.
proto::NetParameter tinyWeights(std::initializer_list<std::int64_t> convShape = {3, 2, 3, 3})
{
    proto::NetParameter net;
    proto::LayerParameter *conv = net.add_layer();
    conv->set_name("conv");
    conv->set_type("Convolution");
    addBlob(conv->mutable_blobs(), convShape, 1);
    addBlob(conv->mutable_blobs(), {3}, 2);
    proto::LayerParameter *fc = net.add_layer();
    fc->set_name("fc");
    fc->set_type("InnerProduct");
    addBlob(fc->mutable_blobs(), {4, 3 * 4 * 4}, 3);
    addBlob(fc->mutable_blobs(), {4}, 4);
    return net;
}

QByteArray serialized(const google::protobuf::Message &message)
{
    const std::string bytes = message.SerializeAsString();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}


// BVLC GoogLeNet's deploy.prototxt as BVLC writes it (in-place ReLUs, blob names = layer names,
// "prob" Softmax), generated from Sieve's zoo definition, and its weights as a .caffemodel:
// what importing the published bvlc_googlenet files does, without downloading them.
struct CaffeGoogLeNet {
    QByteArray prototxt;
    proto::NetParameter weights;
};

// "kernel_size: 3", or "kernel_h: 3 kernel_w: 1" for a [height, width] pair.
QByteArray pairText(const QJsonValue &value, const char *single, const char *prefix)
{
    const QJsonArray pair = value.toArray();
    if (pair.isEmpty())
        return QByteArray(single) + ": " + QByteArray::number(value.toInt()) + " ";
    return QByteArray(prefix) + "_h: " + QByteArray::number(pair.at(0).toInt()) + " " + prefix +
        "_w: " + QByteArray::number(pair.at(1).toInt()) + " ";
}

CaffeGoogLeNet caffeGoogLeNet(const ModelDefinition &definition, const Weights &trained)
{
    CaffeGoogLeNet net;
    QByteArray &text = net.prototxt;
    text = "name: \"GoogleNet\"\nlayer { name: \"data\" type: \"Input\" top: \"data\" input_param { shape { dim: 10 dim: 3 dim: 224 dim: 224 } } }\n";
    QHash<QString, QString> blobOf{{QStringLiteral("data"), QStringLiteral("data")}};
    for (const NodeDefinition &node : definition.nodes) {
        QByteArray bottoms;
        for (const QString &input : node.inputs)
            bottoms += "bottom: \"" + blobOf.value(input).toUtf8() + "\" ";
        const QByteArray name = node.name.toUtf8();
        QString top = node.name;
        QByteArray body;
        if (node.op == QLatin1String("convolution")) {
            body = "type: \"Convolution\" convolution_param { num_output: " +
                QByteArray::number(node.attributes.value("outputs").toInt()) + " " +
                pairText(node.attributes.value("kernel"), "kernel_size", "kernel") +
                (node.attributes.contains("stride") ? pairText(node.attributes.value("stride"), "stride", "stride") : QByteArray()) +
                (node.attributes.contains("pad") ? pairText(node.attributes.value("pad"), "pad", "pad") : QByteArray()) + "}";
        } else if (node.op == QLatin1String("relu")) {
            top = blobOf.value(node.inputs.first()); // in place, as BVLC's
            body = "type: \"ReLU\"";
        } else if (node.op == QLatin1String("max_pool") || node.op == QLatin1String("avg_pool")) {
            body = "type: \"Pooling\" pooling_param { pool: " + QByteArray(node.op == QLatin1String("max_pool") ? "MAX " : "AVE ") +
                pairText(node.attributes.value("kernel"), "kernel_size", "kernel") + pairText(node.attributes.value("stride"), "stride", "stride") +
                (node.attributes.contains("pad") ? pairText(node.attributes.value("pad"), "pad", "pad") : QByteArray()) + "}";
        } else if (node.op == QLatin1String("lrn")) {
            body = "type: \"LRN\" lrn_param { local_size: 5 alpha: 0.0001 beta: 0.75 }";
        } else if (node.op == QLatin1String("concat")) {
            body = "type: \"Concat\"";
        } else if (node.op == QLatin1String("dropout")) {
            top = blobOf.value(node.inputs.first());
            body = "type: \"Dropout\" dropout_param { dropout_ratio: " + QByteArray::number(node.attributes.value("ratio").toDouble()) + " }";
        } else if (node.op == QLatin1String("inner_product")) {
            body = "type: \"InnerProduct\" inner_product_param { num_output: " +
                QByteArray::number(node.attributes.value("outputs").toInt()) + " }";
        } else if (node.op == QLatin1String("softmax_cross_entropy")) {
            text += "layer { name: \"prob\" type: \"Softmax\" " + bottoms + "top: \"prob\" }\n";
            continue;
        }
        blobOf.insert(node.name, top);
        text += "layer { name: \"" + name + "\" " + body + " " + bottoms + "top: \"" + top.toUtf8() + "\" }\n";
        // Caffe keeps a layer's weights under its name: weight, then bias.
        const NamedTensor *weight = trained.find(QString(node.name + QStringLiteral(".weight")));
        if (!weight)
            continue;
        proto::LayerParameter *layer = net.weights.add_layer();
        layer->set_name(name.toStdString());
        for (const NamedTensor *tensor : {weight, trained.find(QString(node.name + QStringLiteral(".bias")))}) {
            proto::BlobProto *blob = layer->add_blobs();
            for (std::int64_t d : tensor->shape)
                blob->mutable_shape()->add_dim(d);
            blob->mutable_data()->Add(tensor->values.begin(), tensor->values.end());
        }
    }
    return net;
}

} // namespace

class TestNnCaffeImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    ScriptResult m_generated = ScriptResult::Failed;
    QString m_generateMessage;

    // Imports the pair written from `prototxt` and `weights` and returns the error, or "imported".
    QString importError(const QByteArray &prototxt, const QByteArray &weights, CaffeModel *model = nullptr)
    {
        const QString definitionPath = m_directory.filePath(QStringLiteral("case.prototxt"));
        const QString weightsPath = m_directory.filePath(QStringLiteral("case.caffemodel"));
        if (!writeFile(definitionPath, prototxt) || !writeFile(weightsPath, weights))
            return QStringLiteral("cannot write the files");
        Result<CaffeModel> imported = importCaffe(definitionPath, weightsPath);
        if (!imported)
            return imported.error();
        if (model)
            *model = std::move(*imported);
        return QStringLiteral("imported");
    }

    // Runs an imported model on `input` (batch × 3 × 32 × 32).
    static std::vector<float> logitsOf(const CaffeModel &imported, const RefTensor &input, QString *error)
    {
        SieveModel model{imported.definition, {}, {}, imported.weights, {}};
        for (int i = 0; i < 5; ++i)
            model.classes.append(QString::number(i));
        Result<std::unique_ptr<Network>> network = createNetwork(model);
        if (!network) {
            *error = network.error();
            return {};
        }
        if (Status status = (*network)->forward(input.values, int(input.shape[0]), Pass::Inference); !status) {
            *error = status.error();
            return {};
        }
        const std::span<const float> logits = (*network)->logits();
        return {logits.begin(), logits.end()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_generated = runReferenceScript(QStringLiteral("caffe_reference.py"), {m_directory.path()}, &m_generateMessage);
    }

    // The network every supported layer type appears in, against PyTorch computing the same.
    void smallNetGivesPyTorchsLogits()
    {
        if (m_generated == ScriptResult::Skip)
            QSKIP(qPrintable(m_generateMessage));
        QVERIFY2(m_generated == ScriptResult::Ran, qPrintable(m_generateMessage));
        const QString prototxt = m_directory.filePath(QStringLiteral("small.prototxt"));
        const Result<CaffeModel> imported = importCaffe(prototxt, m_directory.filePath(QStringLiteral("small.caffemodel")));
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
        qDebug("%s", qPrintable(imported->report.summary(prototxt)));
        // 29 test-phase layers (the TRAIN-only one skipped); Input, Split, Scale (into
        // BatchNorm) and Softmax make no node, the loss is added: 26 nodes.
        QCOMPARE(imported->report.caffeLayers, 29);
        QCOMPARE(imported->report.folded, 3);
        QCOMPARE(imported->report.nodes, 26);
        QCOMPARE(imported->report.network, QStringLiteral("SmallCaffeNet"));
        QCOMPARE(imported->definition.input.height, 32);
        // The nodes keep the layers' names, so users recognise them.
        QVERIFY(imported->weights.find(u"joined_bn.running_var") != nullptr);
        QVERIFY(imported->weights.find(u"classifier.weight") != nullptr);

        QString error;
        const QHash<QString, RefTensor> reference = readTensors(m_directory.filePath(QStringLiteral("small.bin")), &error);
        QVERIFY2(!reference.isEmpty(), qPrintable(error));
        const std::vector<float> logits = logitsOf(*imported, reference.value(QStringLiteral("input")), &error);
        QVERIFY2(!logits.empty(), qPrintable(error));
        const Agreement agreement = compare(logits, reference.value(QStringLiteral("logits")).values);
        qDebug("logits vs PyTorch: max abs %.3g, relative %.3g", agreement.maxAbsolute, agreement.relative);
        QVERIFY(agreement.within(1e-5));
    }

    // Caffe's ImageNet models take blue-green-red: with bgrToRgb the imported network takes
    // red-green-blue and computes what the original did on the swapped image.
    void bgrToRgbReversesTheInputChannels()
    {
        if (m_generated == ScriptResult::Skip)
            QSKIP(qPrintable(m_generateMessage));
        QVERIFY2(m_generated == ScriptResult::Ran, qPrintable(m_generateMessage));
        CaffeImportOptions options;
        options.bgrToRgb = true;
        const Result<CaffeModel> imported = importCaffe(m_directory.filePath(QStringLiteral("small.prototxt")),
                                                        m_directory.filePath(QStringLiteral("small.caffemodel")), options);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
        QString error;
        const QHash<QString, RefTensor> reference = readTensors(m_directory.filePath(QStringLiteral("small.bin")), &error);
        RefTensor swapped = reference.value(QStringLiteral("input"));
        const std::size_t plane = 32 * 32;
        for (std::size_t image = 0; image < std::size_t(swapped.shape[0]); ++image) {
            float *first = swapped.values.data() + image * 3 * plane;
            std::swap_ranges(first, first + plane, first + 2 * plane);
        }
        const std::vector<float> logits = logitsOf(*imported, swapped, &error);
        QVERIFY2(!logits.empty(), qPrintable(error));
        QVERIFY(compare(logits, reference.value(QStringLiteral("logits")).values).within(1e-5));
    }

    // A training definition: Data layers per phase, SoftmaxWithLoss heads, Accuracy. The import
    // keeps the main classifier (the largest loss weight) and leaves the auxiliary one out.
    void trainingDefinitionKeepsTheMainClassifier()
    {
        const QByteArray prototxt = R"(name: "trainval"
layer { name: "data" type: "Data" top: "data" top: "label" include { phase: TRAIN }
        transform_param { crop_size: 6 mirror: true } data_param { source: "train_lmdb" batch_size: 32 } }
layer { name: "data" type: "Data" top: "data" top: "label" include { phase: TEST }
        transform_param { crop_size: 6 mean_value: 104 mean_value: 117 mean_value: 123 } }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 3 kernel_size: 3 } }
layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
layer { name: "aux/classifier" type: "InnerProduct" bottom: "conv" top: "aux" inner_product_param { num_output: 4 } }
layer { name: "aux/loss" type: "SoftmaxWithLoss" bottom: "aux" bottom: "label" top: "aux/loss" loss_weight: 0.3 }
layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc" inner_product_param { num_output: 4 } }
layer { name: "loss" type: "SoftmaxWithLoss" bottom: "fc" bottom: "label" top: "loss/loss" loss_weight: 1 }
layer { name: "top1" type: "Accuracy" bottom: "fc" bottom: "label" top: "top1" include { phase: TEST } }
)";
        // Data layers are colour: 3 input channels.
        proto::NetParameter weights = tinyWeights({3, 3, 3, 3});
        proto::LayerParameter *aux = weights.add_layer();
        aux->set_name("aux/classifier");
        addBlob(aux->mutable_blobs(), {4, 48}, 7);
        addBlob(aux->mutable_blobs(), {4}, 8);
        CaffeModel model;
        QCOMPARE(importError(prototxt, serialized(weights), &model), QStringLiteral("imported"));
        QCOMPARE(model.report.pruned, 1);
        QCOMPARE(model.definition.input.channels, 3);
        QCOMPARE(model.definition.input.height, 6);
        QCOMPARE(model.report.meanValues, (QList<double>{104, 117, 123}));
        for (const NodeDefinition &node : model.definition.nodes)
            QVERIFY2(!node.name.startsWith(QLatin1String("aux")), qPrintable(node.name));
        QCOMPARE(model.definition.nodes.last().inputs, QStringList{QStringLiteral("fc")});
    }

    // Weights saved by Caffe before 2015 (V1 `layers`) map by name like today's.
    void oldWeightFilesImport()
    {
        const proto::NetParameter current = tinyWeights();
        proto::NetParameter old;
        for (const proto::LayerParameter &layer : current.layer()) {
            proto::V1LayerParameter *v1 = old.add_layers();
            v1->set_name(layer.name());
            v1->set_type(layer.type() == "Convolution" ? proto::V1LayerParameter::CONVOLUTION
                                                       : proto::V1LayerParameter::INNER_PRODUCT);
            v1->mutable_blobs()->CopyFrom(layer.blobs());
        }
        CaffeModel fromOld, fromCurrent;
        QCOMPARE(importError(kTinyPrototxt, serialized(old), &fromOld), QStringLiteral("imported"));
        QCOMPARE(importError(kTinyPrototxt, serialized(current), &fromCurrent), QStringLiteral("imported"));
        QCOMPARE(fromOld.weights.valueCount(), std::size_t(3 * 2 * 9 + 3 + 4 * 48 + 4));
        QCOMPARE(fromOld.weights.find(u"fc.weight")->values, fromCurrent.weights.find(u"fc.weight")->values);
    }

    // BVLC GoogLeNet's deploy definition and weights import into Sieve's GoogLeNet: the same
    // parameters under the same names, and the same logits.
    void bvlcGoogLeNetImportsAsTheZoosGoogLeNet()
    {
        const ModelDefinition zoo = googLeNet(1000);
        Result<std::unique_ptr<Network>> reference = Network::create(zoo, {1, 21, false});
        QVERIFY(reference.ok());
        const Weights trained = captureWeights((*reference)->parameters());
        const CaffeGoogLeNet caffe = caffeGoogLeNet(zoo, trained);
        CaffeModel imported;
        QCOMPARE(importError(caffe.prototxt, serialized(caffe.weights), &imported), QStringLiteral("imported"));
        qDebug("%s", qPrintable(imported.report.summary(QStringLiteral("deploy.prototxt"))));
        QCOMPARE(imported.report.parameters, std::size_t(6'998'552));
        QCOMPARE(imported.definition.nodes.size(), zoo.nodes.size());
        for (const NamedTensor &tensor : trained.tensors)
            QVERIFY2(imported.weights.find(tensor.name) != nullptr, qPrintable(tensor.name));

        Result<std::unique_ptr<Network>> network = Network::create(imported.definition, {1, 21, false});
        QVERIFY(network.ok());
        QVERIFY(restoreWeights((*network)->parameters(), imported.weights).ok());
        const std::vector<float> image = uniformValues(3 * 224 * 224, 22);
        QVERIFY((*reference)->forward(image, 1, Pass::Inference).ok());
        QVERIFY((*network)->forward(image, 1, Pass::Inference).ok());
        const std::span<const float> a = (*reference)->logits(), b = (*network)->logits();
        QCOMPARE(std::vector<float>(b.begin(), b.end()), std::vector<float>(a.begin(), a.end()));
    }

    void problemsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("prototxt");
        QTest::addColumn<QByteArray>("weights");
        QTest::addColumn<QStringList>("expected");
        const QByteArray tiny(kTinyPrototxt);
        const QByteArray good = serialized(tinyWeights());
        QTest::newRow("truncated weights") << tiny << good.left(good.size() / 2)
                                           << QStringList{"case.caffemodel", "truncated"};
        QTest::newRow("wrong blob shape") << tiny << serialized(tinyWeights({3, 2, 5, 5}))
                                          << QStringList{"Caffe layer 'conv' (Convolution)", "weight blob 1 is 3×2×5×5",
                                                         "needs 3×2×3×3"};
        QByteArray unsupported = tiny;
        unsupported.replace(R"(name: "relu" type: "ReLU")", R"(name: "relu" type: "PReLU")");
        QTest::newRow("unsupported layer") << unsupported << good
                                           << QStringList{"Caffe layer 'relu' (PReLU)", "not supported"};
        proto::NetParameter noFc = tinyWeights();
        noFc.mutable_layer()->RemoveLast();
        QTest::newRow("layer without weights") << tiny << serialized(noFc)
                                               << QStringList{"Caffe layer 'fc' (InnerProduct)", "no weights"};
        QByteArray leaky = tiny;
        leaky.replace(R"(top: "conv" })", R"(top: "conv" relu_param { negative_slope: 0.1 } })");
        QTest::newRow("leaky relu") << leaky << good << QStringList{"'relu' (ReLU)", "negative_slope"};
        QTest::newRow("not text") << good << good << QStringList{"case.prototxt", "not a Caffe network definition", "line"};
        QByteArray typo = tiny;
        typo.replace("num_output: 3 kernel_size: 3", "num_output: 3 kernel_size: 3 strid: 2");
        QTest::newRow("misspelt setting") << typo << good << QStringList{"line 4", "ConvolutionParameter has no setting 'strid'"};
        QByteArray fillers = tiny; // Caffe's fields Sieve has no use for are fine
        fillers.replace("num_output: 3 kernel_size: 3", "num_output: 3 kernel_size: 3 weight_filler { type: \"xavier\" } engine: CAFFE");
        QTest::newRow("fillers") << fillers << good << QStringList{"imported"};
        QByteArray dangling = tiny;
        dangling.replace(R"(bottom: "conv" top: "fc")", R"(bottom: "cnov" top: "fc")");
        QTest::newRow("unknown bottom") << dangling << good << QStringList{"'fc' (InnerProduct)", "'cnov'"};
        QByteArray noInput = tiny;
        noInput.replace("input: \"data\"", "");
        QTest::newRow("no input") << noInput << good << QStringList{"'conv' (Convolution)", "'data'"};
    }

    void problemsAreNamed()
    {
        QFETCH(QByteArray, prototxt);
        QFETCH(QByteArray, weights);
        QFETCH(QStringList, expected);
        const QString error = importError(prototxt, weights);
        for (const QString &part : expected)
            QVERIFY2(error.contains(part), qPrintable(error));
    }

    // Damaged weight files (cut anywhere, bytes flipped) give an error or a model, never a crash.
    void damagedFilesNeverCrash()
    {
        const QByteArray good = serialized(tinyWeights());
        QRandomGenerator random(42);
        for (int round = 0; round < 120; ++round) {
            QByteArray damaged = good;
            if (round % 2 == 0) {
                damaged.truncate(random.bounded(int(good.size())));
            } else {
                for (int flip = 0; flip < 4; ++flip)
                    damaged[random.bounded(int(good.size()))] = char(random.bounded(256));
            }
            const QString result = importError(kTinyPrototxt, damaged);
            QVERIFY(!result.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestNnCaffeImport)

#include "tst_nn_caffe_import.moc"
