#include "store/database.h"
#include "store/project.h"
#include "store/schema.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::store;

class TestProject : public QObject {
    Q_OBJECT

private slots:
    void createsMigratedProjectWithSafeSettings()
    {
        QTemporaryDir dir;
        auto project = Project::create(dir.filePath("p"));
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        Database &db = (*project)->db();
        QCOMPARE(*db.queryInt("PRAGMA user_version"), std::int64_t(latestSchemaVersion()));
        QCOMPARE(*db.queryInt("PRAGMA foreign_keys"), std::int64_t(1));
        auto mode = db.prepare("PRAGMA journal_mode");
        QVERIFY(mode.ok());
        QVERIFY(*mode->step());
        QCOMPARE(mode->text(0), QStringLiteral("wal"));
        QVERIFY(QFileInfo(dir.filePath("p/models")).isDir());
        QVERIFY(QFileInfo(dir.filePath("p/runs")).isDir());
    }

    void refusesToCreateOverAnExistingProject()
    {
        QTemporaryDir dir;
        QVERIFY(Project::create(dir.path()).ok());
        auto again = Project::create(dir.path());
        QVERIFY(!again.ok());
        QVERIFY(again.error().contains("already holds a Sieve project"));
    }

    void refusesNewerSchemaAndLeavesItUntouched()
    {
        QTemporaryDir dir;
        {
            auto project = Project::create(dir.path());
            QVERIFY(project.ok());
            const QByteArray sql = "PRAGMA user_version=" + QByteArray::number(latestSchemaVersion() + 1);
            QVERIFY((*project)->db().exec(sql.constData()).ok());
        }
        auto reopened = Project::open(dir.path());
        QVERIFY(!reopened.ok());
        QVERIFY2(reopened.error().contains("newer version of Sieve"), qPrintable(reopened.error()));
        QVERIFY(reopened.error().contains(dir.filePath("sieve.db")));
        auto db = Database::open(dir.filePath("sieve.db"));
        QCOMPARE(*db->queryInt("PRAGMA user_version"), std::int64_t(latestSchemaVersion() + 1));
    }

    void migratesAnOlderDatabaseForward()
    {
        // A database at version 0 (an empty file made by another tool) is brought up to date.
        QTemporaryDir dir;
        { auto db = Database::open(dir.filePath("sieve.db")); QVERIFY(db.ok()); }
        auto project = Project::open(dir.path());
        QVERIFY(project.ok());
        QCOMPARE(*(*project)->db().queryInt("PRAGMA user_version"), std::int64_t(latestSchemaVersion()));
        QVERIFY((*project)->db().queryInt("SELECT count(*) FROM images").ok());
    }

    void explainsFoldersThatAreNotProjects()
    {
        QTemporaryDir dir;
        auto missing = Project::open(dir.filePath("nope"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains("does not exist"));

        auto empty = Project::open(dir.path());
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().contains("is not a Sieve project"));

        QFile garbage(dir.filePath("sieve.db"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(4096, 'x'));
        garbage.close();
        auto corrupt = Project::open(dir.path());
        QVERIFY(!corrupt.ok());
        QVERIFY2(corrupt.error().contains(dir.filePath("sieve.db")), qPrintable(corrupt.error()));
    }

    void metaRoundTrips()
    {
        QTemporaryDir dir;
        auto project = Project::create(dir.path());
        QVERIFY((*project)->setMeta("name", "Prices 2026").ok());
        QVERIFY((*project)->setMeta("name", "Prices 2027").ok());
        QCOMPARE(*(*project)->meta("name"), QStringLiteral("Prices 2027"));
        QCOMPARE(*(*project)->meta("absent"), QString());
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
