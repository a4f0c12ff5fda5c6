#include "training/scalar_chart.h"

#include "training/chart_math.h"
#include "training/chart_view.h"
#include "training/run_metrics_source.h"

#include <QChart>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

constexpr int kMarkersBelow = 60;   // lines with fewer points (validation per epoch) show their points

} // namespace

ScalarChart::ScalarChart(const QString &title, RunMetricsSource *source, QWidget *parent)
    : QWidget(parent), m_title(title), m_source(source), m_chart(new QChart), m_view(new ChartView(m_chart, this)),
      m_readout(new QLabel(this))
{
    setObjectName(QStringLiteral("scalarChart"));
    m_chart->setTitle(title);
    QFont titleFont = m_chart->titleFont();
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    QFont small = m_chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_chart->legend()->setFont(small);
    m_view->setMinimumSize(320, 220);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_readout->setObjectName(QStringLiteral("chartReadout"));
    m_readout->setTextFormat(Qt::RichText);
    m_readout->setFixedHeight(m_readout->fontMetrics().height() * 2 + 6);
    m_readout->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_readout->setWordWrap(true);
    m_readout->setContentsMargins(8, 2, 8, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_readout);
    makeAxes();
    connect(m_view, &ChartView::zoomRequested, this, &ScalarChart::zoom);
    connect(m_view, &ChartView::panRequested, this, &ScalarChart::pan);
    connect(m_view, &ChartView::resetRequested, this, &ScalarChart::resetZoom);
    connect(m_view, &ChartView::hovered, this, &ScalarChart::showReadout);
    connect(m_view, &ChartView::left, this, &ScalarChart::showHint);
    showHint();
    connect(m_view, &QWidget::customContextMenuRequested, this, &ScalarChart::showMenu);
}

ScalarChart::~ScalarChart() = default;

void ScalarChart::setLines(const QList<ChartLine> &lines)
{
    m_lines = lines;
    rebuildSeries();
    updateData();
}

void ScalarChart::setSmoothing(double weight)
{
    m_weight = weight;
    updateData();
}

void ScalarChart::setXMode(XAxisMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_zoomed = false;
    makeAxes();
    updateData();
}

void ScalarChart::setLogY(bool on)
{
    if (on == m_logY)
        return;
    m_logY = on;
    m_zoomed = false;
    makeAxes();
    updateData();
}

void ScalarChart::rebuildSeries()
{
    m_chart->removeAllSeries();
    m_caches.clear();
    m_caches.resize(std::size_t(m_lines.size()));
    for (int i = 0; i < m_lines.size(); ++i) {
        const ChartLine &line = m_lines[i];
        Cache &cache = m_caches[std::size_t(i)];
        cache.raw = new QLineSeries;
        cache.line = new QLineSeries;
        QColor faint = line.colour;
        faint.setAlpha(60);
        QPen rawPen(faint, 1, line.style);
        cache.raw->setPen(rawPen);
        cache.line->setPen(QPen(line.colour, 2, line.style));
        cache.line->setName(line.label);
        cache.raw->setUseOpenGL(false);
        m_chart->addSeries(cache.raw);
        m_chart->addSeries(cache.line);
        cache.raw->attachAxis(m_xAxis);
        cache.raw->attachAxis(m_yAxis);
        cache.line->attachAxis(m_xAxis);
        cache.line->attachAxis(m_yAxis);
        for (QLegendMarker *marker : m_chart->legend()->markers(cache.raw))
            marker->setVisible(false);
        for (QLegendMarker *marker : m_chart->legend()->markers(cache.line)) {
            connect(marker, &QLegendMarker::clicked, this, [this, i, marker] {
                Cache &c = m_caches[std::size_t(i)];
                c.hidden = !c.hidden;
                c.raw->setVisible(!c.hidden);
                c.line->setVisible(!c.hidden);
                // The marker stays, greyed, so the line can be shown again.
                marker->setVisible(true);
                QColor label = marker->labelBrush().color();
                label.setAlphaF(c.hidden ? 0.4f : 1.0f);
                marker->setLabelBrush(label);
                updateMarkers();   // a run none of whose lines shows has no markers either
                redraw();
            });
        }
    }
}


