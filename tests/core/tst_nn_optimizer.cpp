#include "nn/lr_schedule.h"
#include "nn/optimizer.h"
#include "nn_test_support.h"

#include <QTest>

#include <cmath>
#include <cstring>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

// Two groups: "backbone" (a weight with decay, a bias without) and "head" (a weight).
ParameterStore makeStore()
{
    ParameterStore store({GroupDefinition{QStringLiteral("backbone"), 1.0, false},
                          GroupDefinition{QStringLiteral("head"), 1.0, false}});
    const auto add = [&](const char *name, std::size_t count, int group, bool decay) {
        TensorInfo info;
        info.name = QLatin1String(name);
        info.shape = {std::int64_t(count)};
        info.count = count;
        info.group = group;
        info.decay = decay;
        store.declareParameter(info);
    };
    add("w", 5, 0, true);
    add("b", 3, 0, false);
    add("head", 4, 1, true);
    store.allocate();
    Random random(1);
    for (const TensorInfo &info : store.parameters()) {
        for (float &v : store.values(info))
            v = float(random.uniform(-1, 1));
    }
    return store;
}

void setGradients(ParameterStore &store, int step)
{
    Random random(100 + std::uint64_t(step));
    for (const TensorInfo &info : store.parameters()) {
        for (float &g : store.gradients(info))
            g = float(random.uniform(-1, 1));
    }
}

// A small convolutional classifier with batch norm and dropout, for training tests.
QByteArray tinyNet()
{
    return definitionJson(3, 8, 8, R"(
        {"name": "conv1", "op": "convolution", "inputs": ["data"], "attributes": {"outputs": 16, "kernel": 3, "pad": 1}},
        {"name": "bn1", "op": "batch_norm", "inputs": ["conv1"]},
        {"name": "relu1", "op": "relu", "inputs": ["bn1"]},
        {"name": "pool1", "op": "max_pool", "inputs": ["relu1"], "attributes": {"kernel": 2, "stride": 2}},
        {"name": "gap", "op": "global_avg_pool", "inputs": ["pool1"]},
        {"name": "drop", "op": "dropout", "inputs": ["gap"], "attributes": {"ratio": 0.2}},
        {"name": "fc", "op": "inner_product", "inputs": ["drop"], "attributes": {"outputs": 4, "group": "head"}},
        {"name": "loss", "op": "softmax_cross_entropy", "inputs": ["fc"]})",
                          R"({"name": "backbone"}, {"name": "head"})");
}

// Images whose class is written in them (a bright quadrant per class), so the loss can fall.
void syntheticBatch(int batch, std::vector<float> &images, std::vector<int> &labels)
{
    images = uniformValues(std::size_t(batch) * 3 * 8 * 8, 42, 0.2);
    labels = labelsFor(batch, 4, 43);
    for (int n = 0; n < batch; ++n) {
        const int qy = labels[std::size_t(n)] / 2, qx = labels[std::size_t(n)] % 2;
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 4; ++x)
                    images[std::size_t(((n * 3 + c) * 8 + qy * 4 + y) * 8 + qx * 4 + x)] += 1.0f;
    }
}

struct Run {
    std::vector<float> values;
    std::vector<double> losses;
};

Run train(std::uint64_t seed, bool adamW, int steps)
{
    NetworkOptions options;
    options.seed = seed;
    QString error;
    const std::unique_ptr<Network> network = makeNetwork(tinyNet(), options, &error);
    Q_ASSERT(network);
    std::vector<float> images;
    std::vector<int> labels;
    syntheticBatch(16, images, labels);
    Optimizer optimizer = adamW ? Optimizer::adamW(network->parameters(), {})
                                : Optimizer::sgd(network->parameters(), {0.9, true, 1e-4});
    LrSchedule schedule;
    schedule.kind = LrSchedule::Kind::Cosine;
    schedule.baseLr = adamW ? 0.03 : 0.1;
    schedule.warmupSteps = 3;
    schedule.totalSteps = steps;
    Run run;
    for (int step = 0; step < steps; ++step) {
        network->setIteration(std::uint64_t(step));
        const Status forward = network->forward(images, 16, Pass::Training);
        Q_ASSERT(forward.ok());
        run.losses.push_back(*network->backward(labels));
        clipGradientNorm(network->parameters(), 5.0);
        optimizer.step(network->parameters(), schedule.at(step));
    }
    const std::span<const float> values = network->parameters().values();
    run.values.assign(values.begin(), values.end());
    return run;
}

} // namespace

