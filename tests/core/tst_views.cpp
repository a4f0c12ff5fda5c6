#include "store/database.h"
#include "store/image_query.h"
#include "store/project.h"
#include "store/views.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::store;

class TestViews : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;

    // A filter with every field set away from its default, so a field lost on the way shows.
    static ImageFilter everyField()
    {
        ImageFilter filter;
        filter.categories = {3, 1};
        filter.unlabeled = true;
        filter.statuses = {ReviewStatus::Accepted, ReviewStatus::Unreviewed};
        filter.flags = {"pii", "none"};
        filter.suggestions = {"quality"};
        filter.undecidedRegions = true;
        filter.predictionModel = 4;
        filter.disagreesWithLabel = true;
        filter.minConfidence = 0.125;
        filter.maxConfidence = 0.875;
        filter.predictedCategories = {2, 1};
        filter.attributes = {{"country", {"KE", "FR"}}, {"contributor", {"c7"}}};
        filter.text = "shop 1/ «été»";
        filter.missingOnly = true;
        filter.sort = ImageSort::Sharpness;
        filter.descending = true;
        return filter;
    }

private slots:
    void initTestCase() { m_project = std::move(*Project::create(m_dir.path())); }

    void filterJsonRoundTripsEveryField_data()
    {
        QTest::addColumn<int>("sort");
        for (int sort = 0; sort <= int(ImageSort::PredictionConfidence); ++sort)
            QTest::addRow("sort %d", sort) << sort;
    }
    void filterJsonRoundTripsEveryField()
    {
        QFETCH(int, sort);
        ImageFilter filter = everyField();
        filter.sort = ImageSort(sort);
        // Through text, as it is stored.
        const QByteArray text = QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact);
        QCOMPARE(ImageFilter::fromJson(QJsonDocument::fromJson(text).object()), filter);
        QCOMPARE(ImageFilter::fromJson(ImageFilter{}.toJson()), ImageFilter{});
    }

    void filterJsonFromANewerVersionKeepsWhatItKnows()
    {
        // Keys and values this version does not know: ignored, not misread.
        const QByteArray newer = R"({"flags": ["pii", 7, ""], "statuses": ["accepted", "escalated"], "sort": "by_model_doubt",
                                     "categories": [2, "x"], "text": "tea", "colour_space": "lab", "future": {"a": 1}})";
        const ImageFilter filter = ImageFilter::fromJson(QJsonDocument::fromJson(newer).object());
        QCOMPARE(filter.flags, QStringList{"pii"});
        QCOMPARE(filter.statuses, QList<ReviewStatus>{ReviewStatus::Accepted});
        QCOMPARE(filter.sort, ImageSort::Imported);   // an unknown sort falls back, not to another one
        QCOMPARE(filter.categories, QList<std::int64_t>{2});
        QCOMPARE(filter.text, QStringLiteral("tea"));
    }

    void viewsAreSavedListedRenamedAndDeleted()
    {
        Database &db = m_project->db();
        const ImageFilter filter = everyField();
        Result<std::int64_t> id = saveView(db, "  Accepted   Kenya ", filter);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error()));
        QVERIFY(saveView(db, "blurry", ImageFilter{}).ok());

        // Stored trimmed, listed by name, filter intact.
        Result<QList<SavedView>> views = listViews(db);
        QVERIFY(views.ok());
        QCOMPARE(views->size(), qsizetype(2));
        QCOMPARE(views->at(0).name, QStringLiteral("Accepted Kenya"));
        QCOMPARE(views->at(0).filter, filter);
        QCOMPARE(views->at(1).name, QStringLiteral("blurry"));

        // Loading by name ignores case, also beyond ASCII.
        QVERIFY(saveView(db, "Été", ImageFilter{}).ok());
        Result<std::optional<SavedView>> loaded = findView(db, "accepted kenya");
        QVERIFY(loaded.ok() && loaded->has_value());
        QCOMPARE((*loaded)->id, *id);
        QVERIFY(findView(db, "ÉTÉ")->has_value());
        QVERIFY(!findView(db, "nothing")->has_value());

        // Saving over an existing name fails unless asked to replace.
        ImageFilter other;
        other.text = "soap";
        Result<std::int64_t> clash = saveView(db, "ACCEPTED KENYA", other);
        QVERIFY(!clash.ok());
        QVERIFY(clash.error().contains("exists already"));
        QCOMPARE((*findView(db, "Accepted Kenya"))->filter, filter);
        QCOMPARE(*saveView(db, "ACCEPTED KENYA", other, IfViewExists::Replace), *id);
        QCOMPARE((*findView(db, "accepted kenya"))->filter, other);
        QCOMPARE((*findView(db, "accepted kenya"))->name, QStringLiteral("ACCEPTED KENYA"));

        // Renaming onto another view's name fails; to a free name, or a new spelling, works.
        QVERIFY(!renameView(db, *id, "Blurry").ok());
        QVERIFY(renameView(db, *id, "Soap only").ok());
        QVERIFY(renameView(db, *id, "soap ONLY").ok());
        QCOMPARE((*findView(db, "soap only"))->name, QStringLiteral("soap ONLY"));
        QVERIFY(!renameView(db, 999, "ghost").ok());
        QVERIFY(!renameView(db, *id, "   ").ok());
        QVERIFY(!saveView(db, QString(101, QLatin1Char('x')), other).ok());

        QVERIFY(deleteView(db, *id).ok());
        QVERIFY(!findView(db, "soap only")->has_value());
        QCOMPARE(listViews(db)->size(), qsizetype(2));
    }

    void aViewWithFieldsFromANewerVersionStillLoads()
    {
        Database &db = m_project->db();
        QVERIFY(db.exec(R"(INSERT INTO views(name, filter) VALUES('from the future', '{"text": "rice", "model_doubt": 0.8}'),
                                                              ('damaged', 'not json'))").ok());
        QCOMPARE((*findView(db, "from the future"))->filter.text, QStringLiteral("rice"));
        QCOMPARE((*findView(db, "damaged"))->filter, ImageFilter{});
    }
};

QTEST_GUILESS_MAIN(TestViews)
#include "tst_views.moc"
