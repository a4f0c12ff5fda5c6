#include "nn/lr_schedule.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/random.h"
#include "nn_tensor_file.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

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

std::vector<float> uniformImages(std::size_t count)
{
    Random random(11);
    std::vector<float> images(count);
    for (float &v : images)
        v = float(random.uniform(-1, 1));
    return images;
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
        QVERIFY(unknown.error().contains(
            QStringLiteral("unknown model 'googlenet9' (known: googlenet, resnet18, mobilenetv2, smallcnn)")));
        // The definition survives JSON, as a worker receiving it in a job spec needs.
        const Result<ModelDefinition> again = ModelDefinition::fromJson(smallCnn(9).toJson());
        QVERIFY(again.ok());
        QVERIFY(Network::create(*again).ok());
    }

    // The published counts: torchvision's for ResNet-18 and MobileNetV2 (sum of numel over
    // parameters()), and for GoogLeNet the BVLC definition's layers counted from the paper's
    // table (conv1 9,472 + conv2 114,944 + nine inception modules 5,849,136 + classifier
    // 1,025,000), which Caffe and this definition share.
    void parameterCountsArePublished_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<QStringList>("tensors");
        QTest::addColumn<int>("features"); // the classifier's inputs
        QTest::newRow("googlenet") << QStringLiteral("googlenet") << qint64(6'998'552)
                                   << QStringList{QStringLiteral("conv1/7x7_s2.weight"), QStringLiteral("conv2/3x3.bias"),
                                                  QStringLiteral("inception_3a/5x5_reduce.weight"),
                                                  QStringLiteral("inception_5b/pool_proj.weight"),
                                                  QStringLiteral("loss3/classifier.weight")}
                                   << 1024;
        QTest::newRow("resnet18") << QStringLiteral("resnet18") << qint64(11'689'512)
                                  << QStringList{QStringLiteral("bn1.running_var"), QStringLiteral("layer2.0.downsample.0.weight"),
                                                 QStringLiteral("layer4.1.bn2.bias"), QStringLiteral("fc.weight")}
                                  << 512;
        QTest::newRow("mobilenetv2") << QStringLiteral("mobilenetv2") << qint64(3'504'872)
                                     << QStringList{QStringLiteral("features.1.conv.0.0.weight"),
                                                    QStringLiteral("features.17.conv.3.running_mean"),
                                                    QStringLiteral("features.18.1.weight"),
                                                    QStringLiteral("classifier.1.bias")}
                                     << 1280;
    }

    void parameterCountsArePublished()
    {
        QFETCH(QString, model);
        QFETCH(qint64, parameters);
        QFETCH(QStringList, tensors);
        Result<ModelDefinition> definition = zooModel(model, 1000);
        QVERIFY(definition.ok());
        Result<std::unique_ptr<Network>> network = Network::create(*definition);
        QVERIFY2(network.ok(), qPrintable(network.ok() ? QString() : network.error()));
        const ParameterStore &store = (*network)->parameters();
        qint64 count = 0, head = 0;
        for (const TensorInfo &info : store.parameters()) {
            count += qint64(info.count);
            if (store.groups().at(info.group).name == QLatin1String("head"))
                head += qint64(info.count);
        }
        QCOMPARE(count, parameters);
        // Only the classifier is in the head group: what head-only training trains.
        QFETCH(int, features);
        QCOMPARE(head, qint64(1000) * (features + 1));
        for (const QString &name : tensors)
            QVERIFY2(store.findParameter(name) || store.findState(name), qPrintable(name));
        QCOMPARE((*network)->classCount(), 1000);
        // The definition survives JSON, as a worker receiving it in a job spec needs.
        const Result<ModelDefinition> again = ModelDefinition::fromJson(definition->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), definition->toJson());
    }

    // One training step (forward, backward) on a batch of two 224×224 images runs and yields a
    // finite loss and gradients that reach the first convolution.
    void trainingStepRuns_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("firstWeight");
        QTest::newRow("googlenet") << QStringLiteral("googlenet") << QStringLiteral("conv1/7x7_s2.weight");
        QTest::newRow("resnet18") << QStringLiteral("resnet18") << QStringLiteral("conv1.weight");
        QTest::newRow("mobilenetv2") << QStringLiteral("mobilenetv2") << QStringLiteral("features.0.0.weight");
    }

    void trainingStepRuns()
    {
        QFETCH(QString, model);
        QFETCH(QString, firstWeight);
        constexpr int classes = 10, batch = 2;
        Result<ModelDefinition> definition = zooModel(model, classes);
        QVERIFY(definition.ok());
        Result<std::unique_ptr<Network>> created = Network::create(*definition, {0, 3, false});
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error()));
        Network &network = **created;
        QCOMPARE(network.sampleSize(), std::size_t(3 * 224 * 224));
        const std::vector<float> images = uniformImages(batch * network.sampleSize());
        QElapsedTimer timer;
        timer.start();
        const Status forward = network.forward(images, batch, Pass::Training);
        QVERIFY2(forward.ok(), qPrintable(forward.ok() ? QString() : forward.error()));
        QCOMPARE(network.logits().size(), std::size_t(batch * classes));
        const std::vector<int> labels{3, 7};
        const Result<double> loss = network.backward(labels);
        QVERIFY(loss.ok());
        qDebug("%s: loss %.3f, forward + backward %lld ms", qPrintable(model), *loss, timer.elapsed());
        QVERIFY(std::isfinite(*loss) && *loss > 0);
        ParameterStore &store = network.parameters();
        const std::span<const float> gradient = store.gradients(*store.findParameter(firstWeight));
        QVERIFY(std::any_of(gradient.begin(), gradient.end(), [](float g) { return g != 0; }));
        QVERIFY(std::all_of(store.gradients().begin(), store.gradients().end(), [](float g) { return std::isfinite(g); }));
    }

    // torchvision's own model with the same (random) weights gives the same logits: the zoo's
    // structure is torchvision's, tensor for tensor.
    void logitsMatchTorchvision_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("resnet18") << QStringLiteral("resnet18");
        QTest::newRow("mobilenetv2") << QStringLiteral("mobilenetv2");
    }

    void logitsMatchTorchvision()
    {
        QFETCH(QString, model);
        constexpr int size = 224;
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString file = directory.filePath(QStringLiteral("reference.bin"));
        QString message;
        const ScriptResult ran = runReferenceScript(QStringLiteral("torchvision_reference.py"),
                                                    {model, QString::number(size), file}, &message);
        if (ran == ScriptResult::Skip)
            QSKIP(qPrintable(message));
        QVERIFY2(ran == ScriptResult::Ran, qPrintable(message));
        QString error;
        const QHash<QString, RefTensor> reference = readTensors(file, &error);
        QVERIFY2(!reference.isEmpty(), qPrintable(error));

        Result<ModelDefinition> definition = model == QLatin1String("resnet18") ? resNet18(1000, size)
                                                                                  : mobileNetV2(1000, size);
        Result<std::unique_ptr<Network>> created = Network::create(*definition);
        QVERIFY(created.ok());
        Network &network = **created;
        ParameterStore &store = network.parameters();
        // Every tensor of ours is in torchvision's state_dict under the same name and shape,
        // and nothing of torchvision's is left over.
        int mapped = 0;
        for (const TensorInfo &info : store.parameters()) {
            const auto found = reference.constFind(info.name);
            QVERIFY2(found != reference.constEnd(), qPrintable(info.name));
            QCOMPARE(found->shape, info.shape);
            std::copy(found->values.begin(), found->values.end(), store.values(info).begin());
            ++mapped;
        }
        for (const TensorInfo &info : store.stateTensors()) {
            const auto found = reference.constFind(info.name);
            QVERIFY2(found != reference.constEnd(), qPrintable(info.name));
            QCOMPARE(found->shape, info.shape);
            std::copy(found->values.begin(), found->values.end(), store.state(info).begin());
            ++mapped;
        }
        QCOMPARE(mapped + 2, int(reference.size())); // + input and logits

        const RefTensor input = reference.value(QStringLiteral("input"));
        QVERIFY(network.forward(input.values, int(input.shape[0]), Pass::Inference).ok());
        const Agreement logits = compare(network.logits(), reference.value(QStringLiteral("logits")).values);
        qDebug("%s logits vs torchvision: max abs %.3g, relative %.3g", qPrintable(model), logits.maxAbsolute,
               logits.relative);
        // fp32 with different summation orders through 18 to 52 layers.
        QVERIFY(logits.within(1e-4));
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
