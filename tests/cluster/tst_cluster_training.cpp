// Cluster training end to end: the coordinator (runClusterTraining) drives REAL sieve-worker
// processes on 127.0.0.1 (LocalCluster) that train smallcnn data-parallel over Gloo on a small
// demo project; the run lands in the project as a local run does. Workers killed (SIGKILL) or
// stopped (SIGSTOP) mid-run: the run restarts from the last checkpoint on the worker left.

#include "../core/train_test_project.h"
#include "cluster_test_support.h"

#include "cluster_training.h"
#include "local_cluster.h"
#include "nn/model_file.h"
#include "store/image_query.h"
#include "store/models.h"
#include "store/runs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace sieve;
using namespace sieve::test;

class TestClusterTraining : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto project = test::makeTrainingProject(m_dir.path(), 120, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_project = std::move(*project);
    }

    void twoWorkersTrainARecordedRun();
    void secondRunSendsNoImages();
    void killedWorkerRestartsOnTheRest();
    void stoppedWorkerTimesOutAndRestarts();
    void killedRankZeroRestartsFromTheRunsCopy();
    void cliTrainsOnLocalWorkers();
    void lostWorkerThatComesBackRejoinsAtTheNextRestart();
    void trainsOnTheFilteredImagesOnly();

private:
    std::unique_ptr<cluster::LocalCluster> startCluster(int workers) { return startLocalWorkers(workers, m_dir.filePath(QStringLiteral("cache"))); }
    cluster::ClusterOptions clusterOptions(const cluster::LocalCluster &local) { return quickClusterOptions(local); }

    QTemporaryDir m_dir;
    std::unique_ptr<store::Project> m_project;
    QStringList m_log;
};

void TestClusterTraining::twoWorkersTrainARecordedRun()
{
    auto local = startCluster(2);
    QVERIFY(local);
    QElapsedTimer timer;
    timer.start();
    jobs::JobContext context;
    auto summary = cluster::runClusterTraining(*m_project, smallCnnOptions(3), clusterOptions(*local), context,
                                               [](const QString &line) { qInfo("%s", qPrintable(line)); });
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    qInfo("3 epochs on 2 workers in %lld ms: top-1 %.3f, %lld steps", timer.elapsed(), summary->finalTop1, qint64(summary->steps));
    store::Database &db = m_project->db();
    const std::int64_t run = summary->runId;
    QCOMPARE(runColumn(db, run, "status"), QStringLiteral("done"));
    QCOMPARE(summary->epochsDone, 3);
    QCOMPARE(summary->restarts, 0);
    QCOMPARE(summary->blobsSkipped, 0);
    // Every image once on one worker, and the initial model on both.
    QCOMPARE(summary->blobsUploaded, summary->trainImages + summary->validationImages + 2);

    // The config names the workers; the split is the local trainer's (same selection, same seed).
    const QJsonObject config = QJsonDocument::fromJson(runColumn(db, run, "config").toUtf8()).object();
    QCOMPARE(config.value(QStringLiteral("workers")).toArray().size(), 2);
    QCOMPARE(config.value(QStringLiteral("workers")).toArray().at(0).toString(), local->endpoints()[0].address);
    QCOMPARE(config.value(QStringLiteral("train_images")).toInteger(), summary->trainImages);

    // Metrics as a local run records them, plus each rank's.
    const auto loss = series(db, run, QStringLiteral("train/loss"));
    QCOMPARE(loss.size(), summary->steps);
    QCOMPARE(series(db, run, QStringLiteral("val/top1")).size(), 3);
    QCOMPARE(series(db, run, QStringLiteral("cluster/rank/1/compute_seconds")).size(), summary->steps);
    QVERIFY(series(db, run, QStringLiteral("cluster/restart")).isEmpty());
    const QList<double> values = loss.values();
    double first = 0, last = 0;
    for (int i = 0; i < 4; ++i) {
        first += values.at(i);
        last += values.at(values.size() - 1 - i);
    }
    QVERIFY2(last < first, qPrintable(QStringLiteral("loss %1 → %2").arg(first / 4).arg(last / 4)));
    QVERIFY(QDir(m_project->directory() + QStringLiteral("/runs/%1").arg(run)).entryList({QStringLiteral("events.out.tfevents.*")}).size() == 1);

    // Rank 0's model, registered like a local run's.
    auto models = store::listModels(db);
    QVERIFY(models.ok());
    QVERIFY(std::any_of(models->begin(), models->end(), [&](const store::ModelRecord &m) { return m.id == summary->modelId && m.runId == run; }));
    // The run names it as a local run does, for the runs list's Model button.
    auto record = store::findRun(db, run);
    QVERIFY(record.ok() && record->has_value());
    QCOMPARE((*record)->summary.value(QStringLiteral("model_id")).toInteger(), summary->modelId);
    auto model = nn::loadModelFile(summary->modelPath);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error()));
    QCOMPARE(model->classes, summary->classes);
    QCOMPARE(model->metadata.value(QStringLiteral("workers")).toArray().size(), 2);
}

