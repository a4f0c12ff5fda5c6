#include "demo/demo_products.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

#include <cmath>

// The drawing of one item per shape family, in unit coordinates: the item is centred at the
// origin, 1 high and `aspect` wide; y grows downwards.

namespace sieve::demo {

namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kLine = 0.008;

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

void outline(QPainter &p, const QPainterPath &path, const QColor &body)
{
    p.strokePath(path, QPen(body.darker(175), kLine));
}

void applyPattern(QPainter &p, const QPainterPath &clip, Pattern pattern, const QColor &color, Rng &rng)
{
    const QRectF b = clip.boundingRect();
    p.save();
    p.setClipPath(clip, Qt::IntersectClip);
    p.setPen(Qt::NoPen);
    const double period = b.height() / rng.range(7, 12);
    switch (pattern) {
    case Pattern::Stripes:
        p.setBrush(withAlpha(color, 220));
        for (double y = b.top() + period * rng.uniform(); y < b.bottom(); y += period)
            p.drawRect(QRectF(b.left(), y, b.width(), period * 0.38));
        break;
    case Pattern::Dots: {
        p.setBrush(withAlpha(color, 230));
        int row = 0;
        for (double y = b.top(); y < b.bottom() + period; y += period, ++row) {
            for (double x = b.left() + (row % 2) * period / 2; x < b.right() + period; x += period)
                p.drawEllipse(QPointF(x, y), period * 0.2, period * 0.2);
        }
        break;
    }
    case Pattern::Band:
        p.setBrush(withAlpha(color, 235));
        p.drawRect(QRectF(b.left(), b.top() + b.height() * 0.18, b.width(), b.height() * 0.05));
        p.drawRect(QRectF(b.left(), b.top() + b.height() * 0.8, b.width(), b.height() * 0.05));
        break;
    case Pattern::Weave: {
        // Hair-thin (cosmetic) threads: wide pens under a path clip cost a second a sack.
        QList<QLineF> threads;
        const double step = 0.03;
        for (double x = b.left() - b.height(); x < b.right(); x += step) {
            threads << QLineF(x, b.bottom(), x + b.height(), b.top());
            threads << QLineF(x, b.top(), x + b.height(), b.bottom());
        }
        p.setPen(QPen(withAlpha(color.darker(140), 90), 0));
        p.drawLines(threads);
        break;
    }
    case Pattern::Checker:
        p.setBrush(withAlpha(color, 200));
        for (double y = b.top(); y < b.bottom(); y += period) {
            const int row = int((y - b.top()) / period);
            for (double x = b.left() + (row % 2) * period; x < b.right(); x += 2 * period)
                p.drawRect(QRectF(x, y, period, period));
        }
        break;
    case Pattern::Waves: {
        p.setBrush(withAlpha(color, 225));
        const double phase = rng.uniform(0, 2 * kPi);
        QPainterPath wave;
        const double base = b.top() + b.height() * rng.uniform(0.45, 0.65);
        wave.moveTo(b.left(), b.bottom());
        for (int i = 0; i <= 24; ++i) {
            const double x = b.left() + b.width() * i / 24.0;
            wave.lineTo(x, base + std::sin(phase + i * 0.5) * b.height() * 0.06);
        }
        wave.lineTo(b.right(), b.bottom());
        wave.closeSubpath();
        p.drawPath(wave);
        break;
    }
    case Pattern::Speckle:
        p.setBrush(withAlpha(color, 110));
        for (int i = 0; i < 90; ++i) {
            const double r = rng.uniform(0.004, 0.012);
            const double x = rng.uniform(b.left(), b.right());
            const double y = rng.uniform(b.top(), b.bottom());
            p.drawEllipse(QPointF(x, y), r, r);
        }
        break;
    case Pattern::Gradient: {
        QLinearGradient g(b.topLeft(), b.bottomLeft());
        g.setColorAt(0, withAlpha(color, 0));
        g.setColorAt(1, withAlpha(color, 200));
        p.setBrush(g);
        p.drawRect(b);
        break;
    }
    case Pattern::Plain: break;
    }
    p.restore();
}

// Light from the upper left: a highlight and a dark edge across the width of a round body.
void shadeCylinder(QPainter &p, const QPainterPath &path)
{
    const QRectF b = path.boundingRect();
    QLinearGradient g(b.left(), 0, b.right(), 0);
    g.setColorAt(0, QColor(0, 0, 0, 80));
    g.setColorAt(0.22, QColor(255, 255, 255, 75));
    g.setColorAt(0.42, QColor(255, 255, 255, 0));
    g.setColorAt(0.8, QColor(0, 0, 0, 25));
    g.setColorAt(1, QColor(0, 0, 0, 110));
    p.fillPath(path, g);
}

void shadeFlat(QPainter &p, const QPainterPath &path)
{
    const QRectF b = path.boundingRect();
    QLinearGradient g(b.topLeft(), b.bottomRight());
    g.setColorAt(0, QColor(255, 255, 255, 55));
    g.setColorAt(0.5, QColor(0, 0, 0, 0));
    g.setColorAt(1, QColor(0, 0, 0, 75));
    p.fillPath(path, g);
}

void shadeSphere(QPainter &p, const QPainterPath &path)
{
    const QRectF b = path.boundingRect();
    QRadialGradient g(b.center(), std::max(b.width(), b.height()) * 0.62,
                      b.center() - QPointF(b.width() * 0.2, b.height() * 0.22));
    g.setColorAt(0, QColor(255, 255, 255, 110));
    g.setColorAt(0.35, QColor(255, 255, 255, 0));
    g.setColorAt(0.8, QColor(0, 0, 0, 40));
    g.setColorAt(1, QColor(0, 0, 0, 130));
    p.fillPath(path, g);
}

// A brand emblem: a ring, a star or a diamond, never letters (all text is drawn, and recorded,
// by the text layer).
void emblem(QPainter &p, QPointF center, double radius, const QColor &fill, const QColor &ring, Rng &rng)
{
    p.save();
    p.setPen(QPen(ring, radius * 0.18));
    p.setBrush(fill);
    switch (rng.range(0, 2)) {
    case 0: p.drawEllipse(center, radius, radius); break;
    case 1: {
        QPolygonF star;
        for (int i = 0; i < 10; ++i) {
            const double r = i % 2 ? radius * 0.45 : radius;
            const double a = -kPi / 2 + i * kPi / 5;
            star << center + QPointF(std::cos(a) * r, std::sin(a) * r);
        }
        p.drawPolygon(star);
        break;
    }
    default:
        p.drawPolygon(QPolygonF({center + QPointF(0, -radius), center + QPointF(radius * 0.8, 0),
                                 center + QPointF(0, radius), center + QPointF(-radius * 0.8, 0)}));
        break;
    }
    p.restore();
}

QPainterPath roundedRect(const QRectF &rect, double radius)
{
    QPainterPath path;
    path.addRoundedRect(rect, radius, radius);
    return path;
}

QPainterPath zigzag(double left, double right, double top, double bottom, int teeth)
{
    QPainterPath path;
    path.moveTo(left, bottom);
    for (int i = 0; i <= teeth * 2; ++i)
        path.lineTo(left + (right - left) * i / (teeth * 2.0), i % 2 ? top : top + (bottom - top) * 0.5);
    path.lineTo(right, bottom);
    path.closeSubpath();
    return path;
}

void drawSack(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.moveTo(-hw * 0.92, 0.5);
    path.quadTo(0, 0.53, hw * 0.92, 0.5);
    path.cubicTo(hw * 1.05, 0.2, hw, -0.2, hw * 0.85, -0.38);
    path.lineTo(hw * 0.95, -0.48);
    path.quadTo(0, -0.4, -hw * 0.95, -0.48);
    path.lineTo(-hw * 0.85, -0.38);
    path.cubicTo(-hw, -0.2, -hw * 1.05, 0.2, -hw * 0.92, 0.5);
    p.fillPath(path, l.body);
    applyPattern(p, path, Pattern::Weave, l.body, rng);
    if (l.pattern != Pattern::Weave)
        applyPattern(p, path, l.pattern, l.second, rng);
    p.save();
    p.setClipPath(path);
    p.fillRect(QRectF(-hw, -0.12, 2 * hw, 0.34), l.second);
    p.restore();
    emblem(p, QPointF(0, 0.05), 0.1, l.accent, l.body, rng);
    p.setPen(QPen(l.body.darker(150), 0.01, Qt::DashLine));
    p.drawLine(QPointF(-hw * 0.8, -0.38), QPointF(hw * 0.8, -0.38));
    shadeFlat(p, path);
    outline(p, path, l.body);
}

void drawBottle(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const double nw = hw * 0.34;
    const double waist = l.detail == 2 ? hw * 0.78 : hw;
    QPainterPath path;
    path.moveTo(-nw, -0.42);
    path.lineTo(-nw, -0.32);
    path.cubicTo(-nw, -0.24, -hw, -0.24, -hw, -0.1);
    path.cubicTo(-waist, 0.1, -waist, 0.2, -hw, 0.3);
    path.lineTo(-hw, 0.46);
    path.quadTo(-hw, 0.5, -hw + 0.04, 0.5);
    path.lineTo(hw - 0.04, 0.5);
    path.quadTo(hw, 0.5, hw, 0.46);
    path.lineTo(hw, 0.3);
    path.cubicTo(waist, 0.2, waist, 0.1, hw, -0.1);
    path.cubicTo(hw, -0.24, nw, -0.24, nw, -0.32);
    path.lineTo(nw, -0.42);
    path.closeSubpath();
    // Water bottles are clear: the background shows through.
    p.fillPath(path, withAlpha(l.body, l.detail == 1 ? 110 : 230));
    if (l.detail == 1) {
        p.setPen(QPen(withAlpha(l.body.darker(140), 150), 0.006));
        for (double y = -0.15; y < 0.45; y += 0.09)
            p.drawLine(QPointF(-hw, y), QPointF(hw, y));
    }
    const QRectF label(-hw, 0.0, 2 * hw, l.detail == 1 ? 0.2 : 0.28);
    QPainterPath labelPath;
    labelPath.addRect(label);
    labelPath = labelPath.intersected(path);
    p.fillPath(labelPath, l.second);
    applyPattern(p, labelPath, l.pattern, l.body.lighter(120), rng);
    emblem(p, label.center(), std::min(hw * 0.55, label.height() * 0.32), l.accent, QColor(255, 255, 255), rng);
    p.fillPath(roundedRect(QRectF(-nw * 1.15, -0.5, nw * 2.3, 0.09), 0.015), l.accent);
    p.fillRect(QRectF(-hw * 0.58, -0.15, hw * 0.16, 0.6), QColor(255, 255, 255, 70));
    shadeCylinder(p, path);
    outline(p, path, l.body);
}

void drawBar(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const QRectF rect(-hw, -0.5, 2 * hw, 1);
    const QPainterPath path = roundedRect(rect, l.detail == 0 ? 0.2 : l.detail == 1 ? 0.12 : 0.03);
    p.fillPath(path, l.body);
    applyPattern(p, path, l.pattern, l.second, rng);
    if (l.detail == 0) {
        p.setPen(QPen(l.body.lighter(125), 0.025));
        p.setBrush(withAlpha(l.body.lighter(112), 200));
        p.drawEllipse(QPointF(0, 0), hw * 0.62, 0.3);
    } else if (l.detail == 1) {
        p.setPen(QPen(l.body.darker(130), 0.012));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(rect.adjusted(0.06, 0.06, -0.06, -0.06), 0.08, 0.08);
        p.fillRect(QRectF(-hw * 0.6, -0.3, hw * 1.2, 0.6), l.second);
        p.setBrush(l.accent);
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPointF(-hw * 0.1, 0), hw * 0.32, 0.14);
        p.drawPolygon(QPolygonF({QPointF(hw * 0.2, 0), QPointF(hw * 0.42, -0.13), QPointF(hw * 0.42, 0.13)}));
        p.setPen(QPen(QColor(200, 200, 200), 0.03));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(hw * 0.78, 0), 0.12, 0.12);
    } else {
        p.fillPath(zigzag(hw * 0.62, hw, -0.5, 0.5, 1).united(roundedRect(QRectF(hw * 0.7, -0.5, hw * 0.3, 1), 0.03)),
                   l.second);
        p.setPen(QPen(l.accent, 0.05));
        QPainterPath swoosh;
        swoosh.moveTo(-hw * 0.8, 0.15);
        swoosh.cubicTo(-hw * 0.4, -0.35, -hw * 0.1, 0.4, hw * 0.35, -0.15);
        p.drawPath(swoosh);
    }
    shadeFlat(p, path);
    outline(p, path, l.body);
}

