// Benchmark: the training monitor's chart view with 1,000,000 points in 8 series (8 runs of
// 125,000 steps of train/loss overlaid in one chart), read from run_metrics as the monitor
// reads them. Prints: the time to read them, a full update (smooth, decimate, hand to Qt
// Charts) with its paint, a repaint alone, and a zoom (decimate the new range and paint).
// Target (issue #5): a redraw in <= 50 ms. Not a pass/fail test. With --restarts K each run
// also records K cluster restarts, marked on the chart (issue #6): run it with and without to
// see what the markers cost.
//
//   bench_charts [--points-per-series N] [--restarts K]

#include "store/database.h"
#include "store/project.h"
#include "training/chart_view.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/scalar_chart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace sieve;

namespace {

constexpr int kSeries = 8;

bool writeRuns(store::Database &db, int points, int restarts)
{
    store::Transaction transaction(db);
    auto run = db.prepare("INSERT INTO runs(name, status, config, directory, started_at) VALUES(?, 'done', '{}', '', '2026-01-01T00:00:00Z')");
    auto metric = db.prepare("INSERT INTO run_metrics(run_id, tag, step, wall_time, value) VALUES(?, 'train/loss', ?, ?, ?)");
    auto restart = db.prepare("INSERT INTO run_metrics(run_id, tag, step, wall_time, value) VALUES(?, 'cluster/restart', ?, ?, ?)");
    if (!run || !metric || !restart)
        return false;
    for (int s = 0; s < kSeries; ++s) {
        run->bind(1, QStringLiteral("run %1").arg(s + 1));
        if (!run->exec())
            return false;
        const std::int64_t id = db.lastInsertId();
        for (int i = 1; i <= points; ++i) {
            const double value = (2.0 + 0.1 * s) * std::exp(-i / (points / 4.0)) + 0.2 * std::sin(i * 0.37 + s) * std::sin(i * 0.0011);
            metric->bind(1, id).bind(2, i).bind(3, 1.7e9 + i * 0.01).bind(4, value);
            if (!metric->exec())
                return false;
        }
        for (int r = 1; r <= restarts; ++r) {
            const int step = points / (restarts + 1) * r;
            restart->bind(1, id).bind(2, step).bind(3, 1.7e9 + step * 0.01).bind(4, r);
            if (!restart->exec())
                return false;
        }
    }
    return transaction.commit().ok();
}

// Paints the chart view as the screen would be, into an image of its size.
qint64 paint(ui::ScalarChart &chart)
{
    QImage image(chart.view()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer timer;
    timer.start();
    QPainter painter(&image);
    chart.view()->render(&painter);
    painter.end();
    return timer.nsecsElapsed() / 1000;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int points = 125'000;
    const QStringList args = app.arguments();
    if (const qsizetype at = args.indexOf(QStringLiteral("--points-per-series")); at >= 0 && at + 1 < args.size())
        points = args[at + 1].toInt();
    int restarts = 0;
    if (const qsizetype at = args.indexOf(QStringLiteral("--restarts")); at >= 0 && at + 1 < args.size())
        restarts = args[at + 1].toInt();

    QTemporaryDir dir;
    auto project = store::Project::create(dir.filePath(QStringLiteral("project")));
    if (!project || !writeRuns((*project)->db(), points, restarts)) {
        std::fprintf(stderr, "cannot write the runs\n");
        return 1;
    }

    ui::RunMetricsSource source;
    QSignalSpy appended(&source, &ui::RunMetricsSource::metricsAppended);
    QElapsedTimer timer;
    timer.start();
    source.setDatabase((*project)->databasePath());
    QSet<std::int64_t> runs;
    for (int s = 1; s <= kSeries; ++s)
        runs.insert(s);
    source.setWatched(runs);
    while (!std::all_of(runs.begin(), runs.end(), [&](std::int64_t id) { return source.series(id, QStringLiteral("train/loss")); }))
        if (!appended.wait(60'000)) {
            std::fprintf(stderr, "the metrics were not read\n");
            return 1;
        }
    const qint64 readMs = timer.elapsed();

    ui::ScalarChart chart(QStringLiteral("Loss"), &source);
    chart.resize(1000, 600);
    chart.show();
    if (!QTest::qWaitForWindowExposed(&chart))
        return 1;
    QList<ui::ChartLine> lines;
    for (int s = 1; s <= kSeries; ++s)
        lines.append({s, QStringLiteral("train/loss"), QStringLiteral("run %1").arg(s), ui::RunListModel::runColour(s), Qt::SolidLine});

    timer.restart();
    chart.setLines(lines);   // smooths 1,000,000 points, decimates, hands them over
    const qint64 firstUs = timer.nsecsElapsed() / 1000;
    const qint64 firstPaintUs = paint(chart);

    // A redraw: decimate everything again for the view and paint (what every update costs).
    qint64 redrawUs = 0, repaintUs = 0, zoomUs = 0;
    constexpr int kRepeats = 10;
    for (int i = 0; i < kRepeats; ++i) {
        timer.restart();
        chart.redraw();
        const qint64 decimate = timer.nsecsElapsed() / 1000;
        redrawUs += decimate + paint(chart);
        repaintUs += paint(chart);
    }
    for (int i = 0; i < kRepeats; ++i) {
        timer.restart();
        emit chart.view()->zoomRequested(Qt::Horizontal, 0.8, QPointF(points / 2.0, 1));
        zoomUs += timer.nsecsElapsed() / 1000 + paint(chart);
    }
    std::printf("== chart view: %d series x %d points = %d points, %lld drawn, %lld restart markers\n", kSeries, points,
                kSeries * points, qint64(chart.drawnPoints()), qint64(chart.view()->markers().size()));
    std::printf("read from run_metrics (pool thread):      %8.1f ms\n", readMs * 1.0);
    std::printf("first update (smooth + decimate + paint): %8.1f ms\n", (firstUs + firstPaintUs) / 1000.0);
    std::printf("redraw (decimate + paint), mean of %d:    %8.1f ms   (target <= 50 ms)\n", kRepeats, redrawUs / 1000.0 / kRepeats);
    std::printf("repaint only, mean of %d:                 %8.1f ms\n", kRepeats, repaintUs / 1000.0 / kRepeats);
    std::printf("wheel zoom step (decimate + paint):       %8.1f ms\n", zoomUs / 1000.0 / kRepeats);
    return 0;
}
