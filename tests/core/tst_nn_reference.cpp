#include "nn/network.h"

#include <QFile>
#include <QHash>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace sieve;
using namespace sieve::nn;

namespace {

struct RefTensor {
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

// Reads the tensors make_reference.py wrote (format in its docstring).
QHash<QString, RefTensor> readTensors(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QByteArray bytes = file.readAll();
    qsizetype at = 0;
    const auto take = [&](void *out, qsizetype size) {
        if (at + size > bytes.size())
            return false;
        std::memcpy(out, bytes.constData() + at, std::size_t(size));
        at += size;
        return true;
    };
    char magic[8];
    std::uint32_t count = 0;
    if (!take(magic, 8) || std::memcmp(magic, "SIEVEREF", 8) != 0 || !take(&count, 4)) {
        *error = QStringLiteral("not a reference file");
        return {};
    }
    QHash<QString, RefTensor> tensors;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t length = 0, rank = 0;
        QByteArray name;
        RefTensor tensor;
        bool ok = take(&length, 4);
        name.resize(length);
        ok = ok && take(name.data(), length) && take(&rank, 4);
        tensor.shape.resize(rank);
        ok = ok && take(tensor.shape.data(), qsizetype(rank) * 8);
        std::int64_t elements = 1;
        for (std::int64_t d : tensor.shape)
            elements *= d;
        tensor.values.resize(std::size_t(elements));
        ok = ok && take(tensor.values.data(), elements * 4);
        if (!ok) {
            *error = QStringLiteral("truncated at tensor %1").arg(i);
            return {};
        }
        tensors.insert(QString::fromUtf8(name), std::move(tensor));
    }
    return tensors;
}

// The largest absolute difference, and that divided by the largest magnitude in the reference
// (a per-element relative error is meaningless for values that PyTorch computes as ~1e-9).
struct Agreement {
    double maxAbsolute = 0;
    double relative = 0;

    bool within(double tolerance) const;
};

// Gradients that are zero in exact arithmetic (a convolution bias before batch norm) come out
// of both frameworks as rounding noise near 1e-8; differences below this floor are not compared
// relatively.
constexpr double kNoiseFloor = 1e-7;

Agreement compare(std::span<const float> ours, const std::vector<float> &reference)
{
    Agreement a;
    double scale = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        a.maxAbsolute = std::max(a.maxAbsolute, std::abs(double(ours[i]) - double(reference[i])));
        scale = std::max(scale, std::abs(double(reference[i])));
    }
    a.relative = scale > 0 ? a.maxAbsolute / scale : 0;
    return a;
}

bool Agreement::within(double tolerance) const { return maxAbsolute < kNoiseFloor || relative < tolerance; }

} // namespace

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
