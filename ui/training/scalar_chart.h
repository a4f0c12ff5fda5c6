#pragma once

#include "training/chart_math.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QAbstractAxis;
class QChart;
class QLabel;
class QLineSeries;

namespace sieve::ui {

class ChartView;
class RunMetricsSource;

// One line of a chart: a tag of a run.
struct ChartLine {
    std::int64_t runId = 0;
    QString tag;
    QString label;      // in the legend and the read-out
    QColor colour;
    Qt::PenStyle style = Qt::SolidLine;
};

enum class XAxisMode { Step, RelativeTime, WallTime };

// A TensorBoard-style scalar plot of some tags of some runs, drawn from a RunMetricsSource:
// each line smoothed (TensorBoard's debiased EMA) over its raw values drawn faintly, decimated
// to a few points per pixel column of what is in view (the data stay whole), with zoom and
// pan (ChartView), a read-out of the values under the pointer, legend entries that hide and
// show a line, export of the image (PNG, SVG) and of the data (CSV), and a marker at each
// restart of a charted cluster run (run_restarts.h), in the run's colour. Relative time counts
// from a run's first point of any tag, so that its lines and markers share one origin.
// GUI thread only.
class ScalarChart : public QWidget {
    Q_OBJECT

public:
    ScalarChart(const QString &title, RunMetricsSource *source, QWidget *parent = nullptr);
    ~ScalarChart() override;

    QString title() const { return m_title; }
    void setLines(const QList<ChartLine> &lines);
    const QList<ChartLine> &lines() const { return m_lines; }
    void setSmoothing(double weight);
    void setXMode(XAxisMode mode);
    void setLogY(bool on);
    // The source has new points: smooths what is new and redraws; while hidden, only notes it.
    void updateData();
    // Back to the whole data, ranges following new points again.
    void resetZoom();
    bool isZoomed() const { return m_zoomed; }

    // By the file's suffix: .svg as vector graphics, anything else as PNG.
    bool exportImage(const QString &path);
    // Every point of every line (not the decimated ones): run, tag, step, wall_time, value,
    // smoothed.
    bool exportCsv(const QString &path) const;
    QString csv() const;

    ChartView *view() const { return m_view; }
    QChart *chart() const { return m_chart; }
    QString readout() const;
    // Points handed to the chart's series at the last redraw, all lines.
    qsizetype drawnPoints() const;
    // Decimates again for the current ranges and size.
    void redraw();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Cache {
        std::size_t count = 0;
        double weight = -1;
        XAxisMode mode = XAxisMode::Step;
        double origin = 0;   // of relative time, when x was computed
        std::int64_t lastStep = 0;
        double lastWallTime = 0;
        std::vector<double> x;
        std::vector<double> smoothed;
        double lastValue = 0;
        bool constant = true;   // every value so far alike: smoothed is a copy (TensorBoard)
        SmoothingState state;
        bool hidden = false;
        QLineSeries *raw = nullptr;
        QLineSeries *line = nullptr;
    };
    void rebuildSeries();
    void refreshCache(int index);
    void makeAxes();
    void updateMarkers();
    void fitRanges();
    void applyRanges();
    void showReadout(QPointF value);
    void showMenu(const QPoint &position);
    void showHint();
    void zoom(Qt::Orientation orientation, double factor, QPointF at);
    void pan(QPointF from, QPointF to);
    double xOf(double value) const;   // axis value of a data x (wall time in ms for a date axis)

    QString m_title;
    RunMetricsSource *m_source;
    QChart *m_chart;
    ChartView *m_view;
    QLabel *m_readout;
    QAbstractAxis *m_xAxis = nullptr;
    QAbstractAxis *m_yAxis = nullptr;
    QList<ChartLine> m_lines;
    std::vector<Cache> m_caches;
    double m_weight = 0.6;
    XAxisMode m_mode = XAxisMode::Step;
    bool m_logY = false;
    bool m_zoomed = false;
    double m_x0 = 0, m_x1 = 1, m_y0 = 0, m_y1 = 1;
    qsizetype m_drawn = 0;
    bool m_dirty = false;   // data came while hidden
};

} // namespace sieve::ui
