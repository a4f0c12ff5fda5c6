#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "store/database.h"
#include "store/image_query.h"
#include "store/project.h"
#include "test_images.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <zlib.h>

using namespace sieve;

namespace {

std::int64_t count(store::Database &db, const char *sql) { return *db.queryInt(sql); }

QString reasonFor(const ingest::ImportSummary &summary, const QString &path)
{
    for (const jobs::JobIssue &issue : summary.issues)
        if (issue.path == path)
            return issue.reason;
    return {};
}

QByteArray pngBomb()
{
    // A valid PNG header claiming 100000 × 100000 pixels: a few dozen bytes that would ask a
    // careless decoder for 30 GB.
    QByteArray ihdr("IHDR", 4);
    for (quint32 value : {100000u, 100000u})
        for (int shift = 24; shift >= 0; shift -= 8)
            ihdr.append(char((value >> shift) & 0xff));
    ihdr.append("\x08\x02\x00\x00\x00", 5);
    const quint32 crc = quint32(::crc32(0, reinterpret_cast<const Bytef *>(ihdr.constData()), uInt(ihdr.size())));
    QByteArray png("\x89PNG\r\n\x1A\n\x00\x00\x00\x0D", 12);
    png += ihdr;
    for (int shift = 24; shift >= 0; shift -= 8)
        png.append(char((crc >> shift) & 0xff));
    return png + QByteArray(64, '\0');
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT

    Result<ingest::ImportSummary> runImport(store::Project &project, const QString &folder, const QString &metadata = {})
    {
        jobs::JobContext context;
        ingest::ImportOptions options;
        options.imagesDirectory = folder;
        options.metadataFile = metadata;
        return ingest::importImages(project.db(), options, context);
    }

private slots:
    void importsFormatsByContentAndReportsBrokenFiles()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        QVERIFY(test::writeImage(images + "/a.jpg", 1, "jpeg"));
        QVERIFY(test::writeImage(images + "/b.png", 2, "png"));
        QVERIFY(test::writeImage(images + "/c.webp", 3, "webp"));
        QVERIFY(test::writeImage(images + "/d.tiff", 4, "tiff"));
        // A PNG named .jpg is imported as what it is.
        QVERIFY(test::writeImage(images + "/really_png.jpg", 5, "png"));
        QFile jpeg(images + "/a.jpg");
        QVERIFY(jpeg.open(QIODevice::ReadOnly));
        const QByteArray jpegBytes = jpeg.readAll();
        QVERIFY(test::writeFile(images + "/empty.jpg", {}));
        QVERIFY(test::writeFile(images + "/truncated.jpg", jpegBytes.left(jpegBytes.size() / 2)));
        QVERIFY(test::writeFile(images + "/garbage.jpg", QByteArray(2000, 'x')));
        QVERIFY(test::writeFile(images + "/bomb.png", pngBomb()));
        QVERIFY(test::writeFile(images + "/notes.txt", "not an image"));

        auto project = store::Project::create(dir.filePath("project"));
        QVERIFY(project.ok());
        auto summary = runImport(**project, images);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->files, qint64(10));
        QCOMPARE(summary->added, qint64(5));
        QCOMPARE(summary->failed, qint64(4));
        QCOMPARE(summary->otherFiles, qint64(1));   // notes.txt: no image, and no image name
        QVERIFY(reasonFor(*summary, "empty.jpg").contains("empty"));
        QVERIFY2(reasonFor(*summary, "truncated.jpg").contains("truncated"), qPrintable(reasonFor(*summary, "truncated.jpg")));
        QVERIFY(reasonFor(*summary, "garbage.jpg").contains("not a JPEG, PNG, WebP or TIFF"));
        QVERIFY2(reasonFor(*summary, "bomb.png").contains("100000 x 100000"), qPrintable(reasonFor(*summary, "bomb.png")));

        store::Database &db = (*project)->db();
        QCOMPARE(count(db, "SELECT count(*) FROM images WHERE format='png' AND path='really_png.jpg'"), std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM images WHERE format='webp' AND width=96 AND height=64"), std::int64_t(1));
        // The report is kept in the project.
        QCOMPARE(count(db, "SELECT count(*) FROM job_issues"), std::int64_t(4));
        QCOMPARE(count(db, "SELECT count(*) FROM jobs WHERE kind='import' AND status='done'"), std::int64_t(1));
    }

