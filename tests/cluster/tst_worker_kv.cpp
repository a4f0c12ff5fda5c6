// The key-value store Gloo's rendezvous uses, on a real worker: a get waits for a later set,
// every wait ends at its timeout, rendezvous prefixes keep attempts apart, and a worker stopped
// with SIGTERM ends the waits it holds instead of hanging on them.

#include "worker_process.h"

#include "rendezvous_store.h"
#include "worker_client.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>

#include <thread>

using namespace sieve;
using namespace std::chrono_literals;
using sieve::tests::WorkerProcess;

class TestWorkerKv : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void getWaitsForALaterSet();
    void getTimesOut();
    void waitForKeys();
    void rendezvousPrefixesKeepAttemptsApart();
    void sigtermEndsPendingWaits();

private:
    cluster::WorkerEndpoint endpoint() const { return tests::endpoint(m_worker->address(), tests::kTestToken); }
    std::unique_ptr<WorkerProcess> m_worker;
};

void TestWorkerKv::init()
{
    m_worker = std::make_unique<WorkerProcess>(QStringLiteral(SIEVE_WORKER_PATH), QStringList{});
    QVERIFY2(m_worker->waitReady(), qPrintable(m_worker->log()));
}

void TestWorkerKv::cleanup() { m_worker.reset(); }

void TestWorkerKv::getWaitsForALaterSet()
{
    cluster::WorkerClient client(endpoint());
    // Another rank sets the key 400 ms later, over its own connection.
    std::thread setter([endpoint = endpoint()] {
        std::this_thread::sleep_for(400ms);
        cluster::WorkerClient(endpoint).kvSet("rank1/address", "10.0.0.2:4000").ok();
    });
    QElapsedTimer timer;
    timer.start();
    auto value = client.kvGet("rank1/address", 10s);
    const qint64 elapsed = timer.elapsed();
    setter.join();
    QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error()));
    QCOMPARE(*value, QByteArray("10.0.0.2:4000"));
    QVERIFY2(elapsed >= 350 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    // Once set, a get answers at once, even without waiting.
    value = client.kvGet("rank1/address", 0ms);
    QVERIFY(value.ok());
    QCOMPARE(*value, QByteArray("10.0.0.2:4000"));
}

void TestWorkerKv::getTimesOut()
{
    cluster::WorkerClient client(endpoint());
    QElapsedTimer timer;
    timer.start();
    auto value = client.kvGet("never/set", 500ms);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!value.ok());
    QVERIFY2(value.error().contains(QLatin1String("[DEADLINE_EXCEEDED]")), qPrintable(value.error()));
    QVERIFY2(value.error().contains(QLatin1String("key \"never/set\" was not set before the timeout")), qPrintable(value.error()));
    QVERIFY2(elapsed >= 450 && elapsed < 5000, qPrintable(QString::number(elapsed)));
}

void TestWorkerKv::waitForKeys()
{
    cluster::WorkerClient client(endpoint());
    QVERIFY(client.kvSet("a", "1").ok());
    std::thread setter([endpoint = endpoint()] {
        std::this_thread::sleep_for(300ms);
        cluster::WorkerClient(endpoint).kvSet("b", "2").ok();
    });
    const Status both = client.kvWait({"a", "b"}, 10s);
    setter.join();
    QVERIFY2(both.ok(), qPrintable(both.ok() ? QString() : both.error()));
    const Status missing = client.kvWait({"a", "b", "c"}, 300ms);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QLatin1String("key \"c\"")), qPrintable(missing.error()));
}

void TestWorkerKv::rendezvousPrefixesKeepAttemptsApart()
{
    cluster::WorkerRendezvousStore first(endpoint(), "run-1/attempt-1");
    cluster::WorkerRendezvousStore second(endpoint(), "run-1/attempt-2");
    QVERIFY(first.set("rank0", {'x', 'y'}).ok());
    auto value = first.get("rank0", 1s);
    QVERIFY(value.ok());
    QCOMPARE(*value, (std::vector<char>{'x', 'y'}));
    // The second attempt does not see the first one's keys.
    QVERIFY(!second.get("rank0", 200ms).ok());
    QVERIFY(!second.wait({"rank0"}, 200ms).ok());
    QVERIFY(first.wait({"rank0"}, 200ms).ok());
}

void TestWorkerKv::sigtermEndsPendingWaits()
{
    Status result;
    std::thread waiter([&result, endpoint = endpoint()] { result = cluster::WorkerClient(endpoint).kvWait({"never"}, 60s); });
    QTest::qWait(300); // the wait is pending on the worker
    QElapsedTimer timer;
    timer.start();
    m_worker->terminate();
    QCOMPARE(m_worker->waitExit(), 0);
    waiter.join();
    QVERIFY2(timer.elapsed() < 10'000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("[UNAVAILABLE]")), qPrintable(result.error()));
}

QTEST_GUILESS_MAIN(TestWorkerKv)
#include "tst_worker_kv.moc"
