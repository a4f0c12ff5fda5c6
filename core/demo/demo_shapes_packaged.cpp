#include "demo/demo_shapes.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace sieve::demo {

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

} // namespace sieve::demo
