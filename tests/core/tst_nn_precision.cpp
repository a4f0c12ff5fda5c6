#include "nn/lr_schedule.h"
#include "nn/model_zoo.h"
#include "nn/optimizer.h"
#include "nn_test_support.h"

#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

// Convolution, batch norm, LRN, an inception-like block (three branches joined by concat, one of
// them a max pooling) and a residual add, global pooling and the classifier: every layer kind
// that computes in bf16.
const QByteArray kBlockNet = definitionJson(3, 12, 12, R"(
    {"name": "conv1", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 16, "kernel": 3, "pad": 1}},
    {"name": "bn1", "op": "batch_norm", "inputs": ["conv1"]},
    {"name": "relu1", "op": "relu", "inputs": ["bn1"]},
    {"name": "norm1", "op": "lrn", "inputs": ["relu1"], "attributes": {"size": 5, "alpha": 0.0001}},
    {"name": "b1", "op": "convolution", "inputs": ["norm1"], "attributes": {"outputs": 16, "kernel": 1}},
    {"name": "b2", "op": "convolution", "inputs": ["norm1"], "attributes": {"outputs": 8, "kernel": 3, "pad": 1}},
    {"name": "b2relu", "op": "relu", "inputs": ["b2"]},
    {"name": "b3", "op": "max_pool", "inputs": ["norm1"], "attributes": {"kernel": 3, "pad": 1}},
    {"name": "b3proj", "op": "convolution", "inputs": ["b3"], "attributes": {"outputs": 8, "kernel": 1}},
    {"name": "join", "op": "concat", "inputs": ["b1", "b2relu", "b3proj"]},
    {"name": "proj", "op": "convolution", "inputs": ["join"], "attributes": {"outputs": 16, "kernel": 1}},
    {"name": "bn2", "op": "batch_norm", "inputs": ["proj"]},
    {"name": "sum", "op": "add", "inputs": ["bn2", "relu1"]},
    {"name": "relu2", "op": "relu", "inputs": ["sum"]},
    {"name": "pool", "op": "avg_pool", "inputs": ["relu2"], "attributes": {"kernel": 2, "stride": 2}},
    {"name": "gap", "op": "global_avg_pool", "inputs": ["pool"]},
    {"name": "fc", "op": "inner_product", "inputs": ["gap"], "attributes": {"outputs": 5}},
    {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})");

// ||a - b|| / ||b||: one figure for a whole tensor, insensitive to the few elements where
// rounding to bf16 lands on the other side of a ReLU or a max.
double relativeError(std::span<const float> a, std::span<const float> b)
{
    double difference = 0, norm = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
        difference += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
        norm += double(b[i]) * b[i];
    }
    return std::sqrt(difference / std::max(norm, 1e-30));
}

constexpr int kSize = 32;
constexpr int kClasses = 4;

// 32×32 images of four noisy textures (horizontal stripes, vertical stripes, a disc, a
// checkerboard) with random phase, position, contrast and tint: a task the small CNN learns in a
// few epochs, so that the fp32 and bf16 curves can be compared where they both move.
void textures(int count, std::uint64_t seed, double noise, std::vector<float> &images, std::vector<int> &labels)
{
    Random random(seed);
    images.assign(std::size_t(count) * 3 * kSize * kSize, 0.0f);
    labels.assign(std::size_t(count), 0);
    for (int n = 0; n < count; ++n) {
        const int label = n % kClasses;
        labels[std::size_t(n)] = label;
        const double w = 2 * std::numbers::pi / random.uniform(5, 9), phase = random.uniform(0, 6.3);
        const double cx = random.uniform(10, 22), cy = random.uniform(10, 22), radius = random.uniform(5, 9);
        const double contrast = random.uniform(0.6, 1.2);
        for (int c = 0; c < 3; ++c) {
            const double tint = random.uniform(0.5, 1.0);
            for (int y = 0; y < kSize; ++y) {
                for (int x = 0; x < kSize; ++x) {
                    double v = std::sin(w * x + phase) * std::sin(w * y + phase) > 0 ? 1.0 : -1.0;
                    if (label == 0)
                        v = std::sin(w * y + phase);
                    else if (label == 1)
                        v = std::sin(w * x + phase);
                    else if (label == 2)
                        v = std::hypot(x - cx, y - cy) < radius ? 1.0 : -1.0;
                    images[std::size_t(((n * 3 + c) * kSize + y) * kSize + x)] =
                        float(contrast * tint * v + random.uniform(-noise, noise));
                }
            }
        }
    }
}

