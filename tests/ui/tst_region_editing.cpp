#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "main_window.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/project.h"
#include "test_images.h"
#include "viewer/image_viewer.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sieve;
using namespace sieve::ui;

namespace {

// Where the scan put the two detections of the test image (image pixels).
const QRect kPhone(40, 40, 120, 30);
const QRect kName(60, 150, 80, 40);

} // namespace

// Reviewing and editing regions in the viewer with the mouse and keyboard, as an analyst does:
// every check reads the database through its own connection (what the window shows as done
// must be committed) and what the viewer shows.
class TestRegionEditing : public QObject {
    Q_OBJECT

    // One 320 × 240 image (large enough at actual pixels for handles and drags) with a detected
    // phone number and name.
    static QString makeProject(const QTemporaryDir &dir)
    {
        const QString project = dir.filePath("project");
        if (!sieve::test::writeImage(dir.filePath("images/receipt.jpg"), 7, "jpeg", QSize(320, 240)))
            return {};
        auto created = store::Project::create(project);
        if (!created)
            return {};
        jobs::JobContext context;
        ingest::ImportOptions options;
        options.imagesDirectory = dir.filePath("images");
        if (!ingest::importImages((*created)->db(), options, context))
            return {};
        const QByteArray sql =
            "INSERT INTO regions(id, image_id, kind, x, y, w, h, text, pii_type, confidence, source, created_at) VALUES "
            "(1, 1, 'pii', " + boxSql(kPhone) + ", '0712 345678', 'phone', 0.9, 'ocr', 'now'), "
            "(2, 1, 'pii', " + boxSql(kName) + ", 'Amina', 'name', 0.6, 'ocr', 'now')";
        if (!(*created)->db().exec(sql.constData()))
            return {};
        return project;
    }

    static QByteArray boxSql(const QRect &box)
    {
        return QByteArray::number(box.x()) + ", " + QByteArray::number(box.y()) + ", " + QByteArray::number(box.width()) + ", "
               + QByteArray::number(box.height());
    }

    static std::int64_t query(const QString &projectDir, const QByteArray &sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        return *db->queryInt(sql.constData());
    }

    static QString text(const QString &projectDir, const QByteArray &sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        auto statement = db->prepare(sql.constData());
        return statement && *statement->step() ? statement->text(0) : QString();
    }

    static QRect storedBox(const QString &projectDir, std::int64_t region)
    {
        return store::boxFromText(text(projectDir, "SELECT x || ',' || y || ',' || w || ',' || h FROM regions WHERE id="
                                                       + QByteArray::number(region)));
    }

    static std::int64_t actions(const QString &projectDir) { return query(projectDir, "SELECT count(*) FROM actions"); }

    static const store::Region *shown(ImageViewer *viewer, std::int64_t id)
    {
        for (const store::Region &region : viewer->regions())
            if (region.id == id)
                return &region;
        return nullptr;
    }

    // Opens the project, the image in the viewer, and shows it at actual pixels so that one
    // widget pixel is one image pixel. Keyboard shortcuts (undo) need an active window.
    static ImageViewer *openViewer(MainWindow &window, const QString &projectDir)
    {
        window.resize(900, 700);
        window.show();
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window) || !window.openProject(projectDir))
            return nullptr;
        Workspace *workspace = window.workspace();
        if (!QTest::qWaitFor([&] { return workspace->model()->rowCount() == 1; }))
            return nullptr;
        workspace->view()->selectionModel()->setCurrentIndex(workspace->model()->index(0, 0), QItemSelectionModel::ClearAndSelect);
        workspace->view()->setFocus();
        QTest::keyClick(workspace->view(), Qt::Key_Return);
        ImageViewer *viewer = workspace->viewer();
        if (!QTest::qWaitFor([&] { return !viewer->image().isNull() && viewer->regions().size() == 2; }))
            return nullptr;
        if (viewer->fitToWindow())
            QTest::keyClick(viewer, Qt::Key_Z);
        return viewer;
    }

    // Where image pixel POINT is on screen.
    static QPoint at(ImageViewer *viewer, QPointF point) { return viewer->widgetPoint(point).toPoint(); }

    // A press, a few moves as a hand makes them, and a release.
    static void drag(ImageViewer *viewer, QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mousePress(viewer, Qt::LeftButton, modifiers, from);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(viewer, from + (to - from) * step / 4);
        QTest::mouseRelease(viewer, Qt::LeftButton, modifiers, to);
    }

    // Right-clicks POS and, once the menu is up, clicks the action named ACTION in it (or in a
    // submenu: those open on hover, so the action is triggered directly there). Returns the
    // action's text, empty when the menu or the action was missing.
    static QString chooseFromMenu(ImageViewer *viewer, QPoint pos, const QString &action)
    {
        QString chosen;
        QTimer::singleShot(0, viewer, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            auto *item = menu->findChild<QAction *>(action);
            if (!item) {
                menu->close();
                return;
            }
            chosen = item->text();
            if (menu->actions().contains(item)) {
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(item).center());
            } else {
                item->trigger();
                menu->close();
            }
        });
        // What a right-click delivers to the widget (QTest's mouse events go to the widget
        // directly, past the window that would turn them into this).
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, viewer->mapToGlobal(pos));
        QApplication::sendEvent(viewer, &event);
        // The offscreen platform leaves the closed popup's window active; shortcuts (undo) only
        // reach the active window.
        viewer->window()->activateWindow();
        if (!QTest::qWaitForWindowActive(viewer->window()))
            return {};
        return chosen;
    }

