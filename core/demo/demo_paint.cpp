#include "demo/demo_shapes.h"

#include <QLinearGradient>
#include <QPainter>
#include <QRadialGradient>

#include <cmath>

namespace sieve::demo {

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

} // namespace sieve::demo
