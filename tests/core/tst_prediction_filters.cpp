#include "store/categories.h"
#include "store/database.h"
#include "store/edit_log.h"
#include "store/image_query.h"
#include "store/models.h"
#include "store/predictions.h"
#include "store/project.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::store;

// The gallery's prediction filters (disagreement, confidence range, predicted class), the
// confidence sort, their facet counts and saved-view JSON, on a project whose predictions are
// written by hand so that every expected id list below can be checked by reading the table in
// initTestCase.
class TestPredictionFilters : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;
    std::int64_t m_modelA = 0;
    std::int64_t m_modelB = 0;
    std::int64_t m_rice = 0, m_soap = 0, m_tea = 0;

    std::vector<std::int64_t> ids(const ImageFilter &filter) { return *queryImageIds(m_project->db(), filter); }
    static std::vector<std::int64_t> list(std::initializer_list<std::int64_t> values) { return values; }

    ImageFilter forModel(std::int64_t model)
    {
        ImageFilter filter;
        filter.predictionModel = model;
        return filter;
    }

private slots:
    void initTestCase()
    {
        // Images 1–4 Rice, 5–7 Soap, 8 Tea, 9–10 unlabeled; odd ids from KE, even from FR.
        m_project = std::move(*Project::create(m_dir.path()));
        Database &db = m_project->db();
        QVERIFY(db.exec("INSERT INTO sources(id, root) VALUES(1, '/data')").ok());
        m_rice = *addCategory(db, "Rice");
        m_soap = *addCategory(db, "Soap");
        m_tea = *addCategory(db, "Tea");
        auto insert = db.prepare("INSERT INTO images(source_id, path, file_name, hash, file_size, format, width, height, "
                                 "category_id, imported_at) VALUES(1, ?, ?, ?, 100, 'jpeg', 10, 10, ?, 'now')");
        auto attribute = db.prepare("INSERT INTO image_attributes(image_id, key, value) VALUES(?, 'country', ?)");
        for (int i = 1; i <= 10; ++i) {
            const QString name = QStringLiteral("img_%1.jpg").arg(i, 2, 10, QLatin1Char('0'));
            insert->bind(1, name).bind(2, name).bind(3, QStringLiteral("h%1").arg(i));
            if (i <= 4)
                insert->bind(4, m_rice);
            else if (i <= 7)
                insert->bind(4, m_soap);
            else if (i == 8)
                insert->bind(4, m_tea);
            else
                insert->bind(4, nullptr);
            QVERIFY(insert->exec().ok());
            attribute->bind(1, i).bind(2, i % 2 ? "KE" : "FR");
            QVERIFY(attribute->exec().ok());
        }
        const QStringList classes{"Rice", "Soap", "Tea", "gamma"};
        m_modelA = *addModel(db, {0, "model A", "a.sievemodel", "smallcnn", classes, {}, "trained", {}, {}, {}});
        m_modelB = *addModel(db, {0, "model B", "b.sievemodel", "smallcnn", classes, {}, "imported", {}, {}, {}});
        auto predict = db.prepare("INSERT INTO predictions(image_id, model_id, top_category, top_probability, topk, created_at) "
                                  "VALUES(?, ?, ?, ?, ?, 'now')");
        struct Row {
            int image;
            std::optional<std::int64_t> top;
            double p;
            const char *name;
        };
        // Model A: disagrees on 2 (Soap), 4 (gamma, a class the project lacks) and 6 (Rice);
        // image 7 has no prediction; 9 and 10 are unlabeled.
        const Row rows[] = {{1, m_rice, 0.95, "Rice"}, {2, m_soap, 0.80, "Soap"}, {3, m_rice, 0.50, "Rice"},
                            {4, std::nullopt, 0.70, "gamma"}, {5, m_soap, 0.30, "Soap"}, {6, m_rice, 0.90, "Rice"},
                            {8, m_tea, 1.0, "Tea"}, {9, m_soap, 0.60, "Soap"}, {10, m_rice, 0.50, "Rice"}};
        for (const Row &row : rows) {
            const QString topk = QStringLiteral("[[%1,%2,\"%3\"],[%4,%5,\"Tea\"]]")
                                     .arg(row.top ? QString::number(*row.top) : QStringLiteral("null"))
                                     .arg(row.p).arg(QLatin1String(row.name)).arg(m_tea).arg((1 - row.p) / 2);
            predict->bind(1, row.image).bind(2, m_modelA).bind(3, row.top).bind(4, row.p).bind(5, topk);
            QVERIFY(predict->exec().ok());
        }
        // Model B has classified image 1 only, as Soap.
        predict->bind(1, 1).bind(2, m_modelB).bind(3, std::optional<std::int64_t>(m_soap)).bind(4, 0.99)
            .bind(5, QStringLiteral("[[%1,0.99,\"Soap\"]]").arg(m_soap));
        QVERIFY(predict->exec().ok());
    }

    void disagreementIsRelativeToTheModel()
    {
        ImageFilter filter = forModel(m_modelA);
        filter.disagreesWithLabel = true;
        QVERIFY(filter.restricts());
        // Unlabeled images (9, 10) and the unclassified one (7) never disagree.
        QCOMPARE(ids(filter), list({2, 4, 6}));
        filter.predictionModel = m_modelB;
        QCOMPARE(ids(filter), list({1}));
        // Without a model the prediction fields do not restrict.
        filter.predictionModel = 0;
        QVERIFY(!filter.restricts());
        QCOMPARE(ids(filter).size(), std::size_t(10));
    }

    void confidenceBoundsAreInclusive_data()
    {
        QTest::addColumn<double>("minimum");
        QTest::addColumn<double>("maximum");
        QTest::addColumn<std::vector<std::int64_t>>("expected");
        QTest::newRow("at least 50 %") << 0.5 << 1.0 << list({1, 2, 3, 4, 6, 8, 9, 10});
        QTest::newRow("at most 50 %") << 0.0 << 0.5 << list({3, 5, 10});
        QTest::newRow("exactly 50 %") << 0.5 << 0.5 << list({3, 10});
        QTest::newRow("80 to 95 %") << 0.8 << 0.95 << list({1, 2, 6});
        QTest::newRow("100 %") << 1.0 << 1.0 << list({8});
        // The full range does not restrict: the unclassified image 7 stays.
        QTest::newRow("0 to 100 %") << 0.0 << 1.0 << list({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    }

    void confidenceBoundsAreInclusive()
    {
        QFETCH(double, minimum);
        QFETCH(double, maximum);
        QFETCH(std::vector<std::int64_t>, expected);
        ImageFilter filter = forModel(m_modelA);
        filter.minConfidence = minimum;
        filter.maxConfidence = maximum;
        QCOMPARE(ids(filter), expected);
    }

    void predictedClassesAreAlternatives()
    {
        ImageFilter filter = forModel(m_modelA);
        filter.predictedCategories = {m_soap};
        QCOMPARE(ids(filter), list({2, 5, 9}));
        filter.predictedCategories = {m_soap, m_tea};
        QCOMPARE(ids(filter), list({2, 5, 8, 9}));
        filter.predictionModel = m_modelB;
        QCOMPARE(ids(filter), list({1}));
    }

    void combineWithTheOtherFacets()
    {
        ImageFilter filter = forModel(m_modelA);
        filter.disagreesWithLabel = true;
        filter.categories = {m_rice};
        QCOMPARE(ids(filter), list({2, 4}));
        filter.categories = {};
        filter.attributes.insert("country", {"KE"});
        QCOMPARE(ids(filter), list({}));
        filter.disagreesWithLabel = false;
        filter.predictedCategories = {m_rice};
        QCOMPARE(ids(filter), list({1, 3}));
        filter.minConfidence = 0.6;
        QCOMPARE(ids(filter), list({1}));
        filter.attributes.clear();
        filter.predictedCategories.clear();
        filter.unlabeled = true;
        QCOMPARE(ids(filter), list({9}));
    }

    void sortByConfidenceKeepsUnclassifiedLast()
    {
        ImageFilter filter = forModel(m_modelA);
        filter.sort = ImageSort::PredictionConfidence;
        QCOMPARE(ids(filter), list({5, 3, 10, 9, 4, 2, 6, 1, 8, 7}));
        filter.descending = true;
        QCOMPARE(ids(filter), list({8, 1, 6, 2, 4, 9, 10, 3, 5, 7}));
        // No model: import order.
        filter.predictionModel = 0;
        QCOMPARE(ids(filter), list({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
    }

    void facetCountsForTheModel()
    {
        const Result<Facets> counted = countFacets(m_project->db(), 100, m_modelA);
        QVERIFY2(counted, counted ? "" : qPrintable(counted.error()));
        const Facets &facets = *counted;
        QCOMPARE(facets.predicted, qint64(9));
        QCOMPARE(facets.disagreements, qint64(3));
        QCOMPARE(facets.predictedCategories.value(m_rice), qint64(4));
        QCOMPARE(facets.predictedCategories.value(m_soap), qint64(3));
        QCOMPARE(facets.predictedCategories.value(m_tea), qint64(1));
        const Result<Facets> counted0 = countFacets(m_project->db());
        QVERIFY2(counted0, counted0 ? "" : qPrintable(counted0.error()));
        const Facets &none = *counted0;
        QCOMPARE(none.predicted, qint64(0));
        QVERIFY(none.predictedCategories.isEmpty());
    }

    void pagePredictionsAndTopClasses()
    {
        const auto page = *fetchTopPredictions(m_project->db(), m_modelA, {1, 4, 7});
        QCOMPARE(page.size(), 2);   // image 7 has none
        QCOMPARE(page.value(1).label, QStringLiteral("Rice"));
        QCOMPARE(page.value(1).categoryId, std::optional<std::int64_t>(m_rice));
        QCOMPARE(page.value(1).probability, 0.95);
        QCOMPARE(page.value(4).label, QStringLiteral("gamma"));   // the model's class name
        QVERIFY(!page.value(4).categoryId);
        const QList<PredictedClass> top = *predictedClasses(m_project->db(), 2, m_modelA);
        QCOMPARE(top.size(), 2);
        QCOMPARE(top.at(0).label, QStringLiteral("Soap"));
        QCOMPARE(top.at(1).categoryId, std::optional<std::int64_t>(m_tea));
        QVERIFY(predictedClasses(m_project->db(), 7, m_modelA)->isEmpty());
        QCOMPARE(*modelsWithPredictions(m_project->db()), (QList<std::int64_t>{m_modelB, m_modelA}));
    }

    void savedViewJsonRoundTrip()
    {
        ImageFilter filter = forModel(m_modelA);
        filter.disagreesWithLabel = true;
        filter.minConfidence = 0.25;
        filter.maxConfidence = 0.75;
        filter.predictedCategories = {m_soap, m_tea};
        filter.sort = ImageSort::PredictionConfidence;
        filter.descending = true;
        const QJsonObject json = filter.toJson();
        QCOMPARE(json.value("prediction_model").toInteger(), qint64(m_modelA));
        QCOMPARE(json.value("disagrees_with_label").toBool(), true);
        QCOMPARE(json.value("min_confidence").toDouble(), 0.25);
        QCOMPARE(json.value("max_confidence").toDouble(), 0.75);
        QCOMPARE(json.value("sort").toString(), QStringLiteral("prediction_confidence"));
        // Through text, as the views table stores it.
        const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
        QCOMPARE(ImageFilter::fromJson(QJsonDocument::fromJson(text).object()), filter);
        // A view saved before these fields existed reads as "no prediction filter".
        const ImageFilter old = ImageFilter::fromJson(QJsonDocument::fromJson(R"({"categories":[1],"sort":"path"})").object());
        QCOMPARE(old.predictionModel, std::int64_t(0));
        QCOMPARE(old.minConfidence, 0.0);
        QCOMPARE(old.maxConfidence, 1.0);
        QVERIFY(!old.disagreesWithLabel);
        // Nonsense is clamped, not trusted.
        const ImageFilter odd = ImageFilter::fromJson(
            QJsonDocument::fromJson(R"({"prediction_model":-3,"min_confidence":-1,"max_confidence":7})").object());
        QCOMPARE(odd.predictionModel, std::int64_t(0));
        QCOMPARE(odd.minConfidence, 0.0);
        QCOMPARE(odd.maxConfidence, 1.0);
    }

    void predictionsFollowMerges()
    {
        // Tea merged into Rice: a prediction of Tea now counts as Rice, and Tea's image (8,
        // relabelled Rice by the merge) still agrees with its prediction.
        EditLog log(m_project->db(), "ana");
        QVERIFY(mergeCategories(log, m_project->db(), m_tea, m_rice));
        ImageFilter filter = forModel(m_modelA);
        filter.predictedCategories = {m_rice};
        QCOMPARE(ids(filter), list({1, 3, 6, 8, 10}));
        filter.predictedCategories.clear();
        filter.disagreesWithLabel = true;
        QCOMPARE(ids(filter), list({2, 4, 6}));
        QCOMPARE(fetchTopPredictions(m_project->db(), m_modelA, {8})->value(8).label, QStringLiteral("Rice"));
    }
};

QTEST_GUILESS_MAIN(TestPredictionFilters)
#include "tst_prediction_filters.moc"
