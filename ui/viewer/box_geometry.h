#pragma once

#include <QPoint>
#include <QRect>
#include <QRectF>

namespace sieve::ui {

// The geometry of editing a region's box with the mouse. Boxes are in image pixels unless a
// name says widget; every result stays inside BOUNDS (the image) and keeps at least
// kMinimumBoxSide pixels on each side, so what the viewer sends is always a box the edit log
// accepts.
inline constexpr int kMinimumBoxSide = 4;

// The edges of a box shown at WIDGETBOX that a pointer at POS grabs: within a few pixels of an
// edge, inside or just outside it; both edges near a corner. On a small box the inner reach
// shrinks so that its middle still moves it. None when POS is elsewhere.
Qt::Edges grabbedEdges(const QRectF &widgetBox, QPointF pos);

// ORIGINAL shifted by DELTA, then pushed back inside BOUNDS whole (its size never changes).
QRect movedBox(const QRect &original, QPoint delta, const QRect &bounds);

// ORIGINAL with the grabbed EDGES shifted by DELTA; an edge stops at BOUNDS and at
// kMinimumBoxSide from the opposite edge.
QRect resizedBox(const QRect &original, Qt::Edges edges, QPoint delta, const QRect &bounds);

// The box between two points (either order), clipped to BOUNDS; may be smaller than the
// minimum (the caller decides whether it is a box or a click).
QRect spannedBox(QPointF from, QPointF to, const QRect &bounds);

// The resize cursor for grabbed edges (ArrowCursor for none).
Qt::CursorShape resizeCursor(Qt::Edges edges);

} // namespace sieve::ui
