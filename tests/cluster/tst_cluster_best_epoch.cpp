// Cluster runs keep the best epoch and stop early as local runs do: REAL sieve-worker processes
// on 127.0.0.1 (LocalCluster) train smallcnn data-parallel on a small demo project with early
// stopping; every worker stops after the same epoch, the run registers the best epoch's model
// (not the last's), and the best model survives the loss of rank 0, the worker that wrote it.

#include "../core/train_test_project.h"
#include "cluster_test_support.h"

#include "cluster_training.h"
#include "local_cluster.h"
#include "nn/model_file.h"
#include "store/models.h"
#include "store/runs.h"
#include "train/image_classifier.h"
#include "worker_client.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <optional>

using namespace sieve;
using namespace sieve::test;

namespace {

constexpr int kEpochs = 10;
constexpr int kPatience = 2;

// The options of every run here: plain SGD with a weight decay a hundred times too strong. The
// first epoch learns; after it the decay drags the weights down faster than the data can hold
// them up, and the validation loss rises (on this build 1.053, 1.415, 3.549 on two workers; after
// a restart on one worker from epoch 2: 1.319). So the best epoch is the first, the run stops
// early after the third, and in bestSurvives… no epoch after the kill beats the first.
train::TrainOptions decayingOptions()
{
    train::TrainOptions options = smallCnnOptions(kEpochs);
    options.schedule = nn::LrSchedule::Kind::Constant;
    options.weightDecay = 0.5;
    options.earlyStopPatience = kPatience;
    options.earlyStopMetric = QStringLiteral("val/loss");
    return options;
}

// The recorded validation METRIC per epoch (1-based), from the run's metrics: "epoch" says
// which epoch a step ended.
QMap<int, double> perEpoch(store::Database &db, std::int64_t run, const QString &metric)
{
    const auto epochs = series(db, run, QStringLiteral("epoch"));
    const auto values = series(db, run, metric);
    QMap<int, double> out;
    for (auto it = epochs.begin(); it != epochs.end(); ++it)
        out.insert(int(it.value()), values.value(it.key()));
    return out;
}

// The rule written out again, independently of train::EarlyStopping: the best epoch is the
// first with the lowest loss; a run stops after PATIENCE epochs in a row without a lower one.
struct Expected {
    int bestEpoch = 0;
    int stopEpoch = 0; // 0: runs every epoch
};
Expected expectedFrom(const QMap<int, double> &loss, int patience)
{
    Expected expected;
    double best = 0;
    for (auto it = loss.begin(); it != loss.end(); ++it) {
        if (expected.bestEpoch == 0 || it.value() < best) {
            best = it.value();
            expected.bestEpoch = it.key();
        } else if (it.key() - expected.bestEpoch >= patience) {
            expected.stopEpoch = it.key();
            break;
        }
    }
    return expected;
}

QString describe(const QMap<int, double> &perEpoch)
{
    QStringList parts;
    for (auto it = perEpoch.begin(); it != perEpoch.end(); ++it)
        parts.append(QStringLiteral("%1: %2").arg(it.key()).arg(it.value(), 0, 'f', 4));
    return parts.join(QStringLiteral(", "));
}

// Every tensor's values, in the file's order.
std::vector<float> flat(const nn::Weights &weights)
{
    std::vector<float> out;
    for (const nn::NamedTensor &tensor : weights.tensors)
        out.insert(out.end(), tensor.values.begin(), tensor.values.end());
    return out;
}

std::vector<float> weightsOf(const QString &path)
{
    auto model = nn::loadModelFile(path);
    if (!model) {
        qWarning("%s", qPrintable(model.error()));
        return {};
    }
    return flat(model->weights);
}

// The only job folder of a local worker (a worker keeps its last job's files).
QString jobFolder(const QString &cacheRoot, int worker)
{
    const QDir jobs(QStringLiteral("%1/worker-%2/jobs").arg(cacheRoot).arg(worker));
    const QStringList names = jobs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return names.size() == 1 ? jobs.filePath(names.first()) : QString();
}

} // namespace

class TestClusterBestEpoch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto project = test::makeTrainingProject(m_dir.path(), 120, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_project = std::move(*project);
    }

    void everyWorkerStopsAfterTheSameEpoch();
    void theBestEpochsModelIsRegistered();
    void bestSurvivesALostRankZero();
    void cliStopsEarlyOnWorkers();

