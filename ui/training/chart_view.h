#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QString>

#include <optional>

namespace sieve::ui {

// An event on a chart's x axis (a cluster run's restart): a dashed vertical line across the
// plot with a short label at its top; its text in a tooltip.
struct ChartMarker {
    double x = 0;       // in the x axis' values (milliseconds since the epoch on a date axis)
    QColor colour;
    QString label;      // at the top of the line, when there is room
    QString text;       // the tooltip and the read-out
};

// A chart view that turns the mouse into requests in value coordinates: the wheel zooms the
// x axis about the pointer (with Shift the y axis), a drag pans, a double click resets, and
// moving the pointer asks for a read-out. The owner changes the axes; this only measures, and
// draws the markers over the plot where the axes put them at each paint (a handful of lines:
// nothing to cache, nothing to move when the ranges change).
class ChartView : public QChartView {
    Q_OBJECT

public:
    explicit ChartView(QChart *chart, QWidget *parent = nullptr);

    // Replaces the markers (kept in x order) and repaints.
    void setMarkers(QList<ChartMarker> markers);
    const QList<ChartMarker> &markers() const { return m_markers; }
    // Where marker INDEX is drawn, a viewport x; nullopt when it is out of the x range.
    std::optional<double> markerPosition(int index) const;
    // The marker under the pointer at its last move (within a few pixels), else -1.
    int hoveredMarker() const { return m_hoveredMarker; }

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
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    bool viewportEvent(QEvent *event) override;

private:
    QPointF valueAt(QPointF position) const;
    std::optional<double> sceneX(double value) const;
    int markerNear(double viewportX) const;

    QList<ChartMarker> m_markers;
    int m_hoveredMarker = -1;

    bool m_dragging = false;
    QPointF m_dragFrom;   // value under the pointer when the drag began or last moved
};

} // namespace sieve::ui
