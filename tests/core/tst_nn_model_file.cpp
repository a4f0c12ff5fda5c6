#include "nn/model_file.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn_test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace sieve;
using namespace sieve::nn;
using namespace sieve::nn::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestNnModelFile : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    SieveModel m_model;
    std::vector<float> m_images;
    std::vector<float> m_logits;
    QString m_path;

    QString error(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_directory.filePath(name);
        if (!writeAll(path, bytes))
            return QStringLiteral("cannot write the test file");
        const Result<SieveModel> loaded = loadModelFile(path);
        return loaded.ok() ? QStringLiteral("loaded") : loaded.error();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        // A trained-looking small network: one training step moves the running statistics off
        // their initial values, so the round trip has to carry them.
        Result<std::unique_ptr<Network>> network = Network::create(smallCnn(3, 16), {1, 5, false});
        QVERIFY(network.ok());
        m_images = uniformValues(2 * (*network)->sampleSize(), 3);
        QVERIFY((*network)->forward(m_images, 2, Pass::Training).ok());
        QVERIFY((*network)->forward(m_images, 2, Pass::Inference).ok());
        m_logits.assign((*network)->logits().begin(), (*network)->logits().end());
        m_model.definition = (*network)->definition();
        m_model.classes = {QStringLiteral("banana"), QStringLiteral("ugali"), QStringLiteral("chapati ☕")};
        m_model.normalization = Normalization{{0.5, 0.4, 0.3}, {0.2, 0.25, 0.3}, 0};
        m_model.weights = captureWeights((*network)->parameters());
        m_model.metadata = QJsonObject{{QStringLiteral("epochs"), 3},
                                       {QStringLiteral("validation"), QJsonObject{{QStringLiteral("top1"), 0.875}}}};
        m_path = m_directory.filePath(QStringLiteral("food.sievemodel"));
        const Status saved = saveModelFile(m_path, m_model);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error()));
    }

    void roundTripKeepsEverything()
    {
        const Result<SieveModel> loaded = loadModelFile(m_path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));
        QCOMPARE(loaded->definition.toJson(), m_model.definition.toJson());
        QCOMPARE(loaded->classes, m_model.classes);
        QVERIFY(loaded->normalization == m_model.normalization);
        QCOMPARE(loaded->metadata, m_model.metadata);
        QCOMPARE(loaded->weights.tensors.size(), m_model.weights.tensors.size());
        for (std::size_t i = 0; i < m_model.weights.tensors.size(); ++i) {
            const NamedTensor &a = m_model.weights.tensors[i], &b = loaded->weights.tensors[i];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.shape, a.shape);
            QVERIFY(b.values == a.values); // bit for bit
        }
        // The running statistics came along: the loaded network infers exactly as the saved one.
        Result<std::unique_ptr<Network>> network = createNetwork(*loaded, {1, 99, false});
        QVERIFY2(network.ok(), qPrintable(network.ok() ? QString() : network.error()));
        QVERIFY((*network)->forward(m_images, 2, Pass::Inference).ok());
        QVERIFY(std::equal(m_logits.begin(), m_logits.end(), (*network)->logits().begin()));
    }

    void savingReplacesAtomically()
    {
        const QString path = m_directory.filePath(QStringLiteral("replaced.sievemodel"));
        QVERIFY(writeAll(path, "an older model"));
        QVERIFY(saveModelFile(path, m_model).ok());
        QVERIFY(loadModelFile(path).ok());
        // No temporary file is left beside it.
        const QStringList entries = QDir(m_directory.path()).entryList(QDir::Files);
        QCOMPARE(entries.filter(QStringLiteral("replaced")), QStringList{QStringLiteral("replaced.sievemodel")});

        const QString nowhere = m_directory.filePath(QStringLiteral("missing-folder/model.sievemodel"));
        const Status failed = saveModelFile(nowhere, m_model);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(QDir::toNativeSeparators(nowhere)), qPrintable(failed.error()));
    }

    void truncatedFileIsNamed_data()
    {
        QTest::addColumn<int>("cut"); // bytes removed from the end; negative: bytes kept
        QTest::newRow("empty") << -0;
        QTest::newRow("part of the magic") << -5;
        QTest::newRow("part of the header") << -20;
        QTest::newRow("in the manifest") << -100;
        QTest::newRow("in the weights") << 5000;
        QTest::newRow("without the checksum") << 16;
        QTest::newRow("one byte short") << 1;
    }

    void truncatedFileIsNamed()
    {
        QFETCH(int, cut);
        const QByteArray bytes = readAll(m_path);
        const QByteArray kept = cut <= 0 ? bytes.left(-cut) : bytes.left(bytes.size() - cut);
        const QString message = error(QStringLiteral("cut.sievemodel"), kept);
        QVERIFY2(message.contains(QStringLiteral("'%1' is truncated").arg(QDir::toNativeSeparators(
                     m_directory.filePath(QStringLiteral("cut.sievemodel"))))),
                 qPrintable(message));
    }

    void damagedFileFailsTheChecksum_data()
    {
        QTest::addColumn<int>("offset"); // from the end when negative
        QTest::newRow("manifest") << 40;
        QTest::newRow("weights") << 5000;
        QTest::newRow("checksum") << -3;
    }

    void damagedFileFailsTheChecksum()
    {
        QFETCH(int, offset);
        QByteArray bytes = readAll(m_path);
        bytes[offset >= 0 ? offset : bytes.size() + offset] ^= 0x10;
        const QString message = error(QStringLiteral("flipped.sievemodel"), bytes);
        QVERIFY2(message.contains(QStringLiteral("flipped.sievemodel' is damaged: its checksum does not match")),
                 qPrintable(message));
    }

    void trailingBytesAreDamage()
    {
        const QString message = error(QStringLiteral("longer.sievemodel"), readAll(m_path) + "extra");
        QVERIFY2(message.contains(QStringLiteral("is damaged: 5 bytes follow its end")), qPrintable(message));
    }

    void foreignFileIsNamed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        QTest::newRow("text") << QByteArray("model = resnet18\n");
        QTest::newRow("short") << QByteArray("MZ");
    }

    void foreignFileIsNamed()
    {
        QFETCH(QByteArray, bytes);
        const QString message = error(QStringLiteral("foreign.sievemodel"), bytes);
        QVERIFY2(message.contains(QStringLiteral("foreign.sievemodel' is not a Sieve model file")), qPrintable(message));
    }

    void newerVersionIsRefused()
    {
        QByteArray bytes = readAll(m_path);
        const std::uint32_t version = kModelFileVersion + 1;
        std::memcpy(bytes.data() + 8, &version, 4);
        const QString message = error(QStringLiteral("newer.sievemodel"), bytes);
        QVERIFY2(message.contains(QStringLiteral("newer.sievemodel' was written by a newer version of Sieve (model format 2")),
                 qPrintable(message));
    }

    void missingFileIsNamed()
    {
        const QString path = m_directory.filePath(QStringLiteral("absent.sievemodel"));
        const Result<SieveModel> loaded = loadModelFile(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().startsWith(QStringLiteral("cannot open model file '%1'").arg(QDir::toNativeSeparators(path))),
                 qPrintable(loaded.error()));
    }

    // A file that is intact but whose weights belong to another network.
    void weightsOfAnotherNetworkAreRefused()
    {
        SieveModel other = m_model;
        other.definition = smallCnn(3, 16);
        other.definition.nodes[0].attributes.insert(QStringLiteral("outputs"), 24);
        Result<std::unique_ptr<Network>> network = createNetwork(other);
        QVERIFY(!network.ok());
        QVERIFY2(network.error().contains(QStringLiteral("tensor 'conv1.weight' is 32×3×3×3 in the weights but 24×3×3×3 in the network")),
                 qPrintable(network.error()));

        SieveModel fewerClasses = m_model;
        fewerClasses.classes.removeLast();
        network = createNetwork(fewerClasses);
        QVERIFY(!network.ok());
        QVERIFY2(network.error().contains(QStringLiteral("names 2 classes but its network has 3 outputs")),
                 qPrintable(network.error()));

        SieveModel missing = m_model;
        missing.weights.tensors.pop_back();
        network = createNetwork(missing);
        QVERIFY(!network.ok());
        QVERIFY2(network.error().contains(QStringLiteral("the weights have no tensor 'conv3_bn.running_var'")),
                 qPrintable(network.error()));
    }
};

QTEST_GUILESS_MAIN(TestNnModelFile)
#include "tst_nn_model_file.moc"
