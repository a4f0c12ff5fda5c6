#include "collective.h"
#include "file_key_value_store.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <thread>

using namespace sieve;
using namespace std::chrono_literals;

// The Gloo wrapper with its ranks as threads of this process (the data-parallel tests run them
// as processes): results of each operation, the checksum comparison, and every wait bounded.
class TestCollective : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void operations();
    void checksumMismatchIsReportedEverywhere();
    void silentPeerTimesOut();
    void missingPeerFailsTheRendezvous();
    void storeGetTimesOut();

private:
    // Runs BODY(rank, collective) on WORLD threads connected under PREFIX; returns their statuses.
    std::vector<QString> runRanks(int world, const std::string &prefix, std::chrono::milliseconds timeout,
                                  const std::function<Status(int, cluster::Collective &)> &body);

    QTemporaryDir m_dir;
};

std::vector<QString> TestCollective::runRanks(int world, const std::string &prefix, std::chrono::milliseconds timeout,
                                              const std::function<Status(int, cluster::Collective &)> &body)
{
    cluster::FileKeyValueStore store(m_dir.filePath(QStringLiteral("store")));
    std::vector<QString> errors(static_cast<std::size_t>(world));
    std::vector<std::thread> threads;
    for (int r = 0; r < world; ++r) {
        threads.emplace_back([&, r] {
            Result<std::unique_ptr<cluster::Collective>> collective =
                cluster::Collective::connect({r, world, prefix, "127.0.0.1", timeout}, store);
            if (!collective) {
                errors[std::size_t(r)] = collective.error();
                return;
            }
            if (Status done = body(r, **collective); !done)
                errors[std::size_t(r)] = done.error();
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    return errors;
}

void TestCollective::operations()
{
    const int world = 3;
    std::vector<std::vector<float>> sums(world);
    std::vector<std::vector<double>> broadcasts(world), gathered(world);
    const std::vector<QString> errors = runRanks(world, "ops", 10s, [&](int rank, cluster::Collective &c) -> Status {
        // Three megabytes: several of Gloo's 1 MiB segments per rank.
        std::vector<float> data(750000);
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = float(rank + 1) * float(i % 1000);
        if (Status s = c.allReduceSum(std::span<float>(data)); !s)
            return s;
        sums[std::size_t(rank)] = data;
        std::vector<double> value{double(rank) + 0.5, -double(rank)};
        if (Status s = c.broadcast(std::span<double>(value), 2); !s)
            return s;
        broadcasts[std::size_t(rank)] = value;
        if (Status s = c.barrier(); !s)
            return s;
        const double mine[2] = {double(rank), double(rank * 10)};
        Result<std::vector<double>> all = c.allGather(mine);
        if (!all)
            return all.takeError();
        gathered[std::size_t(rank)] = *all;
        if (c.bytesSent() == 0)
            return fail(QStringLiteral("no bytes counted"));
        return {};
    });
    for (int r = 0; r < world; ++r) {
        QVERIFY2(errors[std::size_t(r)].isEmpty(), qPrintable(errors[std::size_t(r)]));
        QCOMPARE(sums[std::size_t(r)].size(), std::size_t(750000));
        for (std::size_t i : {std::size_t(0), std::size_t(999), std::size_t(123456), std::size_t(749999)})
            QCOMPARE(sums[std::size_t(r)][i], 6.0f * float(i % 1000)); // (1 + 2 + 3) · value
        QCOMPARE(broadcasts[std::size_t(r)], (std::vector<double>{2.5, -2.0}));
        QCOMPARE(gathered[std::size_t(r)], (std::vector<double>{0, 0, 1, 10, 2, 20}));
    }
}

void TestCollective::checksumMismatchIsReportedEverywhere()
{
    std::vector<std::vector<int>> answers(3);
    const std::vector<QString> errors = runRanks(3, "checksum", 10s, [&](int rank, cluster::Collective &c) -> Status {
        const std::uint64_t same = 0xfedcba9876543210ull;
        Result<std::vector<int>> agreed = c.checksumMismatches(same);
        if (!agreed)
            return agreed.takeError();
        if (!agreed->empty())
            return fail(QStringLiteral("equal checksums reported as different"));
        // Rank 1's differs in the lowest bit only.
        Result<std::vector<int>> differing = c.checksumMismatches(rank == 1 ? same ^ 1 : same);
        if (!differing)
            return differing.takeError();
        answers[std::size_t(rank)] = *differing;
        return {};
    });
    for (int r = 0; r < 3; ++r) {
        QVERIFY2(errors[std::size_t(r)].isEmpty(), qPrintable(errors[std::size_t(r)]));
        QCOMPARE(answers[std::size_t(r)], std::vector<int>{1});
    }
}

void TestCollective::silentPeerTimesOut()
{
    QElapsedTimer elapsed;
    elapsed.start();
    const std::vector<QString> errors = runRanks(2, "silent", 1500ms, [&](int rank, cluster::Collective &c) -> Status {
        if (rank == 1) { // connected, then never joins the all-reduce
            std::this_thread::sleep_for(3s);
            return {};
        }
        std::vector<float> data(1000, 1.0f);
        Status first = c.allReduceSum(std::span<float>(data));
        Status second = c.allReduceSum(std::span<float>(data)); // fails at once with the first error
        return !first && !second && first.error() == second.error() ? first : fail(QStringLiteral("no timeout"));
    });
    qInfo("%s", qPrintable(errors[0]));
    QVERIFY(errors[0].contains(QLatin1String("timed out on rank 0 of 2 after 1.5 s")));
    QVERIFY(errors[1].isEmpty());
    QVERIFY(elapsed.elapsed() < 10000);
}

void TestCollective::missingPeerFailsTheRendezvous()
{
    cluster::FileKeyValueStore store(m_dir.filePath(QStringLiteral("store")));
    QElapsedTimer elapsed;
    elapsed.start();
    Result<std::unique_ptr<cluster::Collective>> alone = cluster::Collective::connect({0, 2, "alone", "127.0.0.1", 1s}, store);
    QVERIFY(!alone);
    qInfo("%s", qPrintable(alone.error()));
    QVERIFY(alone.error().contains(QLatin1String("rank 0 of 2")));
    QVERIFY(alone.error().contains(QLatin1String("alone")));
    QVERIFY(elapsed.elapsed() < 10000);
    QVERIFY(!cluster::Collective::connect({2, 2, "bad", "127.0.0.1", 1s}, store));
}

void TestCollective::storeGetTimesOut()
{
    cluster::FileKeyValueStore store(m_dir.filePath(QStringLiteral("kv")));
    QVERIFY(store.set("a/b", {'x', 'y'}).ok());
    Result<std::vector<char>> value = store.get("a/b", 100ms);
    QVERIFY(value.ok());
    QCOMPARE(*value, (std::vector<char>{'x', 'y'}));
    Status waited = store.wait({"a/b", "never"}, 100ms);
    QVERIFY(!waited);
    QVERIFY(waited.error().contains(QLatin1String("never")));
    QVERIFY(!waited.error().contains(QLatin1String("a/b,")));
}

QTEST_MAIN(TestCollective)
#include "tst_collective.moc"