class TestNnOptimizer : public QObject {
    Q_OBJECT

private slots:
    void sgdFollowsPyTorchsFormula_data()
    {
        QTest::addColumn<bool>("nesterov");
        QTest::newRow("momentum") << false;
        QTest::newRow("nesterov") << true;
    }
    void sgdFollowsPyTorchsFormula()
    {
        QFETCH(bool, nesterov);
        ParameterStore store = makeStore();
        store.setGroupLrMultiplier(1, 10.0);
        const SgdSettings settings{0.9, nesterov, 0.01};
        Optimizer optimizer = Optimizer::sgd(store, settings);
        std::vector<double> value(store.values().begin(), store.values().end());
        std::vector<double> velocity(value.size(), 0.0);
        for (int step = 0; step < 3; ++step) {
            setGradients(store, step);
            const double lr = 0.05;
            for (const TensorInfo &info : store.parameters()) {
                const double groupLr = lr * (info.group == 1 ? 10.0 : 1.0);
                for (std::size_t i = info.offset; i < info.offset + info.count; ++i) {
                    const double g = store.gradients()[i] + (info.decay ? 0.01 * value[i] : 0.0);
                    velocity[i] = 0.9 * velocity[i] + g;
                    value[i] -= groupLr * (nesterov ? g + 0.9 * velocity[i] : velocity[i]);
                }
            }
            optimizer.step(store, lr);
        }
        for (std::size_t i = 0; i < value.size(); ++i)
            QVERIFY2(std::abs(store.values()[i] - value[i]) < 1e-6, qPrintable(QString::number(i)));
        QCOMPARE(optimizer.steps(), 3u);
    }

    void adamWFollowsPyTorchsFormula()
    {
        ParameterStore store = makeStore();
        const AdamWSettings settings{0.9, 0.999, 1e-8, 0.05};
        Optimizer optimizer = Optimizer::adamW(store, settings);
        std::vector<double> value(store.values().begin(), store.values().end());
        std::vector<double> m(value.size(), 0.0), v(value.size(), 0.0);
        for (int step = 1; step <= 4; ++step) {
            setGradients(store, step);
            const double lr = 0.01;
            for (const TensorInfo &info : store.parameters()) {
                for (std::size_t i = info.offset; i < info.offset + info.count; ++i) {
                    const double g = store.gradients()[i];
                    value[i] *= 1.0 - lr * (info.decay ? 0.05 : 0.0);
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    const double mHat = m[i] / (1 - std::pow(0.9, step));
                    const double vHat = v[i] / (1 - std::pow(0.999, step));
                    value[i] -= lr * mHat / (std::sqrt(vHat) + 1e-8);
                }
            }
            optimizer.step(store, lr);
        }
        for (std::size_t i = 0; i < value.size(); ++i)
            QVERIFY2(std::abs(store.values()[i] - value[i]) < 1e-6, qPrintable(QString::number(i)));
    }

    void frozenGroupsDoNotMove()
    {
        ParameterStore store = makeStore();
        store.setGroupFrozen(0, true);
        const std::vector<float> before(store.values().begin(), store.values().end());
        Optimizer optimizer = Optimizer::sgd(store, {});
        setGradients(store, 0);
        optimizer.step(store, 0.1);
        for (const TensorInfo &info : store.parameters()) {
            const bool same = std::memcmp(store.values(info).data(), before.data() + info.offset,
                                          info.count * sizeof(float)) == 0;
            QCOMPARE(same, info.group == 0);
        }
        QCOMPARE(store.trainableCount(), std::size_t(4));
    }