private:
    std::unique_ptr<cluster::LocalCluster> startCluster(int workers) { return startLocalWorkers(workers, cacheRoot()); }
    cluster::ClusterOptions clusterOptions(const cluster::LocalCluster &local) { return quickClusterOptions(local); }
    QString cacheRoot() const { return m_dir.filePath(QStringLiteral("cache")); }

    QTemporaryDir m_dir;
    std::unique_ptr<store::Project> m_project;
    // The early-stopped run of the first test, which the second examines.
    std::optional<cluster::ClusterSummary> m_stopped;
    Expected m_expected;
    QString m_rankZeroFolder; // its rank 0's job folder
};

void TestClusterBestEpoch::everyWorkerStopsAfterTheSameEpoch()
{
    auto local = startCluster(2);
    QVERIFY(local);
    QStringList lines;
    jobs::JobContext context;
    auto summary = cluster::runClusterTraining(*m_project, decayingOptions(), clusterOptions(*local), context,
                                               [&lines](const QString &line) { lines.append(line); });
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    store::Database &db = m_project->db();
    const QMap<int, double> loss = perEpoch(db, summary->runId, QStringLiteral("val/loss"));
    qInfo("validation loss per epoch: %s", qPrintable(describe(loss)));
    qInfo("validation top1 per epoch: %s", qPrintable(describe(perEpoch(db, summary->runId, QStringLiteral("val/top1")))));
    m_expected = expectedFrom(loss, kPatience);
    // The run stopped where the rule says, before its last planned epoch.
    QVERIFY2(m_expected.stopEpoch > 0 && m_expected.stopEpoch < kEpochs, "the validation loss kept falling: no early stop to test");
    QVERIFY(summary->stoppedEarly);
    QCOMPARE(summary->epochsDone, m_expected.stopEpoch);
    QCOMPARE(loss.size(), m_expected.stopEpoch);
    QCOMPARE(summary->bestEpoch, m_expected.bestEpoch);
    QCOMPARE(summary->restarts, 0);

    // Both workers ran the job to its end (no rank left waiting on a collective the other
    // skipped: that would be a time-out, the job failed) and stopped after the same epoch.
    QString jobId;
    for (int worker = 0; worker < 2; ++worker) {
        cluster::WorkerClient client(local->endpoints()[worker]);
        auto info = client.info();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error()));
        QCOMPARE(info->jobState, cluster::JobState::Succeeded);
        if (worker == 0)
            jobId = info->jobId;
        QCOMPARE(info->jobId, jobId);
        QStringList stops;
        QVERIFY(client.watch(jobId, 0, [&](const cluster::JobEvent &event) {
            if (event.kind == cluster::JobEvent::Kind::Log && event.text.contains(QLatin1String("Stopping early")))
                stops.append(event.text);
            return true;
        }, std::chrono::seconds(10)).ok());
        QCOMPARE(stops.size(), 1);
        const QString expectedLine = QStringLiteral("rank %1: Stopping early after epoch %2 of %3: val/loss has not improved "
                                                    "for %4 epoch(s); the best is ")
                                         .arg(worker).arg(m_expected.stopEpoch).arg(kEpochs).arg(kPatience);
        QVERIFY2(stops.first().startsWith(expectedLine), qPrintable(stops.first()));
        QVERIFY2(stops.first().endsWith(QStringLiteral(" at epoch %1.").arg(m_expected.bestEpoch)), qPrintable(stops.first()));
    }
    // The coordinator passed rank 0's line on and said so itself.
    QVERIFY2(lines.filter(QStringLiteral("rank 0: Stopping early after epoch %1").arg(m_expected.stopEpoch)).size() == 1,
             qPrintable(lines.join(QLatin1Char('\n'))));

    // The run records the stop as a local run does.
    QCOMPARE(runColumn(db, summary->runId, "status"), QStringLiteral("done"));
    auto record = store::findRun(db, summary->runId);
    QVERIFY(record.ok() && record->has_value());
    const QJsonObject &recorded = (*record)->summary;
    QCOMPARE(recorded.value(QStringLiteral("stopped_early")).toBool(), true);
    QCOMPARE(recorded.value(QStringLiteral("epochs")).toInt(), m_expected.stopEpoch);
    QCOMPARE(recorded.value(QStringLiteral("best_epoch")).toInt(), m_expected.bestEpoch);
    const QJsonObject best = recorded.value(QStringLiteral("best")).toObject();
    QCOMPARE(best.value(QStringLiteral("epoch")).toInt(), m_expected.bestEpoch);
    QCOMPARE(best.value(QStringLiteral("val/loss")).toDouble(), loss.value(m_expected.bestEpoch));
    QCOMPARE(best.value(QStringLiteral("val/top1")).toDouble(),
             perEpoch(db, summary->runId, QStringLiteral("val/top1")).value(m_expected.bestEpoch));
    QCOMPARE((*record)->summary.value(QStringLiteral("model_id")).toInteger(), summary->modelId);
    m_stopped = *summary;
    m_rankZeroFolder = jobFolder(cacheRoot(), 0);
}

