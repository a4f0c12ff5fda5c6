#include "nn/classifier_head.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn_test_support.h"

#include <QJsonArray>
#include <QTest>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

SieveModel modelOf(const ModelDefinition &definition, int classes, std::uint64_t seed)
{
    SieveModel model;
    model.definition = definition;
    for (int i = 0; i < classes; ++i)
        model.classes.append(QStringLiteral("class %1").arg(i));
    Result<std::unique_ptr<Network>> network = Network::create(definition, {1, seed, false});
    if (network)
        model.weights = captureWeights((*network)->parameters());
    model.metadata = QJsonObject{{QStringLiteral("epochs"), 90}};
    return model;
}

QStringList foods() { return {QStringLiteral("rice"), QStringLiteral("beans"), QStringLiteral("matoke")}; }

} // namespace

class TestNnClassifierHead : public QObject {
    Q_OBJECT

private slots:
    // BVLC GoogLeNet's 1000 ImageNet classes become a project's three: loss3/classifier is
    // replaced, the 5.97 M backbone parameters and everything about the input are kept.
    void googLeNetGetsTheProjectsClasses()
    {
        SieveModel base = modelOf(googLeNet(1000), 1000, 1);
        base.normalization.resize = 0;
        QVERIFY(!base.weights.tensors.empty());
        const Result<SieveModel> replaced = replaceClassifier(base, foods(), 42);
        QVERIFY2(replaced.ok(), qPrintable(replaced.ok() ? QString() : replaced.error()));
        QCOMPARE(replaced->classes, foods());
        QVERIFY(replaced->normalization == base.normalization);
        QCOMPARE(replaced->metadata.value(QStringLiteral("base")).toObject().value(QStringLiteral("classes")).toArray().size(),
                 1000);
        QCOMPARE(replaced->weights.tensors.size(), base.weights.tensors.size());
        for (const NamedTensor &tensor : replaced->weights.tensors) {
            const NamedTensor *old = base.weights.find(tensor.name);
            QVERIFY2(old, qPrintable(tensor.name));
            if (tensor.name == QLatin1String("loss3/classifier.weight")) {
                QCOMPARE(tensor.shape, (std::vector<std::int64_t>{3, 1024}));
            } else if (tensor.name == QLatin1String("loss3/classifier.bias")) {
                QCOMPARE(tensor.shape, std::vector<std::int64_t>{3});
            } else {
                QVERIFY2(tensor.values == old->values, qPrintable(tensor.name));
            }
        }
        Result<std::unique_ptr<Network>> network = createNetwork(*replaced);
        QVERIFY2(network.ok(), qPrintable(network.ok() ? QString() : network.error()));
        QCOMPARE((*network)->classCount(), 3);
    }

    void freshHeadIsDeterministic()
    {
        const SieveModel base = modelOf(smallCnn(10, 16), 10, 1);
        const Result<SieveModel> a = replaceClassifier(base, foods(), 7);
        const Result<SieveModel> b = replaceClassifier(base, foods(), 7);
        const Result<SieveModel> c = replaceClassifier(base, foods(), 8);
        QVERIFY(a.ok() && b.ok() && c.ok());
        const auto head = [](const SieveModel &m) { return m.weights.find(u"classifier.weight")->values; };
        QVERIFY(head(*a) == head(*b));
        QVERIFY(head(*a) != head(*c));
        // Not left at zero: the Init rule (Xavier) drew it.
        const std::vector<float> drawn = head(*a);
        QVERIFY(std::any_of(drawn.begin(), drawn.end(), [](float v) { return v != 0; }));
    }

