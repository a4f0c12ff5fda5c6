#include "test_images.h"
#include "train_test_project.h"
#include "nn/network.h"
#include "store/database.h"
#include "store/project.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using sieve::test::runCli;

// sieve-cli train and eval as a script uses them: --json on stdout, exit codes, errors that
// name the argument.
class TestTrainCli : public QObject {
    Q_OBJECT

    static QJsonObject json(const QByteArray &output) { return QJsonDocument::fromJson(output).object(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto project = test::makeTrainingProject(m_dir.path(), 200, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_project = m_dir.filePath("project");
    }

    void helpNamesTheOptions()
    {
        QByteArray out;
        QCOMPARE(runCli({"train", "--help"}, &out), 0);
        for (const char *option : {"--model", "--pretrained", "--head-only", "--epochs", "--resume", "--early-stop", "--json"})
            QVERIFY2(out.contains(option), option);
        QCOMPARE(runCli({"eval", "--help"}, &out), 0);
        QVERIFY(out.contains("--model") && out.contains("--view"));
    }

    void badArgumentsAreNamedAndExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown model") << QStringList{"--model", "alexnet", "--epochs", "2"} << "--model must be one of";
        QTest::newRow("no model") << QStringList{"--epochs", "2"} << "--model is required";
        QTest::newRow("no epochs") << QStringList{"--model", "smallcnn"} << "--epochs is required";
        QTest::newRow("bad epochs") << QStringList{"--model", "smallcnn", "--epochs", "many"} << "--epochs must be";
        QTest::newRow("optimizer") << QStringList{"--model", "smallcnn", "--epochs", "2", "--optimizer", "adam"} << "sgd or adamw";
        QTest::newRow("schedule") << QStringList{"--model", "smallcnn", "--epochs", "2", "--schedule", "linear"} << "constant, step or cosine";
        QTest::newRow("fraction") << QStringList{"--model", "smallcnn", "--epochs", "2", "--val-fraction", "1.5"} << "--val-fraction";
        QTest::newRow("head-only") << QStringList{"--model", "smallcnn", "--epochs", "2", "--head-only"} << "pretrained";
        QTest::newRow("resume with settings") << QStringList{"--resume", "1", "--epochs", "9"} << "--epochs cannot be combined with --resume";
        QTest::newRow("precision") << QStringList{"--model", "smallcnn", "--epochs", "2", "--precision", "int8"} << "fp32";
        QTest::newRow("weight decay") << QStringList{"--model", "smallcnn", "--epochs", "2", "--weight-decay", "1"} << "--weight-decay must be a number from 0";
    }
    void badArgumentsAreNamedAndExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        QByteArray out, err;
        QCOMPARE(runCli(QStringList{"train", m_project} + arguments, &out, &err), 2);
        QVERIFY2(err.contains(named.toUtf8()), err.constData());
    }

    void trainsThenEvaluates()
    {
        QByteArray out, err;
        QCOMPARE(runCli({"train", m_project, "--model", "smallcnn", "--epochs", "6", "--batch", "16", "--threads", "1",
                         "--seed", "3", "--weight-decay", "0.0002", "--json"},
                        &out, &err, 120000),
                 0);
        const QJsonObject trained = json(out);
        QVERIFY2(trained.contains("run_id"), out.constData());
        QCOMPARE(trained.value("classes").toArray().size(), 3);
        QCOMPARE(trained.value("epochs").toInt(), 6);
        QVERIFY2(trained.value("best_top1").toDouble() > 0.55, out.constData()); // chance: a third
        const QString model = trained.value("model_path").toString();
        QVERIFY(QFile::exists(model));
        QVERIFY(err.contains("\"progress\"")); // --json progress objects on stderr
        {
            // The run records the precision "auto" chose on this machine, so a resumed run
            // computes the same way wherever it continues.
            auto project = sieve::store::Project::open(m_project);
            QVERIFY(project.ok());
            auto config = (*project)->db().prepare("SELECT config FROM runs WHERE id = ?");
            QVERIFY(config.ok());
            config->bind(1, qint64(trained.value("run_id").toInt()));
            QVERIFY(config->step().value());
            const QJsonObject options = QJsonDocument::fromJson(config->text(0).toUtf8()).object();
            QCOMPARE(options.value("weight_decay").toDouble(), 0.0002);
            QCOMPARE(options.value("precision").toString(), sieve::nn::Network::bf16Supported() ? QStringLiteral("bf16") : QStringLiteral("fp32"));
        }

        QCOMPARE(runCli({"eval", m_project, "--model", model, "--threads", "1", "--json"}, &out, &err), 0);
        const QJsonObject evaluated = json(out);
        QVERIFY2(evaluated.value("evaluated").toInt() >= 150, out.constData());
        QCOMPARE(evaluated.value("unknown_label").toInt(), 0);
        QVERIFY(evaluated.value("top1").toDouble() > 0.55);
        QVERIFY(evaluated.value("top5").toDouble() >= evaluated.value("top1").toDouble());
        const QJsonArray classes = evaluated.value("classes").toArray();
        QCOMPARE(classes.size(), 3);
        for (const QJsonValue &cls : classes) {
            QVERIFY(cls.toObject().contains("precision"));
            QVERIFY(cls.toObject().contains("recall"));
        }

        // Plain output: the figures and the model's path.
        QCOMPARE(runCli({"eval", m_project, "--model", model, "--threads", "1"}, &out, &err), 0);
        QVERIFY(out.contains("top-1"));
        QVERIFY(out.contains("precision"));
    }

    void resumingAnUnknownRunFails()
    {
        QByteArray out, err;
        QCOMPARE(runCli({"train", m_project, "--resume", "999"}, &out, &err), 1);
        QVERIFY2(err.contains("no training run 999"), err.constData());
        QCOMPARE(runCli({"eval", m_project, "--model", m_dir.filePath("none.sievemodel")}, &out, &err), 1);
        QVERIFY2(err.contains("none.sievemodel"), err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
};

QTEST_MAIN(TestTrainCli)
#include "tst_train_cli.moc"
