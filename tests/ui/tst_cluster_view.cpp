// The cluster from the window: the project's workers in the cluster view (live state, why one
// does not answer, the run and rank each works for with its images/s), adding a worker with a
// typed token (Test Connection with a wrong and a right token) and removing it, where to train
// in the New Training Run dialog, and cluster runs started as jobs — on the project's workers
// and on a local cluster the job starts and stops. Real sieve-worker processes on 127.0.0.1.

#include "../core/train_test_project.h"

#include "cluster/cluster_activity.h"
#include "cluster/cluster_monitor.h"
#include "cluster/cluster_panel.h"
#include "cluster/cluster_training_job.h"
#include "cluster/worker_dialog.h"
#include "jobs/job_runner.h"
#include "local_cluster.h"
#include "session/project_session.h"
#include "store/cluster_workers.h"
#include "store/runs.h"
#include "training/new_run_dialog.h"
#include "worker_registry.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/stat.h>

using namespace sieve;
using namespace sieve::ui;

namespace {

train::TrainOptions smallRun()
{
    train::TrainOptions options;
    options.model = QStringLiteral("smallcnn");
    options.inputSize = 32;
    options.epochs = 2;
    options.batchSize = 8;
    options.seed = 3;
    options.precision = QStringLiteral("fp32");
    return options;
}

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

int rowOf(const QTableWidget *table, const QString &address)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (cell(table, row, 0).contains(address))
            return row;
    return -1;
}

} // namespace

