#include "dp_test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace sieve;

// A rank that dies or stops answering in the middle of a data-parallel job must fail the other
// ranks with a clear Gloo error within the collective timeout: never a hang.
class TestDataParallelFaults : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killedRankFailsTheOthers();
    void stoppedRankTimesOut();
    void cancelStopsEveryRank();
    void ranksThatDivergeStopWithAClearError();

private:
    // Starts a long job of WORLD ranks and waits until rank 0 has done a few steps.
    std::vector<std::unique_ptr<test::RankProcess>> startLongJob(const QString &name, int world, int timeoutMs);

    QTemporaryDir m_dir;
    test::ImageLists m_lists;
};

void TestDataParallelFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Result<test::ImageLists> lists = test::makeImageLists(m_dir.path(), 40, 2);
    QVERIFY2(lists.ok(), lists.ok() ? "" : qPrintable(lists.error()));
    m_lists = *lists;
}

std::vector<std::unique_ptr<test::RankProcess>> TestDataParallelFaults::startLongJob(const QString &name, int world,
                                                                                     int timeoutMs)
{
    auto ranks = test::startRanks(QStringLiteral(SIEVE_DP_RANK_PATH), m_dir.path(), name, world, m_lists,
                                  {QStringLiteral("--batch"), QString::number(2 * world), QStringLiteral("--steps"),
                                   QStringLiteral("100000"), QStringLiteral("--epochs"), QStringLiteral("100000"),
                                   QStringLiteral("--timeout-ms"), QString::number(timeoutMs)});
    QElapsedTimer started;
    started.start();
    while (ranks[0]->lastStep() < 3 && started.elapsed() < 60000 && ranks[0]->process->state() != QProcess::NotRunning)
        QTest::qWait(50);
    return ranks;
}

void TestDataParallelFaults::killedRankFailsTheOthers()
{
    const int timeoutMs = 5000;
    auto ranks = startLongJob(QStringLiteral("killed"), 3, timeoutMs);
    QVERIFY2(ranks[0]->lastStep() >= 3, qPrintable(ranks[0]->errors()));
    ::kill(pid_t(ranks[2]->process->processId()), SIGKILL);
    QElapsedTimer elapsed;
    elapsed.start();
    for (int r = 0; r < 2; ++r) {
        QVERIFY(ranks[std::size_t(r)]->process->waitForFinished(timeoutMs + 20000));
        QCOMPARE(ranks[std::size_t(r)]->process->exitCode(), 1);
        const QString errors = ranks[std::size_t(r)]->errors();
        qInfo("rank %d: %s", r, qPrintable(errors.trimmed().split(QLatin1Char('\n')).last()));
        // A broken connection, reported at once (no wait for the timeout). Which rank it names
        // depends on who noticed first: a survivor that gives up closes its connections too.
        QVERIFY2(errors.contains(QLatin1String("Gloo")) && errors.contains(QLatin1String("connection to")), qPrintable(errors));
    }
    qInfo("the other ranks failed %.1f s after the kill", double(elapsed.elapsed()) / 1000.0);
    QVERIFY(elapsed.elapsed() < timeoutMs);
}

void TestDataParallelFaults::stoppedRankTimesOut()
{
    const int timeoutMs = 3000;
    auto ranks = startLongJob(QStringLiteral("stopped"), 2, timeoutMs);
    QVERIFY2(ranks[0]->lastStep() >= 3, qPrintable(ranks[0]->errors()));
    const pid_t stopped = pid_t(ranks[1]->process->processId());
    ::kill(stopped, SIGSTOP);
    QElapsedTimer elapsed;
    elapsed.start();
    const bool finished = ranks[0]->process->waitForFinished(timeoutMs + 20000);
    const qint64 seconds = elapsed.elapsed();
    ::kill(stopped, SIGCONT);
    ::kill(stopped, SIGKILL);
    ranks[1]->process->waitForFinished(5000);
    QVERIFY(finished);
    QCOMPARE(ranks[0]->process->exitCode(), 1);
    const QString errors = ranks[0]->errors();
    qInfo("rank 0 gave up %.1f s after rank 1 stopped: %s", double(seconds) / 1000.0,
          qPrintable(errors.trimmed().split(QLatin1Char('\n')).last()));
    QVERIFY2(errors.contains(QLatin1String("timed out")), qPrintable(errors));
    QVERIFY(seconds >= timeoutMs / 2); // it waited for the peer, then gave up
}

void TestDataParallelFaults::cancelStopsEveryRank()
{
    auto ranks = startLongJob(QStringLiteral("cancelled"), 2, 10000);
    QVERIFY2(ranks[0]->lastStep() >= 3, qPrintable(ranks[0]->errors()));
    // Only rank 1 is told: the flag travels with the step's statistics, so both stop together.
    ranks[1]->process->terminate();
    for (auto &rank : ranks) {
        QVERIFY(rank->process->waitForFinished(20000));
        QCOMPARE(rank->process->exitCode(), 3);
    }
    const qint64 steps = ranks[0]->summary().value(QStringLiteral("steps")).toInteger();
    QCOMPARE(ranks[1]->summary().value(QStringLiteral("steps")).toInteger(), steps);
    QCOMPARE(ranks[0]->weights(), ranks[1]->weights());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("cancelled/rank0/model.sievemodel"))));
}

void TestDataParallelFaults::ranksThatDivergeStopWithAClearError()
{
    // Rank 1 is given another weight decay (the learning rate would not do: rank 0's is broadcast):
    // the same reduced gradients make different weights, which the checksum comparison (every 2
    // steps) must catch on both ranks.
    auto ranks = test::startRanks(QStringLiteral(SIEVE_DP_RANK_PATH), m_dir.path(), QStringLiteral("diverged"), 2, m_lists,
                                  {QStringLiteral("--batch"), QStringLiteral("4"), QStringLiteral("--steps"), QStringLiteral("6"),
                                   QStringLiteral("--checksum-every"), QStringLiteral("2")},
                                  {{}, {QStringLiteral("--weight-decay"), QStringLiteral("0.05")}});
    for (auto &rank : ranks) {
        QVERIFY(rank->process->waitForFinished(30000));
        const QString errors = rank->errors();
        QCOMPARE(rank->process->exitCode(), 1);
        QVERIFY2(errors.contains(QLatin1String("After step 2 the weights of rank(s) 1 differ from rank 0's")), qPrintable(errors));
    }
    QCOMPARE(ranks[0]->lastStep(), 2);
}

QTEST_MAIN(TestDataParallelFaults)
#include "tst_data_parallel_faults.moc"