private slots:
    void initTestCase()
    {
        // Keep the developer's settings (recent projects, window state) out of the tests.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void regionsAreAcceptedAndRejectedByKeyAndMenu()
    {
        QTemporaryDir dir;
        const QString projectDir = makeProject(dir);
        QVERIFY(!projectDir.isEmpty());
        MainWindow window;
        ImageViewer *viewer = openViewer(window, projectDir);
        QVERIFY(viewer);

        // A click selects without editing anything.
        QTest::mouseClick(viewer, Qt::LeftButton, {}, at(viewer, kName.center()));
        QCOMPARE(viewer->selectedRegion(), std::int64_t(2));
        QTest::keyClick(viewer, Qt::Key_Y);
        QTRY_COMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=2"), QStringLiteral("accepted"));
        QTRY_COMPARE(shown(viewer, 2)->decision, QStringLiteral("accepted"));
        QCOMPARE(storedBox(projectDir, 2), kName);
        QCOMPARE(actions(projectDir), std::int64_t(1));

        // The right-click menu, with the mouse.
        QCOMPARE(chooseFromMenu(viewer, at(viewer, kPhone.center()), "rejectRegion").remove('&').section('\t', 0, 0),
                 QStringLiteral("Reject (not personal)"));
        QCOMPARE(viewer->selectedRegion(), std::int64_t(1));
        QTRY_COMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=1"), QStringLiteral("rejected"));
        QTRY_COMPARE(shown(viewer, 1)->decision, QStringLiteral("rejected"));
        QVERIFY(!chooseFromMenu(viewer, at(viewer, kName.center()), "acceptRegion").isEmpty());
        QTest::keyClick(viewer, Qt::Key_N);
        QTRY_COMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=2"), QStringLiteral("rejected"));
        QTRY_COMPARE(shown(viewer, 2)->decision, QStringLiteral("rejected"));
        QCOMPARE(actions(projectDir), std::int64_t(3));   // accepting the accepted one changed nothing

        // Each decision is its own step back.
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(shown(viewer, 2)->decision, QStringLiteral("accepted"));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(shown(viewer, 1)->decision, QStringLiteral("undecided"));
        QCOMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=1"), QStringLiteral("undecided"));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(shown(viewer, 1)->decision, QStringLiteral("rejected"));
        QCOMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=1"), QStringLiteral("rejected"));
    }

    void draggingARegionMovesItInOneUndoableStep()
    {
        QTemporaryDir dir;
        const QString projectDir = makeProject(dir);
        MainWindow window;
        ImageViewer *viewer = openViewer(window, projectDir);
        QVERIFY(viewer);
        QCOMPARE(viewer->zoom(), 1.0);

        drag(viewer, at(viewer, kPhone.center()), at(viewer, kPhone.center()) + QPoint(30, 20));
        const QRect moved = kPhone.translated(30, 20);
        QCOMPARE(viewer->selectedRegion(), std::int64_t(1));
        QCOMPARE(shown(viewer, 1)->box, moved);   // shown where it was dropped at once
        QTRY_COMPARE(storedBox(projectDir, 1), moved);
        QCOMPARE(actions(projectDir), std::int64_t(1));
        QCOMPARE(query(projectDir, "SELECT count(*) FROM label_events WHERE field='region:1:box'"), std::int64_t(1));

        // A hand that shakes while clicking does not move the box.
        drag(viewer, at(viewer, moved.center()), at(viewer, moved.center()) + QPoint(1, 2));
        window.workspace()->session()->waitForEdits();
        QCOMPARE(actions(projectDir), std::int64_t(1));
        QCOMPARE(shown(viewer, 1)->box, moved);

        // Escape during a drag puts the box back and edits nothing.
        QTest::mousePress(viewer, Qt::LeftButton, {}, at(viewer, moved.center()));
        QTest::mouseMove(viewer, at(viewer, moved.center()) + QPoint(40, 40));
        QVERIFY(viewer->isDragging());
        QTest::keyClick(viewer, Qt::Key_Escape);
        QVERIFY(!viewer->isDragging());
        QTest::mouseRelease(viewer, Qt::LeftButton, {}, at(viewer, moved.center()) + QPoint(40, 40));
        window.workspace()->session()->waitForEdits();
        QCOMPARE(actions(projectDir), std::int64_t(1));
        QCOMPARE(storedBox(projectDir, 1), moved);
        QVERIFY(window.workspace()->isViewing());   // that Escape did not leave the viewer

        // Dragged past the image's corner, the box stops at its edges, whole.
        drag(viewer, at(viewer, moved.center()), at(viewer, QPointF(400, 400)));
        const QRect cornered(320 - kPhone.width(), 240 - kPhone.height(), kPhone.width(), kPhone.height());
        QTRY_COMPARE(storedBox(projectDir, 1), cornered);

        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(storedBox(projectDir, 1), moved);
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(storedBox(projectDir, 1), kPhone);
        QTRY_COMPARE(shown(viewer, 1)->box, kPhone);
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(shown(viewer, 1)->box, moved);
        QCOMPARE(storedBox(projectDir, 1), moved);
    }

    void handlesResizeTheSelectedRegion()
    {
        QTemporaryDir dir;
        const QString projectDir = makeProject(dir);
        MainWindow window;
        ImageViewer *viewer = openViewer(window, projectDir);
        QVERIFY(viewer);
        QTest::mouseClick(viewer, Qt::LeftButton, {}, at(viewer, kPhone.center()));
        QCOMPARE(viewer->selectedRegion(), std::int64_t(1));

        // The cursor tells what a drag will do.
        const QPoint corner = at(viewer, QPointF(kPhone.x() + kPhone.width(), kPhone.y() + kPhone.height()));
        QTest::mouseMove(viewer, corner);
        QTRY_COMPARE(viewer->cursor().shape(), Qt::SizeFDiagCursor);
        QTest::mouseMove(viewer, at(viewer, QPointF(kPhone.x(), kPhone.center().y())));
        QTRY_COMPARE(viewer->cursor().shape(), Qt::SizeHorCursor);
        QTest::mouseMove(viewer, at(viewer, kPhone.center()));
        QTRY_COMPARE(viewer->cursor().shape(), Qt::SizeAllCursor);

        // The bottom-right corner: both sides grow.
        drag(viewer, corner, corner + QPoint(20, 10));
        const QRect grown(kPhone.x(), kPhone.y(), kPhone.width() + 20, kPhone.height() + 10);
        QTRY_COMPARE(storedBox(projectDir, 1), grown);
        QTRY_COMPARE(shown(viewer, 1)->box, grown);
        // The left edge, pulled past the image: it stops at the image's edge.
        drag(viewer, at(viewer, QPointF(grown.x(), grown.center().y())), at(viewer, QPointF(-50, grown.center().y())));
        const QRect widened(0, grown.y(), grown.x() + grown.width(), grown.height());
        QTRY_COMPARE(storedBox(projectDir, 1), widened);
        // The top edge, pushed through the bottom one: it stops short, the box stays a box.
        drag(viewer, at(viewer, QPointF(widened.center().x(), widened.y())), at(viewer, QPointF(widened.center().x(), 230)));
        QTRY_COMPARE(storedBox(projectDir, 1).height(), 4);
        QCOMPARE(storedBox(projectDir, 1).bottom(), widened.bottom());
        QCOMPARE(actions(projectDir), std::int64_t(3));

        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(storedBox(projectDir, 1), widened);
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(storedBox(projectDir, 1), kPhone);
        QTRY_COMPARE(shown(viewer, 1)->box, kPhone);
    }

    void drawnRegionsAreAddedTypedUndoneAndRemoved()
    {
        QTemporaryDir dir;
        const QString projectDir = makeProject(dir);
        MainWindow window;
        ImageViewer *viewer = openViewer(window, projectDir);
        QVERIFY(viewer);

        // Shift+drag draws over empty image and over a detected box alike.
        drag(viewer, at(viewer, QPointF(200, 100)), at(viewer, QPointF(260, 160)), Qt::ShiftModifier);
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM regions WHERE kind='manual' AND source='user' AND decision='accepted' "
                                       "AND confidence=1 AND pii_type='other' AND x=200 AND y=100 AND w=60 AND h=60"),
                     std::int64_t(1));
        const std::int64_t drawn = query(projectDir, "SELECT id FROM regions WHERE kind='manual'");
        QTRY_COMPARE(viewer->selectedRegion(), drawn);   // ready for a type, a resize or Delete
        QCOMPARE(viewer->regions().size(), qsizetype(3));
        QCOMPARE(shown(viewer, drawn)->decision, QStringLiteral("accepted"));

        // Its type, from the right-click menu.
        QVERIFY(!chooseFromMenu(viewer, at(viewer, QPointF(230, 130)), "regionType_face").isEmpty());
        QTRY_COMPARE(text(projectDir, "SELECT pii_type FROM regions WHERE id=" + QByteArray::number(drawn)), QStringLiteral("face"));
        QTRY_COMPARE(shown(viewer, drawn)->piiType, QStringLiteral("face"));

        // Draw mode (B): a plain drag draws, even starting on a region; Escape leaves the mode.
        QTest::keyClick(viewer, Qt::Key_B);
        QVERIFY(viewer->drawMode());
        drag(viewer, at(viewer, kPhone.center()), at(viewer, kPhone.center() + QPoint(30, 30)));
        QTRY_COMPARE(query(projectDir, "SELECT count(*) FROM regions WHERE kind='manual'"), std::int64_t(2));
        QCOMPARE(storedBox(projectDir, 1), kPhone);
        QTest::keyClick(viewer, Qt::Key_Escape);
        QVERIFY(!viewer->drawMode());
        QVERIFY(window.workspace()->isViewing());
        QTRY_COMPARE(viewer->regions().size(), qsizetype(4));
        const std::int64_t second = query(projectDir, "SELECT max(id) FROM regions");
        QTRY_COMPARE(viewer->selectedRegion(), second);

        // Delete removes a drawn region; undo brings it back.
        QTest::keyClick(viewer, Qt::Key_Delete);
        QTRY_COMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=" + QByteArray::number(second)), QStringLiteral("removed"));
        QTRY_COMPARE(viewer->regions().size(), qsizetype(3));
        QVERIFY(!shown(viewer, second));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(shown(viewer, second));

        // Undo, step by step: the second drawing, the type, then the first drawing, which then
        // shows and counts nowhere; redo brings it back as it was.
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(!shown(viewer, second));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(shown(viewer, drawn)->piiType, QStringLiteral("other"));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(viewer->regions().size(), qsizetype(2));
        QVERIFY(!shown(viewer, drawn));
        QCOMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=" + QByteArray::number(drawn)), QStringLiteral("removed"));
        QTest::keyClick(viewer, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(shown(viewer, drawn));
        QCOMPARE(shown(viewer, drawn)->box, QRect(200, 100, 60, 60));
        QCOMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=" + QByteArray::number(drawn)), QStringLiteral("accepted"));

        // A detected region is rejected by Delete, not removed.
        QTest::mouseClick(viewer, Qt::LeftButton, {}, at(viewer, kName.center()));
        QTest::keyClick(viewer, Qt::Key_Delete);
        QTRY_COMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=2"), QStringLiteral("rejected"));
    }

    void aDrawingDoesNotTakeBackALaterSelection()
    {
        QTemporaryDir dir;
        const QString projectDir = makeProject(dir);
        MainWindow window;
        ImageViewer *viewer = openViewer(window, projectDir);
        QVERIFY(viewer);
        // The analyst draws and at once clicks another region, before the drawing is stored:
        // the stored drawing must not pull the selection back to itself.
        drag(viewer, at(viewer, QPointF(200, 100)), at(viewer, QPointF(260, 160)), Qt::ShiftModifier);
        QTest::mouseClick(viewer, Qt::LeftButton, {}, at(viewer, kName.center()));
        QCOMPARE(viewer->selectedRegion(), std::int64_t(2));
        QTRY_COMPARE(viewer->regions().size(), qsizetype(3));
        window.workspace()->session()->waitForEdits();
        QCOMPARE(viewer->selectedRegion(), std::int64_t(2));
        QTest::keyClick(viewer, Qt::Key_Y);
        QTRY_COMPARE(text(projectDir, "SELECT decision FROM regions WHERE id=2"), QStringLiteral("accepted"));
    }

    void aTinyDrawingIsAClick()
    {
        QTemporaryDir dir;
        const QString projectDir = makeProject(dir);
        MainWindow window;
        ImageViewer *viewer = openViewer(window, projectDir);
        QVERIFY(viewer);
        drag(viewer, at(viewer, QPointF(250, 200)), at(viewer, QPointF(252, 201)), Qt::ShiftModifier);
        drag(viewer, at(viewer, QPointF(250, 200)), at(viewer, QPointF(252, 230)), Qt::ShiftModifier);   // 2 px wide
        window.workspace()->session()->waitForEdits();
        QCOMPARE(query(projectDir, "SELECT count(*) FROM regions"), std::int64_t(2));
        QCOMPARE(viewer->regions().size(), qsizetype(2));
        QCOMPARE(actions(projectDir), std::int64_t(0));
    }
};

QTEST_MAIN(TestRegionEditing)
#include "tst_region_editing.moc"
