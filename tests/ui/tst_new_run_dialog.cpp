#include "../core/train_test_project.h"

#include "jobs/jobs_panel.h"
#include "main_window.h"
#include "store/categories.h"
#include "store/database.h"
#include "store/project.h"
#include "store/views.h"
#include "training/new_run_dialog.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/training_panel.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::ui;

namespace {

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("SIEVE_SCREENSHOTS");
    return dir.isEmpty() ? QString() : dir + QLatin1Char('/') + name;
}

template <typename T> T *field(QWidget *dialog, const char *name)
{
    return dialog->findChild<T *>(QString::fromLatin1(name));
}

// The red line of FIELD: visible, and laid out in the same box as the field's widget (its
// sibling), which is what "next to its field" means to the user.
QLabel *messageOf(NewRunDialog *dialog, NewRunDialog::Field field)
{
    return dialog->findChild<QLabel *>(QStringLiteral("message%1").arg(int(field)));
}

} // namespace

class TestNewRunDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        // 90 demo photos in 3 categories (about 30 each), plus a category nobody used: it must be
        // shown with 0 images, highlighted and unticked.
        auto project = test::makeTrainingProject(m_dir.path(), 90, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        QVERIFY(store::addCategory((*project)->db(), QStringLiteral("empty")).ok());
        m_project = (*project)->directory();
        m_database = (*project)->databasePath();
    }

    void categoriesAreCountedAndThinOnesLeftOut()
    {
        NewRunDialog dialog(m_database);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // The counts are read on a pool thread; Start waits for them.
        QTRY_VERIFY(!dialog.isLoading());
        auto *list = field<QListWidget>(&dialog, "runCategories");
        QCOMPARE(list->count(), 4);
        int ticked = 0;
        for (int row = 0; row < list->count(); ++row) {
            QListWidgetItem *item = list->item(row);
            const qint64 images = item->data(Qt::UserRole + 1).toLongLong();
            if (item->text().startsWith(QLatin1String("empty"))) {
                QCOMPARE(images, 0);
                QCOMPARE(item->checkState(), Qt::Unchecked);
                QCOMPARE(item->foreground().color(), QColor(0xc6, 0x28, 0x28));
            } else {
                QVERIFY(images >= 5);
                QVERIFY(item->text().contains(QString::number(images)));
                QCOMPARE(item->checkState(), Qt::Checked);
                ++ticked;
            }
        }
        QCOMPARE(ticked, 3);
        QVERIFY(dialog.canStart());
        // The defaults are a valid run of the three usable categories.
        const train::TrainOptions options = dialog.options();
        QVERIFY(options.validate().ok());
        QCOMPARE(options.categories.size(), 3);
        QCOMPARE(options.model, QStringLiteral("smallcnn"));
        QCOMPARE(options.learningRate, 0.0);
        QCOMPARE(field<QDoubleSpinBox>(&dialog, "runLearningRate")->text(), QStringLiteral("default"));
        // Head-only makes no sense without pretrained weights.
        QVERIFY(!field<QCheckBox>(&dialog, "runHeadOnly")->isEnabled());

        // A minimum above every category's count: all red, and the reason shown under the list.
        field<QSpinBox>(&dialog, "runMinimumPerClass")->setValue(1000);
        QVERIFY(!dialog.canStart());
        QVERIFY(dialog.message(NewRunDialog::Categories).contains(QLatin1String("training needs two")));
        QCOMPARE(list->item(0)->foreground().color(), QColor(0xc6, 0x28, 0x28));
    }

    void countsFollowTheChosenSavedView()
    {
        // A view of one category: the others have no image in it, so nothing can be trained.
        {
            auto db = store::Database::open(m_database);
            QVERIFY(db.ok());
            auto categories = store::listCategories(*db);
            QVERIFY(categories.ok());
            store::ImageFilter filter;
            filter.categories = {categories->first().id};
            QVERIFY(store::saveView(*db, QStringLiteral("first only"), filter).ok());
        }
        NewRunDialog dialog(m_database);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(!dialog.isLoading());
        auto *view = field<QComboBox>(&dialog, "runView");
        QCOMPARE(view->count(), 2);   // all images, and the view
        QSignalSpy loaded(&dialog, &NewRunDialog::choicesLoaded);
        view->setCurrentIndex(1);
        QVERIFY(loaded.wait(10000));
        auto *list = field<QListWidget>(&dialog, "runCategories");
        int withImages = 0;
        for (int row = 0; row < list->count(); ++row)
            if (list->item(row)->data(Qt::UserRole + 1).toLongLong() > 0) {
                ++withImages;
                QCOMPARE(list->item(row)->checkState(), Qt::Checked);
            } else {
                QCOMPARE(list->item(row)->checkState(), Qt::Unchecked);
            }
        QCOMPARE(withImages, 1);
        QVERIFY(dialog.message(NewRunDialog::Categories).contains(QLatin1String("at least two categories")));
        QVERIFY(!dialog.canStart());
        QCOMPARE(dialog.options().view, QStringLiteral("first only"));
        {
            auto db = store::Database::open(m_database);
            auto views = store::listViews(*db);
            QVERIFY(store::deleteView(*db, views->first().id).ok());
        }
    }

    void offersTheGalleryFilterEvenWhenNotSaved()
    {
        store::ImageFilter filter;
        {
            auto db = store::Database::open(m_database);
            auto categories = store::listCategories(*db);
            QVERIFY(categories.ok());
            filter.categories = {categories->first().id, categories->at(1).id};
        }
        NewRunDialog dialog(m_database);
        dialog.setGalleryFilter(filter);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(!dialog.isLoading());
        auto *view = field<QComboBox>(&dialog, "runView");
        QCOMPARE(view->currentIndex(), 1);
        QVERIFY(view->currentText().contains(QLatin1String("gallery")));
        // Counted in the filter: the two categories have images, the others none.
        auto *list = field<QListWidget>(&dialog, "runCategories");
        int withImages = 0;
        for (int row = 0; row < list->count(); ++row)
            withImages += list->item(row)->data(Qt::UserRole + 1).toLongLong() > 0;
        QCOMPARE(withImages, 2);
        QVERIFY(dialog.canStart());
        const train::TrainOptions options = dialog.options();
        QVERIFY(options.view.isEmpty());
        QCOMPARE(store::ImageFilter::fromJson(options.filter).categories, filter.categories);
        QVERIFY(options.validate().ok());
        // A gallery showing everything offers nothing more than "All images".
        NewRunDialog plain(m_database);
        plain.setGalleryFilter({});
        QCOMPARE(field<QComboBox>(&plain, "runView")->currentIndex(), 0);
        QVERIFY(plain.options().filter.isEmpty());
    }

    void badValuesAreExplainedNextToTheirFields_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("0 epochs") << "epochs" << int(NewRunDialog::Epochs) << "epochs must be 1";
        QTest::newRow("batch 0") << "batch" << int(NewRunDialog::BatchSize) << "batch size must be 1";
        QTest::newRow("no validation") << "split" << int(NewRunDialog::Split) << "validation fraction";
        QTest::newRow("missing file") << "file" << int(NewRunDialog::Pretrained) << "There is no file";
        QTest::newRow("wrong file type") << "type" << int(NewRunDialog::Pretrained) << ".onnx, .caffemodel or .sievemodel";
        QTest::newRow("head only, no file") << "head" << int(NewRunDialog::Tuning) << "needs a pretrained weights file";
        QTest::newRow("one category") << "one" << int(NewRunDialog::Categories) << "at least two categories";
        QTest::newRow("input size 8") << "input" << int(NewRunDialog::InputSize) << "input size must be 16 to 1024";
        QTest::newRow("googlenet at 100 px") << "googlenet" << int(NewRunDialog::InputSize) << "GoogLeNet takes 224-pixel input only";
        QTest::newRow("weight decay 2") << "decay" << int(NewRunDialog::WeightDecay) << "weight decay must be below 1";
        QTest::newRow("patience 9 of 10 epochs") << "patience" << int(NewRunDialog::EarlyStop) << "can never happen in a run of 10 epochs";
        QTest::newRow("seed not a number") << "seed" << int(NewRunDialog::Seed) << "seed must be a whole number";
        QTest::newRow("negative seed") << "negative seed" << int(NewRunDialog::Seed) << "seed must be a whole number";
    }

    void badValuesAreExplainedNextToTheirFields()
    {
        QFETCH(QString, what);
        QFETCH(int, field);
        QFETCH(QString, expected);
        NewRunDialog dialog(m_database);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(!dialog.isLoading());
        QVERIFY(dialog.canStart());
        QWidget *target = nullptr;
        if (what == QLatin1String("epochs")) {
            // Typed, as a user would: the spin box accepts 0 so that it can say why it is wrong.
            auto *epochs = ::field<QSpinBox>(&dialog, "runEpochs");
            epochs->setFocus();
            epochs->selectAll();
            QTest::keyClicks(epochs, QStringLiteral("0"));
            target = epochs;
        } else if (what == QLatin1String("batch")) {
            target = ::field<QSpinBox>(&dialog, "runBatchSize");
            static_cast<QSpinBox *>(target)->setValue(0);
        } else if (what == QLatin1String("split")) {
            target = ::field<QDoubleSpinBox>(&dialog, "runValidation");
            static_cast<QDoubleSpinBox *>(target)->setValue(0);
        } else if (what == QLatin1String("file") || what == QLatin1String("type")) {
            auto *file = ::field<QLineEdit>(&dialog, "runPretrained");
            const QString path = what == QLatin1String("file") ? m_dir.filePath(QStringLiteral("nowhere.onnx")) : m_database;
            QTest::keyClicks(file, path);
            target = file->parentWidget();   // the line edit and its Browse button
            QVERIFY(::field<QCheckBox>(&dialog, "runHeadOnly")->isEnabled());
        } else if (what == QLatin1String("head")) {
            auto *file = ::field<QLineEdit>(&dialog, "runPretrained");
            auto *headOnly = ::field<QCheckBox>(&dialog, "runHeadOnly");
            QTest::keyClicks(file, m_database);
            headOnly->setChecked(true);
            file->clear();
            // Still enabled while ticked, so that the user can untick it.
            QVERIFY(headOnly->isEnabled());
            target = headOnly;
        } else if (what == QLatin1String("one")) {
            auto *list = ::field<QListWidget>(&dialog, "runCategories");
            int left = 0;
            for (int row = 0; row < list->count(); ++row)
                if (list->item(row)->checkState() == Qt::Checked && left++ > 0)
                    list->item(row)->setCheckState(Qt::Unchecked);
            target = list;
        } else if (what == QLatin1String("input") || what == QLatin1String("googlenet")) {
            if (what == QLatin1String("googlenet"))
                ::field<QComboBox>(&dialog, "runModel")->setCurrentText(QStringLiteral("googlenet"));
            auto *size = ::field<QSpinBox>(&dialog, "runInputSize");
            size->setFocus();
            size->selectAll();
            QTest::keyClicks(size, what == QLatin1String("input") ? QStringLiteral("8") : QStringLiteral("100"));
            target = size;
        } else if (what == QLatin1String("decay")) {
            target = ::field<QDoubleSpinBox>(&dialog, "runWeightDecay");
            static_cast<QDoubleSpinBox *>(target)->setValue(2);
        } else if (what == QLatin1String("patience")) {
            auto *patience = ::field<QSpinBox>(&dialog, "runEarlyStop");
            patience->setValue(9);
            target = patience->parentWidget();   // the patience and what it watches
        } else if (what == QLatin1String("seed") || what == QLatin1String("negative seed")) {
            auto *seed = ::field<QLineEdit>(&dialog, "runSeed");
            seed->selectAll();
            QTest::keyClicks(seed, what == QLatin1String("seed") ? QStringLiteral("abc") : QStringLiteral("-1"));
            target = seed;
        }
        QLabel *message = messageOf(&dialog, NewRunDialog::Field(field));
        QVERIFY2(message->text().contains(expected), qPrintable(message->text()));
        QVERIFY(message->isVisible());
        QCOMPARE(message->parentWidget(), target->parentWidget());
        QVERIFY(!dialog.startButton()->isEnabled());
        // Only the field at fault speaks.
        for (int other = NewRunDialog::Images; other <= NewRunDialog::Overall; ++other)
            if (other != field)
                QVERIFY2(dialog.message(NewRunDialog::Field(other)).isEmpty(), qPrintable(dialog.message(NewRunDialog::Field(other))));
        if (const QString path = screenshotPath(QStringLiteral("new-run-dialog-%1.png").arg(what)); !path.isEmpty())
            dialog.grab().save(path);
    }

    void startFromTheMainWindowTrainsARunAndCancelStopsOne()
    {
        MainWindow window;
        window.resize(1400, 1000);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openProject(m_project));
        TrainingPanel *panel = window.workspace()->training();
        panel->source()->setIntervals(100, 200);

        // The panel's "New Run…" opens the dialog (the menu action does the same).
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(panel->isVisible());
        QTest::mouseClick(panel->newRunButton(), Qt::LeftButton);
        NewRunDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<NewRunDialog *>()) != nullptr);
        QTRY_VERIFY(!dialog->isLoading());
        if (const QString path = screenshotPath(QStringLiteral("new-run-dialog.png")); !path.isEmpty())
            dialog->grab().save(path);
        // A tiny run of two of the three categories, on one thread.
        auto *list = field<QListWidget>(dialog, "runCategories");
        QString leftOut;
        for (int row = 0; row < list->count(); ++row)
            if (list->item(row)->checkState() == Qt::Checked) {
                list->item(row)->setCheckState(Qt::Unchecked);
                leftOut = list->item(row)->text().section(QStringLiteral(" — "), 0, 0);
                break;
            }
        field<QSpinBox>(dialog, "runEpochs")->setValue(3);
        field<QSpinBox>(dialog, "runBatchSize")->setValue(16);
        field<QSpinBox>(dialog, "runThreads")->setValue(1);
        // Every option this dialog added, set to a valid value other than its default.
        field<QComboBox>(dialog, "runOptimizer")->setCurrentIndex(1);   // AdamW
        field<QDoubleSpinBox>(dialog, "runWeightDecay")->setValue(0.001);
        field<QSpinBox>(dialog, "runInputSize")->setValue(24);
        field<QSpinBox>(dialog, "runEarlyStop")->setValue(1);
        field<QComboBox>(dialog, "runEarlyStopMetric")->setCurrentIndex(1);   // loss
        field<QLineEdit>(dialog, "runSeed")->setText(QStringLiteral("18446744073709551557"));
        QVERIFY(dialog->canStart());
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);

        RunListModel *runs = panel->runs();
        QTRY_COMPARE_WITH_TIMEOUT(runs->rowCount(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(runs->index(0, RunListModel::Status).data().toString(), QStringLiteral("Done"), 240000);
        const store::RunRecord *run = panel->source()->run(runs->run(0)->id);
        QVERIFY(run);
        const QStringList classes = run->config.value(QStringLiteral("classes")).toVariant().toStringList();
        QCOMPARE(classes.size(), 2);
        QVERIFY(!classes.contains(leftOut));
        QCOMPARE(run->config.value(QStringLiteral("categories")).toArray().size(), 2);
        QCOMPARE(run->config.value(QStringLiteral("epochs")).toInt(), 3);
        const train::TrainOptions stored = train::TrainOptions::fromJson(run->config);
        QCOMPARE(stored.optimizer, QStringLiteral("adamw"));
        QCOMPARE(stored.weightDecay, 0.001);
        QCOMPARE(stored.inputSize, 24);
        QCOMPARE(stored.earlyStopPatience, 1);
        QCOMPARE(stored.earlyStopMetric, QStringLiteral("val/loss"));
        QCOMPARE(stored.seed, std::uint64_t(18446744073709551557ULL));
        QCOMPARE(stored.learningRate, 0.001);   // AdamW's default, recorded

        // A long run, cancelled from the runs list while it trains.
        window.newTrainingRun();
        QTRY_VERIFY((dialog = window.findChild<NewRunDialog *>()) != nullptr && dialog->isVisible());
        QTRY_VERIFY(!dialog->isLoading());
        field<QSpinBox>(dialog, "runEpochs")->setValue(500);
        field<QSpinBox>(dialog, "runThreads")->setValue(1);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(runs->rowCount(), 2, 30000);
        const int row = runs->rowOf(runs->run(0)->id > runs->run(1)->id ? runs->run(0)->id : runs->run(1)->id);
        QTRY_COMPARE_WITH_TIMEOUT(runs->index(row, RunListModel::Status).data().toString(), QStringLiteral("Running"), 30000);
        panel->runTable()->setCurrentIndex(runs->index(row, RunListModel::Name));
        QTRY_VERIFY(panel->cancelRunButton()->isEnabled());
        QTest::mouseClick(panel->cancelRunButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.jobsPanel()->runningCount(), 0, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(runs->index(runs->rowOf(runs->run(row)->id), RunListModel::Status).data().toString(),
                                  QStringLiteral("Cancelled"), 10000);
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_database;
};

QTEST_MAIN(TestNewRunDialog)

#include "tst_new_run_dialog.moc"
