#include "../core/train_test_project.h"

#include "main_window.h"
#include "store/database.h"
#include "store/project.h"
#include "train/run_log.h"
#include "train/trainer.h"
#include "training/chart_view.h"
#include "training/confusion_matrix_view.h"
#include "training/confusion_page.h"
#include "training/hyper_parameter_table.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/scalar_chart.h"
#include "training/training_panel.h"
#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLineSeries>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <QTimer>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QWheelEvent>

#include <atomic>
#include <cmath>
#include <thread>

using namespace sieve;
using namespace sieve::ui;

namespace {

// Where screenshots go, for a person to look at; the test does not depend on them.
QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("SIEVE_SCREENSHOTS");
    return dir.isEmpty() ? QString() : dir + QLatin1Char('/') + name;
}

// The GUI thread's processor time so far, in ms.
qint64 threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

// Measures how late a 10 ms timer fires on the GUI thread: the event loop's latency by the
// clock, and the processor time the GUI thread spent between two ticks. On a machine shared
// with other tests and builds the clock also counts time the thread waited for a core; the
// processor time counts only the work the GUI thread did in one go, which is what stalls it.
class LatencyProbe : public QObject {
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 elapsed = m_clock.restart();
            m_worst = std::max(m_worst, elapsed - 10);
            const qint64 cpu = threadCpuMs();
            m_worstBusy = std::max(m_worstBusy, cpu - m_lastCpu);
            m_lastCpu = cpu;
            ++m_ticks;
        });
        m_lastCpu = threadCpuMs();
        m_clock.start();
        m_timer.start();
    }
    qint64 worst() const { return m_worst; }
    qint64 worstBusy() const { return m_worstBusy; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
    qint64 m_worstBusy = 0;
    qint64 m_lastCpu = 0;
    int m_ticks = 0;
};

QJsonObject demoConfig()
{
    return {{QStringLiteral("model"), QStringLiteral("smallcnn")},
            {QStringLiteral("epochs"), 4},
            {QStringLiteral("learning_rate"), 0.05},
            {QStringLiteral("classes"), QJsonArray{QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("fox")}}};
}

} // namespace

