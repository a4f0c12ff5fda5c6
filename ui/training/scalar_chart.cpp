#include "training/scalar_chart.h"

#include "training/chart_math.h"
#include "training/chart_view.h"
#include "training/run_metrics_source.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

constexpr int kMarkersBelow = 60;   // lines with fewer points (validation per epoch) show their points

QString number(double value) { return QString::number(value, 'g', 17); }

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
                redraw();
            });
        }
    }
}

double ScalarChart::xOf(double value) const { return m_mode == XAxisMode::WallTime ? value * 1000.0 : value; }

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
    // The last point read may be read again with another value (see RunMetricsSource).
    const bool rewritten = cache.count > 0 && (cache.count > series->size() || series->values[cache.count - 1] != cache.lastValue);
    if (rewritten || cache.weight != m_weight) {
        cache.smoothed.clear();
        cache.state = {};
        cache.constant = true;
        cache.count = 0;
    }
    if (cache.mode != m_mode || series->size() < cache.x.size())
        cache.x.clear();
    cache.mode = m_mode;
    const double origin = series->wallTimes.front();
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

bool ScalarChart::exportImage(const QString &path)
{
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(m_view->size());
        generator.setViewBox(QRect(QPoint(0, 0), m_view->size()));
        generator.setTitle(m_title);
        QPainter painter;
        if (!painter.begin(&generator))
            return false;
        m_view->render(&painter);
        return painter.end();
    }
    return m_view->grab().save(path, "PNG");
}

QString ScalarChart::csv() const
{
    QString text = QStringLiteral("run,tag,step,wall_time,value,smoothed\n");
    for (int i = 0; i < m_lines.size(); ++i) {
        const store::MetricSeries *series = m_source->series(m_lines[i].runId, m_lines[i].tag);
        if (!series)
            continue;
        const std::vector<double> smoothed = smoothTensorBoard(series->values, m_weight);
        for (std::size_t p = 0; p < series->size(); ++p)
            text += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                        .arg(m_lines[i].runId)
                        .arg(m_lines[i].tag)
                        .arg(series->steps[p])
                        .arg(number(series->wallTimes[p]), number(series->values[p]), number(smoothed[p]));
    }
    return text;
}

bool ScalarChart::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    return file.write(csv().toUtf8()) >= 0 && file.flush();
}

void ScalarChart::showMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addAction(tr("Reset Zoom"), this, &ScalarChart::resetZoom);
    menu.addSeparator();
    menu.addAction(tr("Export Image (PNG or SVG)…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), m_title + QStringLiteral(".png"),
                                                          tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (!path.isEmpty() && !exportImage(path))
            m_readout->setText(tr("Cannot write %1.").arg(path.toHtmlEscaped()));
    });
    menu.addAction(tr("Export Data as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data"), m_title + QStringLiteral(".csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty() && !exportCsv(path))
            m_readout->setText(tr("Cannot write %1.").arg(path.toHtmlEscaped()));
    });
    menu.exec(m_view->mapToGlobal(position));
}

} // namespace sieve::ui
