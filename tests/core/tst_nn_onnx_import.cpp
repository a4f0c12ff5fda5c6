#include "nn/model_file.h"
#include "nn/network.h"
#include "nn/onnx_import.h"
#include "nn_tensor_file.h"
#include "nn_test_support.h"

#include <onnx.pb.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

// Builds small ONNX graphs by hand with the generated protobuf classes, so that these tests
// need no Python: x [1, 2, 4, 4] → Conv (3 filters 3×3, pad 1, bias) → Relu → GlobalAveragePool
// → Flatten → Gemm (transB, bias) → Identity → y [1, 2].
class HandModel {
public:
    static constexpr int kChannels = 2, kFilters = 3, kSize = 4, kClasses = 2;

    HandModel()
    {
        model.set_ir_version(8);
        model.set_producer_name("hand");
        onnx::OperatorSetIdProto *opset = model.add_opset_import();
        opset->set_version(13);
        onnx::GraphProto *graph = model.mutable_graph();
        input(graph, "x", {1, kChannels, kSize, kSize});
        convWeights = uniformValues(kFilters * kChannels * 9, 1, 0.5);
        convBias = uniformValues(kFilters, 2, 0.2);
        fcWeights = uniformValues(kClasses * kFilters, 3, 1.0);
        fcBias = uniformValues(kClasses, 4, 0.2);
        initializer(graph, "w", {kFilters, kChannels, 3, 3}, convWeights, true);
        initializer(graph, "b", {kFilters}, convBias, false);
        initializer(graph, "fc_w", {kClasses, kFilters}, fcWeights, true);
        initializer(graph, "fc_b", {kClasses}, fcBias, false);
        onnx::NodeProto *conv = node(graph, "Conv", "conv", {"x", "w", "b"}, {"c"});
        ints(conv, "pads", {1, 1, 1, 1});
        ints(conv, "kernel_shape", {3, 3});
        node(graph, "Relu", "act", {"c"}, {"r"});
        node(graph, "GlobalAveragePool", "gap", {"r"}, {"g"});
        node(graph, "Flatten", "flat", {"g"}, {"f"});
        onnx::NodeProto *gemm = node(graph, "Gemm", "fc", {"f", "fc_w", "fc_b"}, {"s"});
        integer(gemm, "transB", 1);
        node(graph, "Identity", "same", {"s"}, {"y"});
        graph->add_output()->set_name("y");
    }