void TestClusterTraining::secondRunSendsNoImages()
{
    auto local = startCluster(2); // the same caches as the first test's workers
    QVERIFY(local);
    jobs::JobContext context;
    auto summary = cluster::runClusterTraining(*m_project, smallCnnOptions(1), clusterOptions(*local), context);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    // Every image was in the workers' caches; at most the initial model goes again.
    QVERIFY2(summary->blobsSkipped >= summary->trainImages + summary->validationImages,
             qPrintable(QStringLiteral("%1 skipped").arg(summary->blobsSkipped)));
    QVERIFY2(summary->blobsUploaded <= 2, qPrintable(QStringLiteral("%1 uploaded").arg(summary->blobsUploaded)));
    // A worker keeps the files of its last job only, not one folder per job.
    const QStringList jobs = QDir(m_dir.filePath(QStringLiteral("cache/worker-0/jobs"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(jobs.size(), 1);
    QVERIFY2(jobs.first().startsWith(QStringLiteral("run%1-a0-").arg(summary->runId)), qPrintable(jobs.first()));
}

void TestClusterTraining::killedWorkerRestartsOnTheRest()
{
    auto local = startCluster(2);
    QVERIFY(local);
    const qint64 victim = local->processIds().at(1);
    AfterEpoch killer([victim] { ::kill(pid_t(victim), SIGKILL); });
    auto summary = cluster::runClusterTraining(*m_project, smallCnnOptions(8), clusterOptions(*local), killer.context,
                                               [](const QString &line) { qInfo("%s", qPrintable(line)); });
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QVERIFY(killer.fired);
    QCOMPARE(summary->restarts, 1);
    QCOMPARE(summary->workersAtEnd, QStringList{local->endpoints()[0].address});
    QCOMPARE(summary->epochsDone, 8);
    store::Database &db = m_project->db();
    QCOMPARE(runColumn(db, summary->runId, "status"), QStringLiteral("done"));
    const auto restarts = series(db, summary->runId, QStringLiteral("cluster/restart"));
    QCOMPARE(restarts.size(), 1);
    // Resumed from the first epoch's checkpoint, not from the start: no completed epoch lost.
    QVERIFY2(restarts.firstKey() > 0, qPrintable(QString::number(restarts.firstKey())));
    QVERIFY(QFile::exists(summary->modelPath));
}

void TestClusterTraining::stoppedWorkerTimesOutAndRestarts()
{
    auto local = startCluster(2);
    QVERIFY(local);
    const qint64 victim = local->processIds().at(1);
    AfterEpoch stopper([victim] { ::kill(pid_t(victim), SIGSTOP); });
    QElapsedTimer timer;
    timer.start();
    auto summary = cluster::runClusterTraining(*m_project, smallCnnOptions(8), clusterOptions(*local), stopper.context,
                                               [](const QString &line) { qInfo("%s", qPrintable(line)); });
    ::kill(pid_t(victim), SIGCONT);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QVERIFY(stopper.fired);
    qInfo("recovered from a stopped worker in %lld ms in all", timer.elapsed());
    QCOMPARE(summary->restarts, 1);
    QCOMPARE(summary->workersAtEnd.size(), 1);
    QCOMPARE(summary->epochsDone, 8);
    QCOMPARE(series(m_project->db(), summary->runId, QStringLiteral("cluster/restart")).size(), 1);
}

void TestClusterTraining::killedRankZeroRestartsFromTheRunsCopy()
{
    auto local = startCluster(2);
    QVERIFY(local);
    // Rank 0 holds the rendezvous store and the checkpoints: the coordinator's copy of the second
    // epoch's checkpoint (taken as that epoch's metrics arrived) is what the restart continues from.
    const qint64 victim = local->processIds().at(0);
    AfterEpoch killer([victim] { ::kill(pid_t(victim), SIGKILL); }, 2);
    auto summary = cluster::runClusterTraining(*m_project, smallCnnOptions(8), clusterOptions(*local), killer.context,
                                               [](const QString &line) { qInfo("%s", qPrintable(line)); });
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QVERIFY(killer.fired);
    QCOMPARE(summary->restarts, 1);
    QCOMPARE(summary->workersAtEnd, QStringList{local->endpoints()[1].address});
    QCOMPARE(summary->epochsDone, 8);
    const auto restarts = series(m_project->db(), summary->runId, QStringLiteral("cluster/restart"));
    QCOMPARE(restarts.size(), 1);
    QVERIFY2(restarts.firstKey() >= 12, qPrintable(QString::number(restarts.firstKey())));
    QVERIFY(QFile::exists(summary->modelPath));
}

void TestClusterTraining::cliTrainsOnLocalWorkers()
{
    const QString projectDir = m_project->directory();
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SIEVE_WORKER"), QStringLiteral(SIEVE_WORKER_PATH));
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("train"), projectDir, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                                QStringLiteral("--input-size"), QStringLiteral("32"), QStringLiteral("--epochs"),
                                                QStringLiteral("1"), QStringLiteral("--batch"), QStringLiteral("8"),
                                                QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--workers"),
                                                QStringLiteral("local:2"), QStringLiteral("--checkpoint-every"), QStringLiteral("5"),
                                                QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QCOMPARE(out.value(QStringLiteral("workers")).toArray().size(), 2);
    QCOMPARE(out.value(QStringLiteral("epochs")).toInt(), 1);
    QCOMPARE(out.value(QStringLiteral("restarts")).toInt(), 0);
    QVERIFY(QFile::exists(out.value(QStringLiteral("model_path")).toString()));
    const std::int64_t run = out.value(QStringLiteral("run_id")).toInteger();
    // sieve-cli wrote to the project from another connection: the run is there.
    QCOMPARE(runColumn(m_project->db(), run, "status"), QStringLiteral("done"));
    QCOMPARE(QJsonDocument::fromJson(runColumn(m_project->db(), run, "config").toUtf8()).object()
                 .value(QStringLiteral("checkpoint_every_steps")).toInt(), 5);

    // Remote workers need a token; a worker that is not there is named.
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("train"), projectDir, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--workers"),
                                                QStringLiteral("127.0.0.1:1")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("--token-file"));
    const QString token = m_dir.filePath(QStringLiteral("token"));
    QFile file(token);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("secret\n");
    file.close();
    // A token file others can read is refused before anything is sent, saying how to mend it.
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("train"), projectDir, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--workers"),
                                                QStringLiteral("127.0.0.1:1"), QStringLiteral("--token-file"), token});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("chmod 600"));
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("train"), projectDir, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--workers"),
                                                QStringLiteral("127.0.0.1:1"), QStringLiteral("--token-file"), token});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 1);
    const QByteArray error = cli.readAllStandardError();
    QVERIFY2(error.contains("worker 127.0.0.1:1: not reachable"), error.constData());

    // --checkpoint-every takes a number of steps.
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("train"), projectDir, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--workers"),
                                                QStringLiteral("local:2"), QStringLiteral("--checkpoint-every"), QStringLiteral("0")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("--checkpoint-every"));

    // The project's workers: added with their token file, listed live, trained on.
    auto local = startCluster(2);
    QVERIFY(local);
    for (const cluster::WorkerEndpoint &endpoint : local->endpoints()) {
        cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("workers"), projectDir, QStringLiteral("--add"), endpoint.address,
                                                    QStringLiteral("--token-file"), local->tokenFile()});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    }
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("workers"), projectDir, QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonArray listed = QJsonDocument::fromJson(cli.readAllStandardOutput()).object().value(QStringLiteral("workers")).toArray();
    QCOMPARE(listed.size(), 2);
    QVERIFY(listed[0].toObject().value(QStringLiteral("answering")).toBool());
    QCOMPARE(listed[1].toObject().value(QStringLiteral("address")).toString(), local->endpoints()[1].address);
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("train"), projectDir, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                                                QStringLiteral("--input-size"), QStringLiteral("32"), QStringLiteral("--epochs"),
                                                QStringLiteral("1"), QStringLiteral("--batch"), QStringLiteral("8"),
                                                QStringLiteral("--workers"), QStringLiteral("project"), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QJsonObject onProject = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QCOMPARE(onProject.value(QStringLiteral("workers")).toArray().size(), 2);
    // A worker that stops: the list says so and exits 1.
    local->stop();
    cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("workers"), projectDir});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY(cli.readAllStandardOutput().contains("not reachable"));
    for (const cluster::WorkerEndpoint &endpoint : local->endpoints()) {
        cli.start(QStringLiteral(SIEVE_CLI_PATH), {QStringLiteral("workers"), projectDir, QStringLiteral("--remove"), endpoint.address});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
    }
}

