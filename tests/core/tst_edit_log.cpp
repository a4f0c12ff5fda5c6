#include "store/categories.h"
#include "store/database.h"
#include "store/edit_log.h"
#include "store/image_query.h"
#include "store/project.h"
#include "store/regions.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::store;

namespace {

// A project with N images (rows only: the edit log never reads files) and two categories.
std::unique_ptr<Project> makeProject(const QString &dir, int n)
{
    auto project = Project::create(dir);
    Database &db = (*project)->db();
    (void)db.exec("INSERT INTO sources(id, root) VALUES(1, '/data')");
    auto insert = db.prepare("INSERT INTO images(source_id, path, file_name, hash, file_size, format, width, height, imported_at) "
                             "VALUES(1, ?, ?, ?, 100, 'jpeg', 10, 10, 'now')");
    for (int i = 0; i < n; ++i) {
        const QString name = QStringLiteral("img%1.jpg").arg(i);
        insert->bind(1, name).bind(2, name).bind(3, QStringLiteral("hash%1").arg(i));
        (void)insert->exec();
    }
    (void)addCategory(db, "Rice");
    (void)addCategory(db, "Soap");
    return std::move(*project);
}

std::optional<std::int64_t> labelOf(Database &db, std::int64_t image)
{
    auto rows = fetchImageRows(db, {image});
    return rows->front().categoryId;
}

} // namespace

