#include "imaging/thumbnail_cache.h"
#include "imaging/thumbnail_job.h"
#include "imaging/thumbnailer.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "store/project.h"
#include "test_images.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

class TestThumbnails : public QObject {
    Q_OBJECT

private slots:
    void decodesScaledWithOrientation()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("r.jpg"), test::jpegWithOrientation({800, 400}, 6)));
        auto image = imaging::decodeScaled(dir.filePath("r.jpg"), 200);
        QVERIFY(image.ok());
        // Stored 800 × 400, shown rotated: 400 × 800, scaled to fit 200.
        QCOMPARE(image->size(), QSize(100, 200));
        auto full = imaging::decodeScaled(dir.filePath("r.jpg"), 0);
        QCOMPARE(full->size(), QSize(400, 800));
        auto small = imaging::decodeScaled(dir.filePath("r.jpg"), 2000);   // never upscaled
        QCOMPARE(small->size(), QSize(400, 800));
    }

    void reportsWhatCannotBeDecoded()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("bad.jpg"), "\xFF\xD8\xFF garbage"));
        auto image = imaging::decodeScaled(dir.filePath("bad.jpg"), 100);
        QVERIFY(!image.ok());
        QVERIFY(image.error().contains(dir.filePath("bad.jpg")));
    }

    void jobFillsTheCacheOnceAndSkipsTheRest()
    {
        QTemporaryDir dir;
        test::writeImageFolder(dir.filePath("images"), 30);
        auto project = store::Project::create(dir.filePath("project"));
        jobs::JobContext context;
        ingest::ImportOptions options;
        options.imagesDirectory = dir.filePath("images");
        QVERIFY(ingest::importImages((*project)->db(), options, context).ok());
        // A file that imported fine and was damaged afterwards.
        QVERIFY(test::writeFile(dir.filePath("images/batch0/img_005.jpg"), "\xFF\xD8\xFF broken since import"));

        imaging::ThumbnailOptions thumbs;
        thumbs.cachePath = (*project)->thumbnailCachePath();
        auto first = imaging::buildThumbnails((*project)->db(), thumbs, context);
        QVERIFY(first.ok());
        QCOMPARE(first->made, qint64(29));
        QCOMPARE(first->failed, qint64(1));
        QVERIFY(first->issues.first().path.endsWith("img_005.jpg"));
        auto second = imaging::buildThumbnails((*project)->db(), thumbs, context);
        QCOMPARE(second->made, qint64(0));
        QCOMPARE(second->cached, qint64(29));

        auto cache = imaging::ThumbnailCache::open(thumbs.cachePath);
        auto hash = (*project)->db().prepare("SELECT hash FROM images WHERE path='batch0/img_000.jpg'");
        QVERIFY(*hash->step());
        auto bytes = cache->find(hash->text(0), imaging::kThumbnailSize);
        QVERIFY(bytes.ok() && !bytes->isEmpty());
        const QImage thumbnail = QImage::fromData(*bytes, "jpeg");
        QCOMPARE(thumbnail.size(), QSize(96, 64));   // smaller than 256: kept as is
    }

    void aDamagedCacheIsRebuilt()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("thumbs.db"), QByteArray(8192, 'z')));
        auto cache = imaging::ThumbnailCache::open(dir.filePath("thumbs.db"));
        QVERIFY(cache.ok());
        QVERIFY(cache->store({{"abc", "data"}}, 256).ok());
        QCOMPARE(*cache->find("abc", 256), QByteArray("data"));
    }
};

QTEST_GUILESS_MAIN(TestThumbnails)
#include "tst_thumbnails.moc"
