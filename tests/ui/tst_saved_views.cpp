#include "dialogs/export_dialog.h"
#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/view_actions.h"
#include "jobs/jobs_panel.h"
#include "jobs/project_jobs.h"
#include "main_window.h"
#include "project_fixture.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/views.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <functional>

using namespace sieve;
using namespace sieve::ui;

class TestSavedViews : public QObject {
    Q_OBJECT

    static std::int64_t query(const QString &projectDir, const char *sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        return *db->queryInt(sql);
    }

    static bool open(MainWindow &window, const QString &projectDir)
    {
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window) && window.openProject(projectDir);
    }

    // Answers the next modal dialog (the name prompt, the replace question) once it is open:
    // exec() blocks the test, so the answer has to be scheduled before.
    static void whenModal(std::function<void(QWidget *)> answer)
    {
        auto *poll = new QTimer(qApp);
        poll->setInterval(20);
        QObject::connect(poll, &QTimer::timeout, qApp, [poll, answer] {
            if (QWidget *modal = QApplication::activeModalWidget()) {
                poll->deleteLater();
                poll->stop();
                answer(modal);
            }
        });
        poll->start();
    }

    static void typeName(const QString &name)
    {
        whenModal([name](QWidget *modal) {
            auto *dialog = qobject_cast<QInputDialog *>(modal);
            QVERIFY(dialog);
            dialog->setTextValue(name);
            dialog->accept();
        });
    }

    static void answer(QMessageBox::StandardButton button, QString *text = nullptr)
    {
        whenModal([button, text](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            if (text)
                *text = box->text();
            box->button(button)->click();
        });
    }

    static QTreeWidgetItem *viewItem(FacetPanel *facets, const QString &name)
    {
        const QList<QTreeWidgetItem *> found = facets->tree()->findItems(name, Qt::MatchExactly | Qt::MatchRecursive);
        return found.isEmpty() ? nullptr : found.first();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void aFilterIsSavedAndAppliedWithAClick()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 30);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        Workspace *workspace = window.workspace();
        QTRY_COMPARE(workspace->model()->rowCount(), 30);

        // Filter by text (10 images: img_020 … img_029), sorted by path, descending.
        store::ImageFilter filter;
        filter.text = "img_02";
        filter.sort = store::ImageSort::Path;
        filter.descending = true;
        workspace->facets()->setFilter(filter);
        workspace->gallery()->setFilter(filter);
        QTRY_COMPARE(workspace->model()->rowCount(), 10);

        typeName("  Second batch ");
        workspace->views()->saveAction()->trigger();
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM views WHERE name = 'Second batch'"), std::int64_t(1));
        // Stored with its sort, as another process reads it.
        {
            auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
            QCOMPARE((*store::findView(*db, "second batch"))->filter, filter);
        }
        // The panel lists it, ticked as the view shown.
        QTreeWidgetItem *item = nullptr;
        QTRY_VERIFY((item = viewItem(workspace->facets(), "Second batch")));
        QCOMPARE(item->text(1), QStringLiteral("✓"));

        // Back to everything; the view is no longer the one shown.
        workspace->facets()->clear();
        QTRY_COMPARE(workspace->model()->rowCount(), 30);
        item = viewItem(workspace->facets(), "Second batch");
        QVERIFY(item);
        QVERIFY(item->text(1).isEmpty());

        // One click on it brings back its images in its order, and the View menu's sort with it.
        QTreeWidget *tree = workspace->facets()->tree();
        tree->scrollToItem(item);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
        QTRY_COMPARE(workspace->model()->rowCount(), 10);
        QCOMPARE(workspace->gallery()->filter(), filter);
        QVERIFY(workspace->model()->index(0, 0).data(ImageListModel::PathRole).toString().endsWith("img_029.jpg"));
        QTRY_COMPARE(viewItem(workspace->facets(), "Second batch")->text(1), QStringLiteral("✓"));
        QCOMPARE(workspace->facets()->findChild<QLineEdit *>("facetSearch")->text(), QStringLiteral("img_02"));
        bool descendingChecked = false;
        for (QAction *a : window.findChildren<QAction *>())
            if (a->text() == "Descending")
                descendingChecked = a->isChecked();
        QVERIFY(descendingChecked);

        // The View menu lists it too; choosing it there applies it as well.
        workspace->facets()->clear();
        QTRY_COMPARE(workspace->model()->rowCount(), 30);
        QMenu *menu = workspace->views()->menu();
        QCOMPARE(menu->actions().size(), qsizetype(1));
        QCOMPARE(menu->actions().first()->text(), QStringLiteral("Second batch"));
        menu->actions().first()->trigger();
        QTRY_COMPARE(workspace->model()->rowCount(), 10);
    }

    void savingOverAViewAsksAndRenamingAndDeletingWork()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 12);
        {
            auto project = store::Project::open(projectDir);
            store::ImageFilter old;
            old.text = "img_00";
            QVERIFY(store::saveView((*project)->db(), "Batch", old).ok());
        }
        MainWindow window;
        QVERIFY(open(window, projectDir));
        Workspace *workspace = window.workspace();
        QTRY_COMPARE(workspace->model()->rowCount(), 12);
        QCOMPARE(workspace->session()->savedViews().size(), qsizetype(1));   // read when the project opens

        store::ImageFilter filter;
        filter.text = "img_01";
        workspace->facets()->setFilter(filter);
        workspace->gallery()->setFilter(filter);
        QTRY_COMPARE(workspace->model()->rowCount(), 2);

        // Same name in other letters: asked first; No keeps the old view.
        QString question;
        typeName("batch");
        answer(QMessageBox::No, &question);
        workspace->views()->saveCurrentView();
        QVERIFY2(question.contains("“Batch” exists already"), qPrintable(question));
        workspace->session()->waitForEdits();
        QCOMPARE(query(projectDir, "SELECT count(*) FROM views WHERE filter LIKE '%img_00%'"), std::int64_t(1));

        // Yes replaces it (one view, the new filter, the new spelling).
        typeName("batch");
        answer(QMessageBox::Yes);
        workspace->views()->saveCurrentView();
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM views WHERE name = 'batch' AND filter LIKE '%img_01%'"), std::int64_t(1));
        QCOMPARE(query(projectDir, "SELECT count(*) FROM views"), std::int64_t(1));
        QTRY_COMPARE(workspace->views()->menu()->actions().first()->text(), QStringLiteral("batch"));

        const std::int64_t id = workspace->session()->savedViews().first().id;
        typeName("Tens");
        workspace->views()->renameView(id);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM views WHERE name = 'Tens'"), std::int64_t(1));
        QTRY_VERIFY(viewItem(workspace->facets(), "Tens"));

        answer(QMessageBox::Yes);
        workspace->views()->deleteView(id);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM views"), std::int64_t(0));
        QTRY_VERIFY(!viewItem(workspace->facets(), "Tens"));
        QVERIFY(!workspace->views()->menu()->actions().first()->isEnabled());   // "(none saved yet)"
        QCOMPARE(workspace->model()->rowCount(), 2);   // deleting a view changes no filter or image
    }

    void theExportDialogOffersEverythingTheGalleryOrASavedView()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 12);
        {
            auto project = store::Project::open(projectDir);
            QVERIFY((*project)->db().exec("UPDATE images SET category_id = 1 + id % 3").ok());   // exportable
            store::ImageFilter soap;
            soap.categories = {2};
            QVERIFY(store::saveView((*project)->db(), "Soap", soap).ok());
        }
        MainWindow window;
        QVERIFY(open(window, projectDir));
        Workspace *workspace = window.workspace();
        QTRY_COMPARE(workspace->model()->rowCount(), 12);

        // Nothing filtered: the gallery's entry would be the same as everything, so it is not offered.
        {
            ExportDialog dialog(workspace->gallery()->filter(), 12, workspace->session()->savedViews(), &window);
            QCOMPARE(dialog.imagesField()->count(), 2);
            QCOMPARE(dialog.imagesField()->currentText(), QStringLiteral("All images of the project"));
            QCOMPARE(dialog.options().filter, store::ImageFilter{});
        }
        store::ImageFilter filter;
        filter.text = "img_00";
        workspace->facets()->setFilter(filter);
        workspace->gallery()->setFilter(filter);
        QTRY_COMPARE(workspace->model()->rowCount(), 10);

        ExportDialog dialog(workspace->gallery()->filter(), 10, workspace->session()->savedViews(), &window);
        QCOMPARE(dialog.imagesField()->count(), 3);
        QVERIFY(dialog.imagesField()->currentText().contains("gallery shows now (10)"));   // a filter is on: preselected
        QCOMPARE(dialog.options().filter, filter);
        QVERIFY(dialog.chooseView("soap"));
        QCOMPARE(dialog.imagesField()->currentText(), QStringLiteral("Saved view: Soap"));
        QCOMPARE(dialog.options().filter.categories, QList<std::int64_t>{2});
        QCOMPARE(dialog.options().selection, QStringLiteral("saved view “Soap”"));
        QVERIFY(dialog.options().onePerDuplicateGroup);
        dialog.manifestField()->setCurrentIndex(1);
        QCOMPARE(dialog.options().manifest, exporting::ManifestFormat::JsonLines);
        dialog.folderField()->setText(dir.filePath("soap"));
        QVERIFY(dialog.canExport());

        window.jobsPanel()->run(makeExportJob(workspace->session(), dialog.options()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(dir.filePath("soap/manifest.jsonl")), 30000);
        QFile manifest(dir.filePath("soap/manifest.jsonl"));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const qsizetype soapImages = query(projectDir, "SELECT count(*) FROM images WHERE category_id = 2");
        QCOMPARE(manifest.readAll().count('\n'), soapImages);   // the view's images, not the gallery's
    }
};

QTEST_MAIN(TestSavedViews)
#include "tst_saved_views.moc"
