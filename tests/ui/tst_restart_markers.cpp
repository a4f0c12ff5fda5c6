#include "store/database.h"
#include "store/project.h"
#include "train/run_log.h"
#include "training/chart_view.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/run_restarts.h"
#include "training/scalar_chart.h"
#include "training/training_panel.h"

#include <QChart>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <thread>

using namespace sieve;
using namespace sieve::ui;

namespace {

// Wall times of the recorded run: step 1 at kStart, a second per step.
constexpr double kStart = 1.8e9;
// Restart 1 resumes from step 120, decided at kStart + 150 (the worker was lost at about step
// 150); restart 2 from step 170 at kStart + 230.
constexpr double kRestart1 = kStart + 150, kRestart2 = kStart + 230;

struct Point {
    QString tag;
    std::int64_t step;
    double wallTime;
    double value;
};

// A run as the cluster coordinator leaves it, written row by row so that every wall time is
// known: three workers, the third lost before restart 1, the second before restart 2.
QList<Point> clusterRunPoints()
{
    QList<Point> points;
    auto wallOf = [](std::int64_t step) {
        if (step <= 120)
            return kStart + double(step - 1);
        if (step <= 170)
            return kRestart1 + double(step - 120);
        return kRestart2 + double(step - 170);
    };
    for (std::int64_t step = 1; step <= 200; ++step) {
        const double wall = wallOf(step);
        points.append({QStringLiteral("train/loss"), step, wall, 2.0 / double(step)});
        const int workers = step <= 120 ? 3 : step <= 170 ? 2 : 1;
        for (int rank = 0; rank < workers; ++rank)
            points.append({QStringLiteral("cluster/rank/%1/images_per_second").arg(rank), step, wall, 100.0 + rank});
        if (step % 50 == 0)
            points.append({QStringLiteral("val/top1"), step, wall + 0.5, 0.2 + double(step) / 400});
    }
    points.append({kRestartTag, 120, kRestart1, 1});
    points.append({kWorkersTag, 120, kRestart1, 2});
    points.append({kRestartTag, 170, kRestart2, 2});
    points.append({kWorkersTag, 170, kRestart2, 1});
    return points;
}

std::int64_t writeRun(store::Database &db, const QString &name, const QJsonObject &config, const QList<Point> &points)
{
    store::Transaction transaction(db);
    auto run = db.prepare("INSERT INTO runs(name, status, config, directory, started_at) VALUES(?, 'done', ?, '', '2027-01-15T08:00:00Z')");
    auto metric = db.prepare("INSERT INTO run_metrics(run_id, tag, step, wall_time, value) VALUES(?, ?, ?, ?, ?)");
    if (!run || !metric)
        return 0;
    run->bind(1, name).bind(2, QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)));
    if (!run->exec())
        return 0;
    const std::int64_t id = db.lastInsertId();
    for (const Point &point : points) {
        metric->bind(1, id).bind(2, point.tag).bind(3, point.step).bind(4, point.wallTime).bind(5, point.value);
        if (!metric->exec())
            return 0;
    }
    return transaction.commit() ? id : 0;
}

QJsonObject threeWorkers()
{
    return {{QStringLiteral("model"), QStringLiteral("smallcnn")},
            {QStringLiteral("workers"), QJsonArray{QStringLiteral("127.0.0.1:50051"), QStringLiteral("127.0.0.1:50052"),
                                                   QStringLiteral("127.0.0.1:50053")}}};
}

QList<Point> plainRunPoints(int steps, double start)
{
    QList<Point> points;
    for (int step = 1; step <= steps; ++step)
        points.append({QStringLiteral("train/loss"), step, start + step, 1.5 / step});
    return points;
}

// Where Qt Charts itself puts the value X on CHART's x axis, in viewport pixels: what a marker
// has to line up with.
double chartPixelOf(ScalarChart *chart, double x)
{
    auto *series = qobject_cast<QXYSeries *>(chart->chart()->series().first());
    const double y = chart->chart()->axes(Qt::Vertical).first()->property("min").toDouble();
    const QPointF position = chart->chart()->mapToPosition(QPointF(x, y), series);
    return chart->view()->mapFromScene(chart->chart()->mapToScene(position)).x();
}