void ScalarChart::refreshCache(int index)
{
    Cache &cache = m_caches[std::size_t(index)];
    const store::MetricSeries *series = m_source->series(m_lines[index].runId, m_lines[index].tag);
    if (!series || series->empty()) {
        cache.count = 0;
        cache.x.clear();
        cache.smoothed.clear();
        return;
    }
    // The last point read may be read again with another value, and a run read afresh (resumed
    // or restarted) may have other points from some step on (see RunMetricsSource): the points
    // up to the last one cached are the same if that one is.
    const std::size_t last = cache.count - 1;
    const bool rewritten = cache.count > 0
                           && (cache.count > series->size() || series->values[last] != cache.lastValue
                               || series->steps[last] != cache.lastStep || series->wallTimes[last] != cache.lastWallTime);
    if (rewritten || cache.weight != m_weight) {
        cache.smoothed.clear();
        cache.state = {};
        cache.constant = true;
        cache.count = 0;
    }
    const double start = m_source->startTime(m_lines[index].runId);
    const double origin = std::isfinite(start) ? start : series->wallTimes.front();
    if (rewritten || cache.mode != m_mode || series->size() < cache.x.size() || (m_mode == XAxisMode::RelativeTime && origin != cache.origin))
        cache.x.clear();
    cache.mode = m_mode;
    cache.origin = origin;
    for (std::size_t i = cache.x.size(); i < series->size(); ++i) {
        switch (m_mode) {
        case XAxisMode::Step: cache.x.push_back(double(series->steps[i])); break;
        case XAxisMode::RelativeTime: cache.x.push_back(series->wallTimes[i] - origin); break;
        case XAxisMode::WallTime: cache.x.push_back(xOf(series->wallTimes[i])); break;
        }
    }
    const double first = series->values.front();
    const bool wasConstant = cache.constant;
    for (std::size_t i = cache.count; i < series->size() && cache.constant; ++i)
        cache.constant = series->values[i] == first;
    if (cache.constant) {
        cache.smoothed = series->values;
    } else {
        if (wasConstant) {   // the copy becomes a smoothing from the first point
            cache.smoothed.clear();
            cache.state = {};
        }
        extendSmoothing(series->values, m_weight, cache.state, cache.smoothed);
    }
    cache.weight = m_weight;
    cache.count = series->size();
    cache.lastValue = series->values.back();
    cache.lastStep = series->steps.back();
    cache.lastWallTime = series->wallTimes.back();
}

void ScalarChart::updateData()
{
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    for (int i = 0; i < m_lines.size(); ++i)
        refreshCache(i);
    updateMarkers();
    if (!m_zoomed)
        fitRanges();
    redraw();
}

void ScalarChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        updateData();
}

void ScalarChart::fitRanges()
{
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0;
    for (const Cache &cache : m_caches) {
        if (cache.x.empty() || cache.hidden)
            continue;
        x0 = std::min(x0, cache.x.front());
        x1 = std::max(x1, cache.x.back());
    }
    if (!std::isfinite(x0)) {
        x0 = 0;
        x1 = 1;
    }
    if (x1 <= x0)
        x1 = x0 + 1;
    m_x0 = x0;
    m_x1 = x1;
}

void ScalarChart::resetZoom()
{
    m_zoomed = false;
    fitRanges();
    redraw();
}

void ScalarChart::redraw()
{
    const int columns = std::max(100, int(m_chart->plotArea().width()));
    double y0 = std::numeric_limits<double>::infinity(), y1 = -y0;
    m_drawn = 0;
    for (int i = 0; i < m_lines.size(); ++i) {
        Cache &cache = m_caches[std::size_t(i)];
        const store::MetricSeries *series = m_source->series(m_lines[i].runId, m_lines[i].tag);
        QList<QPointF> raw, smooth;
        if (series && cache.count == series->size() && !cache.hidden) {
            raw = decimateMinMax(cache.x, series->values, m_x0, m_x1, columns);
            smooth = decimateMinMax(cache.x, cache.smoothed, m_x0, m_x1, columns);
        }
        if (m_logY) {
            auto nonPositive = [](const QPointF &p) { return p.y() <= 0; };
            raw.removeIf(nonPositive);
            smooth.removeIf(nonPositive);
        }
        for (const QPointF &p : std::as_const(raw))
            if (p.x() >= m_x0 && p.x() <= m_x1) {
                y0 = std::min(y0, p.y());
                y1 = std::max(y1, p.y());
            }
        cache.line->setPointsVisible(cache.count > 0 && cache.count < kMarkersBelow);
        m_drawn += raw.size() + smooth.size();
        cache.raw->replace(raw);
        cache.line->replace(smooth);
    }
    if (!m_view->markers().isEmpty())
        m_view->viewport()->update();   // drawn over the scene: not repainted with the items
    if (!m_zoomed) {
        if (!std::isfinite(y0)) {
            y0 = m_logY ? 0.1 : 0;
            y1 = 1;
        }
        if (m_logY) {
            m_y0 = y0 / 1.2;
            m_y1 = y1 * 1.2;
        } else {
            const double margin = y1 > y0 ? (y1 - y0) * 0.05 : std::max(std::abs(y0) * 0.05, 0.05);
            m_y0 = y0 - margin;
            m_y1 = y1 + margin;
        }
    }
    applyRanges();
}

