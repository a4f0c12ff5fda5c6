#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/inspector_panel.h"
#include "gallery/prediction_actions.h"
#include "gallery/prediction_filter_box.h"
#include "jobs/jobs_panel.h"
#include "gallery/view_actions.h"
#include "main_window.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "project_fixture.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/models.h"
#include "train/project_model.h"
#include "training/classify_dialog.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace sieve;
using namespace sieve::ui;

// Classify All from the Model menu on a real project with a real (tiny, untrained) network:
// the dialog, the job in the jobs panel, the predictions on the tiles and in the inspector, the
// prediction filters in the facet panel, the overlay toggle, the filter scope and the import of
// a model file.
class TestClassifyAll : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

    static std::int64_t query(const QString &projectDir, const QString &sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        return *db->queryInt(sql.toUtf8().constData());
    }

    // A fresh smallcnn whose classes are the project's categories, registered as NAME.
    static std::int64_t addTinyModel(const QString &projectDir, const QString &name, int seed)
    {
        auto project = store::Project::open(projectDir);
        auto network = nn::Network::create(nn::smallCnn(3, 32), {1, std::uint64_t(seed), false});
        if (!project || !network)
            return 0;
        train::LoadedModel loaded;
        loaded.model.definition = (*network)->definition();
        loaded.model.classes = {QStringLiteral("Rice"), QStringLiteral("Soap"), QStringLiteral("Tea")};
        loaded.model.normalization.resize = 40;
        loaded.model.weights = nn::captureWeights((*network)->parameters());
        loaded.architecture = QStringLiteral("smallcnn");
        auto record = train::addModelToProject(**project, loaded, QDir::temp().filePath(name + QStringLiteral(".sievemodel")));
        return record ? record->id : 0;
    }

    static bool open(MainWindow &window, const QString &projectDir)
    {
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window) && window.openProject(projectDir);
    }

    static QAction *menuAction(MainWindow &window, const QString &menu, const QString &text)
    {
        for (QAction *top : window.menuBar()->actions())
            if (top->text() == menu && top->menu())
                for (QAction *a : top->menu()->actions())
                    if (a->text() == text)
                        return a;
        return nullptr;
    }

    // Opens Classify All from the Model menu and returns its dialog.
    static ClassifyDialog *openDialog(MainWindow &window)
    {
        QAction *classify = menuAction(window, QStringLiteral("&Model"), QStringLiteral("&Classify All…"));
        if (!classify)
            return nullptr;
        classify->trigger();
        return window.findChild<ClassifyDialog *>();
    }

    static bool selectModel(ClassifyDialog *dialog, const QString &name)
    {
        for (int i = 0; i < dialog->modelList()->topLevelItemCount(); ++i)
            if (dialog->modelList()->topLevelItem(i)->text(0) == name) {
                dialog->modelList()->setCurrentItem(dialog->modelList()->topLevelItem(i));
                return true;
            }
        return false;
    }

    static QTreeWidgetItem *facetItem(FacetPanel *facets, const QString &text)
    {
        for (QTreeWidgetItemIterator it(facets->tree()); *it; ++it)
            if ((*it)->text(0) == text)
                return *it;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_project = makeUiProject(m_dir, 12);
        // Images 1–4 Rice, 5–8 Soap, 9–12 unlabeled.
        auto db = store::Database::open(m_project + "/sieve.db");
        QVERIFY(db->exec("UPDATE images SET category_id = (SELECT id FROM categories WHERE name = 'Rice') WHERE id <= 4").ok());
        QVERIFY(db->exec("UPDATE images SET category_id = (SELECT id FROM categories WHERE name = 'Soap') WHERE id BETWEEN 5 AND 8").ok());
        QVERIFY(addTinyModel(m_project, QStringLiteral("tiny"), 7) > 0);
    }

    void classifyAllShowsPredictionsInGridAndInspector()
    {
        MainWindow window;
        QVERIFY(open(window, m_project));
        Workspace *workspace = window.workspace();
        // Nothing classified yet: no active model, no prediction on the tiles.
        QCOMPARE(workspace->predictions()->activeModel(), std::int64_t(0));
        QTRY_COMPARE(workspace->model()->rowCount(), 12);
        QVERIFY(!workspace->model()->index(0).data(ImageListModel::PredictionConfidenceRole).isValid());

        ClassifyDialog *dialog = openDialog(window);
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->modelList()->topLevelItemCount(), 1);
        QVERIFY(dialog->classifyButton()->isEnabled());
        QVERIFY(!dialog->filteredScope()->isEnabled());   // the gallery shows every image
        QSignalSpy finished(window.jobsPanel(), &JobsPanel::jobFinished);
        QTest::mouseClick(dialog->classifyButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(3).toString()));
        QCOMPARE(query(m_project, "SELECT count(*) FROM predictions"), std::int64_t(12));

        // The job's model became the active one; the tiles show its predictions.
        const std::int64_t model = query(m_project, "SELECT id FROM models");
        QCOMPARE(workspace->predictions()->activeModel(), model);
        const QModelIndex first = workspace->model()->index(0);
        QTRY_VERIFY(first.data(ImageListModel::PredictionConfidenceRole).isValid());
        const std::int64_t id = first.data(ImageListModel::IdRole).toLongLong();
        const double stored = query(m_project, QStringLiteral("SELECT round(top_probability * 1e6) FROM predictions WHERE image_id = %1").arg(id)) / 1e6;
        QCOMPARE(qRound(first.data(ImageListModel::PredictionConfidenceRole).toDouble() * 1e6) / 1e6, stored);
        const QString top = first.data(ImageListModel::PredictionLabelRole).toString();
        QVERIFY(QStringList({"Rice", "Soap", "Tea"}).contains(top));
        const bool disagrees = top != QLatin1String("Rice");   // image 1 is labelled Rice
        QCOMPARE(first.data(ImageListModel::PredictionDisagreesRole).toBool(), disagrees);

        // The inspector lists the model's classes with their probabilities, the label marked.
        workspace->view()->setCurrentIndex(first);
        QTRY_COMPARE(workspace->inspector()->imageId(), id);
        const QString text = workspace->inspector()->text();
        QVERIFY2(text.contains(QStringLiteral("Prediction · tiny")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("✓ label")));
        QCOMPARE(text.contains(QStringLiteral("The model disagrees with the label.")), disagrees);
        for (const char *name : {"Rice", "Soap", "Tea"})
            QVERIFY(text.contains(QLatin1String(name)));

        // "Disagrees with label" in the facet panel: exactly the labelled images predicted otherwise.
        const std::int64_t expected = query(m_project, QStringLiteral(
            "SELECT count(*) FROM predictions p JOIN images i ON i.id = p.image_id WHERE p.model_id = %1 "
            "AND i.category_id IS NOT NULL AND i.category_id IS NOT p.top_category").arg(model));
        // The panel rebuilds its tree when counts arrive: look the entry up each time.
        const auto disagree = [workspace] { return facetItem(workspace->facets(), QStringLiteral("Disagrees with label")); };
        QTRY_VERIFY(disagree());
        QTRY_COMPARE(disagree()->text(1), QString::number(expected));
        disagree()->setCheckState(0, Qt::Checked);
        QTRY_VERIFY(workspace->gallery()->filter().disagreesWithLabel);
        QTRY_VERIFY(!workspace->gallery()->isQuerying());
        QCOMPARE(workspace->model()->rowCount(), int(expected));
        for (int row = 0; row < workspace->model()->rowCount(); ++row)
            QVERIFY(workspace->model()->index(row).data(ImageListModel::PredictionDisagreesRole).toBool());

        // The confidence range: at least 100 % leaves nothing of a fresh network's guesses.
        QSpinBox *minimum = workspace->facets()->predictions()->minimumBox();
        QVERIFY(minimum->isVisible());
        minimum->setFocus();
        minimum->selectAll();
        QTest::keyClicks(minimum, QStringLiteral("100"));
        QTRY_COMPARE(workspace->gallery()->filter().minConfidence, 1.0);
        QTRY_VERIFY(!workspace->gallery()->isQuerying());
        QCOMPARE(workspace->model()->rowCount(), 0);

        // Classifying again does nothing twice.
        workspace->facets()->clear();
        dialog = openDialog(window);
        QVERIFY(dialog);
        finished.clear();
        QTest::mouseClick(dialog->classifyButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.at(0).at(2).value<JobOutcome>().summary.contains(QStringLiteral("already classified")));
        QCOMPARE(query(m_project, "SELECT count(*) FROM predictions"), std::int64_t(12));
    }

    void activeModelIsRememberedAndTheOverlayToggles()
    {
        MainWindow window;
        QVERIFY(open(window, m_project));
        Workspace *workspace = window.workspace();
        const std::int64_t model = query(m_project, "SELECT id FROM models");
        QCOMPARE(workspace->predictions()->activeModel(), model);
        QCOMPARE(workspace->facets()->predictions()->modelBox()->currentData().toLongLong(), qint64(model));
        QTRY_COMPARE(workspace->model()->rowCount(), 12);
        QTRY_VERIFY(!workspace->gallery()->isQuerying());

        // The overlay paints a badge on every classified tile; hiding it changes the pixels.
        GalleryView *view = workspace->view();
        QVERIFY(view->showsPredictions());
        QTest::qWait(100);
        const QImage with = view->viewport()->grab().toImage();
        QAction *toggle = menuAction(window, QStringLiteral("&Model"), QStringLiteral("Show &Predictions on Thumbnails"));
        QVERIFY(toggle && toggle->isChecked());
        toggle->trigger();
        QVERIFY(!view->showsPredictions());
        QCOMPARE(QSettings().value(QStringLiteral("gallery/showPredictions")).toBool(), false);
        const QImage without = view->viewport()->grab().toImage();
        QVERIFY(with != without);
        toggle->trigger();
        QVERIFY(view->showsPredictions());
        QCOMPARE(view->viewport()->grab().toImage(), with);

        // Choosing "(none)" in the filter panel hides the predictions, and is remembered.
        QComboBox *box = workspace->facets()->predictions()->modelBox();
        box->setCurrentIndex(box->findData(qint64(0)));
        emit box->activated(box->currentIndex());
        QTRY_COMPARE(workspace->predictions()->activeModel(), std::int64_t(0));
        QTRY_VERIFY(!workspace->model()->index(0).data(ImageListModel::PredictionConfidenceRole).isValid());
        MainWindow again;
        QVERIFY(open(again, m_project));
        QCOMPARE(again.workspace()->predictions()->activeModel(), std::int64_t(0));
        again.workspace()->predictions()->setActiveModel(model);
    }

    void filterScopeClassifiesOnlyTheFilteredImages()
    {
        const std::int64_t second = addTinyModel(m_project, QStringLiteral("second"), 11);
        QVERIFY(second > 0);
        MainWindow window;
        QVERIFY(open(window, m_project));
        Workspace *workspace = window.workspace();
        // Only Rice, through the facet panel as a user does.
        QTRY_VERIFY(facetItem(workspace->facets(), QStringLiteral("Rice")));
        facetItem(workspace->facets(), QStringLiteral("Rice"))->setCheckState(0, Qt::Checked);
        QTRY_VERIFY(!workspace->gallery()->filter().categories.isEmpty());
        QTRY_VERIFY(!workspace->gallery()->isQuerying());
        QCOMPARE(workspace->model()->rowCount(), 4);

        ClassifyDialog *dialog = openDialog(window);
        QVERIFY(dialog);
        QVERIFY(selectModel(dialog, QStringLiteral("second.sievemodel")));   // named after its file
        QVERIFY(dialog->filteredScope()->isEnabled());
        QVERIFY(dialog->filteredScope()->text().contains(QStringLiteral("(4)")));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // On the indicator: a radio button only takes clicks on its indicator and text.
        QTest::mouseClick(dialog->filteredScope(), Qt::LeftButton, {}, QPoint(8, dialog->filteredScope()->height() / 2));
        QVERIFY(dialog->filteredScope()->isChecked());
        QSignalSpy finished(window.jobsPanel(), &JobsPanel::jobFinished);
        QTest::mouseClick(dialog->classifyButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(3).toString()));
        QCOMPARE(query(m_project, QStringLiteral("SELECT count(*) FROM predictions WHERE model_id = %1").arg(second)), std::int64_t(4));
        QCOMPARE(query(m_project, QStringLiteral("SELECT count(*) FROM predictions p JOIN images i ON i.id = p.image_id "
                                                 "WHERE p.model_id = %1 AND i.id <= 4").arg(second)),
                 std::int64_t(4));
        QCOMPARE(workspace->predictions()->activeModel(), second);

        // A view saved before any classification (no model) keeps the model shown.
        store::ImageFilter soap;
        soap.categories = {query(m_project, "SELECT id FROM categories WHERE name = 'Soap'")};
        workspace->session()->saveView(QStringLiteral("soap"), soap, false);
        QTRY_VERIFY(!workspace->session()->savedViews().isEmpty());
        workspace->views()->applyView(workspace->session()->savedViews().front().id);
        QTRY_VERIFY(!workspace->gallery()->isQuerying());
        QCOMPARE(workspace->gallery()->filter().categories, soap.categories);
        QCOMPARE(workspace->predictions()->activeModel(), second);
        QTRY_COMPARE(workspace->model()->rowCount(), 4);
    }

    void importModelFile()
    {
        MainWindow window;
        QVERIFY(open(window, m_project));
        ClassifyDialog *dialog = openDialog(window);
        QVERIFY(dialog);
        // A damaged file: the message names it, nothing is recorded.
        const QString broken = m_dir.filePath(QStringLiteral("broken.onnx"));
        QVERIFY(test::writeFile(broken, QByteArray("not a model")));
        const std::int64_t before = query(m_project, "SELECT count(*) FROM models");
        QSignalSpy imported(dialog, &ClassifyDialog::importFinished);
        dialog->importModel(broken, {}, {});
        QVERIFY(imported.wait(30000));
        QCOMPARE(imported.at(0).at(0).toBool(), false);
        QVERIFY2(imported.at(0).at(1).toString().contains(QStringLiteral("broken.onnx")), qPrintable(imported.at(0).at(1).toString()));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("classifyStatus"))->text().contains(QStringLiteral("broken.onnx")));
        QCOMPARE(query(m_project, "SELECT count(*) FROM models"), before);

        // A .sievemodel from elsewhere becomes a model of the project, selected in the list.
        auto db = store::Database::open(m_project + "/sieve.db", store::Database::Mode::ReadOnly);
        const QString file = m_project + "/models/" + (*store::listModels(*db)).last().file;
        const QString copy = m_dir.filePath(QStringLiteral("elsewhere/shared.sievemodel"));
        QVERIFY(QDir().mkpath(QFileInfo(copy).absolutePath()));
        QVERIFY(QFile::copy(file, copy));
        imported.clear();
        dialog->importModel(copy, {}, {});
        QVERIFY(imported.wait(30000));
        QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(imported.at(0).at(1).toString()));
        QVERIFY(dialog->modelList()->currentItem());
        QCOMPARE(dialog->modelList()->currentItem()->text(0), imported.at(0).at(1).toString());
        QVERIFY(dialog->classifyButton()->isEnabled());
    }
};

QTEST_MAIN(TestClassifyAll)
#include "tst_classify_all.moc"