struct TrainingRun {
    std::vector<double> epochLoss;
    int correct = 0; // of 64 held-out images
};

TrainingRun trainSmallCnn(Precision precision, double noise)
{
    NetworkOptions options;
    options.seed = 17;
    options.precision = precision;
    Result<std::unique_ptr<Network>> created = Network::create(smallCnn(kClasses, kSize), options);
    if (!created)
        qFatal("%s", qPrintable(created.error()));
    Network &network = **created;
    std::vector<float> train, test;
    std::vector<int> trainLabels, testLabels;
    textures(128, 1, noise, train, trainLabels);
    textures(64, 2, noise, test, testLabels);
    const int batch = 16, batches = 128 / batch, epochs = 3;
    Optimizer optimizer = Optimizer::sgd(network.parameters(), {0.9, true, 5e-4});
    LrSchedule schedule;
    schedule.kind = LrSchedule::Kind::Cosine;
    schedule.baseLr = 0.05;
    schedule.warmupSteps = 2;
    schedule.totalSteps = batches * epochs;
    TrainingRun run;
    const std::size_t sample = network.sampleSize();
    for (int epoch = 0, step = 0; epoch < epochs; ++epoch) {
        double sum = 0;
        for (int b = 0; b < batches; ++b, ++step) {
            network.setIteration(std::uint64_t(step));
            const auto images = std::span(train).subspan(std::size_t(b * batch) * sample, batch * sample);
            if (Status status = network.forward(images, batch, Pass::Training); !status)
                qFatal("%s", qPrintable(status.error()));
            const Result<double> loss = network.backward(std::span(trainLabels).subspan(std::size_t(b * batch), batch));
            if (!loss)
                qFatal("%s", qPrintable(loss.error()));
            sum += *loss;
            optimizer.step(network.parameters(), schedule.at(step));
        }
        run.epochLoss.push_back(sum / batches);
    }
    if (!network.forward(test, 64, Pass::Inference).ok())
        qFatal("inference failed");
    const std::span<const float> logits = network.logits();
    for (int n = 0; n < 64; ++n) {
        const auto row = logits.subspan(std::size_t(n * kClasses), kClasses);
        run.correct += int(std::max_element(row.begin(), row.end()) - row.begin()) == testLabels[std::size_t(n)];
    }
    return run;
}

} // namespace

class TestNnPrecision : public QObject {
    Q_OBJECT

private slots:
    void namesRoundTrip()
    {
        for (Precision precision : {Precision::Auto, Precision::Fp32, Precision::Bf16})
            QCOMPARE(*parsePrecision(precisionName(precision)), precision);
        const Result<Precision> wrong = parsePrecision(u"fp16");
        QVERIFY(!wrong.ok());
        QVERIFY(wrong.error().contains(QLatin1String("fp32, bf16")));
    }

    void autoPicksBf16WhereTheCpuHasIt()
    {
        QString error;
        NetworkOptions options;
        options.precision = Precision::Auto;
        const std::unique_ptr<Network> network = makeNetwork(kBlockNet, options, &error);
        QVERIFY2(network, qPrintable(error));
        QCOMPARE(network->precision(), Network::bf16Supported() ? Precision::Bf16 : Precision::Fp32);
        QCOMPARE(makeNetwork(kBlockNet, {}, &error)->precision(), Precision::Fp32); // the default
    }

