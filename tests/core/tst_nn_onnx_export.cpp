#include "nn/model_file.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/onnx_export.h"
#include "nn/onnx_import.h"
#include "nn_tensor_file.h"
#include "nn_test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

Result<ModelDefinition> definitionNamed(const QString &name)
{
    if (name == QLatin1String("reference")) {
        // Every layer kind the engine has, in one network (tests/data/nn/make_reference.py).
        QFile file(QStringLiteral(SIEVE_TEST_DATA_DIR "/nn/reference_net.json"));
        if (!file.open(QIODevice::ReadOnly))
            return fail(file.errorString());
        return ModelDefinition::fromJson(file.readAll());
    }
    return zooModel(name, 5);
}

} // namespace

class TestNnOnnxExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

    // A model of `name` with seeded weights and batch-norm statistics moved off 0 and 1.
    Result<SieveModel> model(const QString &name)
    {
        Result<ModelDefinition> definition = definitionNamed(name);
        if (!definition)
            return definition.takeError();
        Result<std::unique_ptr<Network>> network = Network::create(*definition, {1, 21, false});
        if (!network)
            return network.takeError();
        ParameterStore &store = (*network)->parameters();
        const std::vector<float> noise = uniformValues(store.state().size(), 8, 0.2);
        for (const TensorInfo &info : store.stateTensors()) {
            const bool variance = info.name.endsWith(QLatin1String("running_var"));
            for (std::size_t i = 0; i < info.count; ++i)
                store.state(info)[i] = (variance ? 1.0f : 0.0f) + noise[info.offset + i];
        }
        SieveModel result;
        result.definition = *definition;
        for (int i = 0; i < (*network)->classCount(); ++i)
            result.classes.append(QStringLiteral("class %1").arg(i));
        result.weights = captureWeights(store);
        result.metadata = QJsonObject{{QStringLiteral("note"), QStringLiteral("exported by a test")}};
        return result;
    }

private slots:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    // Exported, imported back, the network computes the same: every op maps to its ONNX
    // counterpart with the same semantics the importer was checked against PyTorch with.
    void importingTheExportGivesTheSameOutput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("every layer kind") << QStringLiteral("reference");
        QTest::newRow("smallcnn") << QStringLiteral("smallcnn");
        QTest::newRow("googlenet") << QStringLiteral("googlenet");
    }

    void importingTheExportGivesTheSameOutput()
    {
        QFETCH(QString, name);
        const Result<SieveModel> original = model(name);
        QVERIFY2(original.ok(), qPrintable(original.ok() ? QString() : original.error()));
        const QString path = m_directory.filePath(name + QStringLiteral(".onnx"));
        const Status exported = exportOnnx(path, *original);
        QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.error()));

        const Result<OnnxModel> imported = importOnnx(path);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
        QVERIFY(imported->report.producer.startsWith(QLatin1String("sieve")));
        qDebug("%s", qPrintable(imported->report.summary(path)));

        Result<std::unique_ptr<Network>> before = createNetwork(*original);
        Result<std::unique_ptr<Network>> after =
            createNetwork(SieveModel{imported->definition, original->classes, {}, imported->weights, {}});
        QVERIFY(before.ok());
        QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : after.error()));
        const std::vector<float> images = uniformValues(2 * (*before)->sampleSize(), 4);
        QVERIFY((*before)->forward(images, 2, Pass::Inference).ok());
        QVERIFY((*after)->forward(images, 2, Pass::Inference).ok());
        const std::vector<float> expected((*before)->logits().begin(), (*before)->logits().end());
        const Agreement logits = compare((*after)->logits(), expected);
        qDebug("%s: logits after the round trip: max abs %.3g, relative %.3g", qPrintable(name), logits.maxAbsolute,
               logits.relative);
        QVERIFY(logits.within(1e-6));
    }

    // The onnx package's checker accepts the files, and infers batch × classes for the output.
    void onnxCheckerAcceptsTheExport_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("every layer kind") << QStringLiteral("reference");
        QTest::newRow("smallcnn") << QStringLiteral("smallcnn");
    }

    void onnxCheckerAcceptsTheExport()
    {
        QFETCH(QString, name);
        const Result<SieveModel> original = model(name);
        QVERIFY(original.ok());
        const QString path = m_directory.filePath(name + QStringLiteral("-checked.onnx"));
        QVERIFY(exportOnnx(path, *original).ok());
        QString message;
        const ScriptResult ran = runReferenceScript(QStringLiteral("onnx_check.py"),
                                                    {path, QString::number(original->classes.size())}, &message);
        if (ran == ScriptResult::Skip)
            QSKIP(qPrintable(message));
        QVERIFY2(ran == ScriptResult::Ran, qPrintable(message));
        qDebug("%s", qPrintable(message));
    }

    void missingWeightsAreNamed()
    {
        Result<SieveModel> original = model(QStringLiteral("smallcnn"));
        QVERIFY(original.ok());
        original->weights.tensors.erase(original->weights.tensors.begin());
        const QString path = m_directory.filePath(QStringLiteral("incomplete.onnx"));
        const Status exported = exportOnnx(path, *original);
        QVERIFY(!exported.ok());
        QVERIFY2(exported.error().contains(QStringLiteral("node 'conv1' has no tensor 'conv1.weight'")), qPrintable(exported.error()));
        QVERIFY(exported.error().contains(QDir::toNativeSeparators(path)));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestNnOnnxExport)
#include "tst_nn_onnx_export.moc"
