#include "nn/auxiliary_heads.h"
#include "nn/model_file.h"
#include "nn/model_zoo.h"
#include "nn/onnx_export.h"
#include "nn/weights.h"
#include "nn_test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

constexpr int kBatch = 3;

// conv → relu, then a main head (max pool → fc → loss, last) and an auxiliary head reading the
// same ReLU (global average → aux_fc → aux_loss with `weight`), placed before the main head as
// GoogLeNet's are.
QByteArray twoHeads(double weight)
{
    return definitionJson(3, 8, 8, R"(
        {"name": "conv", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 4, "kernel": 3, "pad": 1}},
        {"name": "relu", "op": "relu", "inputs": ["conv"]},
        {"name": "aux_pool", "op": "global_avg_pool", "inputs": ["relu"]},
        {"name": "aux_fc", "op": "inner_product", "inputs": ["aux_pool"], "attributes": {"outputs": 3}},
        {"name": "aux_loss", "op": "softmax_cross_entropy", "inputs": ["aux_fc"], "attributes": {"weight": )" +
                          QByteArray::number(weight) + R"(}},
        {"name": "pool", "op": "max_pool", "inputs": ["relu"], "attributes": {"kernel": 2, "stride": 2}},
        {"name": "fc", "op": "inner_product", "inputs": ["pool"], "attributes": {"outputs": 3}},
        {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})");
}

// One head alone, as its own network: "main" or "aux".
QByteArray oneHead(bool auxiliary)
{
    const QByteArray trunk = R"(
        {"name": "conv", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 4, "kernel": 3, "pad": 1}},
        {"name": "relu", "op": "relu", "inputs": ["conv"]},)";
    if (auxiliary)
        return definitionJson(3, 8, 8, trunk + R"(
            {"name": "aux_pool", "op": "global_avg_pool", "inputs": ["relu"]},
            {"name": "aux_fc", "op": "inner_product", "inputs": ["aux_pool"], "attributes": {"outputs": 3}},
            {"name": "aux_loss", "op": "softmax_cross_entropy", "inputs": ["aux_fc"]})");
    return definitionJson(3, 8, 8, trunk + R"(
        {"name": "pool", "op": "max_pool", "inputs": ["relu"], "attributes": {"kernel": 2, "stride": 2}},
        {"name": "fc", "op": "inner_product", "inputs": ["pool"], "attributes": {"outputs": 3}},
        {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})");
}

// `from`'s weights that `to` has, copied into `to`.
bool copyShared(const Network &from, Network &to)
{
    Weights all = captureWeights(from.parameters());
    Weights wanted;
    for (const TensorInfo &info : to.parameters().parameters()) {
        if (const NamedTensor *tensor = all.find(info.name))
            wanted.tensors.push_back(*tensor);
    }
    return restoreWeights(to.parameters(), wanted).ok();
}

double trainingLoss(Network &network, const std::vector<float> &images, const std::vector<int> &labels)
{
    if (!network.forward(images, kBatch, Pass::Training).ok())
        return NAN;
    const Result<double> loss = network.loss(labels);
    return loss ? *loss : NAN;
}

} // namespace

class TestNnAuxiliaryLoss : public QObject {
    Q_OBJECT

private slots:
    // Training: total = main + 0.3 · auxiliary, each the cross-entropy its head alone gives.
    void trainingLossAddsWeightedAuxiliaryLosses()
    {
        QString error;
        const std::unique_ptr<Network> weighted = makeNetwork(twoHeads(0.3), {1, 5, false}, &error);
        QVERIFY2(weighted, qPrintable(error));
        const std::unique_ptr<Network> main = makeNetwork(oneHead(false), {1, 5, false}, &error);
        const std::unique_ptr<Network> auxiliary = makeNetwork(oneHead(true), {1, 5, false}, &error);
        QVERIFY2(main && auxiliary, qPrintable(error));
        QVERIFY(copyShared(*weighted, *main) && copyShared(*weighted, *auxiliary));
        const std::vector<float> images = uniformValues(kBatch * 3 * 8 * 8, 9);
        const std::vector<int> labels = labelsFor(kBatch, 3, 4);
        const double total = trainingLoss(*weighted, images, labels);
        const double mainLoss = trainingLoss(*main, images, labels);
        const double auxiliaryLoss = trainingLoss(*auxiliary, images, labels);
        qDebug("total %.7f = main %.7f + 0.3 × auxiliary %.7f", total, mainLoss, auxiliaryLoss);
        QVERIFY(std::abs(total - (mainLoss + 0.3 * auxiliaryLoss)) < 1e-6);
        QVERIFY(auxiliaryLoss > 0.01); // the auxiliary head is not trivially zero
    }

