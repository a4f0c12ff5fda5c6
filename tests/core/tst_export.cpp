#include "demo/demo_generator.h"
#include "export/exporter.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "store/database.h"
#include "store/edit_log.h"
#include "store/project.h"
#include "store/views.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

class TestExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Project> m_project;
    QStringList m_originalNames;

    static QMap<QString, QStringList> readCsv(const QString &path)   // first column → rest
    {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QMap<QString, QStringList> rows;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (int i = 1; i < lines.size(); ++i) {
            if (lines[i].isEmpty())
                continue;
            QStringList fields = QString::fromUtf8(lines[i]).split(QLatin1Char(','));
            const QString key = fields.takeFirst();
            rows.insert(key, fields);
        }
        return rows;
    }

    QString pathOf(std::int64_t id)
    {
        auto q = m_project->db().prepare("SELECT path FROM images WHERE id=?");
        q->bind(1, id);
        (void)q->step();
        return q->text(0);
    }

    // The ids of the images an export wrote, found by their content-derived names (seed 1).
    QSet<std::int64_t> exportedIds(const QStringList &manifestPaths)
    {
        QSet<std::int64_t> ids;
        auto q = m_project->db().prepare("SELECT id, hash FROM images");
        (void)q->forEachRow([&] {
            const QByteArray digest =
                QCryptographicHash::hash("sieve-export:1:" + q->text(1).toLatin1(), QCryptographicHash::Sha256).toHex().left(20);
            for (const QString &path : manifestPaths)
                if (path.contains(QString::fromLatin1(digest)))
                    ids.insert(q->int64(0));
        });
        return ids;
    }

