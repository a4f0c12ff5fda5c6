#pragma once

#include <QChartView>

namespace sieve::ui {

// A chart view that turns the mouse into requests in value coordinates: the wheel zooms the
// x axis about the pointer (with Shift the y axis), a drag pans, a double click resets, and
// moving the pointer asks for a read-out. The owner changes the axes; this only measures.
class ChartView : public QChartView {
    Q_OBJECT

public:
    explicit ChartView(QChart *chart, QWidget *parent = nullptr);

signals:
    // Scale the range of ORIENTATION by FACTOR (< 1 zooms in) keeping AT, a value, in place.
    void zoomRequested(Qt::Orientation orientation, double factor, QPointF at);
    // Move both ranges so that the value at FROM comes to where TO is now.
    void panRequested(QPointF from, QPointF to);
    void resetRequested();
    // The pointer is at VALUE; LEFT when it left the plot.
    void hovered(QPointF value);
    void left();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QPointF valueAt(QPointF position) const;

    bool m_dragging = false;
    QPointF m_dragFrom;   // value under the pointer when the drag began or last moved
};

} // namespace sieve::ui