void drawTin(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const double ry = 0.07;
    const bool can = l.detail == 1;
    QPainterPath path;
    path.addRect(QRectF(-hw, -0.5 + ry, 2 * hw, 1 - 2 * ry));
    QPainterPath bottom;
    bottom.addEllipse(QRectF(-hw, 0.5 - 2 * ry, 2 * hw, 2 * ry));
    path = path.united(bottom);
    p.fillPath(path, l.body);
    if (can) {
        applyPattern(p, path, l.pattern, l.second, rng);
        emblem(p, QPointF(0, 0.05), hw * 0.5, l.accent, l.second, rng);
    } else {
        QPainterPath label;
        label.addRect(QRectF(-hw, -0.12, 2 * hw, 0.36));
        p.fillPath(label, l.second);
        applyPattern(p, path, l.pattern, l.accent, rng);
        emblem(p, QPointF(0, 0.06), 0.13, l.body.lighter(110), l.accent, rng);
        p.fillRect(QRectF(-hw, -0.5 + ry, 2 * hw, 0.05), QColor(190, 190, 195));
        p.fillRect(QRectF(-hw, 0.5 - ry - 0.05, 2 * hw, 0.05), QColor(170, 170, 175));
    }
    shadeCylinder(p, path);
    outline(p, path, l.body);
    const QRectF top(can ? -hw * 0.86 : -hw, -0.5, can ? hw * 1.72 : 2 * hw, 2 * ry);
    p.setPen(QPen(QColor(120, 120, 125), kLine));
    p.setBrush(QColor(205, 205, 210));
    p.drawEllipse(top);
    p.setBrush(QColor(175, 175, 180));
    p.drawEllipse(top.adjusted(top.width() * 0.1, ry * 0.3, -top.width() * 0.1, -ry * 0.3));
    if (can)
        p.drawRoundedRect(QRectF(-hw * 0.25, -0.48, hw * 0.5, ry * 0.9), 0.02, 0.02);
}