    void bf16ForwardAndBackwardFollowFp32()
    {
        if (!Network::bf16Supported())
            QSKIP("this CPU has no bf16 instructions");
        QString error;
        NetworkOptions options;
        options.seed = 5;
        const std::unique_ptr<Network> reference = makeNetwork(kBlockNet, options, &error);
        options.precision = Precision::Bf16;
        const std::unique_ptr<Network> bf16 = makeNetwork(kBlockNet, options, &error);
        QVERIFY2(reference && bf16, qPrintable(error));
        QCOMPARE(bf16->precision(), Precision::Bf16);
        // Same seed: the same fp32 master weights, bit for bit.
        QVERIFY(std::equal(reference->parameters().values().begin(), reference->parameters().values().end(),
                           bf16->parameters().values().begin()));

        const int batch = 4;
        const std::vector<float> images = uniformValues(batch * reference->sampleSize(), 3);
        const std::vector<int> labels = labelsFor(batch, 5, 4);
        QVERIFY(reference->forward(images, batch, Pass::Training).ok());
        const Status forward = bf16->forward(images, batch, Pass::Training);
        QVERIFY2(forward.ok(), qPrintable(forward.ok() ? QString() : forward.error()));
        const double logits = relativeError(bf16->logits(), reference->logits());
        const Result<double> referenceLoss = reference->backward(labels);
        const Result<double> bf16Loss = bf16->backward(labels);
        QVERIFY(referenceLoss.ok() && bf16Loss.ok());
        // The fp32 flat gradient buffer is filled, tensor by tensor, close to fp32's.
        const ParameterStore &a = bf16->parameters(), &b = reference->parameters();
        double worst = 0;
        QString worstName;
        for (const TensorInfo &info : b.parameters()) {
            const std::span<const float> expected = b.gradients().subspan(info.offset, info.count);
            const std::span<const float> actual = a.gradients().subspan(info.offset, info.count);
            double norm = 0;
            for (float v : expected)
                norm += double(v) * v;
            // A convolution's bias before batch norm has a gradient of zero in exact arithmetic
            // (the normalisation removes any shift): what is left is rounding noise in both.
            if (std::sqrt(norm) < 1e-6) {
                QVERIFY2(relativeError(actual, std::vector<float>(info.count, 1e-3f)) < 1.01, qPrintable(info.name));
                continue;
            }
            const double e = relativeError(actual, expected);
            if (e > worst) {
                worst = e;
                worstName = info.name;
            }
        }
        qDebug("bf16 vs fp32: logits %.2e, loss %.5f vs %.5f, worst gradient %.2e (%s)", logits, *bf16Loss,
               *referenceLoss, worst, qPrintable(worstName));
        // bf16 keeps 8 significant bits (relative rounding 2^-9 ≈ 2e-3 per value); forward errors
        // through a dozen layers stay under 1e-2 (measured 3e-3). Gradients that come back
        // through batch norm, which subtracts the channel mean of the incoming gradient and so
        // cancels most of it, keep less: up to about 1e-1 here (an angle of 6 degrees), less
        // nearer the loss (fc: 2e-3).
        QVERIFY(logits < 3e-2);
        QVERIFY(std::abs(*bf16Loss - *referenceLoss) < 1e-2 * *referenceLoss);
        QVERIFY2(worst < 0.2, qPrintable(worstName));

        // Inference (running statistics, fused ReLUs) too.
        QVERIFY(reference->forward(images, batch, Pass::Inference).ok());
        QVERIFY(bf16->forward(images, batch, Pass::Inference).ok());
        QVERIFY(relativeError(bf16->logits(), reference->logits()) < 3e-2);
    }

    // Clean textures, and textures buried in noise twice their amplitude where neither precision
    // gets every held-out image right, so that a loss of accuracy would show.
    void bf16TrainingReachesTheAccuracyOfFp32_data()
    {
        QTest::addColumn<double>("noise");
        QTest::addColumn<int>("floor");
        QTest::newRow("clean") << 0.3 << 48;
        QTest::newRow("noisy") << 2.0 << 24;
    }

    void bf16TrainingReachesTheAccuracyOfFp32()
    {
        QFETCH(double, noise);
        QFETCH(int, floor);
        if (!Network::bf16Supported())
            QSKIP("this CPU has no bf16 instructions");
        const TrainingRun fp32 = trainSmallCnn(Precision::Fp32, noise);
        const TrainingRun bf16 = trainSmallCnn(Precision::Bf16, noise);
        qDebug("epoch losses fp32 %.4f %.4f %.4f, bf16 %.4f %.4f %.4f; held-out accuracy fp32 %d/64, bf16 %d/64",
               fp32.epochLoss[0], fp32.epochLoss[1], fp32.epochLoss[2], bf16.epochLoss[0], bf16.epochLoss[1],
               bf16.epochLoss[2], fp32.correct, bf16.correct);
        // The loss curves agree epoch by epoch within 5 % of fp32's (they start at the same
        // weights and see the same batches), and the curve really descends.
        for (std::size_t e = 0; e < fp32.epochLoss.size(); ++e)
            QVERIFY(std::abs(bf16.epochLoss[e] - fp32.epochLoss[e]) < 0.05 * fp32.epochLoss[e] + 0.02);
        QVERIFY(bf16.epochLoss[2] < 0.5 * bf16.epochLoss[0]);
        // Same accuracy on held-out images, within two images of 64; both well above chance (16).
        QVERIFY(fp32.correct >= floor);
        QVERIFY(bf16.correct >= fp32.correct - 2);
    }

