#include "demo/demo_generator.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "scan/duplicate_groups.h"
#include "scan/perceptual_hash.h"
#include "scan/scan_job.h"
#include "store/database.h"
#include "store/project.h"
#include "test_images.h"

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <random>

using namespace sieve;

namespace {

QImage scene(QSize size, int seed)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(100 + seed % 50, 130, 140));
    QPainter painter(&image);
    painter.scale(size.width() / 1000.0, size.height() / 750.0);
    QRandomGenerator rng{quint32(seed)};
    for (int i = 0; i < 12; ++i) {
        painter.setBrush(QColor::fromHsv(rng.bounded(360), 200, 40 + rng.bounded(210)));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QRectF(rng.bounded(800), rng.bounded(550), 50 + rng.bounded(300), 50 + rng.bounded(250)));
    }
    return image;
}

QImage reencoded(const QImage &image, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return QImage::fromData(bytes, "JPEG");
}

std::int64_t queryInt(store::Database &db, const char *sql) { return *db.queryInt(sql); }

} // namespace

class TestDuplicates : public QObject {
    Q_OBJECT

private slots:
    void groupingReportsProgressAndCancels()
    {
        std::vector<std::uint64_t> hashes(40000);
        std::uint64_t state = 12345;
        for (std::uint64_t &h : hashes) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            h = state;
        }
        hashes[39999] = hashes[0] ^ 0x5;   // one planted near pair
        std::size_t calls = 0, lastTotal = 0;
        auto all = scan::groupNearHashes(hashes, 6, 2, [&](std::size_t, std::size_t total) {
            ++calls;
            lastTotal = total;
            return true;
        });
        QVERIFY(calls >= 2);
        QCOMPARE(lastTotal, hashes.size());
        QCOMPARE(all.groups.size(), std::size_t(1));
        auto cancelled = scan::groupNearHashes(hashes, 6, 2, [](std::size_t, std::size_t) { return false; });
        QVERIFY(cancelled.groups.empty());
    }

    void hashSurvivesReencodingAndResizing()
    {
        const QImage original = scene({1200, 900}, 7);
        const std::uint64_t hash = scan::perceptualHash(original);
        QVERIFY(hash != 0);
        QVERIFY(scan::hammingDistance(hash, scan::perceptualHash(reencoded(original, 40))) <= 4);
        QVERIFY(scan::hammingDistance(hash, scan::perceptualHash(original.scaled(400, 300, Qt::IgnoreAspectRatio, Qt::SmoothTransformation))) <= 4);
        for (int other = 8; other < 18; ++other)
            QVERIFY(scan::hammingDistance(hash, scan::perceptualHash(scene({1200, 900}, other))) > 12);
    }

    void indexGroupsAsBruteForce_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::newRow("4") << 4;
        QTest::newRow("6") << 6;
        QTest::newRow("8") << 8;
        QTest::newRow("10") << 10;
    }

    void indexGroupsAsBruteForce()
    {
        QFETCH(int, threshold);
        std::mt19937_64 rng(5);
        std::vector<std::uint64_t> hashes(5000);
        for (std::uint64_t &h : hashes)
            h = rng();
        // Near neighbours at every distance around the threshold, some in chains.
        for (std::size_t i = 0; i + 1 < hashes.size(); i += 7) {
            std::uint64_t h = hashes[i];
            const int flips = int(rng() % std::uint64_t(threshold + 3));
            for (int f = 0; f < flips; ++f)
                h ^= std::uint64_t(1) << (rng() % 64);
            hashes[i + 1] = h;
        }
        const scan::HashGroups indexed = scan::groupNearHashes(hashes, threshold, 2);
        const scan::HashGroups brute = scan::groupNearHashesBruteForce(hashes, threshold);
        QVERIFY(brute.groups.size() > 100);
        QCOMPARE(indexed.groups, brute.groups);
    }

    void demoNearDuplicatesAreGrouped()
    {
        QTemporaryDir dir;
        demo::DemoOptions options;
        options.outDir = dir.filePath("demo");
        options.images = 80;
        options.categories = 5;
        options.minMegapixels = 0.1;
        options.maxMegapixels = 0.3;
        QVERIFY(demo::generateDemo(options).ok());
        auto project = store::Project::create(dir.filePath("project"));
        store::Database &db = (*project)->db();
        jobs::JobContext context;
        ingest::ImportOptions import;
        import.imagesDirectory = options.outDir + "/images";
        QVERIFY(ingest::importImages(db, import, context).ok());
        QVERIFY(scan::runQualityScan(db, {}, context).ok());
        auto summary = scan::runDuplicateScan(db, {}, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        // The jobs panel shows the scan complete: every hashed image grouped.
        auto job = db.prepare("SELECT status, done, total FROM jobs WHERE id=?");
        job->bind(1, summary->jobId);
        QVERIFY(*job->step());
        QCOMPARE(job->text(0), QStringLiteral("done"));
        QCOMPARE(job->int64(1), std::int64_t(summary->hashed));
        QCOMPARE(job->int64(2), std::int64_t(summary->hashed));
        QVERIFY(summary->hashed > 0);

        QHash<QString, std::int64_t> groupOf;
        QHash<QString, std::uint64_t> phashOf;
        auto rows = db.prepare("SELECT i.path, i.phash, g.group_id FROM images i LEFT JOIN duplicate_groups g ON g.image_id=i.id");
        QVERIFY(rows->forEachRow([&] {
            phashOf.insert(rows->text(0), std::uint64_t(rows->int64(1)));
            groupOf.insert(rows->text(0), rows->isNull(2) ? -1 : rows->int64(2));
        }).ok());

        QFile truthFile(options.outDir + "/ground_truth.json");
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        const QJsonArray truth = QJsonDocument::fromJson(truthFile.readAll()).object().value("images").toArray();
        int nearPairs = 0, found = 0;
        QSet<std::int64_t> trueGroups;
        for (const QJsonValue &value : truth) {
            const QJsonObject entry = value.toObject();
            if (entry.value("duplicate_kind").toString() != QLatin1String("near"))
                continue;
            const QString path = entry.value("path").toString();
            const QString of = entry.value("duplicate_of").toString();
            ++nearPairs;
            const int distance = scan::hammingDistance(phashOf.value(path), phashOf.value(of));
            const bool together = groupOf.value(path, -1) >= 0 && groupOf.value(path) == groupOf.value(of);
            if (!together)
                qInfo("near duplicate not grouped (distance %d): %s of %s", distance, qPrintable(path), qPrintable(of));
            found += together;
            if (together)
                trueGroups.insert(groupOf.value(path));
        }
        qInfo("demo: %d near pairs, %d grouped; %lld groups, %lld images in groups", nearPairs, found,
              summary->groups, summary->imagesInGroups);
        QVERIFY(nearPairs > 0);
        QVERIFY(found >= 0.9 * nearPairs);
        // Groups that hold no true near duplicate pair are false groups.
        QVERIFY(summary->groups - trueGroups.size() <= std::max<qint64>(1, summary->groups / 10));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE kind='duplicate' AND state='suggested'"),
                 std::int64_t(summary->imagesInGroups - summary->groups));

        // The analyst dismisses one suggestion and sets a flag of their own on another image:
        // a new scan keeps both.
        QVERIFY(db.exec("UPDATE flags SET state='dismissed', source='user', note='not a duplicate' WHERE kind='duplicate' "
                        "AND image_id = (SELECT image_id FROM flags WHERE kind='duplicate' LIMIT 1)").ok());
        QVERIFY(db.exec("INSERT INTO flags(image_id, kind, state, note, source, updated_at) "
                        "SELECT image_id, 'duplicate', 'set', 'mine', 'user', 'now' FROM duplicate_groups WHERE keep=1 LIMIT 1").ok());
        QVERIFY(scan::runDuplicateScan(db, {}, context).ok());
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE kind='duplicate' AND state='dismissed' AND note='not a duplicate'"), std::int64_t(1));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE kind='duplicate' AND state='set' AND note='mine'"), std::int64_t(1));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE kind='duplicate' AND state='suggested'"),
                 std::int64_t(summary->imagesInGroups - summary->groups - 1));
    }

    void qualityScanResumesAndKeepsAnalystFlags()
    {
        QTemporaryDir dir;
        test::writeImageFolder(dir.filePath("images"), 150);
        auto project = store::Project::create(dir.filePath("project"));
        store::Database &db = (*project)->db();
        jobs::JobContext importContext;
        ingest::ImportOptions import;
        import.imagesDirectory = dir.filePath("images");
        QVERIFY(ingest::importImages(db, import, importContext).ok());
        // All test images are 96 × 64 ("tiny"), so every one gets a suggestion unless the
        // analyst decided first.
        QVERIFY(db.exec("INSERT INTO flags(image_id, kind, state, note, source, updated_at) VALUES"
                        "(3, 'quality', 'dismissed', 'fine by me', 'user', 'then'),"
                        "(100, 'quality', 'set', 'mine', 'user', 'then')").ok());

        // Cancelled as soon as the first batch is under way: it is still finished and stored.
        jobs::JobContext *self = nullptr;
        jobs::JobContext cancelling([&](const jobs::JobProgress &progress) {
            // Reports are passed on at most every 100 ms; waiting at the phase start lets
            // the report of the first batch through.
            if (progress.done == 0)
                QThread::msleep(150);
            else
                self->cancel();
        });
        self = &cancelling;
        scan::QualityScanOptions options;
        options.threads = 2;
        auto first = scan::runQualityScan(db, options, cancelling);
        QVERIFY(first.ok());
        QVERIFY(first->cancelled);
        QVERIFY(first->scanned > 0 && first->scanned < 150);
        QCOMPARE(queryInt(db, "SELECT count(*) FROM images WHERE quality IS NOT NULL"), std::int64_t(first->scanned));

        jobs::JobContext context;
        auto second = scan::runQualityScan(db, options, context);
        QVERIFY(second.ok());
        QVERIFY(!second->cancelled);
        QCOMPARE(second->pending, 150 - first->scanned);
        QCOMPARE(first->scanned + second->scanned, qint64(150));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM images WHERE quality IS NULL OR phash IS NULL"), std::int64_t(0));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE kind='quality'"), std::int64_t(150));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE kind='quality' AND state='suggested' AND source='detector'"), std::int64_t(148));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE image_id=3 AND state='dismissed' AND note='fine by me'"), std::int64_t(1));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM flags WHERE image_id=100 AND state='set' AND note='mine'"), std::int64_t(1));

        auto third = scan::runQualityScan(db, options, context);
        QCOMPARE(third->pending, qint64(0));
        QCOMPARE(third->scanned, qint64(0));
    }
};

QTEST_MAIN(TestDuplicates)
#include "tst_duplicates.moc"