// The share of the plot's height in pixel column X (and its neighbours) painted in COLOUR, in
// IMAGE (by default what the viewport shows) whose origin is at OFFSET in the viewport.
double shareOfColumnIn(ScalarChart *chart, int x, const QColor &colour, QImage image = {}, QPoint offset = {})
{
    if (image.isNull())
        image = chart->view()->viewport()->grab().toImage();
    const QRectF plot = chart->chart()->mapRectToScene(chart->chart()->plotArea());
    const QRect rows = chart->view()->mapFromScene(plot).boundingRect().translated(-offset);
    x -= offset.x();
    int hits = 0, total = 0;
    for (int y = rows.top() + 2; y < rows.bottom() - 2; ++y) {
        ++total;
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor pixel = image.pixelColor(x + dx, y);
            if (std::abs(pixel.red() - colour.red()) < 40 && std::abs(pixel.green() - colour.green()) < 40
                && std::abs(pixel.blue() - colour.blue()) < 40) {
                ++hits;
                break;
            }
        }
    }
    return total > 0 ? double(hits) / total : 0;
}

// Checks that marker INDEX of CHART is drawn where the axis puts X: a dashed line in COLOUR
// down that pixel column, and none a little to the side.
void verifyMarkerDrawn(ScalarChart *chart, int index, double x, const QColor &colour)
{
    const std::optional<double> drawnAt = chart->view()->markerPosition(index);
    QVERIFY(drawnAt);
    const double expected = chartPixelOf(chart, x);
    QVERIFY2(std::abs(*drawnAt - expected) < 1.0, qPrintable(QStringLiteral("marker at %1 px, value at %2 px").arg(*drawnAt).arg(expected)));
    const double on = shareOfColumnIn(chart, int(std::floor(expected)), colour);
    const double beside = shareOfColumnIn(chart, int(std::floor(expected)) - 12, colour);
    QVERIFY2(on > 0.4, qPrintable(QStringLiteral("%1 of the column at the marker in its colour").arg(on)));
    QVERIFY2(beside < 0.1, qPrintable(QStringLiteral("%1 of the column beside it").arg(beside)));
}

// A failed check in the helper ends the test function too.
#define VERIFY_MARKER_DRAWN(chart, index, x, colour)                                                                   \
    do {                                                                                                                \
        verifyMarkerDrawn(chart, index, x, colour);                                                                     \
        if (QTest::currentTestFailed())                                                                                 \
            return;                                                                                                     \
    } while (false)

void setXMode(TrainingPanel &panel, XAxisMode mode)
{
    panel.findChild<QComboBox *>(QStringLiteral("xAxisMode"))->setCurrentIndex(int(mode));
    QTest::qWait(50);   // a layout pass: the plot area follows the new axis' labels
}

} // namespace