void drawLoaf(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.moveTo(-hw, 0.5);
    path.lineTo(-hw, 0.05);
    path.cubicTo(-hw, -0.62, hw, -0.62, hw, 0.05);
    path.lineTo(hw, 0.5);
    path.closeSubpath();
    QLinearGradient g(0, -0.5, 0, 0.5);
    g.setColorAt(0, l.body.darker(125));
    g.setColorAt(0.55, l.body);
    g.setColorAt(1, l.second);
    p.fillPath(path, g);
    applyPattern(p, path, Pattern::Speckle, l.body.darker(140), rng);
    p.setPen(QPen(l.accent, 0.035, Qt::SolidLine, Qt::RoundCap));
    const int cuts = rng.range(3, 5);
    for (int i = 0; i < cuts; ++i) {
        const double x = -hw * 0.7 + i * hw * 1.4 / (cuts - 1);
        QPainterPath cut;
        cut.moveTo(x - 0.08, -0.05);
        cut.quadTo(x, -0.22, x + 0.1, -0.3);
        p.drawPath(cut);
    }
    shadeSphere(p, path);
    outline(p, path, l.body);
}

void drawCarton(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const double fw = 2 * hw * 0.78;
    const double left = -hw;
    const double right = left + fw;
    QPainterPath front;
    front.addRect(QRectF(left, -0.22, fw, 0.72));
    QPainterPath gable;
    gable.addPolygon(QPolygonF({QPointF(left, -0.22), QPointF(left + fw / 2, -0.42), QPointF(right, -0.22)}));
    QPainterPath side;
    side.addPolygon(QPolygonF({QPointF(right, -0.22), QPointF(hw, -0.27), QPointF(hw, 0.45), QPointF(right, 0.5)}));
    QPainterPath roof;
    roof.addPolygon(QPolygonF({QPointF(left + fw / 2, -0.42), QPointF(hw - fw * 0.03, -0.46), QPointF(hw, -0.27),
                               QPointF(right, -0.22)}));
    p.fillPath(front, l.body);
    applyPattern(p, front, l.pattern, l.second, rng);
    p.fillRect(QRectF(left, 0.28, fw, 0.1), l.second);
    emblem(p, QPointF(left + fw / 2, 0.02), fw * 0.22, l.accent, l.second, rng);
    p.fillPath(gable, l.body.darker(108));
    p.fillPath(side, l.body.darker(135));
    p.fillPath(roof, l.body.lighter(105).darker(115));
    p.fillPath(roundedRect(QRectF(left + fw * 0.45, -0.5, fw * 0.52, 0.06), 0.01), l.body.darker(112));
    const QPainterPath all = front.united(gable).united(side).united(roof);
    shadeFlat(p, all);
    outline(p, all, l.body);
}