void TestClusterBestEpoch::theBestEpochsModelIsRegistered()
{
    QVERIFY2(m_stopped, "needs everyWorkerStopsAfterTheSameEpoch's run");
    const cluster::ClusterSummary &summary = *m_stopped;
    store::Database &db = m_project->db();
    auto model = nn::loadModelFile(summary.modelPath);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error()));
    QCOMPARE(model->metadata.value(QStringLiteral("best_epoch")).toInt(), m_expected.bestEpoch);
    QCOMPARE(model->metadata.value(QStringLiteral("epochs")).toInt(), m_expected.stopEpoch);
    auto models = store::listModels(db);
    QVERIFY(models.ok());
    const auto registered = std::find_if(models->begin(), models->end(), [&](const store::ModelRecord &m) { return m.id == summary.modelId; });
    QVERIFY(registered != models->end());
    QCOMPARE(registered->metrics.value(QStringLiteral("epoch")).toInt(), m_expected.bestEpoch);

    // The weights are those rank 0 saved at the best epoch, not those it ended with.
    QVERIFY(!m_rankZeroFolder.isEmpty());
    const std::vector<float> bestOnWorker = weightsOf(m_rankZeroFolder + QStringLiteral("/best.sievemodel"));
    const std::vector<float> lastOnWorker = weightsOf(m_rankZeroFolder + QStringLiteral("/model.sievemodel"));
    QVERIFY(!bestOnWorker.empty() && !lastOnWorker.empty());
    QVERIFY(flat(model->weights) == bestOnWorker);
    QVERIFY(flat(model->weights) != lastOnWorker);

    // And they do what the best epoch did: classified again here, the validation images get
    // the best epoch's recorded top-1, not the last epoch's.
    QFile split(QDir(m_project->directory()).filePath(QStringLiteral("runs/%1/split.json").arg(summary.runId)));
    QVERIFY(split.open(QIODevice::ReadOnly));
    const QJsonArray validation = QJsonDocument::fromJson(split.readAll()).object().value(QStringLiteral("validation")).toArray();
    auto classifier = train::ImageClassifier::create(*model, 1);
    QVERIFY2(classifier.ok(), qPrintable(classifier.ok() ? QString() : classifier.error()));
    std::vector<train::ImageTensor> images;
    QList<int> labels;
    for (const QJsonValue &row : validation) {
        auto tensor = (*classifier)->prepare(row.toArray().at(2).toString());
        QVERIFY2(tensor.ok(), qPrintable(tensor.ok() ? QString() : tensor.error()));
        images.push_back(std::move(*tensor));
        labels.append(row.toArray().at(1).toInt());
    }
    auto scores = (*classifier)->classify(images, 1);
    QVERIFY(scores.ok());
    int correct = 0;
    for (qsizetype i = 0; i < labels.size(); ++i)
        correct += scores->at(i).first().index == labels.at(i) ? 1 : 0;
    const QMap<int, double> top1 = perEpoch(db, summary.runId, QStringLiteral("val/top1"));
    qInfo("top-1 of the registered model: %d of %lld; recorded at the best epoch %.4f, at the last %.4f", correct,
          qint64(labels.size()), top1.value(m_expected.bestEpoch), top1.value(m_expected.stopEpoch));
    QCOMPARE(double(correct) / double(labels.size()), top1.value(m_expected.bestEpoch));
}

