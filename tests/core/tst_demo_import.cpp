#include "demo/demo_generator.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "store/database.h"
#include "store/project.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

// Imports a small demo set and checks the project against the generator's ground truth: what
// the demo, the GUI and every later feature start from.
class TestDemoImport : public QObject {
    Q_OBJECT

private slots:
    void importMatchesGroundTruth()
    {
        QTemporaryDir dir;
        demo::DemoOptions options;
        options.outDir = dir.filePath("demo");
        options.images = 80;
        options.categories = 5;
        options.minMegapixels = 0.05;
        options.maxMegapixels = 0.2;
        auto generated = demo::generateDemo(options);
        QVERIFY2(generated.ok(), qPrintable(generated.ok() ? QString() : generated.error()));

        auto project = store::Project::create(dir.filePath("project"));
        jobs::JobContext context;
        ingest::ImportOptions import;
        import.imagesDirectory = options.outDir + "/images";
        import.metadataFile = options.outDir + "/metadata.csv";
        auto summary = ingest::importImages((*project)->db(), import, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->issueCount, qint64(0));
        QCOMPARE(summary->files, qint64(generated->files));
        QCOMPARE(summary->duplicates, qint64(generated->exactDuplicates));
        QCOMPARE(summary->added, qint64(generated->files - generated->exactDuplicates));
        QCOMPARE(summary->metadataMatched, summary->metadataRows);

        QFile truthFile(options.outDir + "/ground_truth.json");
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        const QJsonArray truth = QJsonDocument::fromJson(truthFile.readAll()).object().value("images").toArray();
        store::Database &db = (*project)->db();
        auto image = db.prepare(
            "SELECT i.width, i.height, i.orientation, i.exif, coalesce(c.name, ''), "
            "(SELECT value FROM image_attributes a WHERE a.image_id = i.id AND a.key = 'country') "
            "FROM images i LEFT JOIN categories c ON c.id = i.category_id WHERE i.path = ?");
        auto copy = db.prepare("SELECT count(*) FROM image_copies WHERE path = ?");
        int checked = 0, withGps = 0, rotated = 0;
        for (const QJsonValue &value : truth) {
            const QJsonObject entry = value.toObject();
            const QString path = entry.value("path").toString();
            image->bind(1, path);
            if (!*image->step()) {
                // An exact duplicate is recorded as a copy of the image it repeats.
                image->reset();
                QCOMPARE(entry.value("duplicate_kind").toString(), QStringLiteral("exact"));
                copy->bind(1, path);
                QVERIFY(*copy->step());
                QCOMPARE(copy->int64(0), std::int64_t(1));
                copy->reset();
                continue;
            }
            const int orientation = image->integer(2);
            const bool swapped = orientation >= 5;
            QCOMPARE(orientation, entry.value("orientation").toInt(1));
            QCOMPARE(swapped ? image->integer(1) : image->integer(0), entry.value("width").toInt());
            QCOMPARE(swapped ? image->integer(0) : image->integer(1), entry.value("height").toInt());
            // The label as claimed (deliberately wrong ones included) and the country.
            QCOMPARE(image->text(4).toCaseFolded(), entry.value("claimed_label").toString().toCaseFolded());
            QCOMPARE(image->text(5), entry.value("country").toString());
            const QJsonObject exif = QJsonDocument::fromJson(image->text(3).toUtf8()).object();
            if (entry.value("gps").isObject()) {
                ++withGps;
                const QJsonObject gps = exif.value("gps").toObject();
                QVERIFY2(std::abs(gps.value("lat").toDouble() - entry.value("gps").toObject().value("lat").toDouble()) < 1e-4, qPrintable(path));
                QVERIFY(std::abs(gps.value("lon").toDouble() - entry.value("gps").toObject().value("lon").toDouble()) < 1e-4);
            } else {
                QVERIFY2(!exif.contains("gps"), qPrintable(path));
            }
            rotated += orientation != 1;
            image->reset();
            ++checked;
        }
        QCOMPARE(checked, int(summary->added));
        QVERIFY(withGps > 0);
        QVERIFY(rotated > 0);
    }
};

QTEST_MAIN(TestDemoImport)
#include "tst_demo_import.moc"
