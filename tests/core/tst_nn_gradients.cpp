#include "nn_test_support.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

constexpr int kBatch = 2;
constexpr int kClasses = 3;
// Central differences in fp32: step 1e-2 on the inputs of smooth layers. The truncation error
// (h² · f''' / 6) and the rounding error (about 1e-7 · |loss| / h) are then both near 1e-5, well
// below the tolerance.
constexpr double kStep = 1e-2;
constexpr double kAbsoluteTolerance = 2e-4;
constexpr double kRelativeTolerance = 1e-2;
constexpr int kSamplesPerTensor = 6;

// Each network is <layer under test> → inner_product → softmax_cross_entropy, so the loss is a
// smooth function of the layer's output.
QByteArray head(const char *from)
{
    return QByteArray(R"(, {"name": "fc", "op": "inner_product", "inputs": [")") + from +
        R"("], "attributes": {"outputs": 3}}, {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})";
}

// Input values on a shuffled grid: all distinct and at least 1/n from 0, so a small step never
// moves a value across a ReLU kink or past another value in a max-pooling window.
std::vector<float> gridInput(std::size_t count, std::uint64_t seed, double scale)
{
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    Random random(seed);
    for (std::size_t i = count - 1; i > 0; --i)
        std::swap(order[i], order[random.next() % (i + 1)]);
    std::vector<float> values(count);
    for (std::size_t i = 0; i < count; ++i)
        values[i] = float(scale * (-1.0 + 2.0 * (double(order[i]) + 0.5) / double(count)));
    return values;
}

struct Mismatch {
    QString where;
    double analytic = 0;
    double numeric = 0;
};

} // namespace

class TestNnGradients : public QObject {
    Q_OBJECT

private slots:
    void layerGradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<double>("inputScale");
        QTest::addColumn<double>("step");

