#include "dialogs/category_manager.h"
#include "dialogs/category_palette.h"
#include "dialogs/export_dialog.h"
#include "jobs/project_jobs.h"
#include "review/duplicate_groups_dialog.h"
#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/inspector_panel.h"
#include "jobs/jobs_panel.h"
#include "main_window.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/project.h"
#include "project_fixture.h"
#include "viewer/image_viewer.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTableWidget>
#include <QTreeWidget>

using namespace sieve;
using namespace sieve::ui;

class TestModeration : public QObject {
    Q_OBJECT

    // Reads back through a separate connection, as another process would: what the window
    // shows as done must be committed.
    static std::int64_t query(const QString &projectDir, const char *sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        return *db->queryInt(sql);
    }

    static void waitForGrid(MainWindow &window, int rows)
    {
        QTRY_COMPARE(window.workspace()->model()->rowCount(), rows);
    }

    // Shows the window and opens the project. Keyboard shortcuts only reach an active window,
    // so wait for that too.
    static bool open(MainWindow &window, const QString &projectDir)
    {
        window.show();
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window) || !window.openProject(projectDir))
            return false;
        window.workspace()->view()->setFocus();
        return true;
    }

    static bool reactivate(MainWindow &window)
    {
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window);
    }

    static void select(GalleryView *view, const QList<int> &rows)
    {
        view->clearSelection();
        for (int row : rows)
            view->selectionModel()->select(view->model()->index(row, 0), QItemSelectionModel::Select);
        view->selectionModel()->setCurrentIndex(view->model()->index(rows.first(), 0), QItemSelectionModel::NoUpdate);
    }

