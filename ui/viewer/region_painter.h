#pragma once

#include "store/regions.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace sieve::ui {

// How the viewer draws regions over the image, in widget coordinates: the colour of a region's
// type, its box (dashed while undecided, solid when accepted, thin and grey when rejected,
// faint for plain OCR text), its label, the selected box's handles, the box being drawn, and
// small tags (a box's size while dragging). Painting only: no state, GUI thread.
class RegionPainter {
public:
    // Tags are kept inside AREA (the view less its status bar).
    RegionPainter(QPainter &painter, const QRectF &area) : m_painter(painter), m_area(area) {}

    static QColor colorOf(const store::Region &region);

    // REGION's box shown at TARGET; SELECTED adds the outline, the handles (unless it is not
    // stored yet) and always a label; HIDETEXT leaves the recognized text out of the label (the
    // redaction preview).
    void paintRegion(const store::Region &region, const QRectF &target, bool selected, bool hideText);
    // The box the analyst is drawing, with its size in image pixels.
    void paintDrawing(const QRectF &target, const QSize &imageSize);
    // A box's size in image pixels next to its bottom-right corner.
    void paintSize(const QRectF &target, const QSize &imageSize);
    // TEXT on a dark (or BACKGROUND) pill at TOPLEFT, moved back inside the area and elided to it.
    void paintTag(QPointF topLeft, const QString &text, const QColor &background = QColor(0, 0, 0, 190));

private:
    void paintHandles(const QRectF &target);

    QPainter &m_painter;
    QRectF m_area;
};

} // namespace sieve::ui
