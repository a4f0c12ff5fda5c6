#include "nn/network.h"
#include "nn_tensor_file.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

// The same network, weights and images in PyTorch 1.13 and in Sieve's engine: the forward
// output and every gradient must agree to fp32 precision. The reference was generated once by
// tests/data/nn/make_reference.py; this test needs no Python.
class TestNnReference : public QObject {
    Q_OBJECT

private:
    QHash<QString, RefTensor> m_reference;
    std::unique_ptr<Network> m_network;
    // Relative to the largest magnitude of each tensor. Both sides compute in fp32 with different
    // summation orders (and oneDNN in blocked layouts); measured agreement is about 1e-6.
    static constexpr double kTolerance = 2e-5;

private slots:
    void initTestCase()
    {
        QString error;
        m_reference = readTensors(QStringLiteral(SIEVE_TEST_DATA_DIR "/nn/reference_tensors.bin"), &error);
        QVERIFY2(!m_reference.isEmpty(), qPrintable(error));
        QFile json(QStringLiteral(SIEVE_TEST_DATA_DIR "/nn/reference_net.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        Result<ModelDefinition> definition = ModelDefinition::fromJson(json.readAll());
        QVERIFY2(definition.ok(), qPrintable(definition.ok() ? QString() : definition.error()));
        Result<std::unique_ptr<Network>> network = Network::create(*definition);
        QVERIFY2(network.ok(), qPrintable(network.ok() ? QString() : network.error()));
        m_network = std::move(*network);

        // PyTorch's weights, by name, into the flat buffer; the shapes must agree exactly, as an
        // importer relies on.
        ParameterStore &store = m_network->parameters();
        for (const TensorInfo &info : store.parameters()) {
            QVERIFY2(m_reference.contains(info.name), qPrintable(info.name));
            const RefTensor &tensor = m_reference[info.name];
            QCOMPARE(tensor.shape, info.shape);
            std::copy(tensor.values.begin(), tensor.values.end(), store.values(info).begin());
        }
    }

    void trainingStepMatchesPyTorch()
    {
        const RefTensor &input = m_reference[QStringLiteral("input")];
        std::vector<int> labels;
        for (float label : m_reference[QStringLiteral("labels")].values)
            labels.push_back(int(label));
        const int batch = int(input.shape[0]);
        QVERIFY(m_network->forward(input.values, batch, Pass::Training).ok());

        const Agreement logits = compare(m_network->logits(), m_reference[QStringLiteral("logits")].values);
        qDebug("logits: max abs %.3g, relative %.3g", logits.maxAbsolute, logits.relative);
        QVERIFY(logits.within(kTolerance));

        const Result<double> loss = m_network->backward(labels);
        QVERIFY(loss.ok());
        const double expectedLoss = m_reference[QStringLiteral("loss")].values[0];
        qDebug("loss %.7f, PyTorch %.7f", *loss, expectedLoss);
        QVERIFY(std::abs(*loss - expectedLoss) < 1e-5 * std::abs(expectedLoss));

        ParameterStore &store = m_network->parameters();
        Agreement worst;
        QString worstName;
        for (const TensorInfo &info : store.parameters()) {
            const Agreement a = compare(store.gradients(info), m_reference[QStringLiteral("grad/") + info.name].values);
            if (a.within(kTolerance) && a.maxAbsolute >= kNoiseFloor && a.relative > worst.relative) {
                worst = a;
                worstName = info.name;
            }
            QVERIFY2(a.within(kTolerance), qPrintable(QStringLiteral("%1: max abs %2, relative %3")
                                                            .arg(info.name)
                                                            .arg(a.maxAbsolute)
                                                            .arg(a.relative)));
        }
        qDebug("gradients of %zu tensors: worst %s, max abs %.3g, relative %.3g", store.parameters().size(),
               qPrintable(worstName), worst.maxAbsolute, worst.relative);

        // The training pass folded the batch statistics into the running averages as PyTorch did.
        for (const TensorInfo &info : store.stateTensors()) {
            const Agreement a = compare(store.state(info), m_reference[info.name].values);
            QVERIFY2(a.within(kTolerance), qPrintable(info.name));
        }
    }

    void inferenceAfterTheStepMatchesPyTorch()
    {
        // Uses the running statistics the training pass left.
        const RefTensor &input = m_reference[QStringLiteral("input")];
        QVERIFY(m_network->forward(input.values, int(input.shape[0]), Pass::Inference).ok());
        const Agreement logits = compare(m_network->logits(), m_reference[QStringLiteral("eval_logits")].values);
        qDebug("inference logits: max abs %.3g, relative %.3g", logits.maxAbsolute, logits.relative);
        QVERIFY(logits.within(kTolerance));
    }
};

QTEST_GUILESS_MAIN(TestNnReference)
#include "tst_nn_reference.moc"
