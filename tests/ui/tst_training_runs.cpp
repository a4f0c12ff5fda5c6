#include "../core/train_test_project.h"

#include "gallery/facet_panel.h"
#include "gallery/filter_chip.h"
#include "gallery/gallery_controller.h"
#include "gallery/image_list_model.h"
#include "jobs/jobs_panel.h"
#include "main_window.h"
#include "store/database.h"
#include "store/project.h"
#include "store/runs.h"
#include "store/views.h"
#include "train/trainer.h"
#include "training/classify_dialog.h"
#include "training/confusion_matrix_view.h"
#include "training/confusion_page.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/training_panel.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QToolButton>

#include <algorithm>
#include <set>

using namespace sieve;
using namespace sieve::ui;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("SIEVE_SCREENSHOTS");
    return dir.isEmpty() ? QString() : dir + QLatin1Char('/') + name;
}

train::TrainOptions quickOptions(int epochs)
{
    train::TrainOptions options;
    options.model = QStringLiteral("smallcnn");
    options.inputSize = 32;
    options.epochs = epochs;
    options.batchSize = 16;
    options.learningRate = 0.05;
    return options;
}

// The ids of run RUNID's validation images at EPOCH that were TRUECLASS predicted as PREDICTED.
std::set<qint64> cellImages(store::Database &db, qint64 runId, int epoch, int trueClass, int predicted)
{
    auto query = db.prepare("SELECT image_id FROM run_predictions WHERE run_id=? AND epoch=? AND true_index=? AND predicted_index=?");
    std::set<qint64> ids;
    query->bind(1, std::int64_t(runId)).bind(2, epoch).bind(3, trueClass).bind(4, predicted);
    (void)query->forEachRow([&] { ids.insert(query->int64(0)); });
    return ids;
}

} // namespace

