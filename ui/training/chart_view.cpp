#include "training/chart_view.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace sieve::ui {

ChartView::ChartView(QChart *chart, QWidget *parent) : QChartView(chart, parent)
{
    setMouseTracking(true);
    setRenderHint(QPainter::Antialiasing, true);
    setToolTip(tr("Wheel: zoom the steps (Shift: the values) · drag: pan · double click: reset"));
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
    emit left();
    QChartView::leaveEvent(event);
}

} // namespace sieve::ui
