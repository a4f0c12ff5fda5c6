// StartJob, Watch, Cancel and FetchModel through real processes: a sieve-worker without a
// training runner (it validates and answers UNIMPLEMENTED) and the scripted-runner worker,
// whose jobs emit events, fail or wait for a cancel as the spec says (scripted_runner_worker.cpp).

#include "worker_process.h"

#include "ingest/image_file.h"
#include "nn/model_zoo.h"
#include "worker_client.h"

#include <QObject>
#include <QTest>

using namespace sieve;
using sieve::tests::WorkerProcess;

class TestWorkerJobs : public QObject {
    Q_OBJECT

private slots:
    void withoutRunnerValidSpecIsUnimplemented();
    void maliciousSpecsAreRefused_data();
    void maliciousSpecsAreRefused();
    void watchAndFetchModel();
    void cancelAndBusy();
    void failureIsReported();
    void sigtermCancelsTheJob();

private:
    // Starts EXECUTABLE, uploads two images and returns a valid spec for them (epochs = MODE).
    cluster::JobSpec prepare(const QString &executable, int mode);
    QList<cluster::JobEvent> watchAll(const QString &jobId);

    std::unique_ptr<WorkerProcess> m_worker;
    std::unique_ptr<cluster::WorkerClient> m_client;
    QTemporaryDir m_files;
    QByteArray m_firstImage;
};

cluster::JobSpec TestWorkerJobs::prepare(const QString &executable, int mode)
{
    m_worker = std::make_unique<WorkerProcess>(executable, QStringList{"--threads", "2"});
    m_worker->waitReady();
    m_client = std::make_unique<cluster::WorkerClient>(tests::endpoint(m_worker->address(), tests::kTestToken));
    cluster::JobSpec spec;
    QList<cluster::BlobFile> files;
    for (int i = 0; i < 2; ++i) {
        const QByteArray bytes = QByteArray("image ") + QByteArray::number(i) + QByteArray(100, char('a' + i));
        if (i == 0)
            m_firstImage = bytes;
        QFile file(m_files.filePath(QString::number(i)));
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        files.append({ingest::contentHash(bytes), file.fileName()});
        spec.shard.append({files.last().hash, i});
    }
    auto uploaded = m_client->uploadBlobs(files);
    if (!uploaded)
        qWarning("%s", qPrintable(uploaded.error()));
    spec.jobId = QStringLiteral("job-%1").arg(mode);
    spec.modelDefinitionJson = nn::smallCnn(2).toJson();
    spec.classes = {QStringLiteral("cat"), QStringLiteral("dog")};
    spec.hyperParameters.epochs = mode;
    return spec;
}

QList<cluster::JobEvent> TestWorkerJobs::watchAll(const QString &jobId)
{
    QList<cluster::JobEvent> events;
    const Status watched = m_client->watch(jobId, 0, [&events](const cluster::JobEvent &event) {
        events.append(event);
        return true;
    }, std::chrono::seconds(60));
    if (!watched)
        qWarning("%s", qPrintable(watched.error()));
    return events;
}

void TestWorkerJobs::withoutRunnerValidSpecIsUnimplemented()
{
    const cluster::JobSpec spec = prepare(QStringLiteral(NORUNNER_WORKER_PATH), 1);
    auto started = m_client->startJob(spec);
    QVERIFY(!started.ok());
    QVERIFY2(started.error().contains(QLatin1String("[UNIMPLEMENTED]")), qPrintable(started.error()));
    QVERIFY2(started.error().contains(QLatin1String("the job spec is valid, but this sieve-worker has no job runner")),
             qPrintable(started.error()));
    auto info = m_client->info();
    QVERIFY(info.ok());
    QVERIFY(!info->busy);
    QVERIFY(info->jobId.isEmpty());
}

void TestWorkerJobs::maliciousSpecsAreRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("path as hash") << 0 << "shard[1].hash \"../x\" is not a content hash";
    QTest::newRow("rank beyond world") << 1 << "rank 3 must be less than world_size 2";
    QTest::newRow("bad model JSON") << 2 << "model_definition_json:";
    QTest::newRow("absurd sizes") << 3 << "hyper_parameters.global_batch_size 100000000 is outside";
}

void TestWorkerJobs::maliciousSpecsAreRefused()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    cluster::JobSpec spec = prepare(QStringLiteral(NORUNNER_WORKER_PATH), 1);
    switch (kind) {
    case 0: spec.shard[1].hash = QStringLiteral("../x"); break;
    case 1: spec.rank = 3; spec.worldSize = 2; spec.rendezvousAddress = "127.0.0.1:1"; spec.rendezvousPrefix = "p"; break;
    case 2: spec.modelDefinitionJson = "{\"nodes\": 12"; break;
    default: spec.hyperParameters.globalBatchSize = 100'000'000; break;
    }
    auto started = m_client->startJob(spec);
    QVERIFY(!started.ok());
    QVERIFY2(started.error().contains(QLatin1String("[INVALID_ARGUMENT]")), qPrintable(started.error()));
    QVERIFY2(started.error().contains(expected), qPrintable(started.error()));
    QTRY_VERIFY(m_worker->log().contains(QLatin1String("StartJob from")));
}

