#include "viewer/box_geometry.h"

#include <algorithm>

namespace sieve::ui {

namespace {

// How far from an edge, in widget pixels, the pointer still grabs it: about the size of the
// handles drawn on the selected box.
constexpr double kReach = 6;

// V limited to [LOW, HIGH]; LOW wins when they cross (a box already partly outside the image).
int bounded(int v, int low, int high) { return std::max(low, std::min(v, high)); }

} // namespace

Qt::Edges grabbedEdges(const QRectF &widgetBox, QPointF pos)
{
    if (widgetBox.isEmpty() || !widgetBox.adjusted(-kReach, -kReach, kReach, kReach).contains(pos))
        return {};
    const double innerX = std::min(kReach, widgetBox.width() / 4);
    const double innerY = std::min(kReach, widgetBox.height() / 4);
    Qt::Edges edges;
    if (pos.x() <= widgetBox.left() + innerX)
        edges |= Qt::LeftEdge;
    else if (pos.x() >= widgetBox.right() - innerX)
        edges |= Qt::RightEdge;
    if (pos.y() <= widgetBox.top() + innerY)
        edges |= Qt::TopEdge;
    else if (pos.y() >= widgetBox.bottom() - innerY)
        edges |= Qt::BottomEdge;
    return edges;
}

QRect movedBox(const QRect &original, QPoint delta, const QRect &bounds)
{
    QRect box = original.translated(delta);
    box.moveLeft(bounded(box.x(), bounds.x(), bounds.x() + bounds.width() - box.width()));
    box.moveTop(bounded(box.y(), bounds.y(), bounds.y() + bounds.height() - box.height()));
    return box;
}

QRect resizedBox(const QRect &original, Qt::Edges edges, QPoint delta, const QRect &bounds)
{
    // Right and bottom as exclusive coordinates, so that width = right - left.
    int left = original.x(), top = original.y();
    int right = left + original.width(), bottom = top + original.height();
    if (edges & Qt::LeftEdge)
        left = bounded(left + delta.x(), bounds.x(), right - kMinimumBoxSide);
    if (edges & Qt::RightEdge)
        right = std::min(std::max(right + delta.x(), left + kMinimumBoxSide), bounds.x() + bounds.width());
    if (edges & Qt::TopEdge)
        top = bounded(top + delta.y(), bounds.y(), bottom - kMinimumBoxSide);
    if (edges & Qt::BottomEdge)
        bottom = std::min(std::max(bottom + delta.y(), top + kMinimumBoxSide), bounds.y() + bounds.height());
    return QRect(left, top, right - left, bottom - top);
}

QRect spannedBox(QPointF from, QPointF to, const QRect &bounds)
{
    auto clampX = [&](double x) { return std::clamp(x, double(bounds.x()), double(bounds.x() + bounds.width())); };
    auto clampY = [&](double y) { return std::clamp(y, double(bounds.y()), double(bounds.y() + bounds.height())); };
    const int left = qRound(clampX(std::min(from.x(), to.x())));
    const int right = qRound(clampX(std::max(from.x(), to.x())));
    const int top = qRound(clampY(std::min(from.y(), to.y())));
    const int bottom = qRound(clampY(std::max(from.y(), to.y())));
    return QRect(left, top, right - left, bottom - top);
}

Qt::CursorShape resizeCursor(Qt::Edges edges)
{
    const bool horizontal = edges & (Qt::LeftEdge | Qt::RightEdge);
    const bool vertical = edges & (Qt::TopEdge | Qt::BottomEdge);
    if (horizontal && vertical) {
        // Top-left and bottom-right corners resize along the falling diagonal "\".
        const bool falling = edges.testFlag(Qt::LeftEdge) == edges.testFlag(Qt::TopEdge);
        return falling ? Qt::SizeFDiagCursor : Qt::SizeBDiagCursor;
    }
    if (horizontal)
        return Qt::SizeHorCursor;
    if (vertical)
        return Qt::SizeVerCursor;
    return Qt::ArrowCursor;
}

} // namespace sieve::ui