// A cluster run's restarts on the training monitor's charts: a marker per restart on every chart
// of the run, at the restart's step, time or wall time, in the run's colour, with what the
// metrics tell of it; none for a run that did not restart; live as a restart is recorded.
class TestRestartMarkers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void restartsFromTheMetrics()
    {
        QHash<QString, store::MetricSeries> tags;
        for (const Point &point : clusterRunPoints()) {
            store::MetricSeries &series = tags[point.tag];
            series.steps.push_back(point.step);
            series.wallTimes.push_back(point.wallTime);
            series.values.push_back(point.value);
        }
        store::RunRecord run;
        run.config = threeWorkers();
        const QList<RunRestart> restarts = runRestarts(tags, &run);
        QCOMPARE(restarts.size(), 2);
        QCOMPARE(restarts[0].step, std::int64_t(120));
        QCOMPARE(restarts[0].wallTime, kRestart1);
        QCOMPARE(restartText(restarts[0]), QStringLiteral("restart 1: workers 3 → 2, from step 120"));
        QCOMPARE(restartText(restarts[1]), QStringLiteral("restart 2: workers 2 → 1, from step 170"));
        // Without the config the ranks that wrote per-worker series count the workers.
        QCOMPARE(restartText(runRestarts(tags, nullptr)[0]), QStringLiteral("restart 1: workers 3 → 2, from step 120"));
        // Two restarts from one step leave the second's rows: one marker tells both.
        tags[kRestartTag] = {{120}, {kRestart1}, {2}};
        tags[kWorkersTag] = {{120}, {kRestart1}, {1}};
        const QList<RunRestart> merged = runRestarts(tags, &run);
        QCOMPARE(merged.size(), 1);
        QCOMPARE(restartLabel(merged[0]), QStringLiteral("restarts 1–2"));
        QCOMPARE(restartText(merged[0]), QStringLiteral("restarts 1–2: workers 3 → 1, from step 120"));
        tags.remove(kRestartTag);
        QVERIFY(runRestarts(tags, &run).isEmpty());
    }

    void supersededPointsAreLeftOut()
    {
        // Steps 1–6 of the lost attempt at t = 1…6; a restart from step 3 at t = 10; steps 4
        // and 5 written again at t = 11, 12, while the old step 6 waits to be.
        store::MetricSeries series{{1, 2, 3, 4, 5, 6}, {1, 2, 3, 11, 12, 6}, {1, 2, 3, 40, 50, 6}};
        const store::MetricSeries restarts{{3}, {10}, {1}};
        QCOMPARE(dropSupersededPoints(series, restarts), std::size_t(1));
        QCOMPARE(series.steps, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
        QCOMPARE(series.values, (std::vector<double>{1, 2, 3, 40, 50}));
        QCOMPARE(dropSupersededPoints(series, {}), std::size_t(0));
    }

    void everyChartMarksEachRestartInEveryXMode()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("recorded")));
        QVERIFY(project.ok());
        const std::int64_t id = writeRun((*project)->db(), QStringLiteral("three workers"), threeWorkers(), clusterRunPoints());
        QVERIFY(id > 0);
        TrainingPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject((*project)->databasePath(), (*project)->directory());
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")) && panel.chart(QStringLiteral("Loss"))->view()->markers().size() == 2);
        // The restarts are markers, not charts of a point or two.
        QTRY_COMPARE(panel.charts().size(), 3);   // loss, accuracy, images/s per worker
        QVERIFY(!panel.chart(kRestartTag));
        QVERIFY(!panel.chart(kWorkersTag));
        const QColor colour = RunListModel::runColour(id);
        for (ScalarChart *chart : panel.charts()) {
            QTRY_COMPARE(chart->view()->markers().size(), 2);
            QCOMPARE(chart->view()->markers()[0].x, 120.0);
            QCOMPARE(chart->view()->markers()[1].x, 170.0);
            QCOMPARE(chart->view()->markers()[0].colour.rgb(), colour.rgb());
        }
        ScalarChart *loss = panel.chart(QStringLiteral("Loss"));
        QCOMPARE(loss->view()->markers()[0].label, QStringLiteral("restart 1"));
        QCOMPARE(loss->view()->markers()[0].text, QStringLiteral("restart 1: workers 3 → 2, from step 120"));
        QCOMPARE(loss->view()->markers()[1].text, QStringLiteral("restart 2: workers 2 → 1, from step 170"));
        QTest::qWait(50);
        VERIFY_MARKER_DRAWN(loss, 0, 120, colour);
        VERIFY_MARKER_DRAWN(loss, 1, 170, colour);
        VERIFY_MARKER_DRAWN(panel.chart(QStringLiteral("Accuracy")), 1, 170, colour);
        // An exported image shows them too.
        const QString png = m_dir.filePath(QStringLiteral("loss-with-restarts.png"));
        QVERIFY(loss->exportImage(png));
        const QPoint viewportAt = loss->view()->viewport()->mapTo(loss->view(), QPoint(0, 0));
        const double exported = shareOfColumnIn(loss, int(std::floor(*loss->view()->markerPosition(1))), colour, QImage(png), -viewportAt);
        QVERIFY2(exported > 0.4, qPrintable(QString::number(exported)));

        // Pointing at a marker reads it out.
        const std::optional<double> at = loss->view()->markerPosition(0);
        QVERIFY(at);
        const QRectF plot = loss->view()->mapFromScene(loss->chart()->mapRectToScene(loss->chart()->plotArea())).boundingRect();
        QTest::mouseMove(loss->view()->viewport(), QPoint(int(*at), int(plot.center().y())));
        QTRY_VERIFY2(loss->readout().contains(QStringLiteral("restart 1: workers 3 → 2, from step 120")), qPrintable(loss->readout()));
        // A little aside, the values under the pointer again.
        QTest::mouseMove(loss->view()->viewport(), QPoint(int(*at) + 20, int(plot.center().y())));
        QTRY_VERIFY2(loss->readout().contains(QStringLiteral("train/loss")), qPrintable(loss->readout()));
        QVERIFY(!loss->readout().contains(QStringLiteral("restart")));

        // Wall time: when the coordinator restarted the job (milliseconds on the date axis).
        setXMode(panel, XAxisMode::WallTime);
        QCOMPARE(loss->view()->markers().size(), 2);
        QCOMPARE(loss->view()->markers()[0].x, kRestart1 * 1000);
        QCOMPARE(loss->view()->markers()[1].x, kRestart2 * 1000);
        VERIFY_MARKER_DRAWN(loss, 0, kRestart1 * 1000, colour);
        VERIFY_MARKER_DRAWN(loss, 1, kRestart2 * 1000, colour);
        // The first point after restart 1 lies right of its marker, the resumed step's left.
        QVERIFY(chartPixelOf(loss, (kRestart1 + 1) * 1000) > *loss->view()->markerPosition(0));
        QVERIFY(chartPixelOf(loss, (kStart + 119) * 1000) < *loss->view()->markerPosition(0));

        // Relative time: from the run's first point, for the markers and every line alike.
        setXMode(panel, XAxisMode::RelativeTime);
        QCOMPARE(loss->view()->markers()[0].x, 150.0);
        QCOMPARE(loss->view()->markers()[1].x, 230.0);
        auto *values = qobject_cast<QValueAxis *>(panel.chart(QStringLiteral("Accuracy"))->chart()->axes(Qt::Horizontal).first());
        QVERIFY(values);
        QCOMPARE(values->min(), 49.5);   // val/top1 starts at step 50, 49.5 s into the run
        VERIFY_MARKER_DRAWN(loss, 1, 230, colour);

        // Zoomed past a restart, its marker is not drawn.
        setXMode(panel, XAxisMode::Step);
        emit loss->view()->zoomRequested(Qt::Horizontal, 0.2, QPointF(30, 1));
        QVERIFY(!loss->view()->markerPosition(0));
        QVERIFY(!loss->view()->markerPosition(1));
    }

    void aRunWithoutRestartsHasNoMarkers()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("plain")));
        QVERIFY(project.ok());
        QVERIFY(writeRun((*project)->db(), QStringLiteral("local"), {}, plainRunPoints(100, kStart)) > 0);
        TrainingPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject((*project)->databasePath(), (*project)->directory());
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")) && panel.chart(QStringLiteral("Loss"))->lines().size() == 1);
        QTest::qWait(50);
        QCOMPARE(panel.charts().size(), 1);
        QVERIFY(panel.chart(QStringLiteral("Loss"))->view()->markers().isEmpty());
        QVERIFY(!panel.chart(QStringLiteral("Loss"))->view()->markerPosition(0));
    }

    void overlaidRunsMarkTheirRestartsInTheirColours()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("overlaid")));
        QVERIFY(project.ok());
        const std::int64_t cluster = writeRun((*project)->db(), QStringLiteral("three workers"), threeWorkers(), clusterRunPoints());
        const std::int64_t plain = writeRun((*project)->db(), QStringLiteral("local"), {}, plainRunPoints(100, kStart + 1000));
        QVERIFY(cluster > 0 && plain > 0);
        TrainingPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject((*project)->databasePath(), (*project)->directory());
        QTRY_COMPARE(panel.runs()->rowCount(), 2);
        panel.runs()->setChecked(cluster, true);
        panel.runs()->setChecked(plain, true);
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")) && panel.chart(QStringLiteral("Loss"))->lines().size() == 2);
        ScalarChart *loss = panel.chart(QStringLiteral("Loss"));
        QTRY_COMPARE(loss->view()->markers().size(), 2);   // the plain run has none
        QCOMPARE(loss->view()->markers()[0].colour.rgb(), RunListModel::runColour(cluster).rgb());
        QCOMPARE(loss->view()->markers()[0].text, QStringLiteral("Run %1, restart 1: workers 3 → 2, from step 120").arg(cluster));
        QTest::qWait(50);
        VERIFY_MARKER_DRAWN(loss, 0, 120, RunListModel::runColour(cluster));
        // Unticked, the cluster run takes its markers with it.
        panel.runs()->setChecked(cluster, false);
        QTRY_COMPARE(panel.chart(QStringLiteral("Loss"))->lines().size(), 1);
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss"))->view()->markers().isEmpty());
    }

    void aRestartRecordedWhileTheMonitorIsOpenIsMarkedAtTheNextPoll()
    {
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("live")));
        QVERIFY(project.ok());
        auto log = train::RunLog::start((*project)->db(), QStringLiteral("two workers"),
                                        {{QStringLiteral("workers"), QJsonArray{QStringLiteral("a:1"), QStringLiteral("b:1")}}});
        QVERIFY(log.ok());
        for (int step = 1; step <= 150; ++step)
            log->add(QStringLiteral("train/loss"), step, 1.0);
        QVERIFY(log->flush().ok());

        TrainingPanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.source()->setIntervals(100, 200);
        panel.setProject((*project)->databasePath(), (*project)->directory());
        QTRY_VERIFY(panel.source()->series(log->id(), QStringLiteral("train/loss"))
                    && panel.source()->series(log->id(), QStringLiteral("train/loss"))->size() == 150);
        QTRY_VERIFY(panel.chart(QStringLiteral("Loss")));
        ScalarChart *loss = panel.chart(QStringLiteral("Loss"));
        QVERIFY(loss->view()->markers().isEmpty());

        // The coordinator lost a worker after step 150 and goes on with one from step 120: the
        // restart, then steps 121… again, with other values, as the coordinator writes them.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        log->add(kRestartTag, 120, 1);
        log->add(kWorkersTag, 120, 1);
        QVERIFY(log->flush().ok());
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        for (int step = 121; step <= 125; ++step)
            log->add(QStringLiteral("train/loss"), step, 0.5);
        QVERIFY(log->flush().ok());
        // A poll may have been under way before the writes: the next one after it brings them.
        QSignalSpy polled(panel.source(), &RunMetricsSource::metricsAppended);
        for (int poll = 0; poll < 2 && loss->view()->markers().isEmpty(); ++poll) {
            QVERIFY(polled.wait(2000));
            QTest::qWait(20);   // the chart takes its update at the next turn of the event loop
        }
        QCOMPARE(loss->view()->markers().size(), 1);
        QCOMPARE(loss->view()->markers()[0].x, 120.0);
        QCOMPARE(loss->view()->markers()[0].text, QStringLiteral("restart 1: workers 2 → 1, from step 120"));
        // The lost attempt's steps 126–150 are left out until written again; 121–125 are new.
        QTRY_COMPARE(panel.source()->series(log->id(), QStringLiteral("train/loss"))->size(), std::size_t(125));
        const store::MetricSeries *series = panel.source()->series(log->id(), QStringLiteral("train/loss"));
        QCOMPARE(series->values[122], 0.5);
        QCOMPARE(series->values[119], 1.0);
        QTest::qWait(50);
        VERIFY_MARKER_DRAWN(loss, 0, 120, RunListModel::runColour(log->id()));
        QVERIFY(log->finish(QStringLiteral("done"), QString(), {}).ok());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRestartMarkers)
#include "tst_restart_markers.moc"
