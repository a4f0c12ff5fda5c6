#include "training/chart_view.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sieve::ui {

ChartView::ChartView(QChart *chart, QWidget *parent) : QChartView(chart, parent)
{
    setMouseTracking(true);
    setRenderHint(QPainter::Antialiasing, true);
    setToolTip(tr("Wheel: zoom the steps (Shift: the values) · drag: pan · double click: reset"));
    // The scene repaints only what its items changed; markers follow the plot area wherever
    // the axes' labels make it move or grow.
    connect(chart, &QChart::plotAreaChanged, this, [this] {
        if (!m_markers.isEmpty())
            viewport()->update();
    });
}

QPointF ChartView::valueAt(QPointF position) const
{
    return chart()->mapToValue(chart()->mapFromScene(mapToScene(position.toPoint())));
}

void ChartView::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    const Qt::Orientation orientation = event->modifiers() & Qt::ShiftModifier ? Qt::Vertical : Qt::Horizontal;
    emit zoomRequested(orientation, std::pow(0.8, notches), valueAt(event->position()));
    event->accept();
}

void ChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && chart()->plotArea().contains(event->position())) {
        m_dragging = true;
        m_dragFrom = valueAt(event->position());
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    m_hoveredMarker = m_dragging ? -1 : markerNear(event->position().x());
    if (m_dragging) {
        // After a pan the same pixel holds another value: the drag start follows the axes.
        const QPointF now = valueAt(event->position());
        emit panRequested(m_dragFrom, now);
        m_dragFrom = valueAt(event->position());
        event->accept();
        return;
    }
    if (chart()->plotArea().contains(event->position()))
        emit hovered(valueAt(event->position()));
    else
        emit left();
    QChartView::mouseMoveEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        unsetCursor();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    emit resetRequested();
    event->accept();
}

void ChartView::leaveEvent(QEvent *event)
{
    m_hoveredMarker = -1;
    emit left();
    QChartView::leaveEvent(event);
}

void ChartView::setMarkers(QList<ChartMarker> markers)
{
    std::stable_sort(markers.begin(), markers.end(), [](const ChartMarker &a, const ChartMarker &b) { return a.x < b.x; });
    if (markers.isEmpty() && m_markers.isEmpty())
        return;
    m_markers = std::move(markers);
    m_hoveredMarker = -1;
    viewport()->update();
}

std::optional<double> ChartView::sceneX(double value) const
{
    const QList<QAbstractAxis *> axes = chart()->axes(Qt::Horizontal);
    if (axes.isEmpty())
        return std::nullopt;
    double min = 0, max = 0;
    if (const auto *values = qobject_cast<const QValueAxis *>(axes.first())) {
        min = values->min();
        max = values->max();
    } else if (const auto *dates = qobject_cast<const QDateTimeAxis *>(axes.first())) {
        min = double(dates->min().toMSecsSinceEpoch());
        max = double(dates->max().toMSecsSinceEpoch());
    } else {
        return std::nullopt;
    }
    if (!(max > min) || value < min || value > max)
        return std::nullopt;
    // As Qt Charts maps a value axis: linear over the plot area's width.
    const QRectF plot = chart()->plotArea();
    return chart()->mapToScene(QPointF(plot.left() + (value - min) / (max - min) * plot.width(), plot.top())).x();
}

std::optional<double> ChartView::markerPosition(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return std::nullopt;
    const std::optional<double> x = sceneX(m_markers[index].x);
    if (!x)
        return std::nullopt;
    return mapFromScene(QPointF(*x, 0)).x();
}

int ChartView::markerNear(double viewportX) const
{
    int nearest = -1;
    double distance = 5;   // pixels: a dashed line of one is hard to hit
    for (int i = 0; i < m_markers.size(); ++i)
        if (const std::optional<double> x = markerPosition(i); x && std::abs(*x - viewportX) < distance) {
            distance = std::abs(*x - viewportX);
            nearest = i;
        }
    return nearest;
}

void ChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_markers.isEmpty())
        return;
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    painter->save();
    painter->setClipRect(plot);
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    double labelsEnd = -std::numeric_limits<double>::infinity();
    for (const ChartMarker &marker : std::as_const(m_markers)) {
        const std::optional<double> x = sceneX(marker.x);
        if (!x)
            continue;
        const double at = std::floor(*x) + 0.5;   // on a pixel column: crisp, not two faint ones
        QPen pen(marker.colour, 1, Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawLine(QPointF(at, plot.top()), QPointF(at, plot.bottom()));
        if (marker.label.isEmpty())
            continue;
        QRectF box(at + 3, plot.top() + 2, metrics.horizontalAdvance(marker.label) + 8, metrics.height() + 2);
        if (box.right() > plot.right())
            box.moveRight(at - 3);
        // A label that would cover the one before is left out; the tooltip still tells it.
        if (box.left() < labelsEnd)
            continue;
        painter->fillRect(box, QColor(255, 255, 255, 220));
        painter->setPen(marker.colour);
        painter->drawText(box, Qt::AlignCenter, marker.label);
        labelsEnd = box.right() + 4;
    }
    painter->restore();
}

bool ChartView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int marker = chart()->plotArea().contains(help->pos()) ? markerNear(help->pos().x()) : -1;
        if (marker >= 0) {
            QToolTip::showText(help->globalPos(), m_markers[marker].text, viewport());
            return true;
        }
    }
    return QChartView::viewportEvent(event);
}

} // namespace sieve::ui