void drawEggTray(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const QPainterPath tray = roundedRect(QRectF(-hw, -0.5, 2 * hw, 1), 0.04);
    p.fillPath(tray, l.body);
    applyPattern(p, tray, Pattern::Speckle, l.body.darker(130), rng);
    const int cols = l.aspect > 1.15 ? 6 : 5;
    const int rows = 5;
    const double cw = 2 * hw / cols;
    const double ch = 1.0 / rows;
    const QColor egg = rng.chance(0.5) ? l.second : l.accent;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const QPointF center(-hw + cw * (c + 0.5), -0.5 + ch * (r + 0.5));
            p.setPen(Qt::NoPen);
            p.setBrush(l.body.darker(135));
            p.drawEllipse(center, cw * 0.42, ch * 0.42);
            if (rng.chance(0.12))
                continue;
            QPainterPath shell;
            shell.addEllipse(center + QPointF(0, -ch * 0.04), cw * 0.36, ch * 0.4);
            p.fillPath(shell, egg);
            shadeSphere(p, shell);
        }
    }
    outline(p, tray, l.body);
}

void drawPouch(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    QPainterPath body;
    body.addRect(QRectF(-hw, -0.44, 2 * hw, 0.88));
    const QPainterPath top = zigzag(-hw, hw, -0.5, -0.42, 16);
    QPainterPath bottomEdge = zigzag(-hw, hw, 0.5, 0.42, 16);
    p.fillPath(body, l.body);
    applyPattern(p, body, l.pattern, l.second, rng);
    if (l.detail == 1) {
        // A biscuit pack shows a row of biscuits through a window.
        p.fillRect(QRectF(-hw * 0.85, -0.2, hw * 1.7, 0.4), l.second);
        for (int i = 0; i < 5; ++i) {
            p.setBrush(l.body.lighter(150));
            p.setPen(QPen(l.body, 0.01));
            p.drawEllipse(QPointF(-hw * 0.68 + i * hw * 0.34, 0), hw * 0.14, 0.15);
        }
    } else {
        p.fillRect(QRectF(-hw, 0.18, 2 * hw, 0.2), l.second);
        emblem(p, QPointF(0, -0.12), std::min(hw * 0.6, 0.22), l.accent, l.second, rng);
    }
    p.fillPath(top, l.body.darker(115));
    p.fillPath(bottomEdge, l.body.darker(115));
    const QPainterPath all = body.united(top).united(bottomEdge);
    shadeFlat(p, all);
    outline(p, all, l.body);
}

void drawBox(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const double depth = std::min(0.16, 2 * hw * 0.12);
    const QRectF frontRect(-hw, -0.5 + depth, 2 * hw - depth, 1 - depth);
    QPainterPath front;
    front.addRect(frontRect);
    QPainterPath topFace;
    topFace.addPolygon(QPolygonF({frontRect.topLeft(), frontRect.topLeft() + QPointF(depth, -depth),
                                  QPointF(hw, -0.5), frontRect.topRight()}));
    QPainterPath side;
    side.addPolygon(QPolygonF({frontRect.topRight(), QPointF(hw, -0.5), QPointF(hw, 0.5 - depth),
                               frontRect.bottomRight()}));
    p.fillPath(front, l.body);
    applyPattern(p, front, l.pattern, l.second, rng);
    if (l.detail == 1) {
        // Matches: the striker on the side, a flame emblem on the front.
        p.fillPath(side, l.accent);
        applyPattern(p, side, Pattern::Speckle, QColor(20, 20, 20), rng);
        p.fillRect(QRectF(frontRect.left() + frontRect.width() * 0.25, frontRect.top() + frontRect.height() * 0.2,
                          frontRect.width() * 0.5, frontRect.height() * 0.6),
                   l.second);
        emblem(p, frontRect.center(), frontRect.height() * 0.22, l.body, l.accent, rng);
    } else {
        p.fillPath(side, l.body.darker(140));
        p.fillRect(QRectF(frontRect.left(), frontRect.top() + frontRect.height() * 0.62, frontRect.width(),
                          frontRect.height() * 0.16),
                   l.second);
        emblem(p, frontRect.center() - QPointF(0, frontRect.height() * 0.12),
               std::min(frontRect.width(), frontRect.height()) * 0.2, l.accent, l.second, rng);
    }
    p.fillPath(topFace, l.body.lighter(118));
    const QPainterPath all = front.united(topFace).united(side);
    shadeFlat(p, all);
    outline(p, all, l.body);
}