class TestEditLog : public QObject {
    Q_OBJECT

private slots:
    void labelsAreRecordedAndUndoable()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 5);
        Database &db = project->db();
        EditLog log(db, "ana");
        auto applied = log.setLabel({1, 2, 3}, 1, "obvious rice");
        QVERIFY(applied.ok());
        QCOMPARE(applied->changed, 3);
        QVERIFY(applied->description.contains("Rice"));
        QCOMPARE(labelOf(db, 2), std::optional<std::int64_t>(1));
        QCOMPARE(*db.queryInt("SELECT count(*) FROM label_events WHERE actor='ana' AND reason='obvious rice'"), std::int64_t(3));

        // Relabelling with the same label changes nothing and records nothing.
        auto again = log.setLabel({1, 2}, 1);
        QCOMPARE(again->changed, 0);
        QCOMPARE(again->id, std::int64_t(0));

        QVERIFY(log.setLabel({2}, 2).ok());
        auto undone = log.undo();
        QVERIFY(undone.ok() && undone->has_value());
        QCOMPARE(labelOf(db, 2), std::optional<std::int64_t>(1));
        auto undoneFirst = log.undo();
        QVERIFY(undoneFirst->has_value());
        QCOMPARE(labelOf(db, 1), std::optional<std::int64_t>());
        QCOMPARE(labelOf(db, 2), std::optional<std::int64_t>());
        QVERIFY(!log.undo()->has_value());

        auto redone = log.redo();
        QVERIFY(redone->has_value());
        QCOMPARE(labelOf(db, 3), std::optional<std::int64_t>(1));
        QCOMPARE(labelOf(db, 2), std::optional<std::int64_t>(1));   // the second action is still undone
        QVERIFY(log.redo()->has_value());
        QCOMPARE(labelOf(db, 2), std::optional<std::int64_t>(2));
    }

    void aNewActionDiscardsTheRedoStack()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 3);
        EditLog log(project->db(), "ana");
        QVERIFY(log.setLabel({1}, 1).ok());
        QVERIFY(log.undo()->has_value());
        QVERIFY(log.nextRedo()->has_value());
        QVERIFY(log.setReviewStatus({2}, ReviewStatus::Accepted).ok());
        QVERIFY(!log.nextRedo()->has_value());
    }

    void undoWorksAfterReopening()
    {
        QTemporaryDir dir;
        {
            auto project = makeProject(dir.path(), 3);
            EditLog log(project->db(), "ana");
            QVERIFY(log.setReviewStatus({1, 2}, ReviewStatus::Rejected).ok());
            QVERIFY(log.setFlag({3}, "other", true, "blurry receipt").ok());
        }
        auto reopened = Project::open(dir.path());
        QVERIFY(reopened.ok());
        Database &db = (*reopened)->db();
        EditLog log(db, "ben");
        auto next = log.nextUndo();
        QVERIFY(next->has_value());
        QVERIFY((*next)->description.contains("Other"));
        QVERIFY(log.undo()->has_value());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM flags"), std::int64_t(0));
        QVERIFY(log.undo()->has_value());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM images WHERE review_status=2"), std::int64_t(0));
        QVERIFY(log.redo()->has_value());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM images WHERE review_status=2"), std::int64_t(2));
        // The audit trail names who did and who undid.
        QCOMPARE(*db.queryInt("SELECT count(*) FROM label_events WHERE phase='undo' AND actor='ben'"), std::int64_t(3));
    }

    void flagsKeepTheirNoteAndToggle()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 2);
        Database &db = project->db();
        EditLog log(db, "ana");
        QVERIFY(log.setFlag({1, 2}, "pii", true).ok());
        QVERIFY(log.setFlag({1}, "other", true, "shows a receipt").ok());
        auto details = imageDetails(db, 1);
        QCOMPARE(details->row.flags.size(), qsizetype(2));
        QCOMPARE(details->flagNotes.value("other"), QStringLiteral("shows a receipt"));
        QVERIFY(log.setFlag({1}, "pii", false).ok());
        QCOMPARE(fetchImageRows(db, {1})->front().flags, QStringList{"other"});
        QVERIFY(!log.setFlag({1}, "nonsense", true).ok());
    }

    void suggestionsAreDismissedAndRestoredByUndo()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 3);
        Database &db = project->db();
        QVERIFY(db.exec("INSERT INTO flags(image_id, kind, state, note, source, updated_at) VALUES "
                        "(1, 'quality', 'suggested', 'blur', 'detector', 'now'), "
                        "(2, 'quality', 'set', '', 'user', 'now')").ok());
        EditLog log(db, "ana");
        auto dismissed = log.dismissSuggestions({1, 2, 3}, "quality");
        QVERIFY(dismissed.ok());
        QCOMPARE(dismissed->changed, 1);   // only the suggestion; the analyst's flag and the unflagged image stay
        QCOMPARE(*db.queryInt("SELECT count(*) FROM flags WHERE image_id=1 AND state='dismissed' AND note='blur' AND source='detector'"), std::int64_t(1));
        QCOMPARE(*db.queryInt("SELECT count(*) FROM flags WHERE image_id=2 AND state='set'"), std::int64_t(1));
        QVERIFY(log.undo()->has_value());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM flags WHERE image_id=1 AND state='suggested'"), std::int64_t(1));
    }

    void regionDecisionsAndBoxesAreUndoable()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 2);
        Database &db = project->db();
        QVERIFY(db.exec("INSERT INTO regions(id, image_id, kind, x, y, w, h, text, pii_type, confidence, source, created_at) VALUES "
                        "(1, 1, 'pii', 10, 20, 100, 30, '0712 345678', 'phone', 0.9, 'ocr', 'now'), "
                        "(2, 1, 'pii', 10, 60, 120, 30, 'Amina', 'name', 0.7, 'ocr', 'now')").ok());
        EditLog log(db, "ana");
        auto accepted = log.decideRegions({1, 2}, "accepted");
        QVERIFY(accepted.ok());
        QCOMPARE(accepted->changed, 2);
        QCOMPARE(*db.queryInt("SELECT count(*) FROM regions WHERE decision='accepted'"), std::int64_t(2));
        QVERIFY(log.decideRegions({2}, "rejected").ok());
        QVERIFY(log.moveRegion(1, QRect(5, 15, 120, 40)).ok());
        auto regions = regionsOf(db, 1);
        QVERIFY(regions.ok());
        QCOMPARE(regions->size(), qsizetype(2));
        QCOMPARE(regions->at(0).box, QRect(5, 15, 120, 40));   // largest first
        QVERIFY(!log.moveRegion(1, QRect(0, 0, 1, 1)).ok());
        QVERIFY(!log.decideRegions({1}, "maybe").ok());
        QVERIFY(!log.decideRegions({99}, "accepted").ok());
        // Undo walks back: the move, the rejection, then both acceptances at once.
        QVERIFY(log.undo()->has_value());
        QCOMPARE(regionsOf(db, 1)->at(1).box, QRect(10, 20, 100, 30));
        QVERIFY(log.undo()->has_value());
        QVERIFY(log.undo()->has_value());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM regions WHERE decision='undecided'"), std::int64_t(2));
        // The decisions are in the image's history.
        QVERIFY(log.history(1)->size() >= 3);
        // The auto-accept policy: only undecided regions at or above the confidence.
        // Confidences are stored 0…1, as the PII scan writes them.
        QVERIFY(db.exec("UPDATE regions SET confidence = 0.9 WHERE id = 1; UPDATE regions SET confidence = 0.5 WHERE id = 2").ok());
        auto confident = log.acceptRegionsAbove(0.8);
        QVERIFY(confident.ok());
        QCOMPARE(confident->changed, 1);
        QCOMPARE(*db.queryInt("SELECT decision = 'accepted' FROM regions WHERE id = 1"), std::int64_t(1));
        QCOMPARE(*db.queryInt("SELECT decision = 'undecided' FROM regions WHERE id = 2"), std::int64_t(1));
    }

    void drawnRegionsAreAddedUndoneAndRedone()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 2);
        Database &db = project->db();
        EditLog log(db, "ana");
        auto added = log.addRegion(1, QRect(2, 3, 40, 20), "name", "name on a parcel");
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error()));
        const std::int64_t id = added->regionId;
        QVERIFY(id > 0);
        QCOMPARE(added->action.changed, 1);
        QVERIFY(added->action.description.contains("Name"));
        auto regions = regionsOf(db, 1);
        QCOMPARE(regions->size(), qsizetype(1));
        const Region drawn = regions->at(0);
        QCOMPARE(drawn.id, id);
        QCOMPARE(drawn.kind, QStringLiteral("manual"));
        QCOMPARE(drawn.source, QStringLiteral("user"));
        QVERIFY(drawn.isDrawn());
        QCOMPARE(drawn.decision, QStringLiteral("accepted"));   // drawn to be redacted
        QCOMPARE(drawn.confidence, 1.0);
        QCOMPARE(drawn.piiType, QStringLiteral("name"));
        QCOMPARE(drawn.box, QRect(2, 3, 40, 20));
        // One action with one event in the audit trail: nothing → accepted.
        QCOMPARE(*db.queryInt("SELECT count(*) FROM actions"), std::int64_t(1));
        QCOMPARE(*db.queryInt("SELECT count(*) FROM label_events WHERE old_value='removed' AND new_value='accepted' "
                              "AND reason='name on a parcel' AND image_id=1"),
                 std::int64_t(1));
        const QList<HistoryEntry> history = *log.history(1);
        QCOMPARE(history.size(), qsizetype(1));
        QCOMPARE(history[0].oldText, QStringLiteral("(none)"));
        QCOMPARE(history[0].newText, QStringLiteral("Accepted"));

        QVERIFY(log.moveRegion(id, QRect(5, 5, 30, 30)).ok());
        QVERIFY(log.setRegionType(id, "face").ok());
        QCOMPARE(regionsOf(db, 1)->at(0).piiType, QStringLiteral("face"));
        QCOMPARE(log.history(1)->at(1).newText, QStringLiteral("30 × 30 at 5, 5"));

        // Undo: the type, the move, then the drawing itself.
        QVERIFY(log.undo()->has_value());
        QCOMPARE(regionsOf(db, 1)->at(0).piiType, QStringLiteral("name"));
        QVERIFY(log.undo()->has_value());
        QCOMPARE(regionsOf(db, 1)->at(0).box, QRect(2, 3, 40, 20));
        auto undrawn = log.undo();
        QVERIFY(undrawn->has_value());
        QVERIFY((*undrawn)->description.contains("Draw"));
        QVERIFY(regionsOf(db, 1)->isEmpty());
        // Kept for the audit trail and for redo, but nothing can edit it while it is removed.
        QCOMPARE(*db.queryInt("SELECT count(*) FROM regions WHERE decision='removed'"), std::int64_t(1));
        QVERIFY(!log.decideRegions({id}, "rejected").ok());
        QVERIFY(!log.moveRegion(id, QRect(0, 0, 8, 8)).ok());
        QVERIFY(!log.setRegionType(id, "phone").ok());

        // Redo brings back the same region, then its move and type.
        QVERIFY(log.redo()->has_value());
        QCOMPARE(regionsOf(db, 1)->size(), qsizetype(1));
        QCOMPARE(regionsOf(db, 1)->at(0).id, id);
        QCOMPARE(regionsOf(db, 1)->at(0).decision, QStringLiteral("accepted"));
        QVERIFY(log.redo()->has_value());
        QVERIFY(log.redo()->has_value());
        QCOMPARE(regionsOf(db, 1)->at(0).box, QRect(5, 5, 30, 30));
        QCOMPARE(regionsOf(db, 1)->at(0).piiType, QStringLiteral("face"));

        // Refused without leaving anything behind.
        QVERIFY(!log.addRegion(1, QRect(0, 0, 1, 5)).ok());
        QVERIFY(!log.addRegion(1, QRect(0, 0, 5, 5), "shoe size").ok());
        QVERIFY(!log.addRegion(99, QRect(0, 0, 5, 5)).ok());
        QVERIFY(!log.setRegionType(id, "shoe size").ok());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM regions"), std::int64_t(1));
        QCOMPARE(*db.queryInt("SELECT count(*) FROM actions"), std::int64_t(3));
    }

    void drawnRegionsAreRemovedDetectedOnesRejected()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 1);
        Database &db = project->db();
        QVERIFY(db.exec("INSERT INTO regions(id, image_id, kind, x, y, w, h, text, pii_type, confidence, source, created_at) VALUES "
                        "(1, 1, 'pii', 10, 20, 100, 30, '0712 345678', 'phone', 0.9, 'ocr', 'now')").ok());
        EditLog log(db, "ana");
        const std::int64_t drawn = log.addRegion(1, QRect(0, 0, 10, 10))->regionId;
        QCOMPARE(regionsOf(db, 1)->size(), qsizetype(2));
        QVERIFY(!log.removeRegion(1).ok());                     // a detection is rejected instead
        QVERIFY(!log.decideRegions({1}, "removed").ok());
        QVERIFY(log.removeRegion(drawn).ok());
        QCOMPARE(regionsOf(db, 1)->size(), qsizetype(1));
        QCOMPARE(regionsOf(db, 1)->at(0).id, std::int64_t(1));
        QVERIFY(log.undo()->has_value());
        QCOMPARE(regionsOf(db, 1)->size(), qsizetype(2));
        // Undoing the drawing after that hides it again; a new action then drops the redo.
        QVERIFY(log.undo()->has_value());
        QVERIFY(log.decideRegions({1}, "accepted").ok());
        QVERIFY(!log.redo()->has_value());
        QCOMPARE(regionsOf(db, 1)->size(), qsizetype(1));
    }

    void bulkActionsAreOneUndoStep()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 2000);
        Database &db = project->db();
        EditLog log(db, "ana");
        QList<std::int64_t> all;
        for (int i = 1; i <= 2000; ++i)
            all.append(i);
        QVERIFY(log.setLabel(all, 2).ok());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM images WHERE category_id=2"), std::int64_t(2000));
        QVERIFY(log.undo()->has_value());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM images WHERE category_id IS NOT NULL"), std::int64_t(0));
    }

    void historyIsReadableNewestFirst()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 1);
        EditLog log(project->db(), "ana");
        QVERIFY(log.setLabel({1}, 1).ok());
        QVERIFY(log.setLabel({1}, 2, "was soap").ok());
        QVERIFY(log.undo()->has_value());
        auto history = log.history(1);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), qsizetype(3));
        QCOMPARE(history->at(0).phase, QStringLiteral("undo"));
        QCOMPARE(history->at(1).oldText, QStringLiteral("Rice"));
        QCOMPARE(history->at(1).newText, QStringLiteral("Soap"));
        QCOMPARE(history->at(1).reason, QStringLiteral("was soap"));
        QCOMPARE(history->at(2).oldText, QStringLiteral("(unlabeled)"));
    }

    void categoriesMergeRenameArchiveUndoably()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 4);
        Database &db = project->db();
        EditLog log(db, "ana");
        QVERIFY(log.setLabel({1, 2}, 1).ok());
        QVERIFY(log.setLabel({3}, 2).ok());
        QVERIFY(!renameCategory(log, db, 1, "soap").ok());          // clash, ignoring case
        QVERIFY(renameCategory(log, db, 1, "Rice (25 kg)").ok());
        auto merged = mergeCategories(log, db, 1, 2);
        QVERIFY(merged.ok());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM images WHERE category_id=2"), std::int64_t(3));
        auto categories = listCategories(db);
        QVERIFY(categories->at(0).archived);
        QCOMPARE(categories->at(0).mergedInto, std::optional<std::int64_t>(2));
        QVERIFY(log.undo()->has_value());   // the merge, as one step
        QCOMPARE(*db.queryInt("SELECT count(*) FROM images WHERE category_id=1"), std::int64_t(2));
        QVERIFY(!listCategories(db)->at(0).archived);
        QVERIFY(log.undo()->has_value());   // the rename
        QCOMPARE(listCategories(db)->at(0).name, QStringLiteral("Rice"));
    }

    void taxonomyImportAddsAndReports()
    {
        QTemporaryDir dir;
        auto project = makeProject(dir.path(), 0);
        QFile file(dir.filePath("taxonomy.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name,color\r\nRice,#ff0000\r\n\"Oil, cooking\",#00ff00\r\n,#123456\r\nTea,notacolour\r\n");
        file.close();
        auto imported = importTaxonomy(project->db(), dir.filePath("taxonomy.csv"));
        QVERIFY(imported.ok());
        QCOMPARE(imported->added, 2);
        QCOMPARE(imported->existing, 1);
        QCOMPARE(imported->problems.size(), qsizetype(2));
        auto oil = findCategory(project->db(), "oil, COOKING");
        QVERIFY(oil->has_value());
        QCOMPARE((*oil)->color, QColor("#00ff00"));
        QCOMPARE((*findCategory(project->db(), "rice"))->color, QColor("#ff0000"));
    }
};

QTEST_GUILESS_MAIN(TestEditLog)
#include "tst_edit_log.moc"
