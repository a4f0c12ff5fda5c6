#include "nn/lr_schedule.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/random.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace sieve;
using namespace sieve::nn;

namespace {

constexpr int kSize = 32;
constexpr int kClasses = 4;

// Synthetic 32×32 images of four textures — horizontal stripes, vertical stripes, a disc,
// a checkerboard — each with a random phase, position, contrast, tint and noise, so that a
// network has to learn the shape rather than a fixed pixel.
void makeImages(int count, std::uint64_t seed, std::vector<float> &images, std::vector<int> &labels)
{
    Random random(seed);
    images.assign(std::size_t(count) * 3 * kSize * kSize, 0.0f);
    labels.assign(std::size_t(count), 0);
    for (int n = 0; n < count; ++n) {
        const int label = n % kClasses;
        labels[std::size_t(n)] = label;
        const double period = random.uniform(5, 9), phase = random.uniform(0, 2 * std::numbers::pi);
        const double cx = random.uniform(10, 22), cy = random.uniform(10, 22), radius = random.uniform(5, 9);
        const double contrast = random.uniform(0.6, 1.2);
        double tint[3];
        for (double &t : tint)
            t = random.uniform(0.5, 1.0);
        for (int y = 0; y < kSize; ++y) {
            for (int x = 0; x < kSize; ++x) {
                const double w = 2 * std::numbers::pi / period;
                double v = 0;
                switch (label) {
                case 0: v = std::sin(w * y + phase); break;
                case 1: v = std::sin(w * x + phase); break;
                case 2: v = std::hypot(x - cx, y - cy) < radius ? 1.0 : -1.0; break;
                default: v = std::sin(w * x + phase) * std::sin(w * y + phase) > 0 ? 1.0 : -1.0; break;
                }
                for (int c = 0; c < 3; ++c)
                    images[std::size_t(((n * 3 + c) * kSize + y) * kSize + x)] =
                        float(contrast * tint[c] * v + random.uniform(-0.3, 0.3));
            }
        }
    }
}

} // namespace

class TestNnModelZoo : public QObject {
    Q_OBJECT

private slots:
    void zooNamesItsModels()
    {
        QVERIFY(zooModel(u"smallcnn", 9).ok());
        const Result<ModelDefinition> unknown = zooModel(u"googlenet9", 9);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().contains(QStringLiteral("unknown model 'googlenet9' (known: smallcnn)")));
        // The definition survives JSON, as a worker receiving it in a job spec needs.
        const Result<ModelDefinition> again = ModelDefinition::fromJson(smallCnn(9).toJson());
        QVERIFY(again.ok());
        QVERIFY(Network::create(*again).ok());
    }

    void smallCnnLearnsSyntheticTextures()
    {
        Result<std::unique_ptr<Network>> created = Network::create(smallCnn(kClasses, kSize), {1, 17, false});
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error()));
        Network &network = **created;
        QCOMPARE(network.classCount(), kClasses);

        std::vector<float> train, test;
        std::vector<int> trainLabels, testLabels;
        makeImages(128, 1, train, trainLabels);
        makeImages(64, 2, test, testLabels);
        const int batch = 16, batches = 128 / batch, epochs = 3;
        Optimizer optimizer = Optimizer::sgd(network.parameters(), {0.9, true, 5e-4});
        LrSchedule schedule;
        schedule.kind = LrSchedule::Kind::Cosine;
        schedule.baseLr = 0.05;
        schedule.warmupSteps = 2;
        schedule.totalSteps = batches * epochs;

        QElapsedTimer timer;
        timer.start();
        std::vector<double> epochLoss;
        int step = 0;
        for (int epoch = 0; epoch < epochs; ++epoch) {
            double sum = 0;
            for (int b = 0; b < batches; ++b, ++step) {
                const std::size_t sample = network.sampleSize();
                network.setIteration(std::uint64_t(step));
                QVERIFY(network.forward(std::span(train).subspan(std::size_t(b * batch) * sample, batch * sample), batch,
                                        Pass::Training)
                            .ok());
                const Result<double> loss = network.backward(std::span(trainLabels).subspan(std::size_t(b * batch), batch));
                QVERIFY(loss.ok());
                sum += *loss;
                optimizer.step(network.parameters(), schedule.at(step));
            }
            epochLoss.push_back(sum / batches);
        }
        QVERIFY(network.forward(test, 64, Pass::Inference).ok());
        int correct = 0;
        const std::span<const float> logits = network.logits();
        for (int n = 0; n < 64; ++n) {
            const auto row = logits.subspan(std::size_t(n * kClasses), kClasses);
            correct += int(std::max_element(row.begin(), row.end()) - row.begin()) == testLabels[std::size_t(n)];
        }
        qDebug("epoch losses %.3f, %.3f, %.3f; held-out accuracy %d/64; %lld ms", epochLoss[0], epochLoss[1],
               epochLoss[2], correct, timer.elapsed());
        QVERIFY(epochLoss[2] < 0.5 * epochLoss[0]);
        QVERIFY(correct >= 48); // chance is 16
    }
};

QTEST_GUILESS_MAIN(TestNnModelZoo)
#include "tst_nn_model_zoo.moc"