class TestTrainingMonitor : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void chartsFollowAGrowingRunAndTheGuiStaysResponsive()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("live")));
        QVERIFY(project.ok());
        const QString databasePath = (*project)->databasePath();
        TrainingPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.source()->setIntervals(100, 200);
        panel.setProject(databasePath, (*project)->directory());

        // A trainer in another thread with a connection of its own, as sieve-cli or a worker:
        // 200,000 steps of three per-step tags in 40 flushes, validation every 50,000 steps.
        constexpr int kSteps = 200'000, kRounds = 40;
        std::atomic<bool> finished = false;
        std::thread writer([&] {
            auto db = store::Database::open(databasePath);
            auto log = train::RunLog::start(*db, QStringLiteral("live run"), demoConfig());
            for (int round = 0; round < kRounds; ++round) {
                for (int i = 0; i < kSteps / kRounds; ++i) {
                    const std::int64_t step = std::int64_t(round) * (kSteps / kRounds) + i + 1;
                    log->add(QStringLiteral("train/loss"), step, 2.0 * std::exp(-step / 50'000.0) + 0.1 * std::sin(step * 0.7));
                    log->add(QStringLiteral("train/accuracy"), step, 1 - std::exp(-step / 60'000.0));
                    log->add(QStringLiteral("train/lr"), step, 0.05 * (1 - double(step) / kSteps));
                    if (step % 50'000 == 0) {
                        log->add(QStringLiteral("val/top1"), step, 0.5 + step / 1e6);
                        log->add(QStringLiteral("val/loss"), step, 1.5 - step / 1e6);
                        for (int t = 0; t < 3; ++t)
                            for (int p = 0; p < 3; ++p)
                                log->add(QStringLiteral("val/confusion/%1/%2").arg(t).arg(p), step, t == p ? 8 : 1);
                    }
                }
                (void)log->flush();
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
            }
            (void)log->finish(QStringLiteral("done"), QString(), {});
            finished = true;
        });

        QList<qsizetype> seen;   // the loss series' length at each poll that brought points
        connect(panel.source(), &RunMetricsSource::metricsAppended, this, [&] {
            if (const store::MetricSeries *s = panel.source()->series(1, QStringLiteral("train/loss")))
                seen.append(qsizetype(s->size()));
        });
        LatencyProbe probe;
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished && panel.source()->series(1, QStringLiteral("train/loss"))
                                     && panel.source()->series(1, QStringLiteral("train/loss"))->size() == kSteps
                                     && panel.runs()->rowCount() == 1 && panel.runs()->run(0)->status == QLatin1String("done"),
                                 120'000);
        writer.join();
        QTest::qWait(300);   // a last poll and redraw after the run finished
        ScalarChart *loss = panel.chart(QStringLiteral("Loss"));
        QVERIFY(loss);
        qInfo("200,000 steps x 3 tags written in %lld ms; %lld polls brought points; GUI event-loop latency: worst %lld ms "
              "over %d ticks, of which at most %lld ms of GUI-thread work",
              clock.elapsed(), qint64(seen.size()), probe.worst(), probe.ticks(), probe.worstBusy());
        // Live: the chart grew over several polls, not once at the end.
        QVERIFY2(seen.size() >= 3, qPrintable(QString::number(seen.size())));
        QVERIFY(seen.front() < kSteps);
        // About 40-50 ms by the clock on a quiet two-core machine (Debug), 150-230 ms when it is
        // shared with builds; the GUI thread's own work between two ticks stays far lower. The
        // bounds catch the GUI thread doing a poll's work at once (over 250 ms before the charts
        // were updated one per event-loop turn) without failing on a busy machine.
        QVERIFY2(probe.worstBusy() < 120, qPrintable(QStringLiteral("GUI thread busy %1 ms at once").arg(probe.worstBusy())));
        QVERIFY2(probe.worst() < 500, qPrintable(QStringLiteral("worst latency %1 ms").arg(probe.worst())));

        // Every point is kept; the chart draws a few per pixel column of both loss lines.
        QCOMPARE(loss->lines().size(), 2);   // train/loss and, once validated, val/loss
        QVERIFY(loss->drawnPoints() > 0);
        QVERIFY2(loss->drawnPoints() < 20'000, qPrintable(QString::number(loss->drawnPoints())));
        QCOMPARE(panel.source()->series(1, QStringLiteral("val/top1"))->size(), std::size_t(4));
        // The accuracy chart overlays train/accuracy and val/top1 (no val/top5 was written).
        QCOMPARE(panel.chart(QStringLiteral("Accuracy"))->lines().size(), 2);
        QCOMPARE(panel.runs()->index(0, RunListModel::BestTop1).data().toString(), QLocale().toString(70.0, 'f', 1) + QStringLiteral(" %"));

        // The confusion page follows the last epoch.
        panel.tabs()->setCurrentWidget(panel.confusion());
        QCOMPARE(panel.confusion()->epochCount(), 4);
        QCOMPARE(panel.confusion()->matrix()->counts().size(), std::size_t(3));
        QCOMPARE(panel.confusion()->matrix()->counts()[1][1], 8.0);
        if (const QString path = screenshotPath(QStringLiteral("training-confusion.png")); !path.isEmpty())
            panel.grab().save(path);
        panel.tabs()->setCurrentIndex(0);
        QTest::qWait(50);
        if (const QString path = screenshotPath(QStringLiteral("training-live.png")); !path.isEmpty())
            panel.grab().save(path);

        // Hovering the plot reads out the values under the pointer.
        QTest::mouseMove(loss->view()->viewport(), loss->view()->viewport()->rect().center());
        QTRY_VERIFY(loss->readout().contains(QStringLiteral("train/loss")));
        QVERIFY(loss->readout().contains(QStringLiteral("smoothed")));
    }

    // A cluster run writes per-worker series and its restarts: one chart per kind of series with
    // a line per worker; the restarts are marked on every chart (tst_restart_markers), not
    // charted.
    void chartsPerWorkerSeriesOfAClusterRun()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("cluster")));
        QVERIFY(project.ok());
        {
            auto log = train::RunLog::start((*project)->db(), QStringLiteral("two workers"), demoConfig());
            for (int step = 1; step <= 4; ++step) {
                log->add(QStringLiteral("train/loss"), step, 2.0 / step);
                for (int rank = 0; rank < 2; ++rank) {
                    log->add(QStringLiteral("cluster/rank/%1/images_per_second").arg(rank), step, 100.0 + rank);
                    log->add(QStringLiteral("cluster/rank/%1/communication_seconds").arg(rank), step, 0.01 * (rank + 1));
                }
            }
            log->add(QStringLiteral("cluster/restart"), 3, 1.0);
            QVERIFY(log->finish(QStringLiteral("done"), QString(), {}).ok());
        }
        TrainingPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject((*project)->databasePath(), (*project)->directory());
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")));
        QTRY_VERIFY(panel.chart(QStringLiteral("Per worker: images_per_second")));
        QCOMPARE(panel.chart(QStringLiteral("Per worker: images_per_second"))->lines().size(), 2);
        QCOMPARE(panel.chart(QStringLiteral("Per worker: images_per_second"))->lines().at(1).label, QStringLiteral("worker 1"));
        QVERIFY(panel.chart(QStringLiteral("Per worker: communication_seconds")));
        QCOMPARE(panel.chart(QStringLiteral("Per worker: communication_seconds"))->lines().size(), 2);
        QVERIFY(!panel.chart(QStringLiteral("cluster/restart")));
        QCOMPARE(panel.charts().size(), 3);
        QTRY_COMPARE(panel.chart(QStringLiteral("Loss"))->view()->markers().size(), 1);
        QCOMPARE(panel.chart(QStringLiteral("Loss"))->view()->markers()[0].x, 3.0);
    }

    void exportsChartDataAsCsvAndImages()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("csv")));
        QVERIFY(project.ok());
        {
            auto log = train::RunLog::start((*project)->db(), QStringLiteral("tiny"), demoConfig());
            log->add(QStringLiteral("train/loss"), 1, 1.0);
            log->add(QStringLiteral("train/loss"), 2, 3.0);
            log->add(QStringLiteral("train/loss"), 3, 5.0);
            QVERIFY(log->finish(QStringLiteral("done"), QString(), {}).ok());
        }
        TrainingPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject((*project)->databasePath(), (*project)->directory());
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")));
        ScalarChart *loss = panel.chart(QStringLiteral("Loss"));
        QCOMPARE(loss->lines().size(), 1);
        // Only charts of what the run wrote: a loss and nothing else.
        QCOMPARE(panel.charts().size(), 1);
        panel.smoothingSlider()->setValue(50);
        const QString csvPath = m_dir.filePath(QStringLiteral("loss.csv"));
        QVERIFY(loss->exportCsv(csvPath));
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList rows = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0], QStringLiteral("run,tag,step,wall_time,value,smoothed"));
        // w = 0.5: last 0.5, 1.75, 3.375 over debias 0.5, 0.75, 0.875.
        const QList<double> smoothed = {1.0, 1.75 / 0.75, 3.375 / 0.875};
        for (int i = 0; i < 3; ++i) {
            const QStringList cells = rows[i + 1].split(QLatin1Char(','));
            QCOMPARE(cells.size(), 6);
            QCOMPARE(cells[0], QStringLiteral("1"));
            QCOMPARE(cells[1], QStringLiteral("train/loss"));
            QCOMPARE(cells[2].toInt(), i + 1);
            QVERIFY(cells[3].toDouble() > 1.7e9);   // seconds since the epoch
            QCOMPARE(cells[4].toDouble(), 1.0 + 2 * i);
            QVERIFY(std::abs(cells[5].toDouble() - smoothed[i]) < 1e-12);
        }
        // The wheel zooms the steps about the pointer; a double click puts the whole run back.
        auto *steps = qobject_cast<QValueAxis *>(loss->chart()->axes(Qt::Horizontal).first());
        QVERIFY(steps);
        QCOMPARE(steps->min(), 1.0);
        QCOMPARE(steps->max(), 3.0);
        QWidget *viewport = loss->view()->viewport();
        const QPointF centre = loss->view()->mapFromScene(loss->chart()->mapToScene(loss->chart()->plotArea().center()));
        QWheelEvent wheel(centre, viewport->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &wheel);
        QVERIFY(loss->isZoomed());
        QVERIFY2(std::abs((steps->max() - steps->min()) - 2 * 0.8) < 1e-9, qPrintable(QString::number(steps->max() - steps->min())));
        QTest::mouseDClick(viewport, Qt::LeftButton, {}, centre.toPoint());
        QVERIFY(!loss->isZoomed());
        QCOMPARE(steps->min(), 1.0);
        QCOMPARE(steps->max(), 3.0);

        const QString png = m_dir.filePath(QStringLiteral("loss.png")), svg = m_dir.filePath(QStringLiteral("loss.svg"));
        QVERIFY(loss->exportImage(png));
        QVERIFY(loss->exportImage(svg));
        QVERIFY(!QImage(png).isNull());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray drawing = svgFile.readAll();
        QVERIFY(drawing.contains("<svg"));
        QVERIFY(drawing.contains("Loss"));

        // Wall time on a date axis, values on a log axis, every point still drawn.
        panel.findChild<QComboBox *>(QStringLiteral("xAxisMode"))->setCurrentIndex(2);
        panel.findChild<QCheckBox *>(QStringLiteral("logScale"))->setChecked(true);
        QVERIFY(qobject_cast<QDateTimeAxis *>(loss->chart()->axes(Qt::Horizontal).first()));
        auto *values = qobject_cast<QLogValueAxis *>(loss->chart()->axes(Qt::Vertical).first());
        QVERIFY(values);
        QVERIFY(values->min() > 0 && values->min() <= 1 && values->max() >= 5);
        QCOMPARE(loss->drawnPoints(), 6);   // 3 raw, 3 smoothed
    }

    void runsListShowsARunOfTheTrainer()
    {
        auto project = test::makeTrainingProject(m_dir.filePath(QStringLiteral("trained")), 90, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        train::TrainOptions options;
        options.model = QStringLiteral("smallcnn");
        options.inputSize = 32;
        options.epochs = 2;
        options.batchSize = 16;
        options.learningRate = 0.05;
        jobs::JobContext context;
        auto summary = train::runTraining(**project, options, context, 0, {1, 1, 0});
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        m_trainedProject = (*project)->directory();
        m_trainedDatabase = (*project)->databasePath();

        TrainingPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject(m_trainedDatabase, m_trainedProject);
        RunListModel *runs = panel.runs();
        QTRY_COMPARE(runs->rowCount(), 1);
        QCOMPARE(runs->index(0, RunListModel::Status).data().toString(), QStringLiteral("Done"));
        QCOMPARE(runs->index(0, RunListModel::Model).data().toString(), QStringLiteral("smallcnn"));
        QCOMPARE(runs->index(0, RunListModel::BestTop1).data().toString(),
                 QLocale().toString(summary->bestTop1 * 100, 'f', 1) + QStringLiteral(" %"));
        // The newest run is charted and its confusion matrix holds every validation image.
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")) && panel.chart(QStringLiteral("Loss"))->lines().size() == 2);
        QCOMPARE(panel.charts().size(), 5);   // loss, accuracy, learning rate, images/s, data wait
        QTRY_COMPARE(panel.confusion()->epochCount(), 2);
        double total = 0;
        for (const auto &row : panel.confusion()->matrix()->counts())
            for (double count : row)
                total += count;
        QCOMPARE(qint64(total), summary->validationImages);
        QCOMPARE(panel.confusion()->classTable()->rowCount(), int(summary->classes.size()));
        // Compare: one row with its final metrics and options.
        panel.tabs()->setCurrentIndex(1);
        QCOMPARE(panel.comparison()->rowCount(), 1);
        const QString top1 = panel.comparison()->item(0, 4)->text();   // final val/top1
        QCOMPARE(panel.comparison()->horizontalHeaderItem(4)->text(), QStringLiteral("final val/top1"));
        QCOMPARE(top1.toDouble(), QString::number(summary->finalTop1, 'g', 4).toDouble());
        if (const QString path = screenshotPath(QStringLiteral("training-compare.png")); !path.isEmpty())
            panel.grab().save(path);
        panel.tabs()->setCurrentIndex(0);
        QTest::qWait(50);
        if (const QString path = screenshotPath(QStringLiteral("training-trained.png")); !path.isEmpty())
            panel.grab().save(path);
    }

    void renamesAndDeletesARun()
    {
        QVERIFY2(!m_trainedProject.isEmpty(), "needs runsListShowsARunOfTheTrainer");
        TrainingPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject(m_trainedDatabase, m_trainedProject);
        QTRY_COMPARE(panel.runs()->rowCount(), 1);
        QSignalSpy changed(panel.source(), &RunMetricsSource::runChanged);
        panel.source()->renameRun(1, QStringLiteral("  first try "));
        QVERIFY(changed.wait());
        QCOMPARE(changed.takeFirst().at(1).toString(), QString());
        QTRY_COMPARE(panel.runs()->index(0, RunListModel::Name).data().toString(), QStringLiteral("1 · first try"));

        QVERIFY(QDir(m_trainedProject + QStringLiteral("/runs/1")).exists());
        // The confirmation is a modal box: answer it as a user would.
        QTimer::singleShot(100, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Yes)->click();
        });
        panel.runTable()->setCurrentIndex(panel.runs()->index(0, 0));
        panel.deleteCurrent();
        QVERIFY(changed.count() > 0 || changed.wait());
        QCOMPARE(changed.takeFirst().at(1).toString(), QString());
        QTRY_COMPARE(panel.runs()->rowCount(), 0);
        QVERIFY(!QDir(m_trainedProject + QStringLiteral("/runs/1")).exists());
        auto db = store::Database::open(m_trainedDatabase, store::Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("SELECT count(*) FROM run_metrics"), std::int64_t(0));
        QCOMPARE(*db->queryInt("SELECT count(*) FROM models WHERE run_id IS NULL"), std::int64_t(1));   // the model stays
    }

    void mainWindowShowsTheMonitorFromTheViewMenu()
    {
        MainWindow window;
        window.resize(1400, 1000);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openProject(m_dir.filePath(QStringLiteral("csv"))));
        QVERIFY(!window.trainingDock()->isVisible());
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(window.trainingDock()->isVisible());
        QCOMPARE(window.trainingDock()->widget(), window.workspace()->training());
        QTRY_COMPARE(window.workspace()->training()->runs()->rowCount(), 1);
        QTRY_COMPARE(window.workspace()->training()->charts().size(), 1);   // the run's loss
        QTest::qWait(100);
        if (const QString path = screenshotPath(QStringLiteral("training-main-window.png")); !path.isEmpty())
            window.grab().save(path);
    }

private:
    QTemporaryDir m_dir;
    QString m_trainedProject;
    QString m_trainedDatabase;
};

QTEST_MAIN(TestTrainingMonitor)
#include "tst_training_monitor.moc"