        const auto net = [](int c, int h, int w, const QByteArray &layers, const char *last) {
            return definitionJson(c, h, w, layers + head(last));
        };
        QTest::newRow("convolution")
            << net(3, 7, 7, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 4, "kernel": 3, "stride": 2, "pad": 1}})", "conv")
            << 1.0 << kStep;
        QTest::newRow("convolution blocked 16 channels")
            << net(16, 5, 5, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 16, "kernel": 3, "pad": 1}})", "conv")
            << 1.0 << kStep;
        QTest::newRow("convolution dilated, asymmetric padding, no bias")
            << net(3, 8, 7, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 5, "kernel": [3, 2], "dilation": 2, "pad": [1, 0, 2, 1],
                                    "bias": false}})", "conv")
            << 1.0 << kStep;
        QTest::newRow("convolution grouped")
            << net(4, 6, 6, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 6, "kernel": 3, "groups": 2}})", "conv")
            << 1.0 << kStep;
        QTest::newRow("convolution depthwise")
            << net(16, 6, 6, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 16, "kernel": 3, "pad": 1, "stride": 2, "groups": 16}})", "conv")
            << 1.0 << kStep;
        QTest::newRow("batch_norm")
            << net(3, 4, 4, R"({"name": "bn", "op": "batch_norm", "inputs": ["data"]})", "bn") << 1.0 << kStep;
        QTest::newRow("batch_norm blocked")
            << net(16, 3, 3, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 16, "kernel": 1}},
                    {"name": "bn", "op": "batch_norm", "inputs": ["conv"]})", "bn")
            << 1.0 << kStep;
        QTest::newRow("relu")
            << net(3, 4, 4, R"({"name": "relu", "op": "relu", "inputs": ["data"]})", "relu") << 1.0 << 1e-3;
        QTest::newRow("relu6")
            << net(1, 3, 3, R"({"name": "relu6", "op": "relu6", "inputs": ["data"]})", "relu6") << 7.0 << 1e-3;
        QTest::newRow("max_pool")
            << net(3, 7, 7, R"({"name": "pool", "op": "max_pool", "inputs": ["data"],
                     "attributes": {"kernel": 3, "stride": 2}})", "pool")
            << 1.0 << 1e-3;
        QTest::newRow("max_pool ceil mode, padded")
            << net(3, 8, 8, R"({"name": "pool", "op": "max_pool", "inputs": ["data"],
                     "attributes": {"kernel": 3, "stride": 2, "pad": 1, "ceil": true}})", "pool")
            << 1.0 << 1e-3;
        QTest::newRow("avg_pool counting padding")
            << net(3, 7, 7, R"({"name": "pool", "op": "avg_pool", "inputs": ["data"],
                     "attributes": {"kernel": 3, "stride": 2, "pad": 1}})", "pool")
            << 1.0 << kStep;
        QTest::newRow("avg_pool ceil mode")
            << net(3, 8, 8, R"({"name": "pool", "op": "avg_pool", "inputs": ["data"],
                     "attributes": {"kernel": 3, "stride": 2, "ceil": true}})", "pool")
            << 1.0 << kStep;
        QTest::newRow("global_avg_pool")
            << net(16, 5, 5, R"({"name": "pool", "op": "global_avg_pool", "inputs": ["data"]})", "pool")
            << 1.0 << kStep;
        QTest::newRow("lrn")
            << net(7, 3, 3, R"({"name": "lrn", "op": "lrn", "inputs": ["data"],
                     "attributes": {"size": 5, "alpha": 0.5, "beta": 0.75, "k": 2}})", "lrn")
            << 2.0 << kStep;
        QTest::newRow("concat, unaligned channels")
            << net(3, 5, 5, R"({"name": "a", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 3, "kernel": 1}},
                    {"name": "b", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 5, "kernel": 3, "pad": 1}},
                    {"name": "cat", "op": "concat", "inputs": ["a", "b", "data"]})", "cat")
            << 1.0 << kStep;
        QTest::newRow("concat, blocked channels")
            << net(16, 3, 3, R"({"name": "a", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 16, "kernel": 1}},
                    {"name": "b", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 32, "kernel": 3, "pad": 1}},
                    {"name": "cat", "op": "concat", "inputs": ["a", "b"]})", "cat")
            << 1.0 << kStep;
        QTest::newRow("add, residual on the input")
            << net(4, 5, 5, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 4, "kernel": 3, "pad": 1}},
                    {"name": "sum", "op": "add", "inputs": ["conv", "data"]})", "sum")
            << 1.0 << kStep;
        QTest::newRow("add, blocked and plain inputs")
            << net(16, 4, 4, R"({"name": "conv", "op": "convolution", "inputs": ["data"],
                     "attributes": {"outputs": 16, "kernel": 3, "pad": 1}},
                    {"name": "sum", "op": "add", "inputs": ["data", "conv", "data"]})", "sum")
            << 1.0 << kStep;
        QTest::newRow("inner_product, flattening then on a vector")
            << net(3, 4, 4, R"({"name": "fc0", "op": "inner_product", "inputs": ["data"],
                     "attributes": {"outputs": 6}})", "fc0")
            << 1.0 << kStep;
        QTest::newRow("dropout")
            << net(3, 4, 4, R"({"name": "drop", "op": "dropout", "inputs": ["data"],
                     "attributes": {"ratio": 0.4}})", "drop")
            << 1.0 << kStep;
        QTest::newRow("softmax_cross_entropy with label smoothing")
            << definitionJson(3, 2, 2, R"({"name": "fc", "op": "inner_product", "inputs": ["data"],
                     "attributes": {"outputs": 3}},
                    {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"],
                     "attributes": {"labelSmoothing": 0.2}})")
            << 1.0 << kStep;
    }

    void layerGradientsMatchFiniteDifferences()
    {
        QFETCH(QByteArray, json);
        QFETCH(double, inputScale);
        QFETCH(double, step);
        NetworkOptions options;
        options.seed = 7;
        options.inputGradient = true;
        QString error;
        const std::unique_ptr<Network> network = makeNetwork(json, options, &error);
        QVERIFY2(network, qPrintable(error));
        QCOMPARE(network->classCount(), kClasses);
        ParameterStore &store = network->parameters();
        // Biases and batch-norm shifts start at zero and scales at one; move them off those
        // special values so that a gradient formula that forgets them would show.
        Random perturb(11);
        for (const TensorInfo &info : store.parameters()) {
            for (float &v : store.values(info))
                v += float(perturb.uniform(-0.3, 0.3));
        }

        std::vector<float> images = gridInput(network->sampleSize() * kBatch, 3, inputScale);
        const std::vector<int> labels = labelsFor(kBatch, kClasses, 5);
        QVERIFY(network->forward(images, kBatch, Pass::Training).ok());
        const Result<double> loss = network->backward(labels);
        QVERIFY2(loss.ok(), qPrintable(loss.ok() ? QString() : loss.error()));
        const std::vector<float> analytic(store.gradients().begin(), store.gradients().end());
        const std::vector<float> inputAnalytic(network->inputGradient().begin(), network->inputGradient().end());
        QCOMPARE(inputAnalytic.size(), images.size());

        const auto lossAt = [&]() {
            const Status forward = network->forward(images, kBatch, Pass::Training);
            Q_ASSERT(forward.ok());
            return *network->loss(labels);
        };
        const auto central = [&](float &value) {
            const float saved = value;
            value = float(saved + step);
            const double up = lossAt();
            value = float(saved - step);
            const double down = lossAt();
            value = saved;
            return (up - down) / (2 * step);
        };

        std::vector<Mismatch> compared;
        Random sampler(13);
        for (const TensorInfo &info : store.parameters()) {
            for (int k = 0; k < kSamplesPerTensor; ++k) {
                const std::size_t i = sampler.next() % info.count;
                const double numeric = central(store.values(info)[i]);
                compared.push_back({info.name + QStringLiteral("[%1]").arg(i), analytic[info.offset + i], numeric});
            }
        }
        for (int k = 0; k < 2 * kSamplesPerTensor; ++k) {
            const std::size_t i = sampler.next() % images.size();
            compared.push_back({QStringLiteral("input[%1]").arg(i), inputAnalytic[i], central(images[i])});
        }

        double worstAbsolute = 0, largest = 0;
        QStringList failures;
        for (const Mismatch &m : compared) {
            const double difference = std::abs(m.analytic - m.numeric);
            worstAbsolute = std::max(worstAbsolute, difference);
            largest = std::max(largest, std::abs(m.numeric));
            if (difference > kAbsoluteTolerance + kRelativeTolerance * std::abs(m.numeric))
                failures.append(QStringLiteral("%1: analytic %2, numeric %3").arg(m.where).arg(m.analytic).arg(m.numeric));
        }
        qDebug("%zu coordinates, largest gradient %.3g, worst difference %.3g", compared.size(), largest,
               worstAbsolute);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1String("; "))));
        // A check over gradients that are all zero would prove nothing.
        QVERIFY(largest > 1e-2);
    }
};

QTEST_GUILESS_MAIN(TestNnGradients)
#include "tst_nn_gradients.moc"