void drawCells(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const bool candle = l.detail == 1;
    const int n = candle ? rng.range(3, 5) : rng.range(2, 4);
    const double cw = 2 * hw / n;
    for (int i = 0; i < n; ++i) {
        const double x = -hw + i * cw;
        const double top = candle ? -0.42 + rng.uniform(0, 0.05) : -0.44;
        const QPainterPath cell = roundedRect(QRectF(x + cw * 0.04, top, cw * 0.92, 0.5 - top), cw * 0.12);
        p.fillPath(cell, l.body);
        if (candle) {
            p.setPen(QPen(l.accent, 0.012));
            p.drawLine(QPointF(x + cw / 2, top), QPointF(x + cw / 2, top - 0.06));
            p.fillRect(QRectF(x, -0.05, cw, 0.22), withAlpha(l.second, 200));
        } else {
            p.save();
            p.setClipPath(cell);
            p.fillRect(QRectF(x, top, cw, (0.5 - top) * 0.32), l.second);
            p.restore();
            p.fillRect(QRectF(x + cw * 0.35, top - 0.05, cw * 0.3, 0.05), l.accent);
            p.setPen(QPen(QColor(240, 240, 240), 0.012));
            p.drawLine(QPointF(x + cw * 0.5, top + 0.05), QPointF(x + cw * 0.5, top + 0.11));
            p.drawLine(QPointF(x + cw * 0.41, top + 0.08), QPointF(x + cw * 0.59, top + 0.08));
        }
        shadeCylinder(p, cell);
        outline(p, cell, l.body);
    }
    if (candle) {
        QPainterPath wrap;
        wrap.addRect(QRectF(-hw, -0.25, 2 * hw, 0.75));
        p.fillPath(wrap, QColor(255, 255, 255, 45));
    }
}

void drawBananas(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const int fingers = rng.range(3, 6);
    const QPointF crown(-hw * 0.75, -0.3);
    for (int i = 0; i < fingers; ++i) {
        p.save();
        p.translate(crown);
        p.rotate(-20 + i * 55.0 / fingers + rng.normal() * 4);
        const double len = hw * 1.65 * rng.uniform(0.9, 1.05);
        QPainterPath finger;
        finger.moveTo(0, -0.04);
        finger.cubicTo(len * 0.35, -0.1, len * 0.75, 0.0, len, 0.3);
        finger.lineTo(len * 0.97, 0.34);
        finger.cubicTo(len * 0.7, 0.12, len * 0.35, 0.06, 0, 0.06);
        finger.closeSubpath();
        QLinearGradient g(0, -0.1, 0, 0.3);
        g.setColorAt(0, l.body.lighter(115));
        g.setColorAt(1, l.body.darker(125));
        p.fillPath(finger, g);
        p.fillPath(roundedRect(QRectF(len * 0.95, 0.28, 0.05, 0.07), 0.01), l.accent);
        outline(p, finger, l.body);
        p.restore();
    }
    p.fillPath(roundedRect(QRectF(crown.x() - 0.1, crown.y() - 0.08, 0.14, 0.16), 0.03), l.second);
}

QPainterPath blob(double rx, double ry, double roughness, Rng &rng)
{
    QPolygonF points;
    const int n = 14;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * kPi * i / n;
        const double f = 1 + rng.normal() * roughness;
        points << QPointF(std::cos(a) * rx * f, std::sin(a) * ry * f);
    }
    QPainterPath path;
    path.moveTo((points[n - 1] + points[0]) / 2);
    for (int i = 0; i < n; ++i)
        path.quadTo(points[i], (points[i] + points[(i + 1) % n]) / 2);
    path.closeSubpath();
    return path;
}

void drawProduce(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double rx = l.aspect / 2;
    QPainterPath path = l.detail == 3 ? blob(rx, 0.42, 0.07, rng)
        : l.detail == 5             ? blob(rx, 0.4, 0.03, rng)
                                    : blob(rx, 0.46, 0.015, rng);
    if (l.detail == 5) {
        QLinearGradient g(-rx, 0, rx, 0);
        g.setColorAt(0, l.body);
        g.setColorAt(0.6, QColor(255, 193, 7));
        g.setColorAt(1, l.second);
        p.fillPath(path, g);
    } else {
        p.fillPath(path, l.body);
    }
    applyPattern(p, path, l.pattern, l.detail == 3 ? l.second : l.accent, rng);
    switch (l.detail) {
    case 0: { // tomato: a green calyx
        p.setPen(Qt::NoPen);
        p.setBrush(l.second);
        for (int i = 0; i < 5; ++i) {
            p.save();
            p.translate(0, -0.38);
            p.rotate(i * 72 + rng.normal() * 8);
            p.drawEllipse(QPointF(0, -0.07), 0.03, 0.08);
            p.restore();
        }
        break;
    }
    case 1: { // onion: skin lines and a dry tip
        p.setPen(QPen(withAlpha(l.second, 150), 0.012));
        for (int i = -2; i <= 2; ++i) {
            QPainterPath line;
            line.moveTo(0, -0.44);
            line.quadTo(i * rx * 0.45, 0, 0, 0.45);
            p.drawPath(line);
        }
        p.setPen(QPen(l.accent, 0.04, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(0, -0.44), QPointF(0.04, -0.56));
        break;
    }
    case 2: // orange: a leaf
        p.setBrush(l.second);
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPointF(0.08, -0.44), 0.1, 0.04);
        break;
    case 6: { // cabbage: leaf veins
        p.setPen(QPen(withAlpha(l.second, 200), 0.018));
        for (int i = 0; i < 7; ++i) {
            QPainterPath vein;
            vein.moveTo(0, 0.4);
            vein.quadTo(rx * (i - 3) * 0.25, 0, rx * (i - 3) * 0.32, -0.4);
            p.drawPath(vein);
        }
        break;
    }
    default: break;
    }
    shadeSphere(p, path);
    outline(p, path, l.body);
}

