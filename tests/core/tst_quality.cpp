#include "demo/demo_generator.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "scan/quality.h"
#include "scan/scan_job.h"
#include "store/database.h"
#include "store/project.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

namespace {

// A scene of shapes and text drawn in resolution-independent coordinates, so the same scene
// can be rendered at 1 MP and at 4 MP.
QImage scene(QSize size, int seed = 1)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(120, 130, 140));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size.width() / 1000.0, size.height() / 750.0);
    QRandomGenerator rng{quint32(seed)};
    for (int i = 0; i < 40; ++i) {
        painter.setBrush(QColor::fromHsv(rng.bounded(360), 200, 60 + rng.bounded(190)));
        painter.setPen(Qt::NoPen);
        painter.drawRect(QRectF(rng.bounded(900), rng.bounded(650), 20 + rng.bounded(200), 20 + rng.bounded(150)));
    }
    painter.setPen(Qt::black);
    painter.setFont(QFont(QStringLiteral("Sans"), 14));
    for (int i = 0; i < 10; ++i)
        painter.drawText(QPointF(20 + rng.bounded(700), 30 + rng.bounded(700)), QStringLiteral("Sieve quality 1234"));
    return image;
}

// Defocus: down by a factor, back up smoothly.
QImage blurred(const QImage &image, int factor)
{
    return image.scaled(image.size() / factor, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace

class TestQuality : public QObject {
    Q_OBJECT

private slots:
    void sharpnessIsComparableAcrossResolutions()
    {
        const QImage small = scene({1155, 866});    // 1 MP
        const QImage large = scene({2310, 1732});   // 4 MP
        const double sharpSmall = scan::measureQuality(small, small.size()).sharpness;
        const double sharpLarge = scan::measureQuality(large, large.size()).sharpness;
        const double blurSmall = scan::measureQuality(blurred(small, 6), small.size()).sharpness;
        const double blurLarge = scan::measureQuality(blurred(large, 12), large.size()).sharpness;
        qInfo("sharpness: 1 MP %.1f (blurred %.1f), 4 MP %.1f (blurred %.1f)", sharpSmall, blurSmall, sharpLarge, blurLarge);
        QVERIFY(sharpSmall > 3 * blurSmall);
        QVERIFY(sharpLarge > 3 * blurLarge);
        // The same scene scores alike whatever its resolution (unnormalised Laplacian variance
        // differs several times between 1 and 4 MP).
        QVERIFY(sharpLarge < 1.5 * sharpSmall && sharpSmall < 1.5 * sharpLarge);
        QVERIFY(blurLarge < 2 * blurSmall && blurSmall < 2 * blurLarge);
        const scan::QualityThresholds thresholds;
        QVERIFY(!scan::qualityDefects(scan::measureQuality(small, small.size())).contains("blur"));
        QVERIFY(scan::qualityDefects(scan::measureQuality(blurred(large, 12), large.size()), thresholds).contains("blur"));
    }

    void exposureAndSizeDefects()
    {
        QImage image = scene({800, 600});
        QImage dark = image;
        QImage bright = image;
        for (int y = 0; y < image.height(); ++y) {
            auto *d = reinterpret_cast<QRgb *>(dark.scanLine(y));
            auto *b = reinterpret_cast<QRgb *>(bright.scanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                d[x] = qRgb(qRed(d[x]) / 8, qGreen(d[x]) / 8, qBlue(d[x]) / 8);
                b[x] = qRgb(std::min(255, qRed(b[x]) * 3), std::min(255, qGreen(b[x]) * 3), std::min(255, qBlue(b[x]) * 3));
            }
        }
        QCOMPARE(scan::qualityDefects(scan::measureQuality(image, image.size())), QStringList());
        QVERIFY(scan::qualityDefects(scan::measureQuality(dark, image.size())).contains("dark"));
        QVERIFY(scan::qualityDefects(scan::measureQuality(bright, image.size())).contains("overexposed"));
        const QImage tiny = image.scaled(320, 240);
        QCOMPARE(scan::qualityDefects(scan::measureQuality(tiny, tiny.size())), QStringList{"tiny"});
        QImage flat(800, 600, QImage::Format_RGB32);
        flat.fill(QColor(128, 128, 128));
        QVERIFY(scan::qualityDefects(scan::measureQuality(flat, flat.size())).contains("low_contrast"));
        const scan::QualityScores scores = scan::measureQuality(tiny, {240, 320});
        QCOMPARE(scores.aspectRatio, 0.75);
        QCOMPARE(scores.megapixels, 0.0768);
    }

    void demoPoorQualityIsFlagged()
    {
        QTemporaryDir dir;
        demo::DemoOptions options;
        options.outDir = dir.filePath("demo");
        options.images = 80;
        options.categories = 5;
        options.minMegapixels = 0.1;
        options.maxMegapixels = 0.3;
        auto generated = demo::generateDemo(options);
        QVERIFY2(generated.ok(), qPrintable(generated.ok() ? QString() : generated.error()));
        auto project = store::Project::create(dir.filePath("project"));
        jobs::JobContext context;
        ingest::ImportOptions import;
        import.imagesDirectory = options.outDir + "/images";
        QVERIFY(ingest::importImages((*project)->db(), import, context).ok());

        scan::QualityScanOptions scanOptions;
        // The demo's photos are 0.1 to 0.3 MP; its tiny ones are a quarter of the smallest.
        scanOptions.thresholds.tinyBelow = 0.05;
        auto summary = scan::runQualityScan((*project)->db(), scanOptions, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->scanned, summary->pending);

        QFile truthFile(options.outDir + "/ground_truth.json");
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        const QJsonArray truth = QJsonDocument::fromJson(truthFile.readAll()).object().value("images").toArray();
        auto row = (*project)->db().prepare(
            "SELECT i.quality, (SELECT note FROM flags f WHERE f.image_id=i.id AND f.kind='quality') FROM images i WHERE i.path=?");
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        for (const QJsonValue &value : truth) {
            const QJsonObject entry = value.toObject();
            row->bind(1, entry.value("path").toString());
            if (!*row->step()) {   // an exact copy, not an image of its own
                row->reset();
                continue;
            }
            const bool poor = !entry.value("quality").toArray().isEmpty();
            const bool flagged = !row->isNull(1);
            if (poor != flagged)
                qInfo("%s: truth %s, measured %s", qPrintable(entry.value("path").toString()),
                      qPrintable(QJsonDocument(entry.value("quality").toArray()).toJson(QJsonDocument::Compact)),
                      qPrintable(row->text(0)));
            truePositive += poor && flagged;
            falsePositive += !poor && flagged;
            falseNegative += poor && !flagged;
            row->reset();
        }
        const double precision = truePositive / std::max(1.0, double(truePositive + falsePositive));
        const double recall = truePositive / std::max(1.0, double(truePositive + falseNegative));
        qInfo("demo quality: precision %.2f, recall %.2f (%d poor found, %d false, %d missed)", precision, recall,
              truePositive, falsePositive, falseNegative);
        QVERIFY(truePositive + falseNegative > 0);
        QVERIFY(precision >= 0.7);
        QVERIFY(recall >= 0.7);
    }
};

QTEST_MAIN(TestQuality)
#include "tst_quality.moc"