    // Inference: the logits are the main head's, and the auxiliary loss does not count.
    void inferenceIsTheMainHeadAlone()
    {
        QString error;
        const std::unique_ptr<Network> withAuxiliary = makeNetwork(twoHeads(0.3), {1, 5, false}, &error);
        const std::unique_ptr<Network> main = makeNetwork(oneHead(false), {1, 5, false}, &error);
        QVERIFY2(withAuxiliary && main, qPrintable(error));
        QVERIFY(copyShared(*withAuxiliary, *main));
        QCOMPARE(withAuxiliary->classCount(), 3);
        const std::vector<float> images = uniformValues(kBatch * 3 * 8 * 8, 10);
        QVERIFY(withAuxiliary->forward(images, kBatch, Pass::Inference).ok());
        QVERIFY(main->forward(images, kBatch, Pass::Inference).ok());
        const std::span<const float> a = withAuxiliary->logits(), b = main->logits();
        QCOMPARE(std::vector<float>(a.begin(), a.end()), std::vector<float>(b.begin(), b.end()));
        const std::vector<int> labels = labelsFor(kBatch, 3, 5);
        QCOMPARE(*withAuxiliary->loss(labels), *main->loss(labels));
    }

    // backward() differentiates the weighted total: central differences agree for the shared
    // convolution and for both heads.
    void gradientsIncludeTheWeightedAuxiliaryLoss()
    {
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(twoHeads(0.3), {1, 5, false}, &error);
        QVERIFY2(network, qPrintable(error));
        const std::vector<float> images = uniformValues(kBatch * 3 * 8 * 8, 11);
        const std::vector<int> labels = labelsFor(kBatch, 3, 6);
        QVERIFY(network->forward(images, kBatch, Pass::Training).ok());
        QVERIFY(network->backward(labels).ok());
        ParameterStore &store = network->parameters();
        const std::vector<float> analytic(store.gradients().begin(), store.gradients().end());
        int checked = 0;
        for (const TensorInfo &info : store.parameters()) {
            if (!info.name.endsWith(QLatin1String(".weight")))
                continue;
            for (std::size_t k = 0; k < info.count; k += std::max<std::size_t>(1, info.count / 5)) {
                float &value = store.values(info)[k];
                const float saved = value;
                const double step = 1e-2;
                value = saved + float(step);
                const double up = trainingLoss(*network, images, labels);
                value = saved - float(step);
                const double down = trainingLoss(*network, images, labels);
                value = saved;
                const double numeric = (up - down) / (2 * step);
                const double expected = analytic[info.offset + k];
                QVERIFY2(std::abs(numeric - expected) < 2e-4 + 1e-2 * std::abs(numeric),
                         qPrintable(QStringLiteral("%1[%2]: analytic %3, numeric %4").arg(info.name).arg(k).arg(expected).arg(numeric)));
                ++checked;
            }
        }
        QVERIFY(checked >= 15);
    }