class TestTrainingRuns : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        auto project = test::makeTrainingProject(m_dir.path(), 90, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_project = (*project)->directory();
        m_database = (*project)->databasePath();
        // Run 1: three epochs to the end. Run 2: cancelled after its first epoch, to resume.
        jobs::JobContext context;
        auto done = train::runTraining(**project, quickOptions(3), context, 0, {1, 1, 0});
        QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error()));
        m_done = *done;
        jobs::JobContext cancelling;
        auto cancelled = train::runTraining(**project, quickOptions(4), cancelling, 0, {1, 1, 0},
                                            [&cancelling](const train::EpochReport &) { cancelling.cancel(); });
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.ok() ? QString() : cancelled.error()));
        QVERIFY(cancelled->cancelled);
        QCOMPARE(cancelled->epochsDone, 1);
        m_cancelled = *cancelled;
    }

    void validationPredictionsAgreeWithTheConfusionMetrics()
    {
        auto db = store::Database::open(m_database, store::Database::Mode::ReadOnly);
        QVERIFY(db.ok());
        const int classes = int(m_done.classes.size());
        for (int epoch = 1; epoch <= 3; ++epoch) {
            auto counts = store::validationCounts(*db, m_done.runId, epoch);
            QVERIFY(counts.ok());
            QCOMPARE(int(counts->size()), classes);
            // The epoch's validation step: where the "epoch" metric is EPOCH.
            auto step = db->queryInt(QStringLiteral("SELECT step FROM run_metrics WHERE run_id=%1 AND tag='epoch' AND value=%2")
                                         .arg(m_done.runId).arg(epoch).toUtf8().constData());
            QVERIFY(step.ok());
            qint64 total = 0;
            for (int t = 0; t < classes; ++t)
                for (int p = 0; p < classes; ++p) {
                    auto metric = db->prepare("SELECT value FROM run_metrics WHERE run_id=? AND tag=? AND step=?");
                    metric->bind(1, std::int64_t(m_done.runId)).bind(2, QStringLiteral("val/confusion/%1/%2").arg(t).arg(p)).bind(3, *step);
                    auto row = metric->step();
                    QVERIFY(row.ok() && *row);
                    QCOMPARE(qint64(metric->real(0)), qint64((*counts)[std::size_t(t)][std::size_t(p)]));
                    total += (*counts)[std::size_t(t)][std::size_t(p)];
                }
            QCOMPARE(total, m_done.validationImages);
        }
        // Every probability is a softmax maximum: at least 1/classes, at most 1.
        auto low = db->queryInt(QStringLiteral("SELECT count(*) FROM run_predictions WHERE probability < %1 OR probability > 1")
                                    .arg(1.0 / classes - 1e-9).toUtf8().constData());
        QCOMPARE(*low, std::int64_t(0));
    }

    void filterJsonKeepsTheValidationCell()
    {
        store::ImageFilter filter;
        filter.missingOnly = true;
        filter.validationCell = {m_done.runId, 2, 1, 0};
        const QJsonObject json = filter.toJson();
        QCOMPARE(json.value(QStringLiteral("validation_cell")).toObject().value(QStringLiteral("epoch")).toInt(), 2);
        QCOMPARE(store::ImageFilter::fromJson(json), filter);
        QVERIFY(!store::ImageFilter{}.toJson().contains(QStringLiteral("validation_cell")));
        // Saved as a view and read back.
        auto db = store::Database::open(m_database);
        QVERIFY(store::saveView(*db, QStringLiteral("cell"), filter).ok());
        auto found = store::findView(*db, QStringLiteral("cell"));
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE((*found)->filter.validationCell, filter.validationCell);
        QVERIFY(store::deleteView(*db, (*found)->id).ok());
    }

    void clickingAConfusionCellShowsItsImagesInTheGallery()
    {
        MainWindow window;
        window.resize(1400, 1000);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openProject(m_project));
        Workspace *workspace = window.workspace();
        TrainingPanel *panel = workspace->training();
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(panel->isVisible());
        QTRY_COMPARE(panel->runs()->rowCount(), 2);
        panel->selectRun(m_done.runId);
        panel->tabs()->setCurrentWidget(panel->confusion());
        ConfusionPage *page = panel->confusion();
        QTRY_COMPARE(page->epochCount(), 3);
        QTRY_COMPARE(workspace->model()->rowCount(), 90);

        auto db = store::Database::open(m_database, store::Database::Mode::ReadOnly);
        // An off-diagonal cell with images if there is one (the interesting kind), at epoch 1.
        page->setEpochIndex(0);
        QCOMPARE(page->shownEpoch(), 1);
        const auto &counts = page->matrix()->counts();
        int trueClass = 0, predicted = 0;
        for (int t = 0; t < int(counts.size()); ++t)
            for (int p = 0; p < int(counts.size()); ++p)
                if (t != p && counts[t][p] > 0 && trueClass == predicted) {
                    trueClass = t;
                    predicted = p;
                }
        const std::set<qint64> expected = cellImages(*db, m_done.runId, 1, trueClass, predicted);
        QCOMPARE(qint64(expected.size()), qint64(counts[trueClass][predicted]));
        QVERIFY(!expected.empty());

        QTest::mouseClick(page->matrix(), Qt::LeftButton, {}, page->matrix()->cellRect(trueClass, predicted).center());
        QTRY_COMPARE(workspace->model()->rowCount(), int(expected.size()));
        std::set<qint64> shown;
        for (int row = 0; row < workspace->model()->rowCount(); ++row)
            shown.insert(workspace->model()->index(row, 0).data(ImageListModel::IdRole).toLongLong());
        QCOMPARE(shown, expected);
        QCOMPARE(workspace->gallery()->filter().validationCell, (store::ValidationCell{m_done.runId, 1, trueClass, predicted}));

        // The facet panel says why the gallery is narrowed, with the classes' names.
        FilterChip *chip = workspace->facets()->validationChip();
        QVERIFY(chip->isVisible());
        QVERIFY2(chip->text().contains(m_done.classes[trueClass]) && chip->text().contains(m_done.classes[predicted])
                     && chip->text().contains(QStringLiteral("epoch 1")),
                 qPrintable(chip->text()));
        // Tall enough for both its lines, also in the short panel beside a large monitor.
        QTRY_VERIFY(chip->height() >= chip->findChild<QLabel *>()->fontMetrics().lineSpacing() * 2);
        if (const QString path = screenshotPath(QStringLiteral("confusion-cell-gallery.png")); !path.isEmpty())
            window.grab().save(path);
        // ×: every image again.
        QTest::mouseClick(chip->removeButton(), Qt::LeftButton);
        QTRY_COMPARE(workspace->model()->rowCount(), 90);
        QVERIFY(!chip->isVisible());
        QVERIFY(!workspace->gallery()->filter().validationCell.isSet());
    }

    void runsListResumesACancelledRunAndShowsItsModelAndConfiguration()
    {
        MainWindow window;
        window.resize(1400, 1000);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openProject(m_project));
        TrainingPanel *panel = window.workspace()->training();
        panel->source()->setIntervals(100, 200);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(panel->runs()->rowCount(), 2);

        // A finished run: nothing to resume, a model to show.
        panel->selectRun(m_done.runId);
        QVERIFY(!panel->resumeRunButton()->isEnabled());
        QVERIFY(panel->modelButton()->isEnabled());
        QMenu *menu = panel->modelButton()->menu();
        QVERIFY(menu);
        menu->actions().at(1)->trigger();   // Copy Path
        QCOMPARE(QDir::fromNativeSeparators(QApplication::clipboard()->text()), m_done.modelPath);
        // Classify with it: the Classify All dialog opens with the run's model chosen.
        QSignalSpy requested(panel, &TrainingPanel::classifyRequested);
        menu->actions().at(2)->trigger();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.takeFirst().at(0).toLongLong(), qint64(m_done.modelId));
        ClassifyDialog *classify = nullptr;
        QTRY_VERIFY((classify = window.findChild<ClassifyDialog *>()) != nullptr);
        QVERIFY(classify->modelList()->currentItem());
        QCOMPARE(classify->options().modelId, m_done.modelId);
        classify->reject();

        // The configuration in full, read-only, copyable.
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("runConfiguration")), Qt::LeftButton);
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = panel->findChild<QWidget *>(QStringLiteral("runConfigurationDialog"))) != nullptr);
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("runConfigurationText"));
        QVERIFY(text->isReadOnly());
        QVERIFY(text->toPlainText().contains(QStringLiteral("\"batch_size\": 16")));
        QVERIFY(text->toPlainText().contains(QStringLiteral("\"optimizer\": \"sgd\"")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyConfiguration")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), text->toPlainText());
        dialog->close();

        // The cancelled run: Resume continues it to its end.
        panel->selectRun(m_cancelled.runId);
        QTRY_VERIFY(panel->resumeRunButton()->isEnabled());
        QVERIFY(!panel->modelButton()->isEnabled());
        QTest::mouseClick(panel->resumeRunButton(), Qt::LeftButton);
        const int row = panel->runs()->rowOf(m_cancelled.runId);
        QTRY_COMPARE_WITH_TIMEOUT(panel->runs()->index(row, RunListModel::Status).data().toString(), QStringLiteral("Done"), 120000);
        QTRY_COMPARE_WITH_TIMEOUT(window.jobsPanel()->runningCount(), 0, 10000);

        auto db = store::Database::open(m_database, store::Database::Mode::ReadOnly);
        // Steps continue where the first epoch ended: 1..4 epochs' worth, each once, no restart at 1.
        auto steps = db->prepare("SELECT step FROM run_metrics WHERE run_id=? AND tag='train/loss' ORDER BY step");
        steps->bind(1, std::int64_t(m_cancelled.runId));
        QList<qint64> seen;
        (void)steps->forEachRow([&] { seen.append(steps->int64(0)); });
        const qint64 perEpoch = m_cancelled.steps;   // the cancelled run stopped after one epoch
        QVERIFY(perEpoch > 0);
        QCOMPARE(seen.size(), 4 * perEpoch);
        for (int i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], qint64(i + 1));
        auto run = store::findRun(*db, m_cancelled.runId);
        QVERIFY(run.ok() && run->has_value());
        QCOMPARE((*run)->summary.value(QStringLiteral("steps")).toInteger(), 4 * perEpoch);
        QCOMPARE((*run)->summary.value(QStringLiteral("epochs")).toInt(), 4);
        // Validation results for each of the four epochs, the first kept from before the cancel.
        QCOMPARE(*db->queryInt(QStringLiteral("SELECT count(DISTINCT epoch) FROM run_predictions WHERE run_id=%1")
                                   .arg(m_cancelled.runId).toUtf8().constData()),
                 std::int64_t(4));
        QTRY_VERIFY(panel->modelButton()->isEnabled());
    }

    void cancellingBeforeTheFirstEpochEndsLeavesTheRunCancelled()
    {
        MainWindow window;
        window.resize(1400, 1000);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openProject(m_project));
        TrainingPanel *panel = window.workspace()->training();
        panel->source()->setIntervals(50, 100);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(panel->runs()->rowCount(), 2);
        // ResNet-18 at 224 px with batches of 2 on one thread: the first epoch takes many
        // seconds, far longer than the cancel needs.
        window.newTrainingRun();
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QWidget *>(QStringLiteral("newRunDialog"))) != nullptr && dialog->isVisible());
        auto *start = dialog->findChild<QPushButton *>(QStringLiteral("startTraining"));
        QTRY_VERIFY(start->isEnabled());
        dialog->findChild<QComboBox *>(QStringLiteral("runModel"))->setCurrentText(QStringLiteral("resnet18"));
        dialog->findChild<QSpinBox *>(QStringLiteral("runBatchSize"))->setValue(2);
        dialog->findChild<QSpinBox *>(QStringLiteral("runThreads"))->setValue(1);
        QTRY_VERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->runs()->rowCount(), 3, 30000);
        const qint64 id = std::max({panel->runs()->run(0)->id, panel->runs()->run(1)->id, panel->runs()->run(2)->id});
        // The run that started while the monitor was open is charted and selected.
        QTRY_VERIFY(panel->runs()->checked().contains(id));
        QTRY_COMPARE(panel->runTable()->currentIndex().row(), panel->runs()->rowOf(id));
        QTRY_VERIFY_WITH_TIMEOUT(panel->cancelRunButton()->isEnabled(), 30000);
        QTest::mouseClick(panel->cancelRunButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.jobsPanel()->runningCount(), 0, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(panel->runs()->index(panel->runs()->rowOf(id), RunListModel::Status).data().toString(),
                                  QStringLiteral("Cancelled"), 10000);
        auto db = store::Database::open(m_database, store::Database::Mode::ReadOnly);
        // No epoch ended: no validation, no checkpoint; resuming would start from the beginning.
        QCOMPARE(*db->queryInt(QStringLiteral("SELECT count(*) FROM run_metrics WHERE run_id=%1 AND tag='epoch'").arg(id).toUtf8().constData()),
                 std::int64_t(0));
        QVERIFY(!QFileInfo::exists(QStringLiteral("%1/runs/%2/checkpoint.sieveckpt").arg(m_project).arg(id)));
        QCOMPARE(*db->queryInt("SELECT count(*) FROM jobs WHERE kind='train' AND status='running'"), std::int64_t(0));
        QVERIFY(panel->resumeRunButton()->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_database;
    train::TrainSummary m_done;
    train::TrainSummary m_cancelled;
};

QTEST_MAIN(TestTrainingRuns)

#include "tst_training_runs.moc"