void ScalarChart::zoom(Qt::Orientation orientation, double factor, QPointF at)
{
    m_zoomed = true;
    if (orientation == Qt::Horizontal) {
        m_x0 = at.x() - (at.x() - m_x0) * factor;
        m_x1 = at.x() + (m_x1 - at.x()) * factor;
    } else if (m_logY) {
        const double a = std::log(at.y());
        m_y0 = std::exp(a - (a - std::log(m_y0)) * factor);
        m_y1 = std::exp(a + (std::log(m_y1) - a) * factor);
    } else {
        m_y0 = at.y() - (at.y() - m_y0) * factor;
        m_y1 = at.y() + (m_y1 - at.y()) * factor;
    }
    redraw();
}

void ScalarChart::pan(QPointF from, QPointF to)
{
    m_zoomed = true;
    const double dx = from.x() - to.x();
    m_x0 += dx;
    m_x1 += dx;
    if (m_logY && from.y() > 0 && to.y() > 0) {
        const double ratio = from.y() / to.y();
        m_y0 *= ratio;
        m_y1 *= ratio;
    } else if (!m_logY) {
        m_y0 += from.y() - to.y();
        m_y1 += from.y() - to.y();
    }
    redraw();
}

void ScalarChart::showReadout(QPointF value)
{
    // On a marker, what it marks (the values beside it would not fit in the two lines).
    if (const int marker = m_view->hoveredMarker(); marker >= 0) {
        m_readout->setText(QStringLiteral("<span style='color:%1'>¦ %2</span>")
                               .arg(m_view->markers()[marker].colour.name(), m_view->markers()[marker].text.toHtmlEscaped()));
        return;
    }
    QStringList parts;
    for (int i = 0; i < m_lines.size(); ++i) {
        const Cache &cache = m_caches[std::size_t(i)];
        const store::MetricSeries *series = m_source->series(m_lines[i].runId, m_lines[i].tag);
        if (cache.hidden || cache.x.empty() || !series || series->size() != cache.x.size())
            continue;
        auto it = std::lower_bound(cache.x.begin(), cache.x.end(), value.x());
        std::size_t at = std::size_t(it - cache.x.begin());
        if (at == cache.x.size() || (at > 0 && value.x() - cache.x[at - 1] < cache.x[at] - value.x()))
            at = at > 0 ? at - 1 : 0;
        parts.append(tr("<span style='color:%1'>■</span> %2: <b>%3</b> (smoothed %4) at step %5")
                         .arg(m_lines[i].colour.name(), m_lines[i].label.toHtmlEscaped())
                         .arg(series->values[at], 0, 'g', 5)
                         .arg(cache.smoothed[at], 0, 'g', 5)
                         .arg(series->steps[at]));
    }
    if (parts.isEmpty())
        showHint();
    else
        m_readout->setText(parts.join(QStringLiteral(" &nbsp; ")));
}

void ScalarChart::showHint()
{
    m_readout->setText(tr("<span style='color:gray'>Point: read values · wheel: zoom (Shift: values) · drag: pan<br>"
                          "double click: reset · right click: export image or CSV</span>"));
}

QString ScalarChart::readout() const { return m_readout->text(); }

qsizetype ScalarChart::drawnPoints() const { return m_drawn; }

void ScalarChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    redraw();   // more or fewer pixel columns
}


} // namespace sieve::ui