void TestWorkerJobs::watchAndFetchModel()
{
    const cluster::JobSpec spec = prepare(QStringLiteral(SCRIPTED_WORKER_PATH), 1);
    auto started = m_client->startJob(spec);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
    QCOMPARE(*started, spec.jobId);

    const QList<cluster::JobEvent> events = watchAll(spec.jobId);
    // running, the runner's log line, 3 steps, an epoch, succeeded; numbered without gaps.
    QCOMPARE(events.size(), 7);
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events[i].sequence, std::uint64_t(i));
    QCOMPARE(events.first().kind, cluster::JobEvent::Kind::State);
    QCOMPARE(events.first().state, cluster::JobState::Running);
    QCOMPARE(events[1].kind, cluster::JobEvent::Kind::Log);
    QCOMPARE(events[1].text, QStringLiteral("scripted runner: 2 images, 2 threads"));
    QCOMPARE(events[3].kind, cluster::JobEvent::Kind::Step);
    QCOMPARE(events[3].step, 2u);
    QCOMPARE(events[3].metrics.first(), (QPair<QString, double>(QStringLiteral("train/loss"), 0.5)));
    QCOMPARE(events[5].kind, cluster::JobEvent::Kind::Epoch);
    QCOMPARE(events[5].epoch, 1);
    QCOMPARE(events.last().state, cluster::JobState::Succeeded);

    // A late watcher from sequence 5 gets the rest.
    QList<cluster::JobEvent> tail;
    QVERIFY(m_client->watch(spec.jobId, 5, [&tail](const cluster::JobEvent &e) { tail.append(e); return true; }).ok());
    QCOMPARE(tail.size(), 2);

    const QString model = m_files.filePath(QStringLiteral("model.sievemodel"));
    const Status fetched = m_client->fetchModel(spec.jobId, model);
    QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : fetched.error()));
    QFile file(model);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.size(), 8 + m_firstImage.size() + (5 << 19));
    QVERIFY(bytes.startsWith("SCRIPTED" + m_firstImage));
    QCOMPARE(bytes.at(8 + m_firstImage.size() + 300), char(300 % 251));

    auto info = m_client->info();
    QVERIFY(info.ok());
    QVERIFY(!info->busy);
    QCOMPARE(info->jobId, spec.jobId);
    QCOMPARE(info->jobState, cluster::JobState::Succeeded);

    auto unknown = m_client->watch(QStringLiteral("nope"), 0, [](const cluster::JobEvent &) { return true; });
    QVERIFY(unknown.error().contains(QLatin1String("[NOT_FOUND]")));
}

void TestWorkerJobs::cancelAndBusy()
{
    const cluster::JobSpec spec = prepare(QStringLiteral(SCRIPTED_WORKER_PATH), 2);
    QVERIFY(m_client->startJob(spec).ok());
    auto info = m_client->info();
    QVERIFY(info.ok());
    QVERIFY(info->busy);
    // One job at a time.
    cluster::JobSpec second = spec;
    second.jobId = QStringLiteral("another");
    auto refused = m_client->startJob(second);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("[FAILED_PRECONDITION]")) && refused.error().contains(QLatin1String("job-2 is still running")),
             qPrintable(refused.error()));
    // Fetching before the end is refused.
    QVERIFY(m_client->fetchModel(spec.jobId, m_files.filePath("early")).error().contains(QLatin1String("still running")));
    // A best model exists only once an epoch has ended (this runner ends none); none is written.
    const Status best = m_client->fetchBestModel(spec.jobId, m_files.filePath("best"));
    QVERIFY2(best.error().contains(QLatin1String("[FAILED_PRECONDITION]")) && best.error().contains(QLatin1String("no best model")),
             qPrintable(best.error()));
    QVERIFY(!QFile::exists(m_files.filePath("best")));

    // Watch a few steps, then cancel from the watcher's callback's point of view.
    int steps = 0;
    QVERIFY(m_client->watch(spec.jobId, 0, [&steps](const cluster::JobEvent &e) {
        steps += e.kind == cluster::JobEvent::Kind::Step;
        return steps < 3;
    }).ok());
    auto state = m_client->cancel(spec.jobId);
    QVERIFY(state.ok());
    QCOMPARE(*state, cluster::JobState::Running);
    const QList<cluster::JobEvent> events = watchAll(spec.jobId);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().kind, cluster::JobEvent::Kind::State);
    QCOMPARE(events.last().state, cluster::JobState::Cancelled);
    const Status fetched = m_client->fetchModel(spec.jobId, m_files.filePath("model"));
    QVERIFY2(fetched.error().contains(QLatin1String("cancelled and left no model")), qPrintable(fetched.error()));
    QVERIFY(!QFile::exists(m_files.filePath("model")));
    // Now the worker takes the next job.
    second.hyperParameters.epochs = 1;
    QVERIFY(m_client->startJob(second).ok());
}

void TestWorkerJobs::failureIsReported()
{
    const cluster::JobSpec spec = prepare(QStringLiteral(SCRIPTED_WORKER_PATH), 3);
    QVERIFY(m_client->startJob(spec).ok());
    const QList<cluster::JobEvent> events = watchAll(spec.jobId);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().state, cluster::JobState::Failed);
    QCOMPARE(events.last().text, QStringLiteral("scripted failure: told to fail"));
    QTRY_VERIFY(m_worker->log().contains(QLatin1String("job job-3: failed: scripted failure")));
}

void TestWorkerJobs::sigtermCancelsTheJob()
{
    const cluster::JobSpec spec = prepare(QStringLiteral(SCRIPTED_WORKER_PATH), 2);
    QVERIFY(m_client->startJob(spec).ok());
    QTest::qWait(200);
    m_worker->terminate();
    QCOMPARE(m_worker->waitExit(), 0);
    QVERIFY2(m_worker->log().contains(QLatin1String("job job-2: cancelled")), qPrintable(m_worker->log()));
}

QTEST_GUILESS_MAIN(TestWorkerJobs)
#include "tst_worker_jobs.moc"