private slots:
    void initTestCase()
    {
        demo::DemoOptions options;
        options.outDir = m_dir.filePath("demo");
        options.images = 40;
        options.categories = 3;
        options.minMegapixels = 0.05;
        options.maxMegapixels = 0.15;
        QVERIFY(demo::generateDemo(options).ok());
        m_project = std::move(*store::Project::create(m_dir.filePath("project")));
        jobs::JobContext context;
        ingest::ImportOptions import;
        import.imagesDirectory = options.outDir + "/images";
        import.metadataFile = options.outDir + "/metadata.csv";
        QVERIFY(ingest::importImages(m_project->db(), import, context).ok());
        QDirIterator files(import.imagesDirectory, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext())
            m_originalNames.append(QFileInfo(files.next()).completeBaseName());
        store::Database &db = m_project->db();
        store::EditLog log(db, "ana");
        QVERIFY(log.setReviewStatus({1}, store::ReviewStatus::Rejected).ok());
        QVERIFY(log.setLabel({2}, std::nullopt).ok());
        // A detected phone number on image 3 (undecided: redacted too) and a rejected one on 4.
        QVERIFY(db.exec("INSERT INTO regions(image_id, kind, x, y, w, h, pii_type, confidence, source, decision, created_at) VALUES "
                        "(3, 'pii', 10, 10, 60, 20, 'phone', 90, 'ocr', 'undecided', 'now'),"
                        "(4, 'pii', 10, 10, 60, 20, 'phone', 90, 'ocr', 'rejected', 'now'),"
                        // A text line OCR read and the analyst accepted as personal (a name the
                        // recognizers missed): redacted; an undecided text line is not.
                        "(5, 'text', 10, 10, 60, 20, '', 80, 'ocr', 'accepted', 'now'),"
                        "(6, 'text', 10, 10, 60, 20, '', 80, 'ocr', 'undecided', 'now')").ok());
        // A box the analyst drew on image 7 (redacted) and one drawn on image 8 and undone (not).
        QVERIFY(log.addRegion(7, QRect(10, 10, 30, 30), "face").ok());
        QVERIFY(log.addRegion(8, QRect(10, 10, 30, 30), "name").ok());
        QVERIFY(log.undo()->has_value());
    }

    void exportsACleanSplitDataset()
    {
        exporting::ExportOptions options;
        options.outDir = m_dir.filePath("out");
        options.redaction.style = imaging::RedactionStyle::Fill;
        options.redaction.padding = 0;
        jobs::JobContext context;
        auto summary = exporting::exportDataset(m_project->db(), options, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        const qint64 total = *m_project->db().queryInt("SELECT count(*) FROM images");
        QCOMPARE(summary->exported + 2, total);   // the rejected and the unlabeled image left out
        QCOMPARE(summary->excluded, qint64(2));
        QCOMPARE(summary->redactedRegions, qint64(3));
        QVERIFY(!QFileInfo::exists(options.outDir + ".partial"));

        const auto manifest = readCsv(options.outDir + "/manifest.csv");
        QCOMPARE(qint64(manifest.size()), summary->exported);
        QMap<QString, QMap<QString, int>> perLabelSplit;
        for (auto it = manifest.cbegin(); it != manifest.cend(); ++it) {
            const QString path = options.outDir + "/" + it.key();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray bytes = file.readAll();
            // The checksum is right; no EXIF (GPS, camera, thumbnail) survived; no original name leaks.
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()), it.value().at(3));
            QVERIFY2(!bytes.contains(QByteArray("Exif\0\0", 6)), qPrintable(path));
            for (const QString &original : m_originalNames)
                QVERIFY(!it.key().contains(original));
            // ImageFolder: <split>/<label>/<file>
            const QStringList parts = it.key().split('/');
            QCOMPARE(parts.size(), qsizetype(3));
            QCOMPARE(parts[0], it.value().at(0));
            ++perLabelSplit[it.value().at(1)][parts[0]];
        }
        for (auto it = perLabelSplit.cbegin(); it != perLabelSplit.cend(); ++it) {
            const int n = it->value("train") + it->value("val") + it->value("test");
            QCOMPARE(it->value("train"), int(std::lround(n * 0.8)));   // stratified per label
        }
        const auto exclusions = readCsv(options.outDir + "/exclusions.csv");
        QCOMPARE(exclusions.size(), qsizetype(2));
        QStringList reasons;
        for (const QStringList &row : exclusions)
            reasons.append(row.join(','));
        QVERIFY(reasons.contains("rejected in review"));
        QVERIFY(reasons.contains("unlabeled"));
        QFile sheet(options.outDir + "/DATASHEET.md");
        QVERIFY(sheet.open(QIODevice::ReadOnly));
        const QByteArray datasheet = sheet.readAll();
        QVERIFY(datasheet.contains("Images per category"));
        QVERIFY(datasheet.contains("3 regions redacted in 3 images"));

        // Image 3's undecided PII region is filled; image 4's rejected one is not.
        auto pathOf = [&](std::int64_t id) {
            const QByteArray hash = [&] {
                auto q = m_project->db().prepare("SELECT hash FROM images WHERE id=?");
                q->bind(1, id);
                (void)q->step();
                return q->text(0).toLatin1();
            }();
            const QByteArray digest = QCryptographicHash::hash("sieve-export:1:" + hash, QCryptographicHash::Sha256).toHex().left(20);
            for (auto it = manifest.cbegin(); it != manifest.cend(); ++it)
                if (it.key().contains(QString::fromLatin1(digest)))
                    return options.outDir + "/" + it.key();
            return QString();
        };
        const QImage redacted(pathOf(3));
        QVERIFY(!redacted.isNull());
        QVERIFY(qGray(redacted.pixel(40, 20)) < 20);
        QVERIFY(qGray(redacted.pixel(40, 20)) == qGray(redacted.pixel(20, 15)));
        const QImage drawn(pathOf(7));   // the analyst's box, filled as well
        QVERIFY(!drawn.isNull());
        QVERIFY(qGray(drawn.pixel(25, 25)) < 20);
        QVERIFY(qGray(drawn.pixel(25, 25)) == qGray(drawn.pixel(18, 32)));
    }

    void refusesNonEmptyFoldersAndEmptySelections()
    {
        jobs::JobContext context;
        exporting::ExportOptions options;
        options.outDir = m_dir.filePath("demo");   // not empty
        auto notEmpty = exporting::exportDataset(m_project->db(), options, context);
        QVERIFY(!notEmpty.ok());
        QVERIFY(notEmpty.error().contains("not empty"));
        options.outDir = m_dir.filePath("nothing");
        options.filter.text = "no image is called this";
        auto nothing = exporting::exportDataset(m_project->db(), options, context);
        QVERIFY(!nothing.ok());
        QVERIFY(nothing.error().contains("No image"));
        QVERIFY(!QFileInfo::exists(options.outDir));
    }

    void resumesAfterCancel()
    {
        exporting::ExportOptions options;
        options.outDir = m_dir.filePath("resumed");
        options.threads = 1;
        options.redaction.style = imaging::RedactionStyle::Fill;   // as the first export, so the bytes match
        options.redaction.padding = 0;
        int reports = 0;
        jobs::JobContext cancelling([&](const jobs::JobProgress &progress) {
            if (progress.done > 0 && ++reports >= 1)
                cancelling.cancel();
        });
        auto first = exporting::exportDataset(m_project->db(), options, cancelling);
        QVERIFY(first.ok());
        QVERIFY(first->cancelled);
        QVERIFY(QFileInfo::exists(options.outDir + ".partial/progress.csv"));
        QVERIFY(!QFileInfo::exists(options.outDir));
        jobs::JobContext context;
        auto second = exporting::exportDataset(m_project->db(), options, context);
        QVERIFY(second.ok());
        QCOMPARE(readCsv(options.outDir + "/manifest.csv").size(), readCsv(m_dir.filePath("out/manifest.csv")).size());
        // Same seed, same split and names as the uninterrupted export.
        QCOMPARE(readCsv(options.outDir + "/manifest.csv"), readCsv(m_dir.filePath("out/manifest.csv")));
    }

    void exportsASavedView()
    {
        // A view saved in the project, loaded by name, as the dialog and --view do.
        store::ImageFilter kenya;
        kenya.attributes.insert("country", {"KE"});
        kenya.sort = store::ImageSort::Path;   // a view's sort does not change the export
        QVERIFY(store::saveView(m_project->db(), "Kenya", kenya).ok());
        auto view = store::findView(m_project->db(), "kenya");
        QVERIFY(view.ok() && view->has_value());

        exporting::ExportOptions options;
        options.outDir = m_dir.filePath("kenya");
        options.filter = (*view)->filter;
        options.selection = "saved view “Kenya”";
        jobs::JobContext context;
        auto summary = exporting::exportDataset(m_project->db(), options, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        const std::int64_t inKenya = *m_project->db().queryInt(
            "SELECT count(*) FROM images i JOIN image_attributes a ON a.image_id = i.id AND a.key = 'country' AND a.value = 'KE' "
            "WHERE i.review_status <> 2 AND i.category_id IS NOT NULL");
        QVERIFY(inKenya > 0 && inKenya < *m_project->db().queryInt("SELECT count(*) FROM images") - 2);
        QCOMPARE(summary->exported, qint64(inKenya));
        const auto manifest = readCsv(options.outDir + "/manifest.csv");
        QCOMPARE(qint64(manifest.size()), qint64(inKenya));
        for (const QStringList &row : manifest)
            QCOMPARE(row.at(2), QStringLiteral("KE"));   // path → split, label, country, sha256
        QFile sheet(options.outDir + "/DATASHEET.md");
        QVERIFY(sheet.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(sheet.readAll()).contains("Images chosen: saved view “Kenya”."));
    }

    void keepsOnePerUndecidedDuplicateGroup()
    {
        store::Database &db = m_project->db();
        store::EditLog log(db, "ana");
        // The scan's keeper rule: most pixels, then the largest file, then the oldest import.
        auto traits = [&](std::int64_t id) {
            auto q = db.prepare("SELECT width * height, file_size FROM images WHERE id=?");
            q->bind(1, id);
            (void)q->step();
            return std::tuple(-q->int64(0), -q->int64(1), id);
        };
        // Group A (10, 11, 12): the analyst has not looked. Its suggested keeper is the one the
        // rule likes least (as after a re-import changed the files), so the test tells "the
        // suggestion" from "the rule". Group B (13, 14): the analyst kept 14 (flagged 13, the
        // suggestion). Group C (1, 15, 16): the suggested keeper 1 is rejected: the rule picks
        // from the rest. Group D (17, 18): the analyst dismissed the suggestion on 18.
        QList<std::int64_t> groupA{10, 11, 12};
        std::sort(groupA.begin(), groupA.end(), [&](std::int64_t a, std::int64_t b) { return traits(a) < traits(b); });
        const std::int64_t keeperA = groupA.takeLast();
        const QByteArray groups = QStringLiteral(
            "INSERT INTO duplicate_groups(image_id, group_id, kind, distance, keep) VALUES "
            "(%1, 100, 'near', 0, 1), (%2, 100, 'near', 5, 0), (%3, 100, 'near', 3, 0), "
            "(13, 13, 'near', 0, 1), (14, 13, 'near', 2, 0), "
            "(1, 15, 'near', 0, 1), (15, 15, 'near', 4, 0), (16, 15, 'near', 6, 0), "
            "(17, 17, 'near', 0, 1), (18, 17, 'near', 8, 0)").arg(keeperA).arg(groupA[0]).arg(groupA[1]).toLatin1();
        QVERIFY(db.exec(groups.constData()).ok());
        QVERIFY(db.exec("INSERT INTO flags(image_id, kind, state, source, updated_at) "
                        "SELECT image_id, 'duplicate', 'suggested', 'detector', 'now' FROM duplicate_groups WHERE keep = 0").ok());
        QVERIFY(log.setFlag({13}, "duplicate", true).ok());
        QVERIFY(log.dismissSuggestions({18}, "duplicate").ok());
        const std::int64_t best = traits(15) < traits(16) ? 15 : 16;
        const std::int64_t other = best == 15 ? 16 : 15;

        exporting::ExportOptions options;
        options.outDir = m_dir.filePath("deduplicated");
        jobs::JobContext context;
        auto summary = exporting::exportDataset(db, options, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        const auto manifest = readCsv(options.outDir + "/manifest.csv");
        const QSet<std::int64_t> exported = exportedIds(manifest.keys());
        QCOMPARE(qint64(exported.size()), summary->exported);
        for (std::int64_t kept : {keeperA, std::int64_t(14), best, std::int64_t(17), std::int64_t(18)})
            QVERIFY2(exported.contains(kept), qPrintable(QString::number(kept)));
        for (std::int64_t left : {groupA[0], groupA[1], std::int64_t(13), other})
            QVERIFY2(!exported.contains(left), qPrintable(QString::number(left)));

        // Each left-out member is in exclusions.csv with the image kept instead.
        const auto exclusions = readCsv(options.outDir + "/exclusions.csv");
        QCOMPARE(exclusions.value(pathOf(groupA[0])).join(','), "duplicate group: kept " + pathOf(keeperA));
        QCOMPARE(exclusions.value(pathOf(groupA[1])).join(','), "duplicate group: kept " + pathOf(keeperA));
        QCOMPARE(exclusions.value(pathOf(other)).join(','), "duplicate group: kept " + pathOf(best));
        QCOMPARE(exclusions.value(pathOf(13)).join(','), QStringLiteral("flagged as a duplicate"));
        QCOMPARE(summary->excluded, qint64(2 + 4));   // rejected, unlabeled, and the four above

        // Without the option every member goes out.
        options.outDir = m_dir.filePath("with-duplicates");
        options.onePerDuplicateGroup = false;
        auto all = exporting::exportDataset(db, options, context);
        QVERIFY(all.ok());
        QCOMPARE(all->exported, summary->exported + 4);
        QVERIFY(db.exec("DELETE FROM duplicate_groups; DELETE FROM flags WHERE kind = 'duplicate'").ok());
    }

    void writesAJsonLinesManifestWithChecksums()
    {
        exporting::ExportOptions options;
        options.outDir = m_dir.filePath("flat-jsonl");
        options.layout = exporting::ExportLayout::Flat;
        options.manifest = exporting::ManifestFormat::JsonLines;
        jobs::JobContext context;
        auto summary = exporting::exportDataset(m_project->db(), options, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QVERIFY(!QFileInfo::exists(options.outDir + "/manifest.csv"));
        QFile manifest(options.outDir + "/manifest.jsonl");
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = manifest.readAll().split('\n');
        QVERIFY(lines.last().isEmpty());   // every line ends with a newline
        QCOMPARE(qint64(lines.size() - 1), summary->exported);
        QSet<QString> splits;
        QMap<QString, QStringList> byLabel;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonObject entry = QJsonDocument::fromJson(lines[i], &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, lines[i].constData());
            const QString path = entry.value("path").toString();
            QVERIFY2(path.startsWith("images/") && path.count('/') == 1, qPrintable(path));   // flat
            QFile file(options.outDir + "/" + path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()),
                     entry.value("sha256").toString());
            QVERIFY(!entry.value("label").toString().isEmpty());
            QVERIFY(entry.contains("country"));
            splits.insert(entry.value("split").toString());
            byLabel[entry.value("label").toString()].append(path);
        }
        QCOMPARE(splits, QSet<QString>({"train", "val", "test"}));
        QCOMPARE(QDir(options.outDir + "/images").entryList(QDir::Files).size(), lines.size() - 1);
        QFile sheet(options.outDir + "/DATASHEET.md");
        QVERIFY(sheet.open(QIODevice::ReadOnly));
        QVERIFY(sheet.readAll().contains("checksums in manifest.jsonl"));
    }

    void folderNamesAreSafe_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("safe");
        QTest::newRow("plain") << "soap bar" << "soap bar";
        QTest::newRow("separators") << "rice/25kg\\bag" << "rice_25kg_bag";
        QTest::newRow("dots") << ".." << "_";
        QTest::newRow("hidden") << ".config" << "config";
        QTest::newRow("reserved") << "CON" << "_CON";
        QTest::newRow("empty") << "   " << "_";
        QTest::newRow("trailing") << "tea. " << "tea";
        QTest::newRow("accents") << "Thé vert" << "Thé vert";
    }
    void folderNamesAreSafe()
    {
        QFETCH(QString, name);
        QFETCH(QString, safe);
        QCOMPARE(exporting::safeFolderName(name), safe);
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
