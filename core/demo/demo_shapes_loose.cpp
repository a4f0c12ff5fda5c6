#include "demo/demo_shapes.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace sieve::demo {

namespace {

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

} // namespace

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

} // namespace sieve::demo
