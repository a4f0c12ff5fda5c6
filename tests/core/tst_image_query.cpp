#include "store/categories.h"
#include "store/database.h"
#include "store/edit_log.h"
#include "store/image_query.h"
#include "store/project.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::store;

class TestImageQuery : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;

    std::vector<std::int64_t> ids(const ImageFilter &filter) { return *queryImageIds(m_project->db(), filter); }

private slots:
    void initTestCase()
    {
        // 12 images: labels cycle Rice, Soap, none; countries KE/FR alternate; two flagged.
        m_project = std::move(*Project::create(m_dir.path()));
        Database &db = m_project->db();
        QVERIFY(db.exec("INSERT INTO sources(id, root) VALUES(1, '/data')").ok());
        QVERIFY(addCategory(db, "Rice").ok());
        QVERIFY(addCategory(db, "Soap").ok());
        auto insert = db.prepare("INSERT INTO images(source_id, path, file_name, hash, file_size, format, width, height, "
                                 "category_id, imported_at) VALUES(1, ?, ?, ?, ?, 'jpeg', ?, 10, ?, 'now')");
        auto attribute = db.prepare("INSERT INTO image_attributes(image_id, key, value) VALUES(?, ?, ?)");
        for (int i = 1; i <= 12; ++i) {
            const QString name = QStringLiteral("shop%1/img_%2.jpg").arg(i % 2).arg(i, 2, 10, QLatin1Char('0'));
            insert->bind(1, name).bind(2, name.section('/', -1)).bind(3, QStringLiteral("h%1").arg(i)).bind(4, 1000 - i)
                .bind(5, 10 * i);
            if (i % 3 == 0)
                insert->bind(6, nullptr);
            else
                insert->bind(6, i % 3);
            QVERIFY(insert->exec().ok());
            attribute->bind(1, i).bind(2, "country").bind(3, i % 2 ? "KE" : "FR");
            QVERIFY(attribute->exec().ok());
            attribute->bind(1, i).bind(2, "contributor").bind(3, QStringLiteral("c%1").arg(i));
            QVERIFY(attribute->exec().ok());
        }
        EditLog log(db, "ana");
        QVERIFY(log.setFlag({2, 5}, "pii", true).ok());
        QVERIFY(log.setReviewStatus({1, 2, 3}, ReviewStatus::Accepted).ok());
    }

    void emptyFilterListsAllInImportOrder()
    {
        const auto all = ids({});
        QCOMPARE(all.size(), std::size_t(12));
        QVERIFY(std::is_sorted(all.begin(), all.end()));
    }

    void facetsCombineAsOrWithinAndAcross()
    {
        ImageFilter filter;
        filter.categories = {1};
        QCOMPARE(ids(filter).size(), std::size_t(4));
        filter.unlabeled = true;
        QCOMPARE(ids(filter).size(), std::size_t(8));
        filter.attributes.insert("country", {"KE"});
        for (std::int64_t id : ids(filter))
            QVERIFY(id % 2 == 1 && id % 3 != 2);
        filter.statuses = {ReviewStatus::Accepted};
        QCOMPARE(ids(filter), (std::vector<std::int64_t>{1, 3}));
    }

    void flagsAndNoFlag()
    {
        ImageFilter flagged;
        flagged.flags = {"pii"};
        QCOMPARE(ids(flagged), (std::vector<std::int64_t>{2, 5}));
        ImageFilter none;
        none.flags = {"none"};
        QCOMPARE(ids(none).size(), std::size_t(10));
    }

    void suggestionsAndSharpness()
    {
        Database &db = m_project->db();
        QVERIFY(db.exec("INSERT INTO flags(image_id, kind, state, source, updated_at) VALUES (7, 'duplicate', 'suggested', 'detector', 'now');"
                        "UPDATE images SET sharpness = 100 - id WHERE id <= 6").ok());
        ImageFilter suggested;
        suggested.suggestions = {"duplicate"};
        QCOMPARE(ids(suggested), (std::vector<std::int64_t>{7}));
        QCOMPARE(countFacets(db)->suggestions.value("duplicate"), qint64(1));
        ImageFilter sharpness;
        sharpness.sort = ImageSort::Sharpness;   // blurriest first, unscanned last
        const auto sorted = ids(sharpness);
        QCOMPARE(sorted.front(), std::int64_t(6));
        QCOMPARE(sorted.at(5), std::int64_t(1));
        QVERIFY(db.exec("DELETE FROM flags WHERE image_id=7 AND kind='duplicate'; UPDATE images SET sharpness=NULL").ok());
    }

    void piiReviewQueue()
    {
        Database &db = m_project->db();
        QVERIFY(db.exec("INSERT INTO regions(image_id, kind, x, y, w, h, pii_type, confidence, source, decision, created_at) VALUES "
                        "(3, 'pii', 0, 0, 5, 5, 'phone', 60, 'ocr', 'undecided', 'now'), "
                        "(9, 'pii', 0, 0, 5, 5, 'email', 95, 'ocr', 'undecided', 'now'), "
                        "(10, 'pii', 0, 0, 5, 5, 'name', 99, 'ocr', 'accepted', 'now'), "
                        "(5, 'text', 0, 0, 5, 5, '', 99, 'ocr', 'undecided', 'now')").ok());   // plain text is not review work
        ImageFilter queue;
        queue.undecidedRegions = true;
        queue.sort = ImageSort::RegionConfidence;
        QCOMPARE(ids(queue), (std::vector<std::int64_t>{9, 3}));   // most confident first; decided ones out
        QCOMPARE(countFacets(db)->undecidedRegions, qint64(2));
        QVERIFY(db.exec("DELETE FROM regions").ok());
    }

    void textSearchCoversPathsAndAttributesSafely()
    {
        ImageFilter byPath;
        byPath.text = "img_07";
        QCOMPARE(ids(byPath), (std::vector<std::int64_t>{7}));
        ImageFilter byAttribute;
        byAttribute.text = "c11";
        QCOMPARE(ids(byAttribute), (std::vector<std::int64_t>{11}));
        ImageFilter wildcard;
        wildcard.text = "%";   // taken literally, not as a LIKE wildcard
        QVERIFY(ids(wildcard).empty());
        ImageFilter quote;
        quote.text = "x' OR 1=1 --";
        QVERIFY(ids(quote).empty());
    }

    void sortsInSql()
    {
        ImageFilter bySize;
        bySize.sort = ImageSort::FileSize;   // file_size = 1000 - i
        QCOMPARE(ids(bySize).front(), std::int64_t(12));
        ImageFilter byPixels;
        byPixels.sort = ImageSort::Pixels;
        byPixels.descending = true;
        QCOMPARE(ids(byPixels).front(), std::int64_t(12));
        ImageFilter byLabel;
        byLabel.sort = ImageSort::Label;     // unlabeled (NULL) first, then Rice, then Soap
        const auto sorted = ids(byLabel);
        QCOMPARE(sorted.front() % 3, std::int64_t(0));
        QCOMPARE(sorted.back() % 3, std::int64_t(2));
    }

    void filterRoundTripsThroughJson()
    {
        ImageFilter filter;
        filter.categories = {2};
        filter.unlabeled = true;
        filter.statuses = {ReviewStatus::Rejected};
        filter.flags = {"pii", "none"};
        filter.suggestions = {"quality"};
        filter.undecidedRegions = true;
        filter.attributes.insert("country", {"KE", "FR"});
        filter.text = "shop";
        filter.sort = ImageSort::Path;
        filter.descending = true;
        QVERIFY(ImageFilter::fromJson(filter.toJson()) == filter);
    }

    void facetsCountEverything()
    {
        auto facets = countFacets(m_project->db(), 5);
        QVERIFY(facets.ok());
        QCOMPARE(facets->total, qint64(12));
        QCOMPARE(facets->unlabeled, qint64(4));
        QCOMPARE(facets->categories.value(1), qint64(4));
        QCOMPARE(facets->statuses.value(int(ReviewStatus::Accepted)), qint64(3));
        QCOMPARE(facets->flags.value("pii"), qint64(2));
        QCOMPARE(facets->flags.value("none"), qint64(10));
        QCOMPARE(facets->attributes.value("country").size(), qsizetype(2));
        // Twelve contributors exceed the limit of five values: offered for text search instead.
        QVERIFY(!facets->attributes.contains("contributor"));
        QCOMPARE(facets->otherAttributes, QStringList{"contributor"});
    }

    void cancelledQueryStops()
    {
        // Enough rows that SQLite calls the progress handler during the query.
        QTemporaryDir dir;
        auto project = Project::create(dir.path());
        Database &db = (*project)->db();
        QVERIFY(db.exec("INSERT INTO sources(id, root) VALUES(1, '/data');"
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                        "INSERT INTO images(source_id, path, file_name, hash, file_size, format, width, height, imported_at) "
                        "SELECT 1, 'p' || i, 'p', 'h' || i, 1, 'jpeg', 1, 1, 'now' FROM n").ok());
        std::atomic<bool> cancel{false};
        QCOMPARE(queryImageIds(db, {}, &cancel)->size(), std::size_t(20000));
        cancel = true;
        auto result = queryImageIds(db, {}, &cancel);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), QStringLiteral("cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestImageQuery)
#include "tst_image_query.moc"
