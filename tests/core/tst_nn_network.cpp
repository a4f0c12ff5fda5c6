#include "nn_test_support.h"

#include <QTest>

#include <cmath>
#include <cstring>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

const QByteArray kHead =
    R"(, {"name": "fc", "op": "inner_product", "inputs": ["gap"], "attributes": {"outputs": 3, "group": "head"}},
         {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})";
const QByteArray kGroups = R"({"name": "backbone", "lrMultiplier": 0.1}, {"name": "head"})";

QByteArray backboneAndHead()
{
    return definitionJson(3, 6, 6, R"(
        {"name": "conv1", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 8, "kernel": 3}},
        {"name": "bn1", "op": "batch_norm", "inputs": ["conv1"]},
        {"name": "relu1", "op": "relu", "inputs": ["bn1"]},
        {"name": "gap", "op": "global_avg_pool", "inputs": ["relu1"]})" + kHead,
                          kGroups);
}

} // namespace

class TestNnNetwork : public QObject {
    Q_OBJECT

private slots:
    void definitionRoundTripsThroughJson()
    {
        const Result<ModelDefinition> parsed = ModelDefinition::fromJson(backboneAndHead());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->nodes.size(), 6);
        QCOMPARE(parsed->groups.size(), 2);
        QCOMPARE(parsed->groups[0].lrMultiplier, 0.1);
        QCOMPARE(parsed->input.channels, 3);
        const Result<ModelDefinition> again = ModelDefinition::fromJson(parsed->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), parsed->toJson());
        QCOMPARE(again->nodes[4].attributes.value(QStringLiteral("group")).toString(), QStringLiteral("head"));
    }

    void parametersAreNamedAndLaidOutFlat()
    {
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(backboneAndHead(), {}, &error);
        QVERIFY2(network, qPrintable(error));
        const ParameterStore &store = network->parameters();
        QStringList names;
        for (const TensorInfo &info : store.parameters()) {
            names.append(info.name);
            QCOMPARE(info.offset % 16, 0u); // 64-byte aligned views
        }
        QCOMPARE(names, QStringList({"conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "fc.weight", "fc.bias"}));
        QCOMPARE(store.findParameter(u"conv1.weight")->shape, (std::vector<std::int64_t>{8, 3, 3, 3}));
        QCOMPARE(store.findParameter(u"fc.weight")->shape, (std::vector<std::int64_t>{3, 8}));
        QCOMPARE(store.findParameter(u"fc.weight")->group, 1);
        QVERIFY(!store.findParameter(u"bn1.bias")->decay);
        QVERIFY(store.findState(u"bn1.running_var"));
        QCOMPARE(store.gradients().size(), store.values().size());
        // batch-norm scales start at one, running variances at one, biases at zero.
        for (float v : std::span<const float>(store.values().data() + store.findParameter(u"bn1.weight")->offset, 8))
            QCOMPARE(v, 1.0f);
    }

    void initialisationDependsOnTheSeedAndTheNameOnly()
    {
        QString error;
        NetworkOptions options;
        options.seed = 9;
        const std::unique_ptr<Network> a = makeNetwork(backboneAndHead(), options, &error);
        const std::unique_ptr<Network> b = makeNetwork(backboneAndHead(), options, &error);
        QVERIFY(a && b);
        QVERIFY(std::memcmp(a->parameters().values().data(), b->parameters().values().data(),
                            a->parameters().values().size_bytes()) == 0);
        // Kaiming: the convolution's weights have variance 2 / fan-in (27).
        double sum = 0, squares = 0;
        const TensorInfo &conv = *a->parameters().findParameter(u"conv1.weight");
        for (float v : a->parameters().values(conv)) {
            sum += v;
            squares += double(v) * v;
        }
        const double variance = squares / double(conv.count) - std::pow(sum / double(conv.count), 2);
        QVERIFY2(variance > 0.5 * 2.0 / 27 && variance < 1.5 * 2.0 / 27, qPrintable(QString::number(variance)));

        options.seed = 10;
        const std::unique_ptr<Network> c = makeNetwork(backboneAndHead(), options, &error);
        QVERIFY(std::memcmp(a->parameters().values().data(), c->parameters().values().data(),
                            a->parameters().values().size_bytes()) != 0);
    }

    void mistakesAreReportedByNode_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const auto net = [](const QByteArray &nodes) { return definitionJson(3, 6, 6, nodes + kHead, kGroups); };
        QTest::newRow("not json") << QByteArray("{\"format\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("unknown op")
            << net(R"({"name": "gap", "op": "maxpool", "inputs": ["data"]})")
            << QStringLiteral("node 'gap' (maxpool): unknown operation");
        QTest::newRow("unknown input")
            << net(R"({"name": "gap", "op": "global_avg_pool", "inputs": ["conv9"]})")
            << QStringLiteral("node 'gap' (global_avg_pool): input 'conv9' is neither");
        QTest::newRow("misspelt attribute")
            << net(R"({"name": "c", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 4, "kernal": 3}},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["c"]})")
            << QStringLiteral("node 'c' (convolution): unknown attribute 'kernal'");
        QTest::newRow("bad attribute value")
            << net(R"({"name": "c", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": -4, "kernel": 3}},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["c"]})")
            << QStringLiteral("node 'c' (convolution): attribute 'outputs' must be an integer >= 1");
        QTest::newRow("groups do not divide")
            << net(R"({"name": "c", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 4, "kernel": 3, "groups": 2}},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["c"]})")
            << QStringLiteral("node 'c' (convolution): 3 input and 4 output channels do not divide into 2 groups");
        QTest::newRow("kernel larger than input")
            << net(R"({"name": "c", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 4, "kernel": 9}},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["c"]})")
            << QStringLiteral("node 'c' (convolution): the 6×6 input (padded) is smaller than the kernel");
        QTest::newRow("unknown group")
            << net(R"({"name": "c", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 4, "kernel": 3, "group": "neck"}},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["c"]})")
            << QStringLiteral("node 'c' (convolution): attribute 'group' names no declared parameter group");
        QTest::newRow("concat of different sizes")
            << net(R"({"name": "p", "op": "max_pool", "inputs": ["data"], "attributes": {"kernel": 2, "stride": 2}},
                     {"name": "cat", "op": "concat", "inputs": ["data", "p"]},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["cat"]})")
            << QStringLiteral("node 'cat' (concat): input 2 is not 6×6 like the first");
        QTest::newRow("dangling node")
            << net(R"({"name": "side", "op": "relu", "inputs": ["data"]},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["data"]})")
            << QStringLiteral("node 'side' (relu): its output is not used by any node");
        QTest::newRow("duplicate name")
            << net(R"({"name": "gap", "op": "relu", "inputs": ["data"]},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["gap"]})")
            << QStringLiteral("node 'gap' (global_avg_pool): the name is used twice");
        QTest::newRow("average counting padding in ceil mode")
            << net(R"({"name": "p", "op": "avg_pool", "inputs": ["data"], "attributes": {"kernel": 3, "stride": 2, "pad": 1, "ceil": true}},
                     {"name": "gap", "op": "global_avg_pool", "inputs": ["p"]})")
            << QStringLiteral("node 'p' (avg_pool): average pooling that counts padding cannot also use ceil mode");
        QTest::newRow("no loss")
            << definitionJson(3, 6, 6, R"({"name": "gap", "op": "global_avg_pool", "inputs": ["data"]})")
            << QStringLiteral("node 'gap' (global_avg_pool): the last node must be the loss");
    }
    void mistakesAreReportedByNode()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!makeNetwork(json, {}, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void badCallsFailWithoutCrashing()
    {
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(backboneAndHead(), {}, &error);
        QVERIFY(network);
        const std::vector<int> labels{0, 2};
        QVERIFY(!network->loss(labels).ok());
        const std::vector<float> images = uniformValues(2 * network->sampleSize(), 1);
        QVERIFY(!network->forward(std::span(images).first(10), 2, Pass::Training).ok());
        QVERIFY(network->forward(images, 2, Pass::Inference).ok());
        const Result<double> inference = network->backward(labels);
        QVERIFY(!inference.ok());
        QVERIFY(inference.error().contains(QStringLiteral("training")));
        QVERIFY(network->forward(images, 2, Pass::Training).ok());
        const Result<double> outOfRange = network->backward(std::vector<int>{0, 3});
        QVERIFY(!outOfRange.ok());
        QVERIFY(outOfRange.error().contains(QStringLiteral("label 3")));
    }

    void batchSizesShareWeightsAndGiveTheSameAnswers()
    {
        // Plans are per batch size; the same image must get the same scores in any of them.
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(backboneAndHead(), {}, &error);
        QVERIFY(network);
        const std::vector<float> images = uniformValues(3 * network->sampleSize(), 2);
        QVERIFY(network->forward(images, 3, Pass::Inference).ok());
        const std::vector<float> three(network->logits().begin(), network->logits().end());
        QVERIFY(network->forward(std::span(images).subspan(network->sampleSize()), 2, Pass::Inference).ok());
        QCOMPARE(network->logits().size(), 6u);
        for (int i = 0; i < 6; ++i)
            QVERIFY(std::abs(network->logits()[std::size_t(i)] - three[std::size_t(3 + i)]) < 1e-5);
        const std::vector<float> probabilities = network->probabilities();
        QVERIFY(std::abs(probabilities[0] + probabilities[1] + probabilities[2] - 1.0f) < 1e-5);
    }

    void frozenBackboneGetsNoGradient()
    {
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(backboneAndHead(), {}, &error);
        QVERIFY(network);
        ParameterStore &store = network->parameters();
        const std::vector<float> images = uniformValues(4 * network->sampleSize(), 3);
        const std::vector<int> labels{0, 1, 2, 1};
        QVERIFY(network->forward(images, 4, Pass::Training).ok());
        QVERIFY(network->backward(labels).ok());
        const TensorInfo &conv = *store.findParameter(u"conv1.weight");
        const TensorInfo &fc = *store.findParameter(u"fc.weight");
        const auto nonZero = [&](const TensorInfo &info) {
            const std::span<float> g = store.gradients(info);
            return std::any_of(g.begin(), g.end(), [](float v) { return v != 0.0f; });
        };
        QVERIFY(nonZero(conv));
        const std::vector<float> headGradient(store.gradients(fc).begin(), store.gradients(fc).end());

        store.setGroupFrozen(store.groupIndex(u"backbone"), true);
        QVERIFY(network->forward(images, 4, Pass::Training).ok());
        QVERIFY(network->backward(labels).ok());
        QVERIFY(!nonZero(conv));
        // The head's gradient does not depend on whether the backbone is frozen.
        QVERIFY(std::equal(headGradient.begin(), headGradient.end(), store.gradients(fc).begin()));
    }

    void threadsChangeSpeedNotResults()
    {
        QString error;
        NetworkOptions options;
        options.threads = 2;
        const std::unique_ptr<Network> network = makeNetwork(backboneAndHead(), options, &error);
        QVERIFY(network);
        const std::vector<float> images = uniformValues(4 * network->sampleSize(), 4);
        QVERIFY(network->forward(images, 4, Pass::Inference).ok());
        const std::vector<float> two(network->logits().begin(), network->logits().end());
        network->setThreads(1);
        QCOMPARE(network->threads(), 1);
        QVERIFY(network->forward(images, 4, Pass::Inference).ok());
        for (std::size_t i = 0; i < two.size(); ++i)
            QVERIFY(std::abs(network->logits()[i] - two[i]) < 1e-5);
    }

    // Inference applies a ReLU (or ReLU6) that only reads a convolution's output inside the
    // convolution and passes dropout through; a training pass runs every node on its own. Without
    // batch norm and with dropout at ratio 0 the two passes compute the same function.
    void inferenceFusionKeepsTheResults()
    {
        const QByteArray json = definitionJson(3, 10, 10, R"(
            {"name": "conv1", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 16, "kernel": 3}},
            {"name": "relu1", "op": "relu", "inputs": ["conv1"]},
            {"name": "conv2", "op": "convolution", "inputs": ["relu1"], "attributes": {"outputs": 8, "kernel": 3}},
            {"name": "relu2", "op": "relu6", "inputs": ["conv2"]},
            {"name": "conv3", "op": "convolution", "inputs": ["relu2"], "attributes": {"outputs": 8, "kernel": 1}},
            {"name": "shared", "op": "relu", "inputs": ["conv3"]},
            {"name": "sum", "op": "add", "inputs": ["shared", "conv3"]},
            {"name": "gap", "op": "global_avg_pool", "inputs": ["sum"]},
            {"name": "drop", "op": "dropout", "inputs": ["gap"], "attributes": {"ratio": 0}},
            {"name": "fc", "op": "inner_product", "inputs": ["drop"], "attributes": {"outputs": 3}},
            {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})");
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(json, {}, &error);
        QVERIFY2(network, qPrintable(error));
        // Large enough inputs that ReLU6 clips some values at 6.
        const std::vector<float> images = uniformValues(3 * network->sampleSize(), 6, 20.0);
        QVERIFY(network->forward(images, 3, Pass::Training).ok());
        const std::vector<float> separate(network->logits().begin(), network->logits().end());
        QVERIFY(network->forward(images, 3, Pass::Inference).ok());
        for (std::size_t i = 0; i < separate.size(); ++i)
            QVERIFY(std::abs(network->logits()[i] - separate[i]) <= 1e-5f * (1.0f + std::abs(separate[i])));
    }
};

QTEST_GUILESS_MAIN(TestNnNetwork)
#include "tst_nn_network.moc"
