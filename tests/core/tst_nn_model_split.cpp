#include "nn/model_split.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/random.h"

#include <QTest>

using namespace sieve::nn;

// Head-only training trusts that the backbone's features fed to the head give the whole
// network's scores; this checks it for the zoo's shapes of classifier.
class TestNnModelSplit : public QObject {
    Q_OBJECT

private slots:
    void backboneThenHeadIsTheWholeNetwork_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("smallcnn (dropout before the classifier)") << "smallcnn";
        QTest::newRow("resnet18 (classifier on the pooling)") << "resnet18";
        QTest::newRow("mobilenetv2 (dropout, named classifier.1)") << "mobilenetv2";
    }
    void backboneThenHeadIsTheWholeNetwork()
    {
        QFETCH(QString, model);
        const ModelDefinition definition = model == "smallcnn" ? smallCnn(5, 32)
                                           : model == "resnet18" ? resNet18(5, 32)
                                                                 : mobileNetV2(5, 32);
        auto whole = Network::create(definition, {1, 3, false});
        QVERIFY(whole.ok());
        const Weights weights = captureWeights((*whole)->parameters());
        auto split = splitAtClassifier(definition, weights);
        QVERIFY2(split.ok(), qPrintable(split.ok() ? QString() : split.error()));

        auto backbone = Network::create(split->backbone, {1, 0, false});
        auto head = Network::create(split->head, {1, 0, false});
        QVERIFY(backbone.ok() && head.ok());
        QVERIFY(restoreWeights((*backbone)->parameters(), split->backboneWeights).ok());
        QVERIFY(restoreWeights((*head)->parameters(), split->headWeights).ok());
        QCOMPARE((*backbone)->classCount(), split->featureCount);
        QCOMPARE((*head)->classCount(), 5);

        const int batch = 3;
        std::vector<float> images((*whole)->sampleSize() * batch);
        Random random(9);
        for (float &value : images)
            value = float(random.normal());
        QVERIFY((*whole)->forward(images, batch, Pass::Inference).ok());
        QVERIFY((*backbone)->forward(images, batch, Pass::Inference).ok());
        const std::vector<float> features((*backbone)->logits().begin(), (*backbone)->logits().end());
        QCOMPARE(features.size(), std::size_t(batch * split->featureCount));
        QVERIFY((*head)->forward(features, batch, Pass::Inference).ok());
        const auto expected = (*whole)->logits();
        const auto actual = (*head)->logits();
        QCOMPARE(actual.size(), expected.size());
        for (std::size_t i = 0; i < actual.size(); ++i)
            QVERIFY2(std::abs(actual[i] - expected[i]) <= 1e-4f * (1 + std::abs(expected[i])),
                     qPrintable(QStringLiteral("%1 vs %2").arg(actual[i]).arg(expected[i])));
    }

    void refusesAModelWithoutAClassifier()
    {
        ModelDefinition definition = smallCnn(3, 32);
        // The loss reading the pooling directly: no inner product to cut at.
        definition.nodes.last().inputs = QStringList{"gap"};
        auto split = splitAtClassifier(definition, {});
        QVERIFY(!split.ok());
        QVERIFY2(split.error().contains("gap"), qPrintable(split.error()));
    }
};

QTEST_GUILESS_MAIN(TestNnModelSplit)
#include "tst_nn_model_split.moc"