void drawJerrycan(QPainter &p, const ItemLook &l, Rng &)
{
    const double hw = l.aspect / 2;
    QPainterPath body = roundedRect(QRectF(-hw, -0.4, 2 * hw, 0.9), 0.08);
    QPainterPath handle = roundedRect(QRectF(-hw * 0.1, -0.5, hw * 1.0, 0.16), 0.05);
    QPainterPath hole = roundedRect(QRectF(hw * 0.05, -0.45, hw * 0.7, 0.07), 0.03);
    body = body.united(handle).subtracted(hole);
    p.fillPath(body, l.body);
    p.fillPath(roundedRect(QRectF(-hw * 0.85, -0.5, hw * 0.38, 0.12), 0.02), l.accent);
    p.setPen(QPen(l.body.darker(125), 0.014));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(-hw * 0.8, -0.25, hw * 1.6, 0.65), 0.05, 0.05);
    p.drawLine(QPointF(-hw * 0.8, -0.25), QPointF(hw * 0.8, 0.4));
    p.drawLine(QPointF(hw * 0.8, -0.25), QPointF(-hw * 0.8, 0.4));
    shadeFlat(p, body);
    outline(p, body, l.body);
}

void drawTube(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.moveTo(-hw, -0.5);
    path.lineTo(hw, -0.5);
    path.lineTo(hw, -0.44);
    path.cubicTo(hw, 0.1, hw * 0.55, 0.3, hw * 0.42, 0.42);
    path.lineTo(-hw * 0.42, 0.42);
    path.cubicTo(-hw * 0.55, 0.3, -hw, 0.1, -hw, -0.44);
    path.closeSubpath();
    p.fillPath(path, l.body);
    QPainterPath swoosh;
    swoosh.moveTo(-hw, -0.1);
    swoosh.cubicTo(-hw * 0.3, -0.25, hw * 0.3, 0.1, hw, -0.05);
    swoosh.lineTo(hw, 0.15);
    swoosh.cubicTo(hw * 0.3, 0.3, -hw * 0.3, -0.05, -hw, 0.1);
    swoosh.closeSubpath();
    p.fillPath(swoosh.intersected(path), l.second);
    applyPattern(p, path, l.pattern, l.accent, rng);
    p.setPen(QPen(l.body.darker(130), 0.01));
    for (double x = -hw * 0.9; x < hw; x += hw * 0.15)
        p.drawLine(QPointF(x, -0.5), QPointF(x, -0.45));
    p.fillPath(roundedRect(QRectF(-hw * 0.45, 0.41, hw * 0.9, 0.09), 0.015), l.accent);
    shadeCylinder(p, path);
    outline(p, path, l.body);
}

void drawCoil(QPainter &p, const ItemLook &l, Rng &rng)
{
    QPainterPath spiral;
    const double turns = 4.5;
    for (int arm = 0; arm < 2; ++arm) {
        QPainterPath one;
        for (int i = 0; i <= 240; ++i) {
            const double t = i / 240.0;
            const double a = t * turns * 2 * kPi + arm * kPi;
            const double r = 0.06 + t * 0.38;
            const QPointF point(std::cos(a) * r * l.aspect, std::sin(a) * r);
            if (i == 0)
                one.moveTo(point);
            else
                one.lineTo(point);
        }
        spiral.addPath(one);
    }
    p.strokePath(spiral, QPen(l.second, 0.055, Qt::SolidLine, Qt::RoundCap));
    p.strokePath(spiral, QPen(l.body, 0.04, Qt::SolidLine, Qt::RoundCap));
    QPainterPath area;
    area.addEllipse(QPointF(0, 0), 0.46 * l.aspect, 0.46);
    applyPattern(p, area, Pattern::Speckle, l.body.darker(160), rng);
    p.setPen(QPen(l.accent, 0.02));
    p.drawLine(QPointF(-0.08, 0), QPointF(0.08, 0));
}

void drawSandals(QPainter &p, const ItemLook &l, Rng &)
{
    const double hw = l.aspect / 2;
    for (int side = -1; side <= 1; side += 2) {
        p.save();
        p.translate(side * hw * 0.5, 0);
        p.scale(side * hw * 0.9, 1);
        QPainterPath sole;
        sole.moveTo(0, -0.5);
        sole.cubicTo(0.5, -0.5, 0.52, -0.15, 0.4, 0.05);
        sole.cubicTo(0.32, 0.25, 0.44, 0.5, 0, 0.5);
        sole.cubicTo(-0.44, 0.5, -0.32, 0.25, -0.4, 0.05);
        sole.cubicTo(-0.52, -0.15, -0.5, -0.5, 0, -0.5);
        p.fillPath(sole.translated(0.03, 0.02), l.accent);
        p.fillPath(sole, l.body);
        outline(p, sole, l.body);
        p.setPen(QPen(l.second, 0.06, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(0.05, -0.32), QPointF(0.4, 0.02));
        p.drawLine(QPointF(0.05, -0.32), QPointF(-0.38, 0.02));
        p.restore();
    }
}

void drawGasCylinder(QPainter &p, const ItemLook &l, Rng &)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.moveTo(-hw, 0.45);
    path.lineTo(-hw, -0.16);
    path.cubicTo(-hw, -0.36, hw, -0.36, hw, -0.16);
    path.lineTo(hw, 0.45);
    path.quadTo(hw, 0.5, hw - 0.05, 0.5);
    path.lineTo(-hw + 0.05, 0.5);
    path.quadTo(-hw, 0.5, -hw, 0.45);
    p.fillPath(path, l.body);
    p.fillRect(QRectF(-hw, 0.05, 2 * hw, 0.1), l.second);
    p.fillRect(QRectF(-hw, 0.44, 2 * hw, 0.06), l.body.darker(150));
    p.setPen(QPen(l.accent, 0.045));
    p.setBrush(Qt::NoBrush);
    QPainterPath ring;
    ring.moveTo(-hw * 0.6, -0.27);
    ring.cubicTo(-hw * 0.6, -0.58, hw * 0.6, -0.58, hw * 0.6, -0.27);
    p.drawPath(ring);
    p.fillRect(QRectF(-0.04, -0.42, 0.08, 0.12), l.accent.darker(130));
    shadeCylinder(p, path);
    outline(p, path, l.body);
}

