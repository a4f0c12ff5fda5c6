// LocalCluster: N sieve-worker processes on loopback with a private random token, healthy when
// start() returns, stopped cleanly (exit 0, ports released) when it is destroyed.

#include "worker_process.h"

#include "local_cluster.h"
#include "worker_client.h"

#include <QFileInfo>
#include <QObject>
#include <QTest>

#include <csignal>

using namespace sieve;

class TestLocalCluster : public QObject {
    Q_OBJECT

private slots:
    void startsHealthyWorkersAndStopsThem();
    void reportsAWorkerThatCannotStart();
    void killsAWorkerThatIgnoresSigterm();
};

void TestLocalCluster::startsHealthyWorkersAndStopsThem()
{
    cluster::LocalCluster::Options options;
    options.executable = QStringLiteral(SIEVE_WORKER_PATH);
    options.workers = 2;
    options.threadsPerWorker = 1;
    auto started = cluster::LocalCluster::start(options);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
    cluster::LocalCluster &local = **started;
    QCOMPARE(local.endpoints().size(), 2);
    QVERIFY(local.endpoints()[0].address != local.endpoints()[1].address);
    QCOMPARE(local.endpoints()[0].token.size(), 64);
    // Only this user may read the token.
    QCOMPARE(QFileInfo(local.tokenFile()).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    QList<int> ports;
    for (const cluster::WorkerEndpoint &endpoint : local.endpoints()) {
        auto info = cluster::WorkerClient(endpoint).info();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error()));
        QCOMPARE(info->threads, 1);
        ports.append(endpoint.address.section(QLatin1Char(':'), 1).toInt());
        // And only with it.
        QVERIFY(!cluster::WorkerClient(tests::endpoint(endpoint.address, "x")).info().ok());
    }
    QCOMPARE(local.stop(), (QList<int>{0, 0}));
    QVERIFY(!local.logFile(0).isEmpty());
    QFile log(local.logFile(0));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray logged = log.readAll();
    QVERIFY2(logged.contains("SIGTERM received") && !logged.contains("readable by other users"), logged.constData());
    for (int port : ports)
        QVERIFY(tests::portIsFree(port));
}

void TestLocalCluster::reportsAWorkerThatCannotStart()
{
    cluster::LocalCluster::Options options;
    options.executable = QStringLiteral(SIEVE_WORKER_PATH);
    QTemporaryDir dir;
    QFile blocker(dir.filePath("file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    options.cacheRoot = blocker.fileName(); // a file, not a folder: the worker cannot create its cache
    auto started = cluster::LocalCluster::start(options);
    QVERIFY(!started.ok());
    QVERIFY2(started.error().contains(QLatin1String("local worker 0 exited while starting")), qPrintable(started.error()));
    QVERIFY2(started.error().contains(QLatin1String("cache directory")), qPrintable(started.error()));
}

void TestLocalCluster::killsAWorkerThatIgnoresSigterm()
{
    cluster::LocalCluster::Options options;
    options.executable = QStringLiteral(SIEVE_WORKER_PATH);
    options.stopGrace = std::chrono::milliseconds(500);
    auto started = cluster::LocalCluster::start(options);
    QVERIFY(started.ok());
    // A stopped process cannot act on SIGTERM: stop() has to SIGKILL it.
    ::kill(pid_t((*started)->processIds().first()), SIGSTOP);
    QCOMPARE((*started)->stop(), QList<int>{-1});
}

QTEST_GUILESS_MAIN(TestLocalCluster)
#include "tst_local_cluster.moc"