    // Head-only training: with "backbone" frozen an optimizer step changes the classifier and
    // nothing else, and the backbone computes no gradients at all.
    void frozenBackboneTrainsOnlyTheHead()
    {
        ModelDefinition definition = smallCnn(10, 16);
        definition.groups = {}; // as an imported model might come: no groups at all
        for (NodeDefinition &node : definition.nodes)
            node.attributes.remove(QStringLiteral("group"));
        const Result<SieveModel> replaced = replaceClassifier(modelOf(definition, 10, 1), foods(), 3);
        QVERIFY(replaced.ok());
        QCOMPARE(replaced->definition.groups.size(), 2);
        QCOMPARE(replaced->definition.groups.at(0).name, QStringLiteral("backbone"));
        QCOMPARE(replaced->definition.groups.at(1).name, QStringLiteral("head"));

        Result<std::unique_ptr<Network>> created = createNetwork(*replaced);
        QVERIFY(created.ok());
        Network &network = **created;
        ParameterStore &store = network.parameters();
        store.setGroupFrozen(store.groupIndex(u"backbone"), true);
        const std::vector<float> before(store.values().begin(), store.values().end());
        const std::vector<float> images = uniformValues(4 * network.sampleSize(), 5);
        QVERIFY(network.forward(images, 4, Pass::Training).ok());
        QVERIFY(network.backward(std::vector<int>{0, 1, 2, 1}).ok());
        Optimizer optimizer = Optimizer::sgd(store, {0.9, false, 0});
        optimizer.step(store, 0.1);
        for (const TensorInfo &info : store.parameters()) {
            const std::span<const float> now = store.values(info);
            const bool changed = !std::equal(now.begin(), now.end(), before.begin() + std::ptrdiff_t(info.offset));
            QCOMPARE(changed, info.name.startsWith(QLatin1String("classifier.")));
            if (!info.name.startsWith(QLatin1String("classifier."))) {
                const std::span<const float> gradient = store.gradients(info);
                QVERIFY(std::all_of(gradient.begin(), gradient.end(), [](float g) { return g == 0; }));
            }
        }
    }

    void groupSettingsOfTheBackboneAreKept()
    {
        ModelDefinition definition = smallCnn(10, 16);
        definition.groups[0].lrMultiplier = 0.1;
        definition.groups[0].frozen = true;
        const Result<SieveModel> replaced = replaceClassifier(modelOf(definition, 10, 1), foods(), 3);
        QVERIFY(replaced.ok());
        QCOMPARE(replaced->definition.groups.at(0).lrMultiplier, 0.1);
        QVERIFY(replaced->definition.groups.at(0).frozen);
    }

    void mistakesAreNamed()
    {
        const SieveModel base = modelOf(smallCnn(10, 16), 10, 1);
        Result<SieveModel> replaced = replaceClassifier(base, {QStringLiteral("only")}, 1);
        QVERIFY(!replaced.ok());
        QVERIFY(replaced.error().contains(QStringLiteral("at least two classes")));

        // The loss reads a ReLU after the classifier: there is no plain classifier to replace.
        SieveModel relu = base;
        relu.definition.nodes.insert(relu.definition.nodes.size() - 1,
                                     NodeDefinition{QStringLiteral("scores_relu"), QStringLiteral("relu"),
                                                    {QStringLiteral("classifier")}, {}});
        relu.definition.nodes.last().inputs = {QStringLiteral("scores_relu")};
        replaced = replaceClassifier(relu, foods(), 1);
        QVERIFY(!replaced.ok());
        QVERIFY2(replaced.error().contains(QStringLiteral("the loss reads node 'scores_relu' (relu), not a classifier")),
                 qPrintable(replaced.error()));

        // Weights of another backbone.
        SieveModel other = base;
        other.weights = modelOf(smallCnn(10, 32), 10, 1).weights;
        other.weights.find(u"conv2.weight")->shape = {64, 32, 1, 9};
        replaced = replaceClassifier(other, foods(), 1);
        QVERIFY(!replaced.ok());
        QVERIFY2(replaced.error().contains(QStringLiteral("tensor 'conv2.weight' is 64×32×1×9 in the weights")),
                 qPrintable(replaced.error()));
    }
};

QTEST_GUILESS_MAIN(TestNnClassifierHead)
#include "tst_nn_classifier_head.moc"