    static void input(onnx::GraphProto *graph, const char *name, std::initializer_list<std::int64_t> dims)
    {
        onnx::ValueInfoProto *in = graph->add_input();
        in->set_name(name);
        onnx::TypeProto::Tensor *type = in->mutable_type()->mutable_tensor_type();
        type->set_elem_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims)
            type->mutable_shape()->add_dim()->set_dim_value(d);
    }

    // As raw bytes or as float_data, the two ways files store floats.
    static void initializer(onnx::GraphProto *graph, const char *name, std::initializer_list<std::int64_t> dims,
                            const std::vector<float> &values, bool raw)
    {
        onnx::TensorProto *tensor = graph->add_initializer();
        tensor->set_name(name);
        tensor->set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims)
            tensor->add_dims(d);
        if (raw)
            tensor->set_raw_data(values.data(), values.size() * sizeof(float));
        else
            for (float v : values)
                tensor->add_float_data(v);
    }

    static onnx::NodeProto *node(onnx::GraphProto *graph, const char *op, const char *name,
                                 std::initializer_list<const char *> inputs, std::initializer_list<const char *> outputs)
    {
        onnx::NodeProto *n = graph->add_node();
        n->set_op_type(op);
        n->set_name(name);
        for (const char *i : inputs)
            n->add_input(i);
        for (const char *o : outputs)
            n->add_output(o);
        return n;
    }

    static void ints(onnx::NodeProto *n, const char *name, std::initializer_list<std::int64_t> values)
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

    onnx::NodeProto *find(const char *name)
    {
        for (onnx::NodeProto &n : *model.mutable_graph()->mutable_node()) {
            if (n.name() == name)
                return &n;
        }
        return nullptr;
    }

    QByteArray bytes() const
    {
        const std::string serialized = model.SerializeAsString();
        return QByteArray(serialized.data(), qsizetype(serialized.size()));
    }

    // The logits computed directly from the definition of the operators.
    std::vector<float> expectedLogits(const std::vector<float> &x) const
    {
        std::vector<double> pooled(kFilters, 0.0);
        for (int f = 0; f < kFilters; ++f) {
            for (int y = 0; y < kSize; ++y) {
                for (int xx = 0; xx < kSize; ++xx) {
                    double sum = convBias[std::size_t(f)];
                    for (int c = 0; c < kChannels; ++c) {
                        for (int ky = 0; ky < 3; ++ky) {
                            for (int kx = 0; kx < 3; ++kx) {
                                const int iy = y + ky - 1, ix = xx + kx - 1;
                                if (iy < 0 || iy >= kSize || ix < 0 || ix >= kSize)
                                    continue;
                                sum += double(convWeights[std::size_t(((f * kChannels + c) * 3 + ky) * 3 + kx)]) *
                                    double(x[std::size_t((c * kSize + iy) * kSize + ix)]);
                            }
                        }
                    }
                    pooled[std::size_t(f)] += std::max(sum, 0.0) / (kSize * kSize);
                }
            }
        }
        std::vector<float> logits(kClasses);
        for (int k = 0; k < kClasses; ++k) {
            double sum = fcBias[std::size_t(k)];
            for (int f = 0; f < kFilters; ++f)
                sum += double(fcWeights[std::size_t(k * kFilters + f)]) * pooled[std::size_t(f)];
            logits[std::size_t(k)] = float(sum);
        }
        return logits;
    }

    onnx::ModelProto model;
    std::vector<float> convWeights, convBias, fcWeights, fcBias;
};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestNnOnnxImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    ScriptResult m_exported = ScriptResult::Failed;
    QString m_exportMessage;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_directory.filePath(name);
        return writeFile(path, bytes) ? path : QString();
    }

    // Imports `bytes` as `name` and returns the error, or "imported".
    QString importError(const QString &name, const QByteArray &bytes)
    {
        const QString path = write(name, bytes);
        const Result<OnnxModel> imported = importOnnx(path);
        return imported.ok() ? QStringLiteral("imported") : imported.error();
    }

    // Imports an exported model and compares its logits with PyTorch's.
    // The caller has skipped itself when the export was skipped.
    void compareWithPyTorch(const QString &name, double tolerance, OnnxImportReport *report)
    {
        QVERIFY2(m_exported == ScriptResult::Ran, qPrintable(m_exportMessage));
        const Result<OnnxModel> imported = importOnnx(m_directory.filePath(name + QStringLiteral(".onnx")));
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
        *report = imported->report;
        qDebug("%s", qPrintable(imported->report.summary(name + QStringLiteral(".onnx"))));
        QString error;
        const QHash<QString, RefTensor> reference = readTensors(m_directory.filePath(name + QStringLiteral(".bin")), &error);
        QVERIFY2(!reference.isEmpty(), qPrintable(error));

        SieveModel model{imported->definition, {}, {}, imported->weights, {}};
        for (int i = 0; i < int(reference.value(QStringLiteral("logits")).shape[1]); ++i)
            model.classes.append(QString::number(i));
        Result<std::unique_ptr<Network>> network = createNetwork(model);
        QVERIFY2(network.ok(), qPrintable(network.ok() ? QString() : network.error()));
        const RefTensor input = reference.value(QStringLiteral("input"));
        QVERIFY((*network)->forward(input.values, int(input.shape[0]), Pass::Inference).ok());
        const Agreement logits = compare((*network)->logits(), reference.value(QStringLiteral("logits")).values);
        qDebug("%s logits vs PyTorch: max abs %.3g, relative %.3g", qPrintable(name), logits.maxAbsolute, logits.relative);
        QVERIFY(logits.within(tolerance));
        if (reference.contains(QStringLiteral("probabilities"))) {
            const std::vector<float> ours = (*network)->probabilities();
            const Agreement probabilities = compare(ours, reference.value(QStringLiteral("probabilities")).values);
            qDebug("%s probabilities vs PyTorch's Softmax: max abs %.3g", qPrintable(name), probabilities.maxAbsolute);
            QVERIFY(probabilities.maxAbsolute < 1e-5);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        // One Python run exports both reference models (a few seconds, mostly importing torch).
        m_exported = runReferenceScript(QStringLiteral("onnx_reference.py"), {m_directory.path()}, &m_exportMessage);
    }

    // torchvision's ResNet-18 exported by torch.onnx.export: batch norm folded into the
    // convolutions, weights named onnx::Conv_NNN, the batch dimension left open.
    void resNet18FromPyTorchGivesItsLogits()
    {
        if (m_exported == ScriptResult::Skip)
            QSKIP(qPrintable(m_exportMessage));
        OnnxImportReport report;
        compareWithPyTorch(QStringLiteral("resnet18"), 1e-4, &report);
        if (QTest::currentTestFailed())
            return;
        // Folding the 20 batch norms (4,800 channels) into the convolutions before them drops
        // their scales and shifts and gives each convolution a bias.
        QCOMPARE(report.parameters, std::size_t(11'689'512 - 2 * 4'800 + 4'800));
        QCOMPARE(report.statistics, std::size_t(0));
        QCOMPARE(report.opset, 13);
        QVERIFY(report.producer.startsWith(QLatin1String("pytorch")));
    }

    // An inception block, LRN, ceil-mode pooling, a batch norm PyTorch cannot fold, a grouped
    // residual, ReLU6, depthwise convolution, padded average pooling (Pad + AveragePool),
    // Reshape, Gemm, MatMul + Add and a final Softmax.
    void inceptionNetFromPyTorchGivesItsLogits()
    {
        if (m_exported == ScriptResult::Skip)
            QSKIP(qPrintable(m_exportMessage));
        OnnxImportReport report;
        compareWithPyTorch(QStringLiteral("inception"), 1e-5, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.statistics, std::size_t(2 * 32));
    }

    void handWrittenModelComputesItsLogits()
    {
        HandModel hand;
        const QString path = write(QStringLiteral("hand.onnx"), hand.bytes());
        const Result<OnnxModel> imported = importOnnx(path);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
        QCOMPARE(imported->report.onnxNodes, 6);
        QCOMPARE(imported->report.nodes, 5); // conv, act, gap, fc and the loss; Flatten and Identity folded
        QCOMPARE(imported->report.folded, 2);
        QCOMPARE(imported->report.parameters, std::size_t(3 * 2 * 9 + 3 + 2 * 3 + 2));
        QCOMPARE(imported->report.summary(path), QStringLiteral("hand.onnx (hand, opset 13): 6 ONNX nodes became 5 nodes, 65 parameters"));
        QCOMPARE(imported->definition.input.name, QStringLiteral("x"));
        QCOMPARE(imported->definition.nodes.at(0).name, QStringLiteral("conv"));

        SieveModel model{imported->definition, {QStringLiteral("a"), QStringLiteral("b")}, {}, imported->weights, {}};
        Result<std::unique_ptr<Network>> network = createNetwork(model);
        QVERIFY(network.ok());
        const std::vector<float> x = uniformValues(2 * 4 * 4, 9);
        QVERIFY((*network)->forward(x, 1, Pass::Inference).ok());
        const std::vector<float> expected = hand.expectedLogits(x);
        for (std::size_t k = 0; k < expected.size(); ++k)
            QVERIFY2(std::abs((*network)->logits()[k] - expected[k]) < 1e-5,
                     qPrintable(QStringLiteral("%1 vs %2").arg((*network)->logits()[k]).arg(expected[k])));
    }

    void unsupportedOperatorIsNamed()
    {
        HandModel hand;
        hand.find("act")->set_op_type("Elu");
        const QString message = importError(QStringLiteral("elu.onnx"), hand.bytes());
        QVERIFY2(message.startsWith(QStringLiteral("cannot import '%1': ONNX node 'act' (Elu): the operator is not supported")
                                        .arg(QDir::toNativeSeparators(m_directory.filePath(QStringLiteral("elu.onnx"))))),
                 qPrintable(message));
    }

    // Files that parse but do not fit: each error names the node and what is wrong.
    void mismatchedModelsAreNamed_data()
    {
        QTest::addColumn<int>("mistake");
        QTest::addColumn<QString>("expected");
        QTest::newRow("weights for other channels") << 0 << QStringLiteral("ONNX node 'conv' (Conv): its weights [3, 5, 3, 3] in 1 groups do not fit its input of 2 channels");
        QTest::newRow("computed weights") << 1 << QStringLiteral("the graph has more than one input ('x', 'w')");
        QTest::newRow("dangling input") << 2 << QStringLiteral("ONNX node 'act' (Relu): input 'nowhere' comes from no earlier node");
        QTest::newRow("clip to 3") << 3 << QStringLiteral("ONNX node 'act' (Clip): clipping to [0, 3] is not supported");
        QTest::newRow("external weights") << 4 << QStringLiteral("initializer 'w' keeps its values in an external file");
        QTest::newRow("unknown attribute") << 5 << QStringLiteral("ONNX node 'gap' (GlobalAveragePool): attribute 'keepdims' is not supported");
        QTest::newRow("gemm features") << 6 << QStringLiteral("ONNX node 'fc' (Gemm): its weights [2, 4] do not fit its input of 3 features");
        QTest::newRow("short data") << 7 << QStringLiteral("initializer 'b' does not hold the 3 values its shape [3] needs");
        QTest::newRow("no opset") << 8 << QStringLiteral("it declares no version of the ONNX operator set");
        QTest::newRow("3-D convolution") << 9 << QStringLiteral("ONNX node 'conv' (Conv): attribute 'pads' has 6 values");
    }

    void mismatchedModelsAreNamed()
    {
        QFETCH(int, mistake);
        QFETCH(QString, expected);
        HandModel hand;
        onnx::GraphProto *graph = hand.model.mutable_graph();
        switch (mistake) {
        case 0:
            graph->mutable_initializer(0)->set_dims(1, 5);
            graph->mutable_initializer(0)->set_raw_data(std::string(3 * 5 * 9 * 4, '\0'));
            break;
        case 1:
            graph->mutable_initializer()->erase(graph->mutable_initializer()->begin());
            HandModel::input(graph, "w", {3, 2, 3, 3});
            break;
        case 2:
            hand.find("act")->set_input(0, "nowhere");
            break;
        case 3: {
            onnx::NodeProto *act = hand.find("act");
            act->set_op_type("Clip");
            act->add_input("zero");
            act->add_input("three");
            HandModel::initializer(graph, "zero", {}, {0.0f}, true);
            HandModel::initializer(graph, "three", {}, {3.0f}, false);
            break;
        }
        case 4:
            graph->mutable_initializer(0)->clear_raw_data();
            graph->mutable_initializer(0)->set_data_location(onnx::TensorProto::EXTERNAL);
            break;
        case 5:
            HandModel::integer(hand.find("gap"), "keepdims", 1);
            break;
        case 6:
            graph->mutable_initializer(2)->set_dims(1, 4);
            graph->mutable_initializer(2)->set_raw_data(std::string(2 * 4 * 4, '\0'));
            break;
        case 7:
            graph->mutable_initializer(1)->mutable_float_data()->RemoveLast();
            break;
        case 8:
            hand.model.clear_opset_import();
            break;
        case 9:
            hand.find("conv")->mutable_attribute(0)->add_ints(0);
            hand.find("conv")->mutable_attribute(0)->add_ints(0);
            break;
        }
        const QString message = importError(QStringLiteral("mismatched.onnx"), hand.bytes());
        QVERIFY2(message.startsWith(QStringLiteral("cannot import '%1': ")
                                        .arg(QDir::toNativeSeparators(m_directory.filePath(QStringLiteral("mismatched.onnx"))))),
                 qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void foreignFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("graph { node { op_type: \"Relu\" } }\n");
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    }

    void foreignFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        const QString message = importError(QStringLiteral("foreign.onnx"), bytes);
        QVERIFY2(message.contains(QStringLiteral("foreign.onnx': it is not an ONNX model")), qPrintable(message));
    }

    // Every prefix of a valid file and every single flipped byte: an error or a model, never a
    // crash, and errors name the file.
    void damagedFilesNeverCrash()
    {
        const QByteArray bytes = HandModel().bytes();
        const QString prefix = QStringLiteral("cannot import '%1'")
                                   .arg(QDir::toNativeSeparators(m_directory.filePath(QStringLiteral("damaged.onnx"))));
        int refused = 0;
        for (qsizetype length = 0; length < bytes.size(); ++length) {
            const QString message = importError(QStringLiteral("damaged.onnx"), bytes.left(length));
            QVERIFY2(message == QLatin1String("imported") || message.startsWith(prefix), qPrintable(message));
            refused += message != QLatin1String("imported");
        }
        QCOMPARE(refused, int(bytes.size())); // no prefix is the whole model
        for (qsizetype at = 0; at < bytes.size(); ++at) {
            QByteArray flipped = bytes;
            flipped[at] = char(flipped[at] ^ 0x5a);
            const QString message = importError(QStringLiteral("damaged.onnx"), flipped);
            QVERIFY2(message == QLatin1String("imported") || message.startsWith(prefix), qPrintable(message));
        }
    }

    void missingFileIsNamed()
    {
        const QString path = m_directory.filePath(QStringLiteral("absent.onnx"));
        const Result<OnnxModel> imported = importOnnx(path);
        QVERIFY(!imported.ok());
        QVERIFY(imported.error().startsWith(QStringLiteral("cannot import '%1'").arg(QDir::toNativeSeparators(path))));
    }
};

QTEST_GUILESS_MAIN(TestNnOnnxImport)
#include "tst_nn_onnx_import.moc"
