#include "store/database.h"
#include "store/models.h"
#include "store/project.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::store;

class TestModels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;

    static ModelRecord sample(const QString &name)
    {
        ModelRecord model;
        model.name = name;
        model.file = name + QStringLiteral(".sievemodel");
        model.architecture = QStringLiteral("resnet18");
        model.classes = {QStringLiteral("rice"), QStringLiteral("maïs"), QStringLiteral("beans")};
        model.metrics = {{QStringLiteral("val/top1"), 0.8}};
        model.checksum = QStringLiteral("00ff");
        return model;
    }

private slots:
    void initTestCase() { m_project = std::move(*Project::create(m_dir.path())); }

    void recordsRoundTripNewestFirst()
    {
        Database &db = m_project->db();
        auto first = addModel(db, sample(QStringLiteral("a")));
        QVERIFY(first.ok());
        ModelRecord imported = sample(QStringLiteral("b"));
        imported.origin = QStringLiteral("imported");
        auto second = addModel(db, imported);
        QVERIFY(second.ok());

        auto models = listModels(db);
        QVERIFY(models.ok());
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).id, *second);
        QCOMPARE(models->at(0).origin, QStringLiteral("imported"));
        QCOMPARE(models->at(1).classes, sample(QStringLiteral("a")).classes);
        QVERIFY(!models->at(1).createdAt.isEmpty());
        QVERIFY(!models->at(1).runId.has_value());

        auto byFile = findModelByFile(db, QStringLiteral("a.sievemodel"));
        QVERIFY(byFile.ok() && byFile->has_value());
        QCOMPARE((*byFile)->id, *first);

        QVERIFY(setModelMetrics(db, *first, {{QStringLiteral("val/top1"), 0.9}}).ok());
        QCOMPARE((*findModel(db, *first))->metrics.value(QStringLiteral("val/top1")).toDouble(), 0.9);
        QVERIFY(!setModelMetrics(db, 999, {}).ok());

        QVERIFY(removeModel(db, *second).ok());
        QVERIFY(!findModel(db, *second)->has_value());
    }

    void refusesNamelessModelsAndSingleClasses()
    {
        Database &db = m_project->db();
        ModelRecord nameless = sample(QString());
        QVERIFY(!addModel(db, nameless).ok());
        ModelRecord single = sample(QStringLiteral("single"));
        single.classes = {QStringLiteral("rice")};
        auto refused = addModel(db, single);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().contains(QStringLiteral("single")));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
