#include "dp_test_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

// Real dp_rank_main processes train the small CNN together over Gloo on 127.0.0.1 and must end
// where one process ends that accumulates the gradients of the same batches.
class TestDataParallel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void ranksMatchSingleProcess_data();
    void ranksMatchSingleProcess();
    void resumesWithFewerRanks();

private:
    QByteArray runReference(const QString &name, int world, int batch, int steps);

    QTemporaryDir m_dir;
    test::ImageLists m_lists;
};

void TestDataParallel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Result<test::ImageLists> lists = test::makeImageLists(m_dir.path(), 60, 3);
    QVERIFY2(lists.ok(), lists.ok() ? "" : qPrintable(lists.error()));
    m_lists = *lists;
}

QByteArray TestDataParallel::runReference(const QString &name, int world, int batch, int steps)
{
    test::RankProcess reference;
    reference.out = m_dir.filePath(name + QStringLiteral(".bin"));
    reference.process->start(QStringLiteral(SIEVE_DP_RANK_PATH),
                             {QStringLiteral("--reference"), QStringLiteral("--size"), QString::number(world),
                              QStringLiteral("--train"), m_lists.train, QStringLiteral("--classes"),
                              QString::number(m_lists.classes), QStringLiteral("--batch"), QString::number(batch),
                              QStringLiteral("--steps"), QString::number(steps), QStringLiteral("--out"), reference.out,
                              QStringLiteral("--output-dir"), m_dir.filePath(name)});
    if (!reference.process->waitForFinished(60000) || reference.process->exitCode() != 0) {
        qWarning() << reference.errors();
        return {};
    }
    return reference.weights();
}

void TestDataParallel::ranksMatchSingleProcess_data()
{
    QTest::addColumn<int>("world");
    QTest::newRow("2 ranks") << 2;
    QTest::newRow("3 ranks") << 3;
}

void TestDataParallel::ranksMatchSingleProcess()
{
    QFETCH(int, world);
    const int batch = 4 * world; // 4 images per rank and step
    const int steps = 4;
    const QString name = QStringLiteral("match%1").arg(world);
    auto ranks = test::startRanks(QStringLiteral(SIEVE_DP_RANK_PATH), m_dir.path(), name, world, m_lists,
                                  {QStringLiteral("--batch"), QString::number(batch), QStringLiteral("--steps"),
                                   QString::number(steps), QStringLiteral("--timeout-ms"), QStringLiteral("20000")});
    for (auto &rank : ranks) {
        QVERIFY(rank->process->waitForFinished(60000));
        QVERIFY2(rank->process->exitCode() == 0, qPrintable(rank->errors()));
    }
    // Every rank ends with the same weights, bit for bit (the same reduced gradients and the
    // same optimizer step on each).
    const QByteArray weights = ranks[0]->weights();
    QVERIFY(!weights.isEmpty());
    for (int r = 1; r < world; ++r)
        QVERIFY2(ranks[std::size_t(r)]->weights() == weights, qPrintable(QStringLiteral("rank %1 differs").arg(r)));

    // The same samples through one process, accumulating the W shards' gradients: only the order
    // of the floating-point additions in the ring differs.
    const QByteArray reference = runReference(name + QStringLiteral("-reference"), world, batch, steps);
    QVERIFY(!reference.isEmpty());
    const float difference = test::maxAbsDifference(weights, reference);
    qInfo("%d ranks against one process after %d steps: max |difference| %g", world, steps, double(difference));
    QVERIFY2(difference < 1e-5f, qPrintable(QString::number(double(difference))));
    // ... and the steps did train: the weights moved away from the initial ones by far more.
    const QByteArray initial = runReference(name + QStringLiteral("-initial"), world, batch, 0);
    QVERIFY(test::maxAbsDifference(weights, initial) > 1000 * std::max(difference, 1e-8f));

    // Rank 0 reported the global step metrics with each rank's times and traffic, and the
    // validation summed over the ranks' parts.
    const std::vector<QJsonObject> lines = ranks[0]->metricLines();
    QCOMPARE(ranks[0]->lastStep(), steps);
    const auto stepLine = std::find_if(lines.begin(), lines.end(), [&](const QJsonObject &line) {
        return line.contains(QStringLiteral("cluster/rank/%1/communication_seconds").arg(world - 1));
    });
    QVERIFY(stepLine != lines.end());
    QVERIFY(stepLine->value(QStringLiteral("cluster/rank/%1/bytes_sent").arg(world - 1)).toDouble() > 0);
    QVERIFY(stepLine->value(QStringLiteral("train/loss")).toDouble() > 0);
    const auto validation = std::find_if(lines.begin(), lines.end(), [](const QJsonObject &line) {
        return line.contains(QStringLiteral("val/top1"));
    });
    QVERIFY(validation != lines.end());
    double confusion = 0; // every validation image of every rank counted once
    for (int t = 0; t < m_lists.classes; ++t)
        for (int p = 0; p < m_lists.classes; ++p)
            confusion += validation->value(QStringLiteral("val/confusion/%1/%2").arg(t).arg(p)).toDouble();
    QCOMPARE(int(confusion), 12); // 60 images, every fifth to validation
    QVERIFY(QFile::exists(m_dir.filePath(name + QStringLiteral("/rank0/model.sievemodel"))));
    QVERIFY(!QFile::exists(m_dir.filePath(name + QStringLiteral("/rank1/model.sievemodel"))));
}