// Worker 1 is killed after epoch 1 and started again (same address, token) after epoch 3;
// worker 2 is killed after epoch 5: at that second restart worker 1 answers and is idle, so the
// run goes on with workers 0 and 1, not with worker 0 alone.
void TestClusterTraining::lostWorkerThatComesBackRejoinsAtTheNextRestart()
{
    auto local = startCluster(3);
    QVERIFY(local);
    const QList<qint64> pids = local->processIds();
    const QString address1 = local->endpoints()[1].address;
    QProcess again;
    QStringList done;
    jobs::JobContext context([&](const jobs::JobProgress &progress) {
        const auto at = [&](int epoch, const std::function<void()> &action) {
            const QString key = QString::number(epoch);
            if (!done.contains(key) && progress.phase.startsWith(QStringLiteral("Epoch %1/").arg(epoch))) {
                done.append(key);
                action();
            }
        };
        at(1, [&] { ::kill(pid_t(pids[1]), SIGKILL); });
        at(3, [&] {
            again.start(QStringLiteral(SIEVE_WORKER_PATH),
                        {QStringLiteral("--listen"), address1, QStringLiteral("--token-file"), local->tokenFile(),
                         QStringLiteral("--cache-dir"), m_dir.filePath(QStringLiteral("cache-back")), QStringLiteral("--threads"),
                         QStringLiteral("1")});
            again.waitForStarted();
        });
        at(5, [&] { ::kill(pid_t(pids[2]), SIGKILL); });
    });
    QStringList lines;
    auto summary = cluster::runClusterTraining(*m_project, smallCnnOptions(9), clusterOptions(*local), context,
                                               [&lines](const QString &line) {
                                                   lines.append(line);
                                                   qInfo("%s", qPrintable(line));
                                               });
    again.terminate();
    again.waitForFinished(10000);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QCOMPARE(done, QStringList({QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("5")}));
    QCOMPARE(summary->restarts, 2);
    QCOMPARE(summary->workersAtEnd, QStringList({local->endpoints()[0].address, address1}));
    QCOMPARE(summary->epochsDone, 9);
    QVERIFY(lines.filter(QStringLiteral("Back and idle again, joining the run: %1").arg(address1)).size() == 1);
    // The worker count at each restart: 3 → 2, then 2 → 2 (one lost, one back).
    const auto workers = series(m_project->db(), summary->runId, QStringLiteral("cluster/workers"));
    QCOMPARE(workers.values(), QList<double>({2.0, 2.0}));
}