    void clippingScalesToTheGlobalNorm()
    {
        ParameterStore store = makeStore();
        store.setGroupFrozen(1, true); // the head's gradients are not part of the norm
        setGradients(store, 0);
        double expected = 0;
        for (int t = 0; t < 2; ++t) {
            for (float g : store.gradients(store.parameters()[std::size_t(t)]))
                expected += double(g) * g;
        }
        expected = std::sqrt(expected);
        const std::vector<float> head(store.gradients(store.parameters()[2]).begin(),
                                      store.gradients(store.parameters()[2]).end());
        QVERIFY(std::abs(clipGradientNorm(store, 0.5) - expected) < 1e-9);
        double after = 0;
        for (int t = 0; t < 2; ++t) {
            for (float g : store.gradients(store.parameters()[std::size_t(t)]))
                after += double(g) * g;
        }
        QVERIFY(std::abs(std::sqrt(after) - 0.5) < 1e-5);
        QVERIFY(std::equal(head.begin(), head.end(), store.gradients(store.parameters()[2]).begin()));
        // Below the limit nothing changes.
        QVERIFY(std::abs(clipGradientNorm(store, 10.0) - 0.5) < 1e-5);
        QVERIFY(std::abs(std::sqrt(after) - 0.5) < 1e-5);
    }

    void schedules()
    {
        LrSchedule step;
        step.kind = LrSchedule::Kind::Step;
        step.baseLr = 0.1;
        step.stepSize = 10;
        step.gamma = 0.5;
        QCOMPARE(step.at(0), 0.1);
        QCOMPARE(step.at(9), 0.1);
        QCOMPARE(step.at(10), 0.05);
        QCOMPARE(step.at(25), 0.025);

        LrSchedule cosine;
        cosine.kind = LrSchedule::Kind::Cosine;
        cosine.baseLr = 1.0;
        cosine.minLr = 0.1;
        cosine.warmupSteps = 4;
        cosine.totalSteps = 104;
        QCOMPARE(cosine.at(0), 0.25); // warm-up: (0 + 1) / 4 of the rate
        QCOMPARE(cosine.at(3), 1.0);
        QCOMPARE(cosine.at(4), 1.0);
        QVERIFY(std::abs(cosine.at(54) - 0.55) < 1e-12); // half-way down
        QCOMPARE(cosine.at(104), 0.1);
        QCOMPARE(cosine.at(500), 0.1);
    }

    void trainingReducesTheLoss_data()
    {
        QTest::addColumn<bool>("adamW");
        QTest::newRow("sgd nesterov") << false;
        QTest::newRow("adamw") << true;
    }
    void trainingReducesTheLoss()
    {
        QFETCH(bool, adamW);
        const Run run = train(3, adamW, 60);
        qDebug("loss %.4f → %.4f", run.losses.front(), run.losses.back());
        // Four classes: chance is ln 4 ≈ 1.39.
        QVERIFY(run.losses.front() > 1.0);
        QVERIFY(run.losses.back() < 0.3 * run.losses.front());
    }

    void sameSeedGivesBitIdenticalParameters()
    {
        const Run a = train(5, false, 10);
        const Run b = train(5, false, 10);
        QCOMPARE(a.values.size(), b.values.size());
        QVERIFY(std::memcmp(a.values.data(), b.values.data(), a.values.size() * sizeof(float)) == 0);
        QCOMPARE(a.losses, b.losses);
        const Run c = train(6, false, 10);
        QVERIFY(std::memcmp(a.values.data(), c.values.data(), a.values.size() * sizeof(float)) != 0);
    }
};

QTEST_GUILESS_MAIN(TestNnOptimizer)
#include "tst_nn_optimizer.moc"