class TestClusterView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SIEVE_TOKEN_DIR", m_dir.filePath(QStringLiteral("tokens")).toUtf8());
        qputenv("SIEVE_WORKER", SIEVE_WORKER_PATH);
        auto project = test::makeTrainingProject(m_dir.path(), 90, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_projectDir = (*project)->directory();
        project->reset();
        auto session = ProjectSession::open(m_projectDir);
        QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error()));
        m_session = std::move(*session);

        cluster::LocalCluster::Options options;
        options.workers = 2;
        options.threadsPerWorker = 1;
        options.cacheRoot = m_dir.filePath(QStringLiteral("node-caches"));
        auto started = cluster::LocalCluster::start(options);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
        m_nodes = std::move(*started);
        QFile token(m_nodes->tokenFile());
        QVERIFY(token.open(QIODevice::ReadOnly));
        m_token = token.readAll().trimmed();
    }

    void viewShowsWorkersLive()
    {
        store::Database &db = m_session->project().db();
        const QString address0 = m_nodes->endpoints()[0].address;
        Result<std::int64_t> id = store::addClusterWorker(db, {0, address0, QStringLiteral("node zero"), m_nodes->tokenFile(), {}, {}, {}});
        QVERIFY(id.ok());
        m_node0 = *id;
        // Nothing listens on port 1.
        Result<std::int64_t> dead = store::addClusterWorker(db, {0, QStringLiteral("127.0.0.1:1"), {}, m_nodes->tokenFile(), {}, {}, {}});
        QVERIFY(dead.ok());

        ClusterActivity activity;
        ClusterPanel panel(db, &activity);
        panel.resize(1000, 300);
        panel.show();
        QTableWidget *table = panel.table();
        QCOMPARE(table->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, rowOf(table, address0), 1), QStringLiteral("idle"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, rowOf(table, QStringLiteral("127.0.0.1:1")), 1), QStringLiteral("not reachable"), 10000);
        const int row = rowOf(table, address0);
        QVERIFY(cell(table, row, 0).contains(QStringLiteral("node zero")));
        QVERIFY(cell(table, row, 2).contains(QStringLiteral("1 thread")));   // the worker's --threads
        QVERIFY2(cell(table, row, 3).contains(QStringLiteral(" %)")), qPrintable(cell(table, row, 3)));   // its load
        QCOMPARE(cell(table, row, 6), QStringLiteral("—"));   // works for no run of this window
        QVERIFY2(panel.summary().contains(QStringLiteral("1 answering")), qPrintable(panel.summary()));
        auto *problems = panel.findChild<QLabel *>(QStringLiteral("clusterProblems"));
        QVERIFY(problems->isVisible());
        QVERIFY(problems->text().contains(QStringLiteral("127.0.0.1:1")));

        // A wrong token, and a token file that is not there: each says so in a few words.
        const QString wrongToken = m_dir.filePath(QStringLiteral("wrong.token"));
        QFile wrong(wrongToken);
        QVERIFY(wrong.open(QIODevice::WriteOnly) && wrong.write("not-the-token-of-this-worker\n") > 0);
        wrong.close();
        QVERIFY(wrong.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        const QString address1 = m_nodes->endpoints()[1].address;
        Result<std::int64_t> refused = store::addClusterWorker(db, {0, address1, {}, wrongToken, {}, {}, {}});
        Result<std::int64_t> noFile = store::addClusterWorker(db, {0, QStringLiteral("127.0.0.1:2"), {}, m_dir.filePath(QStringLiteral("gone.token")), {}, {}, {}});
        QVERIFY(refused.ok() && noFile.ok());
        panel.monitor()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, rowOf(table, address1), 1), QStringLiteral("token refused"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, rowOf(table, QStringLiteral("127.0.0.1:2")), 1), QStringLiteral("token or TLS file problem"), 10000);
        QVERIFY(problems->text().contains(QStringLiteral("gone.token")));
        panel.removeWorker(*refused, true);
        panel.removeWorker(*noFile, true);

        // Removing the dead one: its row goes; the token file is the user's and stays.
        panel.removeWorker(*dead, true);
        QCOMPARE(table->rowCount(), 1);
        QTRY_VERIFY(!problems->isVisible());
        QVERIFY(QFile::exists(m_nodes->tokenFile()));
    }

    void dialogAddsWorkerWithTypedToken()
    {
        store::Database &db = m_session->project().db();
        const QString address1 = m_nodes->endpoints()[1].address;
        WorkerDialog dialog(db, {});
        QSignalSpy tested(&dialog, &WorkerDialog::tested);
        dialog.typedTokenChoice()->setChecked(true);

        dialog.addressEdit()->setText(QStringLiteral("127.0.0.1"));
        dialog.testButton()->click();
        QCOMPARE(tested.count(), 1);
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY(dialog.message().contains(QStringLiteral("HOST:PORT")));

        dialog.addressEdit()->setText(address1);
        dialog.tokenEdit()->setText(QStringLiteral("not-the-token-of-this-worker"));
        dialog.testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 10000);
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY2(dialog.message().contains(QStringLiteral("token was refused")), qPrintable(dialog.message()));

        dialog.tokenEdit()->setText(QString::fromUtf8(m_token));
        dialog.testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 3, 10000);
        QVERIFY2(tested.last().at(0).toBool(), qPrintable(dialog.message()));
        QVERIFY(dialog.message().contains(QStringLiteral("cores")));

        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const store::ClusterWorker saved = dialog.worker();
        QVERIFY(saved.id > 0);
        QVERIFY(cluster::isStoredToken(saved.tokenFile));
        struct stat status = {};
        QCOMPARE(::stat(QFile::encodeName(saved.tokenFile).constData(), &status), 0);
        QCOMPARE(int(status.st_mode & 0777), 0600);
        Result<QList<store::ClusterWorker>> listed = store::listClusterWorkers(db);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->last().address, address1);
        QCOMPARE(cluster::endpointFor(listed->last())->token, m_token);
        m_node1 = saved.id;
        m_storedToken = saved.tokenFile;

        // The same address again is refused in words, and no second token file is left behind.
        WorkerDialog again(db, {});
        again.typedTokenChoice()->setChecked(true);
        again.addressEdit()->setText(address1);
        again.tokenEdit()->setText(QString::fromUtf8(m_token));
        again.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(again.result() != int(QDialog::Accepted));
        QVERIFY(again.message().contains(QStringLiteral("already")));
        QCOMPARE(QDir(cluster::workerTokenFolder()).entryList(QDir::Files).size(), 1);
    }

    void dialogChoosesWhereToTrain()
    {
        store::Database &db = m_session->project().db();
        Result<std::int64_t> dead = store::addClusterWorker(db, {0, QStringLiteral("127.0.0.1:1"), {}, m_nodes->tokenFile(), {}, {}, {}});
        QVERIFY(dead.ok());
        NewRunDialog dialog(m_session->project().databasePath());
        QSignalSpy loaded(&dialog, &NewRunDialog::choicesLoaded);
        QVERIFY(loaded.wait(20000));
        QVERIFY(store::removeClusterWorker(db, *dead).ok());
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("trainWorkers"));
        QCOMPARE(list->count(), 3);
        // Each worker's state beside it; a ticked one that does not answer blocks Start.
        QTRY_VERIFY_WITH_TIMEOUT(list->item(0)->text().contains(QStringLiteral("idle")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(list->item(2)->text().contains(QStringLiteral("not answering")), 10000);
        // Ticked at first, the one that does not answer is unticked when that is known.
        QCOMPARE(list->item(0)->checkState(), Qt::Checked);
        QCOMPARE(list->item(1)->checkState(), Qt::Checked);
        QCOMPARE(list->item(2)->checkState(), Qt::Unchecked);
        dialog.setPlacement(TrainingPlacement::Kind::ProjectWorkers, 2, {m_node0, *dead});
        QVERIFY(!dialog.canStart());
        QVERIFY2(dialog.message(NewRunDialog::Placement).contains(QStringLiteral("Not answering: 127.0.0.1:1")),
                 qPrintable(dialog.message(NewRunDialog::Placement)));
        dialog.setPlacement(TrainingPlacement::Kind::ThisComputer);
        QVERIFY(dialog.canStart());
        QCOMPARE(dialog.placement().kind, TrainingPlacement::Kind::ThisComputer);

        dialog.setPlacement(TrainingPlacement::Kind::ProjectWorkers, 2, {});
        QVERIFY(!dialog.canStart());
        QVERIFY(dialog.message(NewRunDialog::Placement).contains(QStringLiteral("Tick")));
        dialog.setPlacement(TrainingPlacement::Kind::ProjectWorkers, 2, {m_node1, m_node0});
        QVERIFY2(dialog.canStart(), qPrintable(dialog.message(NewRunDialog::Placement)));
        dialog.findChild<QSpinBox *>(QStringLiteral("checkpointEvery"))->setValue(50);
        const TrainingPlacement chosen = dialog.placement();
        QCOMPARE(chosen.checkpointEverySteps, 50);
        QCOMPARE(chosen.workers.size(), 2);
        QCOMPARE(chosen.workers[0].id, m_node0);   // the project's order: rank 0 first
        QCOMPARE(chosen.workers[1].id, m_node1);

        // More workers than the batch has images, or than there are threads: refused in words.
        dialog.setPlacement(TrainingPlacement::Kind::LocalCluster, 64);
        QVERIFY(!dialog.canStart());
        QVERIFY2(dialog.message(NewRunDialog::Placement).contains(QStringLiteral("batch of 32 images cannot be shared by 64 workers")),
                 qPrintable(dialog.message(NewRunDialog::Placement)));
        const int tooMany = QThread::idealThreadCount() + 1;
        if (tooMany <= 32) {
            dialog.setPlacement(TrainingPlacement::Kind::LocalCluster, tooMany);
            QVERIFY(!dialog.canStart());
            QVERIFY2(dialog.message(NewRunDialog::Placement).contains(QStringLiteral("%1 local workers on").arg(tooMany)),
                     qPrintable(dialog.message(NewRunDialog::Placement)));
        }
        dialog.setPlacement(TrainingPlacement::Kind::LocalCluster, 1);
        QVERIFY(dialog.canStart());
        dialog.setPlacement(TrainingPlacement::Kind::ThisComputer);
        QVERIFY(dialog.message(NewRunDialog::Placement).isEmpty());
    }

    void jobTrainsOnProjectWorkers()
    {
        store::Database &db = m_session->project().db();
        TrainingPlacement placement;
        placement.kind = TrainingPlacement::Kind::ProjectWorkers;
        placement.workers = *store::listClusterWorkers(db);
        placement.checkpointEverySteps = 4;
        ClusterActivity activity;
        QList<ClusterActivity::Run> seen;
        connect(&activity, &ClusterActivity::changed, this, [&] {
            if (!activity.runs().isEmpty())
                seen = activity.runs();
        });
        auto runId = std::make_shared<std::atomic<std::int64_t>>(0);
        std::unique_ptr<JobRunner> runner(makeClusterTrainingJob(m_session.get(), smallRun(), {}, placement, runId, &activity));
        QSignalSpy finished(runner.get(), &JobRunner::finished);
        runner->start();
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(2).toString()));
        const std::int64_t run = runId->load();
        QVERIFY(run > 0);
        QVERIFY(activity.runs().isEmpty());   // the run ended
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen[0].runId, run);
        QCOMPARE(seen[0].ranks, QStringList({placement.workers[0].address, placement.workers[1].address}));

        auto record = store::findRun(db, run);
        QVERIFY(record.ok() && record->has_value());
        QCOMPARE((*record)->status, QStringLiteral("done"));
        QCOMPARE((*record)->config.value(QStringLiteral("workers")).toArray().size(), 2);
        QCOMPARE((*record)->config.value(QStringLiteral("checkpoint_every_steps")).toInt(), 4);

        // The view maps each rank's images/s to its worker.
        activity.setAttempt(run, 0, seen[0].ranks);
        ClusterMonitor monitor(db, &activity);
        store::MetricSeries rank1;
        QVERIFY(store::readMetrics(db, run, QStringLiteral("cluster/rank/1/images_per_second"), -1, rank1).ok());
        QVERIFY(!rank1.empty());
        bool found = false;
        for (const WorkerStatus &status : monitor.workers()) {
            if (status.address != seen[0].ranks[1])
                continue;
            found = true;
            QCOMPARE(status.runId, run);
            QCOMPARE(status.rank, 1);
            QCOMPARE(status.imagesPerSecond, rank1.values.back());
        }
        QVERIFY(found);
    }

    void jobStartsAndStopsALocalCluster()
    {
        TrainingPlacement placement;
        placement.kind = TrainingPlacement::Kind::LocalCluster;
        placement.localWorkers = 2;
        ClusterActivity activity;
        QList<cluster::WorkerEndpoint> local;
        connect(&activity, &ClusterActivity::changed, this, [&] {
            if (!activity.localWorkers().isEmpty())
                local = activity.localWorkers();
        });
        auto runId = std::make_shared<std::atomic<std::int64_t>>(0);
        train::TrainResources resources;
        resources.threads = 2;
        std::unique_ptr<JobRunner> runner(makeClusterTrainingJob(m_session.get(), smallRun(), resources, placement, runId, &activity));
        QSignalSpy finished(runner.get(), &JobRunner::finished);
        runner->start();
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(2).toString()));
        QCOMPARE(local.size(), 2);
        QVERIFY(activity.localWorkers().isEmpty());
        // The job's workers are gone: nothing answers on their ports any more.
        for (const cluster::WorkerEndpoint &endpoint : local)
            QVERIFY(!cluster::WorkerClient(endpoint, std::chrono::seconds(2)).checkHealth().ok());
        // Their caches stay in the project, so the next run sends nothing again.
        QVERIFY(QDir(m_projectDir + QStringLiteral("/cluster-cache/worker-0")).exists());
        auto record = store::findRun(m_session->project().db(), runId->load());
        QVERIFY(record.ok() && record->has_value());
        QCOMPARE((*record)->status, QStringLiteral("done"));
    }

    // A worker that does not answer: the job fails before any run is recorded, naming it.
    void jobOnAnUnreachableWorkerFailsNamingIt()
    {
        store::Database &db = m_session->project().db();
        const std::int64_t runsBefore = *db.queryInt("SELECT count(*) FROM runs");
        TrainingPlacement placement;
        placement.kind = TrainingPlacement::Kind::ProjectWorkers;
        placement.workers = {store::listClusterWorkers(db)->first(),
                             {0, QStringLiteral("127.0.0.1:1"), {}, m_nodes->tokenFile(), {}, {}, {}}};
        auto runId = std::make_shared<std::atomic<std::int64_t>>(0);
        std::unique_ptr<JobRunner> runner(makeClusterTrainingJob(m_session.get(), smallRun(), {}, placement, runId, nullptr));
        QSignalSpy finished(runner.get(), &JobRunner::finished);
        runner->start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY2(finished.last().at(2).toString().contains(QStringLiteral("127.0.0.1:1")), qPrintable(finished.last().at(2).toString()));
        QCOMPARE(*db.queryInt("SELECT count(*) FROM runs"), runsBefore);
    }

    // Cancelling the job stops the run on every worker: the run is "cancelled" and the workers
    // are idle again at once.
    void cancellingTheJobStopsTheWorkers()
    {
        store::Database &db = m_session->project().db();
        TrainingPlacement placement;
        placement.kind = TrainingPlacement::Kind::ProjectWorkers;
        placement.workers = *store::listClusterWorkers(db);
        ClusterActivity activity;
        auto runId = std::make_shared<std::atomic<std::int64_t>>(0);
        train::TrainOptions options = smallRun();
        options.epochs = 500;
        std::unique_ptr<JobRunner> runner(makeClusterTrainingJob(m_session.get(), options, {}, placement, runId, &activity));
        QSignalSpy finished(runner.get(), &JobRunner::finished);
        runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(!activity.runs().isEmpty(), 60000);
        runner->cancel();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(2).toString()));
        QVERIFY(finished.last().at(1).value<JobOutcome>().cancelled);
        auto record = store::findRun(db, runId->load());
        QVERIFY(record.ok() && record->has_value());
        QCOMPARE((*record)->status, QStringLiteral("cancelled"));
        // The summary names the workers it ran on, cancelled or not.
        QCOMPARE((*record)->summary.value(QStringLiteral("workers_at_end")).toArray().size(), 2);
        for (const store::ClusterWorker &worker : placement.workers) {
            Result<cluster::WorkerInfo> info = cluster::WorkerClient(*cluster::endpointFor(worker)).info();
            QVERIFY(info.ok());
            QVERIFY2(!info->busy, qPrintable(worker.address));
        }
    }

    // Last: it kills node 0. Its row then says since when it does not answer and shows none of
    // its last load, memory or cache as if current; its hardware stays.
    void workerThatStopsAnsweringShowsNothingStale()
    {
        ClusterActivity activity;
        ClusterPanel panel(m_session->project().db(), &activity);
        panel.show();
        QTableWidget *table = panel.table();
        const QString address0 = m_nodes->endpoints()[0].address;
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, rowOf(table, address0), 1), QStringLiteral("idle"), 10000);
        QVERIFY(cell(table, rowOf(table, address0), 3).contains(QStringLiteral(" %)")));
        ::kill(pid_t(m_nodes->processIds()[0]), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(cell(table, rowOf(table, address0), 1).startsWith(QStringLiteral("not reachable since ")), 15000);
        const int row = rowOf(table, address0);
        QVERIFY(cell(table, row, 2).contains(QStringLiteral("1 thread")));
        for (int column : {3, 4, 5, 6})
            QCOMPARE(cell(table, row, column), QStringLiteral("—"));
    }

    void cleanupTestCase()
    {
        if (m_nodes)
            m_nodes->stop();
        // The stored token goes with its worker.
        ClusterActivity activity;
        ClusterPanel panel(m_session->project().db(), &activity);
        panel.removeWorker(m_node1, true);
        QVERIFY(!QFile::exists(m_storedToken));
    }

private:
    QTemporaryDir m_dir;
    QString m_projectDir;
    std::unique_ptr<ProjectSession> m_session;
    std::unique_ptr<cluster::LocalCluster> m_nodes;
    QByteArray m_token;
    std::int64_t m_node0 = 0;
    std::int64_t m_node1 = 0;
    QString m_storedToken;
};

QTEST_MAIN(TestClusterView)
#include "tst_cluster_view.moc"
