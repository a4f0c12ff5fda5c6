#include "viewer/region_painter.h"

#include <QPainter>

#include <algorithm>

namespace sieve::ui {

namespace {

const QColor kDrawnColor(0x2e, 0x7d, 0x32);

QString sizeText(const QSize &size) { return QStringLiteral("%1 × %2").arg(size.width()).arg(size.height()); }

} // namespace

QColor RegionPainter::colorOf(const store::Region &region)
{
    if (region.kind == QLatin1String("face"))
        return QColor(0xd8, 0x1b, 0x60);
    if (region.kind == QLatin1String("manual"))
        return kDrawnColor;
    if (region.piiType == QLatin1String("phone"))
        return QColor(0xf5, 0x7c, 0x00);
    if (region.piiType == QLatin1String("email"))
        return QColor(0x15, 0x65, 0xc0);
    if (region.piiType == QLatin1String("name") || region.piiType == QLatin1String("address"))
        return QColor(0x8e, 0x24, 0xaa);
    if (!region.piiType.isEmpty())
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x78, 0x90, 0x9c);
}

void RegionPainter::paintRegion(const store::Region &region, const QRectF &target, bool selected, bool hideText)
{
    const bool rejected = region.decision == QLatin1String("rejected");
    const bool plainText = region.kind == QLatin1String("text") && region.decision != QLatin1String("accepted");
    QColor color = rejected ? QColor(0x9e, 0x9e, 0x9e) : colorOf(region);
    QPen pen(color, region.decision == QLatin1String("accepted") ? 3 : rejected ? 1 : 2);
    if (region.decision == QLatin1String("undecided"))
        pen.setStyle(Qt::DashLine);
    if (plainText) {
        color = QColor(255, 255, 255, 110);
        pen = QPen(color, 1, Qt::DotLine);
    }
    if (selected) {
        m_painter.setPen(QPen(Qt::white, pen.widthF() + 4));
        m_painter.drawRect(target.adjusted(-2, -2, 2, 2));
    }
    m_painter.setPen(pen);
    m_painter.setBrush(Qt::NoBrush);
    m_painter.drawRect(target);
    // Labels for the selected region, and for others where there is room for them.
    if (!selected && (target.height() < 14 || plainText))
        return;
    const QString label = (region.piiType.isEmpty() ? region.kind : store::regionTypeTitle(region.piiType))
                          + (region.text.isEmpty() || hideText ? QString() : QStringLiteral(": ") + region.text);
    // Kept on screen when the box's left edge is scrolled out of view.
    const QRectF labelRect(std::max(target.left(), std::min(0.0, target.right() - 80)), target.top() - 18,
                           std::max(80.0, target.width()), 17);
    const QFontMetrics metrics = m_painter.fontMetrics();
    m_painter.fillRect(QRectF(labelRect.topLeft(), QSizeF(metrics.horizontalAdvance(label) + 8, 17)).intersected(labelRect),
                       QColor(color.red(), color.green(), color.blue(), 210));
    m_painter.setPen(Qt::white);
    m_painter.drawText(labelRect.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       metrics.elidedText(label, Qt::ElideRight, int(labelRect.width()) - 8));
    if (selected && region.id != 0)
        paintHandles(target);
}

void RegionPainter::paintHandles(const QRectF &target)
{
    // Corner handles always; edge handles where the box is long enough to tell them apart.
    constexpr double side = 7;
    QList<QPointF> points{target.topLeft(), target.topRight(), target.bottomLeft(), target.bottomRight()};
    if (target.width() > 4 * side)
        points << QPointF(target.center().x(), target.top()) << QPointF(target.center().x(), target.bottom());
    if (target.height() > 4 * side)
        points << QPointF(target.left(), target.center().y()) << QPointF(target.right(), target.center().y());
    m_painter.setPen(QPen(QColor(0x20, 0x21, 0x24), 1));
    m_painter.setBrush(Qt::white);
    for (const QPointF &point : points)
        m_painter.drawRect(QRectF(point - QPointF(side / 2, side / 2), QSizeF(side, side)));
    m_painter.setBrush(Qt::NoBrush);
}

void RegionPainter::paintDrawing(const QRectF &target, const QSize &imageSize)
{
    m_painter.fillRect(target, QColor(kDrawnColor.red(), kDrawnColor.green(), kDrawnColor.blue(), 70));
    m_painter.setPen(QPen(Qt::white, 2, Qt::DashLine));
    m_painter.setBrush(Qt::NoBrush);
    m_painter.drawRect(target);
    paintSize(target, imageSize);
}

void RegionPainter::paintSize(const QRectF &target, const QSize &imageSize)
{
    paintTag(target.bottomRight() + QPointF(6, 6), sizeText(imageSize));
}

void RegionPainter::paintTag(QPointF topLeft, const QString &text, const QColor &background)
{
    // Dark, so that it stays readable on any photo.
    const QFontMetrics metrics = m_painter.fontMetrics();
    const QString shown = metrics.elidedText(text, Qt::ElideRight, int(m_area.width()) - 12);
    QRectF tag(topLeft, QSizeF(metrics.horizontalAdvance(shown) + 12, metrics.height() + 6));
    tag.moveLeft(std::max(m_area.left(), std::min(tag.left(), m_area.right() - tag.width())));
    tag.moveTop(std::max(m_area.top(), std::min(tag.top(), m_area.bottom() - tag.height())));
    m_painter.setPen(Qt::NoPen);
    m_painter.setBrush(background);
    m_painter.drawRoundedRect(tag, 4, 4);
    m_painter.setBrush(Qt::NoBrush);
    m_painter.setPen(Qt::white);
    m_painter.drawText(tag, Qt::AlignCenter, shown);
}

} // namespace sieve::ui