    // Run in a child process with oneDNN limited to AVX-512 without BF16 (the variable is read
    // once per process, before the first primitive), which is what a CPU without it looks like.
    void bf16WithoutTheInstructionsIsRefused()
    {
        if (qEnvironmentVariableIsSet("SIEVE_TEST_LIMITED_ISA")) {
            QVERIFY(!Network::bf16Supported());
            QString error;
            NetworkOptions options;
            options.precision = Precision::Bf16;
            QVERIFY(!makeNetwork(kBlockNet, options, &error));
            QVERIFY2(error.contains(QLatin1String("no bf16 instructions")), qPrintable(error));
            options.precision = Precision::Auto;
            const std::unique_ptr<Network> fallback = makeNetwork(kBlockNet, options, &error);
            QVERIFY(fallback);
            QCOMPARE(fallback->precision(), Precision::Fp32);
            return;
        }
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ONEDNN_MAX_CPU_ISA"), QStringLiteral("AVX2"));
        environment.insert(QStringLiteral("SIEVE_TEST_LIMITED_ISA"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("bf16WithoutTheInstructionsIsRefused")});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitCode(), 0);
    }

    // Weights converted for the primitives are reused while the parameters are unchanged, and
    // converted again after any change: through the optimizer, a fresh values() span, or a
    // span kept from before with markValuesChanged().
    void inferenceSeesEveryWeightChange_data()
    {
        QTest::addColumn<int>("precision");
        QTest::newRow("fp32") << int(Precision::Fp32);
        QTest::newRow("bf16") << int(Precision::Bf16);
    }

    void inferenceSeesEveryWeightChange()
    {
        QFETCH(int, precision);
        if (Precision(precision) == Precision::Bf16 && !Network::bf16Supported())
            QSKIP("this CPU has no bf16 instructions");
        QString error;
        NetworkOptions options;
        options.precision = Precision(precision);
        std::unique_ptr<Network> network = makeNetwork(kBlockNet, options, &error);
        std::unique_ptr<Network> fresh = makeNetwork(kBlockNet, options, &error);
        QVERIFY2(network && fresh, qPrintable(error));
        const std::vector<float> images = uniformValues(2 * network->sampleSize(), 8);
        // A span taken before the forward that converts the weights.
        const std::span<float> kept = network->parameters().values();
        const auto logitsAfter = [&](Network &n) {
            if (!n.forward(images, 2, Pass::Inference).ok())
                qFatal("forward failed");
            return std::vector<float>(n.logits().begin(), n.logits().end());
        };
        const std::vector<float> before = logitsAfter(*network);
        QCOMPARE(logitsAfter(*network), before); // cached weights: same answer

        const TensorInfo &conv = *network->parameters().findParameter(u"conv1.weight");
        for (std::size_t i = 0; i < conv.count; ++i)
            kept[conv.offset + i] *= -1.0f;
        network->parameters().markValuesChanged();
        const std::vector<float> flipped = logitsAfter(*network);
        QVERIFY(flipped != before);
        std::copy(kept.begin(), kept.end(), fresh->parameters().values().begin());
        QCOMPARE(logitsAfter(*fresh), flipped);

        // One optimizer step with a non-zero gradient moves the weights and the answer.
        std::fill(network->parameters().gradients().begin(), network->parameters().gradients().end(), 0.1f);
        Optimizer::sgd(network->parameters(), {}).step(network->parameters(), 0.5);
        QVERIFY(logitsAfter(*network) != flipped);
    }
};

QTEST_GUILESS_MAIN(TestNnPrecision)
#include "tst_nn_precision.moc"