void drawJar(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const QPainterPath body = roundedRect(QRectF(-hw, -0.34, 2 * hw, 0.84), 0.1);
    p.fillPath(body, withAlpha(l.body, 240));
    p.fillRect(QRectF(-hw * 0.85, -0.4, hw * 1.7, 0.08), l.body.darker(115));
    const QRectF label(-hw, -0.04, 2 * hw, 0.36);
    p.fillRect(label, l.second);
    emblem(p, label.center(), label.height() * 0.3, l.accent, l.body, rng);
    p.fillRect(QRectF(-hw * 0.6, -0.3, hw * 0.14, 0.75), QColor(255, 255, 255, 60));
    shadeCylinder(p, body);
    outline(p, body, l.body);
    const QPainterPath lid = roundedRect(QRectF(-hw * 0.9, -0.5, hw * 1.8, 0.13), 0.02);
    p.fillPath(lid, l.accent);
    if (l.detail == 1) {
        applyPattern(p, lid, Pattern::Checker, QColor(255, 255, 255), rng);
        p.fillPath(zigzag(-hw * 0.95, hw * 0.95, -0.3, -0.38, 9), l.accent);
    } else {
        p.setPen(QPen(l.accent.darker(140), 0.008));
        for (double x = -hw * 0.85; x < hw * 0.9; x += 0.035)
            p.drawLine(QPointF(x, -0.49), QPointF(x, -0.38));
    }
    shadeCylinder(p, lid);
}

void drawPillowBag(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.moveTo(-hw, -0.46);
    path.quadTo(0, -0.4, hw, -0.46);
    path.quadTo(hw * 0.9, 0, hw, 0.46);
    path.quadTo(0, 0.4, -hw, 0.46);
    path.quadTo(-hw * 0.9, 0, -hw, -0.46);
    p.fillPath(path, l.body);
    applyPattern(p, path, l.pattern, l.second, rng);
    QPolygonF burst;
    for (int i = 0; i < 24; ++i) {
        const double r = i % 2 ? 0.13 : 0.2;
        const double a = i * kPi / 12;
        burst << QPointF(std::cos(a) * r * std::min(1.0, hw * 2.5), -0.08 + std::sin(a) * r);
    }
    p.setBrush(l.accent);
    p.setPen(QPen(l.second, 0.01));
    p.drawPolygon(burst);
    p.setPen(QPen(l.body.darker(120), 0.006));
    for (double x = -hw; x < hw; x += 0.02) {
        p.drawLine(QPointF(x, -0.48), QPointF(x, -0.4));
        p.drawLine(QPointF(x, 0.4), QPointF(x, 0.48));
    }
    QLinearGradient gloss(-hw, -0.5, hw, 0.5);
    gloss.setColorAt(0.3, QColor(255, 255, 255, 0));
    gloss.setColorAt(0.4, QColor(255, 255, 255, 110));
    gloss.setColorAt(0.5, QColor(255, 255, 255, 0));
    p.fillPath(path, gloss);
    shadeFlat(p, path);
    outline(p, path, l.body);
}

void drawBucket(QPainter &p, const ItemLook &l, Rng &)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.addPolygon(QPolygonF({QPointF(-hw, -0.36), QPointF(hw, -0.36), QPointF(hw * 0.75, 0.5), QPointF(-hw * 0.75, 0.5)}));
    path.closeSubpath();
    p.fillPath(path, l.body);
    p.setPen(QPen(l.body.darker(120), 0.012));
    for (int i = 1; i <= 3; ++i)
        p.drawLine(QPointF(-hw * (1 - 0.02 * i), -0.36 + i * 0.05), QPointF(hw * (1 - 0.02 * i), -0.36 + i * 0.05));
    shadeCylinder(p, path);
    outline(p, path, l.body);
    p.setPen(QPen(l.body.darker(140), kLine));
    p.setBrush(l.body.lighter(110));
    p.drawEllipse(QRectF(-hw, -0.43, 2 * hw, 0.14));
    p.setBrush(l.accent.darker(130));
    p.drawEllipse(QRectF(-hw * 0.92, -0.41, 2 * hw * 0.92, 0.1));
    p.setPen(QPen(l.second, 0.02));
    p.setBrush(Qt::NoBrush);
    QPainterPath handle;
    handle.moveTo(-hw * 0.96, -0.34);
    handle.cubicTo(-hw * 0.9, -0.62, hw * 0.9, -0.62, hw * 0.96, -0.34);
    p.drawPath(handle);
}

void drawCard(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const QPainterPath card = roundedRect(QRectF(-hw, -0.5, 2 * hw, 1), 0.07);
    p.fillPath(card, l.body);
    p.save();
    p.setClipPath(card);
    p.fillRect(QRectF(-hw, -0.5, 2 * hw, 0.3), l.second);
    p.restore();
    emblem(p, QPointF(-hw * 0.6, -0.35), 0.1, l.body.darker(120), l.second, rng);
    const QPainterPath scratch = roundedRect(QRectF(-hw * 0.7, 0.08, hw * 1.4, 0.2), 0.05);
    p.fillPath(scratch, l.accent);
    applyPattern(p, scratch, Pattern::Speckle, QColor(110, 110, 110), rng);
    shadeFlat(p, card);
    outline(p, card, l.body);
}