// The gallery's filter, unsaved (what the New Training Run dialog offers): a cluster run trains
// on the images it shows, as a local run does, not on all of them.
void TestClusterTraining::trainsOnTheFilteredImagesOnly()
{
    store::Database &db = m_project->db();
    auto query = db.prepare("SELECT id FROM categories ORDER BY id LIMIT 2");
    store::ImageFilter filter;
    (void)query->forEachRow([&] { filter.categories.append(query->int64(0)); });
    QCOMPARE(filter.categories.size(), 2);
    const std::int64_t shown = *db.queryInt(QStringLiteral("SELECT count(*) FROM images WHERE category_id IN (%1, %2)")
                                                .arg(filter.categories[0]).arg(filter.categories[1]).toUtf8().constData());
    const std::int64_t all = *db.queryInt("SELECT count(*) FROM images WHERE category_id IS NOT NULL");
    QVERIFY(shown < all);
    train::TrainOptions options = smallCnnOptions(1);
    options.filter = filter.toJson();
    auto local = startCluster(2);
    QVERIFY(local);
    jobs::JobContext context;
    auto summary = cluster::runClusterTraining(*m_project, options, clusterOptions(*local), context);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QCOMPARE(summary->classes.size(), 2);
    QCOMPARE(summary->trainImages + summary->validationImages, shown);
    QVERIFY(runColumn(db, summary->runId, "name").contains(QStringLiteral("filtered images")));
}

QTEST_MAIN(TestClusterTraining) // the demo generator renders text (offscreen)
#include "tst_cluster_training.moc"