void TestDataParallel::resumesWithFewerRanks()
{
    // Three ranks, global batch 12, checkpoint at step 4.
    auto first = test::startRanks(QStringLiteral(SIEVE_DP_RANK_PATH), m_dir.path(), QStringLiteral("resume-a"), 3, m_lists,
                                  {QStringLiteral("--batch"), QStringLiteral("12"), QStringLiteral("--steps"),
                                   QStringLiteral("4"), QStringLiteral("--checkpoint-every"), QStringLiteral("2"),
                                   QStringLiteral("--epochs"), QStringLiteral("3")});
    for (auto &rank : first) {
        QVERIFY(rank->process->waitForFinished(60000));
        QVERIFY2(rank->process->exitCode() == 0, qPrintable(rank->errors()));
    }
    const QString checkpoint = m_dir.filePath(QStringLiteral("resume-a/rank0/checkpoint.sieveckpt"));
    QVERIFY(QFile::exists(checkpoint));
    const double firstLr = first[0]->summary().value(QStringLiteral("learning_rate")).toDouble();
    QVERIFY(firstLr > 0);

    // Two ranks are left: global batch 8, rank 0 resumes from the checkpoint up to step 7.
    auto second = test::startRanks(QStringLiteral(SIEVE_DP_RANK_PATH), m_dir.path(), QStringLiteral("resume-b"), 2, m_lists,
                                   {QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--steps"),
                                    QStringLiteral("7"), QStringLiteral("--resume"), checkpoint,
                                    QStringLiteral("--epochs"), QStringLiteral("3")});
    for (auto &rank : second) {
        QVERIFY(rank->process->waitForFinished(60000));
        QVERIFY2(rank->process->exitCode() == 0, qPrintable(rank->errors()));
    }
    const QJsonObject summary = second[1]->summary();
    QCOMPARE(summary.value(QStringLiteral("start_step")).toInteger(), 4);
    QCOMPARE(summary.value(QStringLiteral("steps")).toInteger(), 7);
    // The linear scaling rule: a global batch of 8 instead of 12 trains at 8/12 of the rate.
    QCOMPARE(summary.value(QStringLiteral("learning_rate")).toDouble(), firstLr * 8.0 / 12.0);
    QCOMPARE(second[1]->weights(), second[0]->weights());
    QCOMPARE(second[0]->lastStep(), 7);
    QCOMPARE(second[0]->metricLines().front().value(QStringLiteral("step")).toInteger(), 5);
    const float moved = test::maxAbsDifference(second[0]->weights(), first[0]->weights());
    QVERIFY(moved > 0 && moved < 1e29f);

    // Resumed to the step it stopped at, two ranks hold exactly the checkpoint's weights: what
    // they trained on from step 5 was rank 0's checkpoint, broadcast.
    auto still = test::startRanks(QStringLiteral(SIEVE_DP_RANK_PATH), m_dir.path(), QStringLiteral("resume-c"), 2, m_lists,
                                  {QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--steps"),
                                   QStringLiteral("4"), QStringLiteral("--resume"), checkpoint,
                                   QStringLiteral("--epochs"), QStringLiteral("3")});
    for (auto &rank : still) {
        QVERIFY(rank->process->waitForFinished(60000));
        QVERIFY2(rank->process->exitCode() == 0, qPrintable(rank->errors()));
    }
    QCOMPARE(still[1]->weights(), first[0]->weights());
}

QTEST_MAIN(TestDataParallel)
#include "tst_data_parallel.moc"