void TestClusterBestEpoch::bestSurvivesALostRankZero()
{
    auto local = startCluster(2);
    QVERIFY(local);
    const QString runsDir = QDir(m_project->directory()).filePath(QStringLiteral("runs"));
    // Rank 0 wrote the best model and holds it; it is killed after epoch 2, past the best epoch.
    const int killAfter = 2;
    const qint64 victim = local->processIds().at(0);
    std::vector<float> bestAtKill;
    int bestEpochAtKill = 0;
    AfterEpoch killer([&] {
        ::kill(pid_t(victim), SIGKILL);
        // The coordinator's copy as the worker that wrote it dies.
        int run = 0; // this run's folder: the newest run's
        for (const QString &name : QDir(runsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            run = std::max(run, name.toInt());
        auto copy = nn::loadModelFile(QStringLiteral("%1/%2/best.sievemodel").arg(runsDir).arg(run));
        if (copy) {
            bestAtKill = flat(copy->weights);
            bestEpochAtKill = copy->metadata.value(QStringLiteral("best_epoch")).toInt();
        }
    }, killAfter);
    auto summary = cluster::runClusterTraining(*m_project, decayingOptions(), clusterOptions(*local), killer.context,
                                               [](const QString &line) { qInfo("%s", qPrintable(line)); });
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QVERIFY(killer.fired);
    QCOMPARE(summary->restarts, 1);
    QCOMPARE(summary->workersAtEnd, QStringList{local->endpoints()[1].address});
    QVERIFY(!bestAtKill.empty());

    // The whole run's validation loss, before the kill and after the restart: the best epoch is
    // still the one from before the kill, and the patience spent before it counted after it (a
    // counter started afresh would have stopped later).
    const QMap<int, double> loss = perEpoch(m_project->db(), summary->runId, QStringLiteral("val/loss"));
    qInfo("validation loss per epoch: %s", qPrintable(describe(loss)));
    const Expected expected = expectedFrom(loss, kPatience);
    QVERIFY2(expected.bestEpoch <= killAfter,
             qPrintable(QStringLiteral("an epoch after the restart was the best (%1): the options no longer test "
                                       "what they should").arg(describe(loss))));
    QCOMPARE(bestEpochAtKill, expected.bestEpoch);
    QCOMPARE(summary->bestEpoch, expected.bestEpoch);
    QVERIFY(expected.stopEpoch > killAfter);
    QVERIFY(summary->stoppedEarly);
    QCOMPARE(summary->epochsDone, expected.stopEpoch);
    // The registered model is the dead worker's best, bit for bit.
    auto model = nn::loadModelFile(summary->modelPath);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error()));
    QCOMPARE(model->metadata.value(QStringLiteral("best_epoch")).toInt(), bestEpochAtKill);
    QVERIFY(flat(model->weights) == bestAtKill);
    // The worker left never wrote a best model of its own (no epoch improved after the restart).
    QVERIFY(!QFile::exists(jobFolder(cacheRoot(), 1) + QStringLiteral("/best.sievemodel")));
}

void TestClusterBestEpoch::cliStopsEarlyOnWorkers()
{
    // sieve-cli train's --early-stop flags work with --workers, and it reports the best epoch as
    // the local path does (decayingOptions() as flags, patience 1).
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SIEVE_WORKER"), QStringLiteral(SIEVE_WORKER_PATH));
    cli.setProcessEnvironment(environment);
    const QStringList common = {QStringLiteral("train"), m_project->directory(), QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                QStringLiteral("--input-size"), QStringLiteral("32"), QStringLiteral("--epochs"), QString::number(kEpochs),
                                QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--lr"), QStringLiteral("0.05"),
                                QStringLiteral("--schedule"), QStringLiteral("constant"), QStringLiteral("--weight-decay"),
                                QStringLiteral("0.5"), QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--precision"),
                                QStringLiteral("fp32"), QStringLiteral("--early-stop"), QStringLiteral("1"),
                                QStringLiteral("--early-stop-on"), QStringLiteral("loss"), QStringLiteral("--threads"),
                                QStringLiteral("2"), QStringLiteral("--workers"), QStringLiteral("local:2")};
    cli.start(QStringLiteral(SIEVE_CLI_PATH), common + QStringList{QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const std::int64_t run = out.value(QStringLiteral("run_id")).toInteger();
    const QMap<int, double> loss = perEpoch(m_project->db(), run, QStringLiteral("val/loss"));
    const Expected expected = expectedFrom(loss, 1);
    QVERIFY2(expected.stopEpoch > 0, qPrintable(describe(loss)));
    QCOMPARE(out.value(QStringLiteral("stopped_early")).toBool(), true);
    QCOMPARE(out.value(QStringLiteral("epochs")).toInt(), expected.stopEpoch);
    QCOMPARE(out.value(QStringLiteral("epochs_planned")).toInt(), kEpochs);
    QCOMPARE(out.value(QStringLiteral("best_epoch")).toInt(), expected.bestEpoch);
    QCOMPARE(out.value(QStringLiteral("best_top1")).toDouble(),
             perEpoch(m_project->db(), run, QStringLiteral("val/top1")).value(expected.bestEpoch));
    // The text output says it as the local path does.
    cli.start(QStringLiteral(SIEVE_CLI_PATH), common);
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QString text = QString::fromUtf8(cli.readAllStandardOutput());
    QVERIFY2(text.contains(QStringLiteral("epochs done: %1 of %2").arg(expected.stopEpoch).arg(kEpochs))
                 && text.contains(QStringLiteral(", stopped early"))
                 && text.contains(QStringLiteral("at epoch %1.").arg(expected.bestEpoch)),
             qPrintable(text));
}

QTEST_MAIN(TestClusterBestEpoch) // the demo generator renders text (offscreen)
#include "tst_cluster_best_epoch.moc"