    // After training, the side classifiers go: the model left is the main head's network with
    // its weights, the same logits, and exports to ONNX (which has one output).
    void auxiliaryClassifiersCanBeRemoved()
    {
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(twoHeads(0.3), {1, 5, false}, &error);
        QVERIFY2(network, qPrintable(error));
        const SieveModel trained{network->definition(), {"a", "b", "c"}, {}, captureWeights(network->parameters()), {}};
        Result<SieveModel> stripped = withoutAuxiliaryClassifiers(trained);
        QVERIFY(stripped.ok());
        for (const NodeDefinition &node : stripped->definition.nodes)
            QVERIFY2(!node.name.startsWith(QLatin1String("aux")), qPrintable(node.name));
        QVERIFY(stripped->weights.find(u"aux_fc.weight") == nullptr);
        Result<std::unique_ptr<Network>> plain = createNetwork(*stripped);
        QVERIFY2(plain.ok(), qPrintable(plain.ok() ? QString() : plain.error()));
        const std::vector<float> images = uniformValues(kBatch * 3 * 8 * 8, 13);
        QVERIFY(network->forward(images, kBatch, Pass::Inference).ok());
        QVERIFY((*plain)->forward(images, kBatch, Pass::Inference).ok());
        const std::span<const float> a = network->logits(), b = (*plain)->logits();
        QCOMPARE(std::vector<float>(b.begin(), b.end()), std::vector<float>(a.begin(), a.end()));
        QTemporaryDir dir;
        QVERIFY(exportOnnx(dir.filePath(QStringLiteral("plain.onnx")), *stripped).ok());
    }

    void auxiliaryLossMustMatchTheClasses()
    {
        QByteArray json = twoHeads(0.3);
        json.replace(R"("aux_fc", "op": "inner_product", "inputs": ["aux_pool"], "attributes": {"outputs": 3})",
                     R"("aux_fc", "op": "inner_product", "inputs": ["aux_pool"], "attributes": {"outputs": 4})");
        QString error;
        QVERIFY(!makeNetwork(json, {}, &error));
        QVERIFY2(error.contains(QLatin1String("aux_loss")) && error.contains(QLatin1String("4 classes")), qPrintable(error));
    }

    // GoogLeNet with BVLC's side classifiers: their parameters come on top, and inference gives
    // exactly the plain GoogLeNet's logits for the same weights.
    void googLeNetAuxiliaryClassifiers()
    {
        const ModelDefinition plain = googLeNet(10), full = googLeNet(10, true);
        QCOMPARE(full.nodes.size(), plain.nodes.size() + 2 * 8);
        QVERIFY(full.nodes.at(full.nodes.size() - 1).name == QLatin1String("loss3/loss3"));
        Result<std::unique_ptr<Network>> withAuxiliary = Network::create(full, {1, 3, false});
        Result<std::unique_ptr<Network>> without = Network::create(plain, {1, 3, false});
        QVERIFY2(withAuxiliary.ok(), qPrintable(withAuxiliary.ok() ? QString() : withAuxiliary.error()));
        QVERIFY(without.ok());
        std::size_t parameters = 0;
        for (const TensorInfo &info : (*withAuxiliary)->parameters().parameters())
            parameters += info.count;
        QCOMPARE(parameters, std::size_t(5'973'552 + 1025 * 10 + 2'163'840 + 2'165'888 + 2 * 1025 * 10));
        QVERIFY((*withAuxiliary)->definition().nodes.size() > 0);
        QVERIFY(copyShared(**withAuxiliary, **without));
        const std::vector<float> image = uniformValues(3 * 224 * 224, 12);
        QVERIFY((*withAuxiliary)->forward(image, 1, Pass::Inference).ok());
        QVERIFY((*without)->forward(image, 1, Pass::Inference).ok());
        const std::span<const float> a = (*withAuxiliary)->logits(), b = (*without)->logits();
        QCOMPARE(std::vector<float>(a.begin(), a.end()), std::vector<float>(b.begin(), b.end()));
    }
};

QTEST_GUILESS_MAIN(TestNnAuxiliaryLoss)

#include "tst_nn_auxiliary_loss.moc"
