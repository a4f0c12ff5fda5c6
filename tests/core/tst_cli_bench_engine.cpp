#include "test_images.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using sieve::test::runCli;

// sieve-cli bench-engine: the figures a benchmark script reads, and the mistakes it names.
class TestCliBenchEngine : public QObject {
    Q_OBJECT

private slots:
    void trainingRunReportsItsSettingsAndSpeed()
    {
        QByteArray out, err;
        QCOMPARE(runCli({"bench-engine", "--model", "smallcnn", "--batch", "4", "--steps", "2", "--warmup", "1",
                         "--precision", "fp32", "--json"},
                        &out, &err),
                 0);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json.value("model").toString(), QStringLiteral("smallcnn"));
        QCOMPARE(json.value("mode").toString(), QStringLiteral("train"));
        QCOMPARE(json.value("batch").toInt(), 4);
        QCOMPARE(json.value("threads").toInt(), 1);
        QCOMPARE(json.value("steps").toInt(), 2);
        QCOMPARE(json.value("warmup_steps").toInt(), 1);
        QCOMPARE(json.value("input_size").toInt(), 32);
        QCOMPARE(json.value("precision").toString(), QStringLiteral("fp32"));
        QCOMPARE(json.value("effective_precision").toString(), QStringLiteral("fp32"));
        const double rate = json.value("images_per_second").toDouble();
        const double ms = json.value("ms_per_step").toDouble();
        QVERIFY(rate > 0 && ms > 0);
        // The two figures describe the same measurement: batch / (ms / 1000).
        QVERIFY(std::abs(rate - 4 / (ms / 1000)) < 1e-6 * rate);
    }

    void inferenceWithAutoNamesThePrecisionItUsed()
    {
        QByteArray out, err;
        QCOMPARE(runCli({"bench-engine", "--model", "smallcnn", "--mode", "infer", "--input-size", "40", "--batch",
                         "2", "--steps", "1"},
                        &out, &err),
                 0);
        QVERIFY2(out.contains("smallcnn infer, 40×40, batch 2, 1 thread(s), fp32") ||
                     out.contains("smallcnn infer, 40×40, batch 2, 1 thread(s), bf16"),
                 out.constData());
        QVERIFY(out.contains("images/s"));
    }

    void badArgumentsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no model") << QStringList{} << "--model is required";
        QTest::newRow("unknown model") << QStringList{"--model", "alexnet"} << "googlenet, resnet18";
        QTest::newRow("missing file") << QStringList{"--model", "/nonexistent/m.sievemodel"} << "/nonexistent/m.sievemodel";
        QTest::newRow("precision") << QStringList{"--model", "smallcnn", "--precision", "fp16"} << "fp32, bf16";
        QTest::newRow("mode") << QStringList{"--model", "smallcnn", "--mode", "fit"} << "train or infer";
        QTest::newRow("batch") << QStringList{"--model", "smallcnn", "--batch", "0"} << "--batch";
        QTest::newRow("steps") << QStringList{"--model", "smallcnn", "--steps", "many"} << "--steps";
        QTest::newRow("googlenet size") << QStringList{"--model", "googlenet", "--input-size", "112"} << "224";
    }

    void badArgumentsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QByteArray out, err;
        QCOMPARE(runCli(QStringList{"bench-engine"} + args, &out, &err), 2);
        QVERIFY2(err.contains(message.toUtf8()), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliBenchEngine)
#include "tst_cli_bench_engine.moc"
