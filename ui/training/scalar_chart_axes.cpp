// ScalarChart's axes: their kind for the x mode and the scale, their ranges with ticks at round
// values, and the x of the restart markers in the axis' values.

#include "training/scalar_chart.h"

#include "training/chart_view.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/run_restarts.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

// 1, 2 or 5 times a power of ten, about SPAN / PARTS: ticks at round values.
double niceInterval(double span, int parts = 5)
{
    const double raw = span / parts;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0})
        if (raw <= factor * magnitude)
            return factor * magnitude;
    return 10 * magnitude;
}

// Sets the range FROM–TO with ticks at round values. The axis lays its ticks out at each
// change: the range is set while the interval is the larger of the old and the new one, or a
// range grown from 0–1 to 0–1,000,000 would first be laid out with 5,000,000 ticks.
void setRangeWithNiceTicks(QValueAxis *axis, double from, double to, bool integral)
{
    double interval = to > from ? niceInterval(to - from) : 1;
    if (integral)
        interval = std::max(1.0, interval);
    if (!std::isfinite(interval) || interval <= 0) {
        axis->setTickType(QValueAxis::TicksFixed);
        axis->setRange(from, to);
        return;
    }
    if (axis->tickType() != QValueAxis::TicksDynamic) {
        axis->setTickInterval(std::max(interval, axis->max() - axis->min()));
        axis->setTickAnchor(0);
        axis->setTickType(QValueAxis::TicksDynamic);
    }
    axis->setTickInterval(std::max(interval, axis->tickInterval()));
    axis->setRange(from, to);
    axis->setTickInterval(interval);
}

} // namespace

void ScalarChart::makeAxes()
{
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    if (m_mode == XAxisMode::WallTime) {
        auto *axis = new QDateTimeAxis;
        axis->setFormat(QStringLiteral("HH:mm:ss"));
        axis->setTitleText(tr("Wall time"));
        m_xAxis = axis;
    } else {
        auto *axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.6g"));
        axis->setTitleText(m_mode == XAxisMode::Step ? tr("Step") : tr("Relative time (s)"));
        m_xAxis = axis;
    }
    if (m_logY) {
        auto *axis = new QLogValueAxis;
        axis->setLabelFormat(QStringLiteral("%.3g"));
        axis->setMinorTickCount(-1);
        m_yAxis = axis;
    } else {
        auto *axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.3g"));
        m_yAxis = axis;
    }
    QFont small = m_xAxis->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_xAxis->setLabelsFont(small);
    m_yAxis->setLabelsFont(small);
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);
    for (QAbstractSeries *series : m_chart->series()) {
        series->attachAxis(m_xAxis);
        series->attachAxis(m_yAxis);
    }
}

double ScalarChart::xOf(double value) const { return m_mode == XAxisMode::WallTime ? value * 1000.0 : value; }

void ScalarChart::applyRanges()
{
    if (auto *dates = qobject_cast<QDateTimeAxis *>(m_xAxis))
        dates->setRange(QDateTime::fromMSecsSinceEpoch(qint64(m_x0)), QDateTime::fromMSecsSinceEpoch(qint64(m_x1)));
    else if (auto *x = qobject_cast<QValueAxis *>(m_xAxis))
        setRangeWithNiceTicks(x, m_x0, m_x1, m_mode == XAxisMode::Step);
    if (auto *y = qobject_cast<QValueAxis *>(m_yAxis); y && !m_zoomed) {
        // Fitted: the range widened to round values, a tick at each (dynamic ticks lose their
        // labels on ranges of 1e-4 and below).
        // Not finer: more labels than about six are elided on a chart of 300 pixels.
        const double interval = niceInterval(m_y1 - m_y0);
        if (std::isfinite(interval) && interval > 0) {
            m_y0 = std::floor(m_y0 / interval) * interval;
            m_y1 = std::ceil(m_y1 / interval) * interval;
            y->setTickCount(std::clamp(int(std::lround((m_y1 - m_y0) / interval)) + 1, 2, 12));
        }
        y->setRange(m_y0, m_y1);
    } else if (y) {
        y->setTickCount(5);
        y->setRange(m_y0, m_y1);
    } else {
        m_yAxis->setRange(m_y0, m_y1);
    }
}

void ScalarChart::updateMarkers()
{
    // The runs charted with a line showing, each in its colour in the runs list (its lines
    // here are that colour or shades of it).
    QList<std::int64_t> runs;
    for (int i = 0; i < m_lines.size(); ++i)
        if (!m_caches[std::size_t(i)].hidden && !runs.contains(m_lines[i].runId))
            runs.append(m_lines[i].runId);
    QList<ChartMarker> markers;
    for (int r = 0; r < runs.size(); ++r) {
        const RunMetricsSource::TagSeries *tags = m_source->metrics(runs[r]);
        if (!tags || !tags->contains(kRestartTag))
            continue;
        const double start = m_source->startTime(runs[r]);
        for (const RunRestart &restart : runRestarts(*tags, m_source->run(runs[r]))) {
            double x = double(restart.step);
            if (m_mode == XAxisMode::RelativeTime)
                x = restart.wallTime - start;
            else if (m_mode == XAxisMode::WallTime)
                x = xOf(restart.wallTime);
            if (!std::isfinite(x))
                continue;
            const QString text = restartText(restart);
            markers.append({x, RunListModel::runColour(runs[r]), restartLabel(restart), runs.size() > 1 ? tr("Run %1, %2").arg(runs[r]).arg(text) : text});
        }
    }
    m_view->setMarkers(std::move(markers));
}
} // namespace sieve::ui
