#include "demo/demo_generator.h"
#include "imaging/thumbnailer.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "pii/ocr_engine.h"
#include "pii/pii_scan.h"
#include "pii/stretched_gray.h"
#include "pii/text_detector.h"
#include "store/database.h"
#include "store/project.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegion>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sieve;

namespace {

QRect boxOf(const QJsonValue &value)
{
    const QJsonArray a = value.toArray();
    return QRect(a.at(0).toInt(), a.at(1).toInt(), a.at(2).toInt(), a.at(3).toInt());
}

qint64 area(const QRegion &region)
{
    qint64 sum = 0;
    for (const QRect &r : region)
        sum += qint64(r.width()) * r.height();
    return sum;
}

} // namespace

class TestPiiScan : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    demo::DemoOptions m_demo;
    std::unique_ptr<store::Project> m_project;
    QJsonArray m_truth;
    qint64 m_images = 0;

    // PII regions of the image at PATH (relative to the demo's images folder).
    QList<QRect> piiRegions(const QString &path)
    {
        QList<QRect> boxes;
        auto rows = m_project->db().prepare(
            "SELECT r.x, r.y, r.w, r.h FROM regions r JOIN images i ON i.id=r.image_id WHERE i.path=? AND r.kind='pii'");
        rows->bind(1, path);
        (void)rows->forEachRow([&] { boxes.append(QRect(rows->integer(0), rows->integer(1), rows->integer(2), rows->integer(3))); });
        return boxes;
    }

    bool imported(const QString &path)
    {
        auto row = m_project->db().prepare("SELECT 1 FROM images WHERE path=?");
        row->bind(1, path);
        return *row->step();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo.outDir = m_dir.filePath("demo");
        m_demo.images = 40;
        m_demo.categories = 4;
        m_demo.seed = 7;
        // Small photos keep the test fast; the demo's text scales with the photo.
        m_demo.minMegapixels = 0.3;
        m_demo.maxMegapixels = 0.8;
        auto generated = demo::generateDemo(m_demo);
        QVERIFY2(generated.ok(), qPrintable(generated.ok() ? QString() : generated.error()));
        auto project = store::Project::create(m_dir.filePath("project"));
        QVERIFY(project.ok());
        m_project = std::move(*project);
        jobs::JobContext context;
        ingest::ImportOptions import;
        import.imagesDirectory = m_demo.outDir + "/images";
        // The metadata gives each image its country, the default region for phone numbers.
        import.metadataFile = m_demo.outDir + "/metadata.csv";
        QVERIFY(ingest::importImages(m_project->db(), import, context).ok());
        m_images = *m_project->db().queryInt("SELECT count(*) FROM images");
        QFile truthFile(m_demo.outDir + "/ground_truth.json");
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        m_truth = QJsonDocument::fromJson(truthFile.readAll()).object().value("images").toArray();
    }

    void missingLanguagesAreLeftOut()
    {
        QStringList missing;
        auto languages = pii::availableOcrLanguages("eng+xx", &missing);
        QVERIFY(languages.ok());
        QCOMPARE(*languages, QString("eng"));
        QCOMPARE(missing, QStringList{"xx"});
    }

    void textDetectorFindsThePiiLines()
    {
        // Recall comes first: the lines showing personal information must lie in the areas OCR
        // reads. Text-free photos without candidates skip OCR altogether.
        int piiLines = 0, piiInAreas = 0, withPii = 0, withPiiSkipped = 0, textFree = 0, textFreeSkipped = 0;
        for (const QJsonValue &value : m_truth) {
            const QJsonObject entry = value.toObject();
            auto image = imaging::decodeScaled(m_demo.outDir + "/images/" + entry.value("path").toString(), pii::kOcrWorkingSide);
            QVERIFY(image.ok());
            const QImage gray = pii::stretchedGray(*image);
            const QList<pii::TextCandidate> areas = pii::textAreas(pii::findTextCandidates(gray), gray.rect());
            const double scale = double(gray.width()) / entry.value("width").toInt();
            const QJsonArray pii = entry.value("pii").toArray();
            for (const QJsonValue &item : pii) {
                const QRect box = boxOf(item.toObject().value("box"));
                const QRect scaled(int(box.x() * scale), int(box.y() * scale), int(box.width() * scale), int(box.height() * scale));
                ++piiLines;
                const bool inside = std::any_of(areas.cbegin(), areas.cend(), [&](const pii::TextCandidate &a) {
                    return 10 * area(QRegion(a.box.intersected(scaled))) >= 9 * qint64(scaled.width()) * scaled.height();
                });
                piiInAreas += inside;
                if (!inside)
                    qInfo("PII line outside the text areas: “%s” in %s", qPrintable(item.toObject().value("text").toString()),
                          qPrintable(entry.value("path").toString()));
            }
            if (!pii.isEmpty()) {
                ++withPii;
                withPiiSkipped += areas.isEmpty();
            } else if (entry.value("text").toArray().isEmpty()) {
                ++textFree;
                textFreeSkipped += areas.isEmpty();
            }
        }
        qInfo("text detector: %d of %d PII lines inside text areas; %d of %d images with PII skipped; %d of %d text-free "
              "images skipped",
              piiInAreas, piiLines, withPiiSkipped, withPii, textFreeSkipped, textFree);
        QVERIFY(piiLines > 0);
        QCOMPARE(withPiiSkipped, 0);
        QVERIFY(10 * piiInAreas >= 9 * piiLines);
        QVERIFY(textFreeSkipped > 0);
    }

    void scanResumesAfterCancel()
    {
        // Cancelled as soon as the first batch is under way: that batch is still stored.
        jobs::JobContext *self = nullptr;
        jobs::JobContext cancelling([&self](const jobs::JobProgress &progress) {
            if (progress.done > 0)
                self->cancel();
        });
        self = &cancelling;
        pii::PiiScanOptions options;
        options.threads = 2;
        QElapsedTimer timer;
        timer.start();
        auto first = pii::runPiiScan(m_project->db(), options, cancelling);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error()));
        QVERIFY(first->cancelled);
        QVERIFY(first->scanned > 0 && first->scanned < m_images);
        const std::int64_t regionsAfterFirst = *m_project->db().queryInt("SELECT count(*) FROM regions");

        jobs::JobContext context;
        auto second = pii::runPiiScan(m_project->db(), options, context);
        const double wall = timer.elapsed() / 1000.0;
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error()));
        QVERIFY(!second->cancelled);
        QCOMPARE(second->pending, m_images - first->scanned);
        // No image scanned twice, every image scanned once.
        QCOMPARE(first->scanned + second->scanned, m_images);
        QCOMPARE(*m_project->db().queryInt("SELECT count(*) FROM image_scans WHERE scan='pii'"), std::int64_t(m_images));
        const QByteArray firstRegions = "SELECT count(*) FROM regions WHERE job_id=" + QByteArray::number(first->jobId);
        QCOMPARE(*m_project->db().queryInt(firstRegions.constData()), regionsAfterFirst);
        QCOMPARE(*m_project->db().queryInt("SELECT count(*) FROM (SELECT DISTINCT image_id, kind, x, y, w, h, text FROM regions)"),
                 *m_project->db().queryInt("SELECT count(*) FROM regions"));
        // A third run finds nothing left to do.
        auto third = pii::runPiiScan(m_project->db(), options, context);
        QVERIFY(third.ok());
        QCOMPARE(third->scanned, qint64(0));

        const qint64 ocred = first->ocred + second->ocred;
        const double seconds = first->ocrSeconds + second->ocrSeconds;
        qInfo("pii scan: %lld images, %lld without text, %lld OCRed (%lld text areas), %lld with PII "
              "(%lld by EXIF); %.2f s per image per core (%.2f s per OCRed image), wall %.1f s on 2 threads",
              m_images, first->scanned + second->scanned - ocred, ocred, first->ocrPasses + second->ocrPasses,
              first->withPii + second->withPii, first->withExifPii + second->withExifPii, seconds / m_images,
              seconds / std::max<qint64>(1, ocred), wall);
        for (auto it = second->regions.cbegin(); it != second->regions.cend(); ++it)
            qInfo("  %s: %lld regions (second run)", qPrintable(it.key()), it.value());
        QVERIFY(first->withPii + second->withPii > 0);
        QCOMPARE(*m_project->db().queryInt("SELECT count(*) FROM flags WHERE kind='pii' AND state='suggested'"),
                 std::int64_t(first->withPii + second->withPii));
    }

    void recallOfPrintedPii()
    {
        // A ground-truth box counts as found when PII regions cover at least half of it (the
        // share covered to 90 % is printed too).
        QMap<QString, int> found, total, foundTight;
        int falseRegions = 0, regions = 0, textFree = 0, textFreeWithPii = 0;
        for (const QJsonValue &value : m_truth) {
            const QJsonObject entry = value.toObject();
            const QString path = entry.value("path").toString();
            if (!imported(path))   // an exact copy, not an image of its own
                continue;
            const QList<QRect> detected = piiRegions(path);
            QRegion detectedArea;
            for (const QRect &box : detected)
                detectedArea += box;
            QRegion truthArea;
            for (const QJsonValue &item : entry.value("pii").toArray()) {
                const QRect box = boxOf(item.toObject().value("box"));
                truthArea += box;
                const QString type = item.toObject().value("type").toString();
                ++total[type];
                ++total["all"];
                const qint64 covered = area(detectedArea.intersected(box));
                const bool hit = 2 * covered >= qint64(box.width()) * box.height();
                foundTight[type] += 10 * covered >= 9 * qint64(box.width()) * box.height();
                found[type] += hit;
                found["all"] += hit;
                foundTight["all"] += 10 * covered >= 9 * qint64(box.width()) * box.height();
                if (!hit)
                    qInfo("missed %s “%s” in %s", qPrintable(type), qPrintable(item.toObject().value("text").toString()),
                          qPrintable(path));
            }
            for (const QRect &box : detected) {
                ++regions;
                falseRegions += !truthArea.intersects(box);
            }
            if (entry.value("pii").toArray().isEmpty() && entry.value("text").toArray().isEmpty()) {
                ++textFree;
                textFreeWithPii += !detected.isEmpty();
            }
        }
        for (auto it = total.cbegin(); it != total.cend(); ++it)
            qInfo("recall %s: %d of %d (%.2f; %.2f covered to 90 %%)", qPrintable(it.key()), found[it.key()], it.value(),
                  double(found[it.key()]) / it.value(), double(foundTight[it.key()]) / it.value());
        qInfo("pii regions: %d, %d without ground-truth PII under them; %d of %d text-free images with a PII region",
              regions, falseRegions, textFreeWithPii, textFree);
        QVERIFY(total["all"] > 0);
        QVERIFY(textFreeWithPii <= textFree / 10);
        QVERIFY(double(found["all"]) / total["all"] >= kRecallFloor);
        QVERIFY(falseRegions <= std::max(3, regions / 4));
    }

private:
    static constexpr double kRecallFloor = 0.75;
};

QTEST_MAIN(TestPiiScan)
#include "tst_pii_scan.moc"