    void readsOrientationWithoutDecoding()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("images/rotated.jpg"), test::jpegWithOrientation({120, 80}, 6)));
        auto project = store::Project::create(dir.filePath("project"));
        QVERIFY(runImport(**project, dir.filePath("images")).ok());
        auto rows = store::fetchImageRows((*project)->db(), {1});
        QVERIFY(rows.ok() && rows->size() == 1);
        QCOMPARE(rows->front().width, 120);
        QCOMPARE(rows->front().height, 80);
        QCOMPARE(rows->front().orientation, 6);
    }

    void recordsExactDuplicatesOnce()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        QVERIFY(test::writeImage(images + "/one.jpg", 7));
        QVERIFY(QFile::copy(images + "/one.jpg", images + "/sub/copy.jpg") || (QDir().mkpath(images + "/sub") && QFile::copy(images + "/one.jpg", images + "/sub/copy.jpg")));
        auto project = store::Project::create(dir.filePath("project"));
        auto summary = runImport(**project, images);
        QVERIFY(summary.ok());
        QCOMPARE(summary->added, qint64(1));
        QCOMPARE(summary->duplicates, qint64(1));
        QCOMPARE(count((*project)->db(), "SELECT count(*) FROM images"), std::int64_t(1));
        QCOMPARE(count((*project)->db(), "SELECT count(*) FROM image_copies"), std::int64_t(1));
    }

    void reimportIsIncremental()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        const QStringList paths = test::writeImageFolder(images, 20);
        auto project = store::Project::create(dir.filePath("project"));
        store::Database &db = (*project)->db();
        QVERIFY(runImport(**project, images).ok());
        QCOMPARE(count(db, "SELECT count(*) FROM images"), std::int64_t(20));
        const std::int64_t movedId = count(db, "SELECT id FROM images WHERE path='batch0/img_003.jpg'");

        // Nothing changed: nothing is read again.
        auto again = runImport(**project, images);
        QCOMPARE(again->unchanged, qint64(20));
        QCOMPARE(again->added, qint64(0));

        // A file touched but not changed (a copy tool reset its time) keeps its row as it is.
        QFile touched(images + "/batch0/img_001.jpg");
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QDateTime::currentDateTime().addDays(-3), QFileDevice::FileModificationTime));
        touched.close();
        QVERIFY(db.exec("UPDATE images SET sharpness=0.5 WHERE path='batch0/img_001.jpg'").ok());
        auto touchedRun = runImport(**project, images);
        QCOMPARE(touchedRun->unchanged, qint64(20));
        QCOMPARE(touchedRun->updated, qint64(0));
        QCOMPARE(count(db, "SELECT count(*) FROM images WHERE sharpness=0.5"), std::int64_t(1));

        // Move one, delete one, add one.
        QDir().mkpath(images + "/elsewhere");
        QVERIFY(QFile::rename(images + "/batch0/img_003.jpg", images + "/elsewhere/renamed.jpg"));
        QVERIFY(QFile::remove(images + "/batch0/img_004.jpg"));
        QVERIFY(test::writeImage(images + "/batch0/new.jpg", 999));
        auto changed = runImport(**project, images);
        QVERIFY(changed.ok());
        QCOMPARE(changed->added, qint64(1));
        QCOMPARE(changed->relinked, qint64(1));
        QCOMPARE(changed->missing, qint64(1));
        QCOMPARE(count(db, "SELECT count(*) FROM images"), std::int64_t(21));
        // The moved image keeps its id (so its labels and history).
        QCOMPARE(count(db, "SELECT id FROM images WHERE path='elsewhere/renamed.jpg'"), movedId);
        QCOMPARE(count(db, "SELECT missing FROM images WHERE path='batch0/img_004.jpg'"), std::int64_t(1));

        // The vanished file comes back: no longer missing.
        QVERIFY(test::writeImage(images + "/batch0/img_004.jpg", 4));
        QFile::remove(images + "/batch0/img_004.jpg");
        QVERIFY(test::writeImage(images + "/batch0/img_004.jpg", 4));
        auto back = runImport(**project, images);
        QCOMPARE(count(db, "SELECT count(*) FROM images WHERE missing=1"), std::int64_t(0));
        QCOMPARE(count(db, "SELECT count(*) FROM images"), std::int64_t(21));
        Q_UNUSED(back);
    }

    void appliesMetadataByPathPrefixAndFileName()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        test::writeImageFolder(images, 4);
        QVERIFY(test::writeImage(images + "/batch1/img_000.jpg", 77)); // same file name in another folder
        const QByteArray csv =
            "\xEF\xBB\xBFpath,label,country,price\r\n"
            "batch0/img_000.jpg,Soap bar,KE,\"1,50\"\r\n"
            "images/batch0/img_001.jpg,soap BAR,FR,2\r\n"     // leading folder dropped; label case folded
            "img_002.jpg,Rice,SN,3\r\n"                        // unique file name
            "img_000.jpg,Rice,SN,3\r\n"                        // ambiguous file name
            "batch0/nope.jpg,Rice,SN,3\r\n";                   // no such image
        QVERIFY(test::writeFile(dir.filePath("meta.csv"), csv));
        auto project = store::Project::create(dir.filePath("project"));
        auto summary = runImport(**project, images, dir.filePath("meta.csv"));
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->metadataRows, qint64(5));
        QCOMPARE(summary->metadataMatched, qint64(3));
        QCOMPARE(summary->labelsSet, qint64(3));
        store::Database &db = (*project)->db();
        QCOMPARE(count(db, "SELECT count(*) FROM categories"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT count(*) FROM images i JOIN categories c ON c.id=i.category_id WHERE c.name='Soap bar'"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT count(*) FROM image_attributes WHERE key='country' AND value='SN'"), std::int64_t(1));
        QCOMPARE(count(db, "SELECT count(*) FROM image_attributes WHERE key='price' AND value='1,50'"), std::int64_t(1));
        bool ambiguous = false, unmatched = false;
        for (const jobs::JobIssue &issue : summary->issues) {
            ambiguous = ambiguous || (issue.reason.contains("line 5") && issue.reason.contains("several images"));
            unmatched = unmatched || (issue.reason.contains("line 6") && issue.reason.contains("nope.jpg"));
        }
        QVERIFY(ambiguous);
        QVERIFY(unmatched);
    }

    void metadataNeverOverwritesAnAnalystsLabel()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        test::writeImageFolder(images, 1);
        QVERIFY(test::writeFile(dir.filePath("m1.csv"), "path,label\nbatch0/img_000.jpg,Rice\n"));
        QVERIFY(test::writeFile(dir.filePath("m2.csv"), "path,label\nbatch0/img_000.jpg,Soap\n"));
        auto project = store::Project::create(dir.filePath("project"));
        QVERIFY(runImport(**project, images, dir.filePath("m1.csv")).ok());
        QVERIFY(runImport(**project, images, dir.filePath("m2.csv")).ok());
        store::Database &db = (*project)->db();
        QCOMPARE(count(db, "SELECT count(*) FROM images i JOIN categories c ON c.id=i.category_id WHERE c.name='Rice'"), std::int64_t(1));
        auto claimed = db.prepare("SELECT claimed_label FROM images");
        QVERIFY(*claimed->step());
        QCOMPARE(claimed->text(0), QStringLiteral("Soap"));
    }

    void resumesAfterKillWithoutDuplicates()
    {
        // A child sieve-cli import is SIGKILLed mid-way; running it again finishes the work
        // and no image is there twice. Small images import in well under a millisecond each on
        // an idle machine, so the commits are watched on one open connection without sleeping
        // between reads, and there are enough images for several transactions.
        constexpr int kImages = 1200;
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        QCOMPARE(test::writeImageFolder(images, kImages).size(), qsizetype(kImages));
        const QString projectDir = dir.filePath("project");
        QCOMPARE(test::runCli({"init", projectDir}), 0);
        auto watcher = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        QVERIFY(watcher.ok());

        QProcess child;
        child.start(QStringLiteral(SIEVE_CLI_PATH), {"import", projectDir, images, "--threads", "1"});
        QVERIFY(child.waitForStarted());
        // Wait until a first transaction is committed, then kill without warning.
        std::int64_t committed = 0;
        QElapsedTimer waited;
        waited.start();
        while (committed == 0 && waited.elapsed() < 60000 && child.state() == QProcess::Running) {
            Result<std::int64_t> count = watcher->queryInt("SELECT count(*) FROM images");
            committed = count ? *count : 0;
        }
        ::kill(pid_t(child.processId()), SIGKILL);
        child.waitForFinished();
        QVERIFY2(committed > 0, "no image was committed before the import ended or the wait ran out");

        auto project = store::Project::open(projectDir);
        QVERIFY(project.ok());
        auto check = (*project)->db().prepare("PRAGMA integrity_check");
        QVERIFY(*check->step());
        QCOMPARE(check->text(0), QStringLiteral("ok"));
        const std::int64_t before = count((*project)->db(), "SELECT count(*) FROM images");
        QVERIFY2(before >= committed && before < kImages, qPrintable(QString::number(before)));

        auto resumed = runImport(**project, images);
        QVERIFY(resumed.ok());
        QCOMPARE(resumed->unchanged, qint64(before));
        QCOMPARE(count((*project)->db(), "SELECT count(*) FROM images"), std::int64_t(kImages));
        QCOMPARE(count((*project)->db(), "SELECT count(DISTINCT hash) FROM images"), std::int64_t(kImages));
    }

    void cancelKeepsWhatWasDone()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath("images");
        test::writeImageFolder(images, 200);
        auto project = store::Project::create(dir.filePath("project"));
        // Cancel as soon as reading starts: the chunk in hand is finished and kept.
        jobs::JobContext context([&](const jobs::JobProgress &progress) {
            if (progress.phase == QLatin1String("Reading images"))
                context.cancel();
        });
        ingest::ImportOptions options;
        options.imagesDirectory = images;
        auto summary = ingest::importImages((*project)->db(), options, context);
        QVERIFY(summary.ok());
        QVERIFY(summary->cancelled);
        const std::int64_t kept = count((*project)->db(), "SELECT count(*) FROM images");
        QVERIFY2(kept > 0 && kept < 200, qPrintable(QString::number(kept)));
        // Nothing was marked missing by an incomplete walk.
        QCOMPARE(count((*project)->db(), "SELECT count(*) FROM images WHERE missing=1"), std::int64_t(0));
        QCOMPARE(count((*project)->db(), "SELECT count(*) FROM jobs WHERE status='cancelled'"), std::int64_t(1));
    }

    void refusesAFolderThatDoesNotExist()
    {
        QTemporaryDir dir;
        auto project = store::Project::create(dir.filePath("project"));
        auto summary = runImport(**project, dir.filePath("nowhere"));
        QVERIFY(!summary.ok());
        QVERIFY(summary.error().contains(dir.filePath("nowhere")));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