private slots:
    void initTestCase()
    {
        // Keep the developer's settings (recent projects, window state) out of the tests.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void numberKeysLabelTheSelectionAndUndoRedoWorks()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 40);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 40);
        GalleryView *view = window.workspace()->view();
        view->setFocus();

        select(view, {0, 1, 2});
        QTest::keyClick(view, Qt::Key_2);   // second pinned category: Soap
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE category_id=2"), std::int64_t(3));
        QTRY_COMPARE(view->model()->index(1, 0).data(ImageListModel::LabelRole).toString(), QStringLiteral("Soap"));
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM label_events WHERE field='label'"), std::int64_t(3));

        QTest::keyClick(view, Qt::Key_A);   // accept
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE review_status=1"), std::int64_t(3));
        QTest::keyClick(view, Qt::Key_P);   // toggle the PII flag on
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE kind='pii'"), std::int64_t(3));
        QTest::keyClick(view, Qt::Key_P);   // and off
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE kind='pii'"), std::int64_t(0));

        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);   // undo flag off
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);   // undo flag on
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);   // undo accept
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE review_status=1"), std::int64_t(0));
        QTRY_COMPARE(view->model()->index(0, 0).data(ImageListModel::StatusRole).toInt(), 0);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);   // redo accept
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE review_status=1"), std::int64_t(3));
        QTRY_COMPARE(view->model()->index(2, 0).data(ImageListModel::StatusRole).toInt(), 1);
        select(view, {1});
        QTRY_VERIFY(window.workspace()->inspector()->text().contains(QRegularExpression("Label\\s+Soap")));
        const QString inspected = window.workspace()->inspector()->text();
        QVERIFY2(inspected.contains(QRegularExpression("Label\\s+Soap")), qPrintable(inspected));
        QVERIFY(inspected.contains("History"));
        QVERIFY(inspected.contains("(unlabeled) → Soap"));
    }

    void keysActOnTheProjectOpenedSecond()
    {
        // Opening another project in the same window: the first project's shortcuts are gone
        // (otherwise both would claim the keys and neither would fire, or the old one would act
        // on a closed session).
        QTemporaryDir first, second;
        const QString firstDir = makeUiProject(first, 5);
        const QString secondDir = makeUiProject(second, 6);
        MainWindow window;
        QVERIFY(open(window, firstDir));
        waitForGrid(window, 5);
        QVERIFY(window.openProject(secondDir));
        waitForGrid(window, 6);
        const auto labelKeys = window.findChildren<QAction *>(QStringLiteral("labelKey2"));
        QCOMPARE(labelKeys.size(), qsizetype(1));
        GalleryView *view = window.workspace()->view();
        view->setFocus();
        select(view, {0});
        QTest::keyClick(view, Qt::Key_2);
        QTRY_COMPARE(query(secondDir, "SELECT count(*) FROM images WHERE category_id=2"), std::int64_t(1));
        QCOMPARE(query(firstDir, "SELECT count(*) FROM label_events"), std::int64_t(0));
    }

    void undoContinuesAfterReopening()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 10);
        {
            MainWindow window;
            QVERIFY(open(window, projectDir));
            waitForGrid(window, 10);
            select(window.workspace()->view(), {4});
            QTest::keyClick(window.workspace()->view(), Qt::Key_3);
        }
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE category_id=3"), std::int64_t(1));
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 10);
        QTRY_VERIFY(window.workspace()->session()->undoText().contains("Tea"));
        QTest::keyClick(window.workspace()->view(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE category_id IS NOT NULL"), std::int64_t(0));
        QTRY_COMPARE(window.workspace()->model()->index(4, 0).data(ImageListModel::LabelRole).toString(), QString());
    }

    void paletteFindsACategoryByTyping()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 5);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 5);
        select(window.workspace()->view(), {0, 1});
        // The palette is modal: drive it once it is up.
        QTimer::singleShot(0, [] {
            auto *palette = qobject_cast<CategoryPalette *>(QApplication::activeModalWidget());
            QVERIFY(palette);
            QTest::keyClicks(palette->searchField(), "sop");
            QCOMPARE(palette->list()->currentItem()->text(), QStringLiteral("Soap    [2]"));
            QTest::keyClick(palette->searchField(), Qt::Key_Return);
        });
        QTest::keyClick(window.workspace()->view(), Qt::Key_L);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE category_id=2"), std::int64_t(2));
        QVERIFY(reactivate(window));

        // A name that matches nothing offers to create the category.
        QTimer::singleShot(0, [] {
            auto *palette = qobject_cast<CategoryPalette *>(QApplication::activeModalWidget());
            QVERIFY(palette);
            QTest::keyClicks(palette->searchField(), "Cooking oil");
            QVERIFY(palette->list()->currentItem()->text().contains("Create"));
            QTest::keyClick(palette->searchField(), Qt::Key_Return);
        });
        QTest::keyClick(window.workspace()->view(), Qt::Key_L);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images i JOIN categories c ON c.id=i.category_id WHERE c.name='Cooking oil'"),
                 std::int64_t(2));
    }

    void facetsFilterTheGrid()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 30);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 30);
        select(window.workspace()->view(), {0, 1, 2, 3});
        QTest::keyClick(window.workspace()->view(), Qt::Key_1);

        // The tree is rebuilt whenever counts change: look items up afresh each time.
        QTreeWidget *tree = window.workspace()->facets()->tree();
        auto item = [tree](const char *text) {
            const auto found = tree->findItems(QString::fromUtf8(text), Qt::MatchExactly | Qt::MatchRecursive);
            return found.isEmpty() ? nullptr : found.first();
        };
        QTRY_VERIFY(item("Rice") && item("Rice")->text(1) == QStringLiteral("4"));
        item("Rice")->setCheckState(0, Qt::Checked);
        waitForGrid(window, 4);
        item("(unlabeled)")->setCheckState(0, Qt::Checked);
        waitForGrid(window, 30);
        window.workspace()->facets()->clear();
        // Text search over paths.
        auto *search = window.workspace()->facets()->findChild<QLineEdit *>("facetSearch");
        QTest::keyClicks(search, "img_02");
        waitForGrid(window, 10);
    }

    void importFromTheWindowReportsBrokenFiles()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 4);
        const QString more = dir.filePath("more");
        sieve::test::writeImageFolder(more, 3, 100);
        QVERIFY(sieve::test::writeFile(more + "/broken.jpg", "\xFF\xD8\xFF not an image after all"));
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 4);
        window.startImport(more, {});
        // The grid refreshes when the job ends; the job's row offers the report.
        waitForGrid(window, 7);
        QPushButton *details = nullptr;
        QTRY_VERIFY((details = [&]() -> QPushButton * {
            for (QPushButton *button : window.jobsPanel()->findChildren<QPushButton *>())
                if (button->text() == "Details…" && button->isVisible())
                    return button;
            return nullptr;
        }()));
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM job_issues WHERE path='broken.jpg'"), std::int64_t(1));
        bool summaryShown = false;
        for (QLabel *label : window.jobsPanel()->findChildren<QLabel *>())
            summaryShown = summaryShown || label->text().contains("3 new");
        QVERIFY(summaryShown);
    }

    void suggestionsAreConfirmedOrDismissedWithTheFlagKeys()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 4);
        {
            auto db = store::Database::open(projectDir + "/sieve.db");
            QVERIFY(db->exec("INSERT INTO flags(image_id, kind, state, note, source, updated_at) VALUES "
                             "(1, 'quality', 'suggested', 'blur', 'detector', 'now'), (2, 'quality', 'suggested', 'dark', 'detector', 'now')").ok());
        }
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 4);
        GalleryView *view = window.workspace()->view();
        QCOMPARE(view->model()->index(0, 0).data(ImageListModel::SuggestedFlagsRole).toStringList(), QStringList{"quality"});
        select(view, {0});
        QTest::keyClick(view, Qt::Key_Q);                       // confirm: the analyst's flag now
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE image_id=1 AND state='set' AND source='user'"), std::int64_t(1));
        select(view, {1});
        QTest::keyClick(view, Qt::Key_Q, Qt::ShiftModifier);    // dismiss
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE image_id=2 AND state='dismissed'"), std::int64_t(1));
        QTRY_VERIFY(view->model()->index(1, 0).data(ImageListModel::SuggestedFlagsRole).toStringList().isEmpty());
    }

    void duplicateGroupsFlagTheOthersInOneAction()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 6);
        {
            // As the duplicate scan leaves it: two groups, keepers 1 and 4.
            auto db = store::Database::open(projectDir + "/sieve.db");
            QVERIFY(db->exec("INSERT INTO duplicate_groups(image_id, group_id, kind, distance, keep) VALUES "
                             "(1, 1, 'near', 0, 1), (2, 1, 'near', 4, 0), (3, 1, 'exact', 0, 0), "
                             "(4, 4, 'near', 0, 1), (5, 4, 'near', 7, 0)").ok());
        }
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 6);
        DuplicateGroupsDialog dialog(window.workspace()->session(), window.workspace()->thumbnails(), &window);
        QCOMPARE(dialog.groupList()->count(), 2);
        QCOMPARE(dialog.keeper(), std::int64_t(1));          // the scan's suggestion, preselected
        dialog.chooseKeeper(2);                               // the analyst prefers another one
        dialog.flagOthersButton()->click();
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE kind='duplicate' AND state='set' AND image_id IN (1, 3)"), std::int64_t(2));
        QCOMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE kind='duplicate' AND image_id=2"), std::int64_t(0));
        QCOMPARE(dialog.groupList()->currentRow(), 1);        // on to the next group
        QCOMPARE(dialog.keeper(), std::int64_t(4));
        // One undo takes back the whole group.
        window.workspace()->session()->undo();
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM flags WHERE kind='duplicate'"), std::int64_t(0));
    }

    void regionsAreReviewedInTheViewer()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 2);
        {
            auto db = store::Database::open(projectDir + "/sieve.db");
            QVERIFY(db->exec("INSERT INTO regions(id, image_id, kind, x, y, w, h, text, pii_type, confidence, source, created_at) VALUES "
                             "(1, 1, 'pii', 4, 4, 40, 12, '0712 345678', 'phone', 0.9, 'ocr', 'now'), "
                             "(2, 1, 'pii', 4, 30, 30, 10, 'Amina', 'name', 0.6, 'ocr', 'now')").ok());
        }
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 2);
        Workspace *workspace = window.workspace();
        select(workspace->view(), {0});
        QTest::keyClick(workspace->view(), Qt::Key_Return);
        ImageViewer *viewer = workspace->viewer();
        QTRY_VERIFY(!viewer->image().isNull());
        QCOMPARE(viewer->regions().size(), qsizetype(2));
        QTest::keyClick(viewer, Qt::Key_Tab);                      // the larger box comes first
        QCOMPARE(viewer->selectedRegion(), std::int64_t(1));
        QTest::keyClick(viewer, Qt::Key_Y);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM regions WHERE id=1 AND decision='accepted'"), std::int64_t(1));
        QTRY_COMPARE(viewer->regions().at(0).decision, QStringLiteral("accepted"));
        QTest::keyClick(viewer, Qt::Key_Tab);
        QTest::keyClick(viewer, Qt::Key_N);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM regions WHERE id=2 AND decision='rejected'"), std::int64_t(1));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);   // undo the rejection
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM regions WHERE id=2 AND decision='undecided'"), std::int64_t(1));
        QTest::keyClick(viewer, Qt::Key_R);
        QVERIFY(viewer->redactionPreview());
    }

    void exportDialogExplainsBadValuesAndExportsAsAJob()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 8);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 8);
        select(window.workspace()->view(), {0, 1, 2, 3, 4, 5, 6, 7});
        QTest::keyClick(window.workspace()->view(), Qt::Key_1);   // everything labelled, so exportable
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE category_id IS NOT NULL"), std::int64_t(8));

        ExportDialog dialog(window.workspace()->gallery()->filter(), 8, {}, &window);
        QVERIFY(!dialog.canExport());                              // no folder yet
        dialog.folderField()->setText(dir.filePath("images"));     // not empty
        QVERIFY(!dialog.canExport());
        QVERIFY(dialog.problemLabel()->text().contains("not empty"));
        dialog.folderField()->setText(dir.filePath("out"));
        QVERIFY(dialog.canExport());
        QCOMPARE(dialog.options().outDir, dir.filePath("out"));
        QVERIFY(dialog.options().anonymousNames);

        window.jobsPanel()->run(makeExportJob(window.workspace()->session(), dialog.options()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(dir.filePath("out/manifest.csv")), 30000);
        QVERIFY(QFileInfo::exists(dir.filePath("out/DATASHEET.md")));
        QVERIFY(!QFileInfo::exists(dir.filePath("out.partial")));
    }

    void categoryManagerCountsAndRenames()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 6);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 6);
        select(window.workspace()->view(), {0, 1, 2});
        QTest::keyClick(window.workspace()->view(), Qt::Key_2);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images WHERE category_id=2"), std::int64_t(3));

        CategoryManager manager(window.workspace()->session(), &window);
        QTableWidget *table = manager.table();
        QCOMPARE(table->rowCount(), 3);
        QTRY_COMPARE(table->item(1, 1)->text(), QStringLiteral("3"));   // Soap, counted off the GUI thread
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("2"));       // pinned to key 2
        table->item(1, 0)->setText("Soap bar");                          // edit the name in place
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM categories WHERE name='Soap bar'"), std::int64_t(1));
        QTRY_COMPARE(manager.table()->item(1, 0)->text(), QStringLiteral("Soap bar"));
        window.workspace()->session()->undo();
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM categories WHERE name='Soap'"), std::int64_t(1));
    }

    void anInterruptedImportIsOfferedAndResumes()
    {
        QTemporaryDir dir;
        sieve::test::writeImageFolder(dir.filePath("images"), 12);
        const QString projectDir = dir.filePath("project");
        {
            // As a killed import leaves it: a running job whose process is gone, nothing imported.
            auto project = store::Project::create(projectDir);
            QVERIFY(project.ok());
            const QByteArray sql =
                "INSERT INTO jobs(kind, params, status, pid, total, done, created_at, updated_at) VALUES('import', "
                "'{\"images\":\"" + dir.filePath("images").toUtf8() + "\",\"metadata\":\"\"}', 'running', 2147483646, 12, 0, 'now', 'now')";
            QVERIFY((*project)->db().exec(sql.constData()).ok());
        }
        MainWindow window;
        QVERIFY(open(window, projectDir));
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM jobs WHERE status='interrupted'"), std::int64_t(1));
        QPushButton *resume = nullptr;
        for (QPushButton *button : window.jobsPanel()->findChildren<QPushButton *>())
            if (button->text() == "Resume")
                resume = button;
        QVERIFY(resume);
        resume->click();
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM images"), std::int64_t(12));
        waitForGrid(window, 12);
    }

    void facetCountsAfterABurstAreCurrent()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 20);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 20);
        GalleryController *gallery = window.workspace()->gallery();
        QTRY_COMPARE(gallery->facets().total, qint64(20));
        // A burst of edits asks for counts again and again; they coalesce into one more count
        // after the running one, and that count must not lose the last edit.
        select(window.workspace()->view(), {0, 1, 2, 3, 4});
        QTest::keyClick(window.workspace()->view(), Qt::Key_1);
        for (int i = 0; i < 10; ++i)
            gallery->refreshFacets();
        QTRY_COMPARE(gallery->facets().categories.value(1), qint64(5));
        QCOMPARE(gallery->facets().unlabeled, qint64(15));
    }

    void viewerStepsThroughImagesAndSharesTheKeys()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 3);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        waitForGrid(window, 3);
        Workspace *workspace = window.workspace();
        select(workspace->view(), {0});
        QTest::keyClick(workspace->view(), Qt::Key_Return);
        QVERIFY(workspace->isViewing());
        QTRY_VERIFY(!workspace->viewer()->image().isNull());
        QCOMPARE(workspace->viewer()->image().size(), QSize(96, 64));
        QTest::keyClick(workspace->viewer(), Qt::Key_Right);
        QCOMPARE(workspace->view()->currentIndex().row(), 1);
        QTest::keyClick(workspace->viewer(), Qt::Key_X);   // reject the image on screen
        QTRY_COMPARE(query(projectDir, "SELECT id FROM images WHERE review_status=2"), workspace->model()->idAt(1));
        QTRY_VERIFY2(workspace->viewer()->caption().contains("Rejected"), qPrintable(workspace->viewer()->caption()));
        QTest::keyClick(workspace->viewer(), Qt::Key_3);
        QTRY_VERIFY(workspace->viewer()->caption().contains("Tea"));
        QTest::keyClick(workspace->viewer(), Qt::Key_Escape);
        QVERIFY(!workspace->isViewing());
    }
};

QTEST_MAIN(TestModeration)
#include "tst_moderation.moc"