void drawCup(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    QPainterPath path;
    path.addPolygon(QPolygonF({QPointF(-hw, -0.42), QPointF(hw, -0.42), QPointF(hw * 0.72, 0.5), QPointF(-hw * 0.72, 0.5)}));
    path.closeSubpath();
    p.fillPath(path, l.body);
    QPainterPath band;
    band.addRect(QRectF(-hw, -0.12, 2 * hw, 0.3));
    p.fillPath(band.intersected(path), l.second);
    applyPattern(p, path, l.pattern, l.second.darker(120), rng);
    emblem(p, QPointF(0, 0.03), 0.11, l.body, l.second.darker(130), rng);
    shadeCylinder(p, path);
    outline(p, path, l.body);
    p.fillPath(roundedRect(QRectF(-hw * 1.04, -0.5, hw * 2.08, 0.08), 0.02), l.accent);
}

void drawSachets(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const int n = rng.range(4, 6);
    const double h = 1.0 / n;
    for (int i = 0; i < n; ++i) {
        const QRectF r(-hw, -0.5 + i * h, 2 * hw, h);
        QPainterPath sachet;
        sachet.addRect(r.adjusted(0, h * 0.03, 0, -h * 0.03));
        p.fillPath(sachet, l.body);
        QPainterPath wave;
        wave.moveTo(r.left(), r.center().y());
        wave.cubicTo(r.left() + r.width() * 0.3, r.top(), r.left() + r.width() * 0.6, r.bottom(), r.right(), r.center().y());
        wave.lineTo(r.bottomRight());
        wave.lineTo(r.bottomLeft());
        wave.closeSubpath();
        p.fillPath(wave.intersected(sachet), l.second);
        emblem(p, r.center(), h * 0.22, l.accent, l.body, rng);
        QLinearGradient gloss(r.topLeft(), r.bottomRight());
        gloss.setColorAt(0.35, QColor(255, 255, 255, 0));
        gloss.setColorAt(0.45, QColor(255, 255, 255, 90));
        gloss.setColorAt(0.55, QColor(255, 255, 255, 0));
        p.fillPath(sachet, gloss);
        outline(p, sachet, l.body);
        p.setPen(QPen(QColor(255, 255, 255, 140), 0.008, Qt::DashLine));
        p.drawLine(r.bottomLeft(), r.bottomRight());
    }
}

void drawGreens(QPainter &p, const ItemLook &l, Rng &rng)
{
    const double hw = l.aspect / 2;
    const int leaves = rng.range(7, 12);
    for (int i = 0; i < leaves; ++i) {
        p.save();
        p.translate(0, 0.42);
        p.rotate(-35 + 70.0 * i / (leaves - 1) + rng.normal() * 5);
        const QColor color = i % 2 ? l.body : l.second.darker(115);
        QPainterPath leaf;
        leaf.addEllipse(QRectF(-hw * 0.28, -0.9, hw * 0.56, 0.78));
        p.fillPath(leaf, color);
        p.setPen(QPen(color.lighter(140), 0.012));
        p.drawLine(QPointF(0, -0.85), QPointF(0, 0));
        outline(p, leaf, color);
        p.restore();
    }
    p.fillRect(QRectF(-0.05, 0.3, 0.1, 0.2), l.second.darker(150));
    p.fillRect(QRectF(-0.07, 0.34, 0.14, 0.04), l.accent);
}

} // namespace

void drawItem(QPainter &painter, Shape shape, const ItemLook &look, Rng &rng)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    switch (shape) {
    case Shape::Sack: drawSack(painter, look, rng); break;
    case Shape::Bottle: drawBottle(painter, look, rng); break;
    case Shape::Bar: drawBar(painter, look, rng); break;
    case Shape::Tin: drawTin(painter, look, rng); break;
    case Shape::Loaf: drawLoaf(painter, look, rng); break;
    case Shape::Carton: drawCarton(painter, look, rng); break;
    case Shape::EggTray: drawEggTray(painter, look, rng); break;
    case Shape::Pouch: drawPouch(painter, look, rng); break;
    case Shape::Box: drawBox(painter, look, rng); break;
    case Shape::Cells: drawCells(painter, look, rng); break;
    case Shape::Bananas: drawBananas(painter, look, rng); break;
    case Shape::Produce: drawProduce(painter, look, rng); break;
    case Shape::Jerrycan: drawJerrycan(painter, look, rng); break;
    case Shape::Tube: drawTube(painter, look, rng); break;
    case Shape::Coil: drawCoil(painter, look, rng); break;
    case Shape::Sandals: drawSandals(painter, look, rng); break;
    case Shape::GasCylinder: drawGasCylinder(painter, look, rng); break;
    case Shape::Jar: drawJar(painter, look, rng); break;
    case Shape::PillowBag: drawPillowBag(painter, look, rng); break;
    case Shape::Bucket: drawBucket(painter, look, rng); break;
    case Shape::Card: drawCard(painter, look, rng); break;
    case Shape::Cup: drawCup(painter, look, rng); break;
    case Shape::Sachets: drawSachets(painter, look, rng); break;
    case Shape::Greens: drawGreens(painter, look, rng); break;
    }
    painter.restore();
}

} // namespace sieve::demo
