#include "demo/demo_scene.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

#include <cmath>

namespace sieve::demo {

namespace {

constexpr double kPi = 3.141592653589793;

QColor vary(QColor color, Rng &rng, int spread)
{
    auto channel = [&](int v) { return std::clamp(v + int(rng.normal() * spread), 0, 255); };
    const int red = channel(color.red());
    const int green = channel(color.green());
    const int blue = channel(color.blue());
    return QColor(red, green, blue, color.alpha());
}

void paintWood(QPainter &p, const QRectF &r, Rng &rng)
{
    const QColor woods[] = {QColor(0xC8A165), QColor(0x8B5A2B), QColor(0x5D3A1A), QColor(0x8D8478), QColor(0xA0522D)};
    const QColor base = vary(woods[rng.range(0, 4)], rng, 12);
    const bool vertical = rng.chance(0.35);
    const double extent = vertical ? r.width() : r.height();
    p.fillRect(r, base.darker(220));
    double at = vertical ? r.left() : r.top();
    while (at < (vertical ? r.right() : r.bottom())) {
        const double plank = extent * rng.uniform(0.1, 0.24);
        const QRectF rect = vertical ? QRectF(at, r.top(), plank, r.height()) : QRectF(r.left(), at, r.width(), plank);
        const QColor color = vary(base, rng, 14);
        p.fillRect(rect, color);
        QColor grainColor = color.darker(135);
        grainColor.setAlpha(80);
        // Hair-thin (cosmetic) pens take the raster engine's fast line path; wide pens are
        // stroked as polygons and made the wood background ten times slower.
        p.setPen(QPen(grainColor, 0));
        const int grains = rng.range(8, 16);
        for (int g = 0; g < grains; ++g) {
            const double offset = rng.uniform(0, plank);
            const double amplitude = plank * rng.uniform(0.01, 0.05);
            const double frequency = rng.uniform(2, 6) / extent * 2 * kPi;
            const double phase = rng.uniform(0, 2 * kPi);
            const double length = vertical ? r.height() : r.width();
            QPolygonF grain;
            for (int i = 0; i <= 40; ++i) {
                const double along = length * i / 40.0;
                const double across = offset + amplitude * std::sin(phase + along * frequency);
                grain << (vertical ? QPointF(at + across, r.top() + along) : QPointF(r.left() + along, at + across));
            }
            p.drawPolyline(grain);
        }
        if (rng.chance(0.3)) {
            const QPointF knot = vertical ? QPointF(at + plank / 2, rng.uniform(r.top(), r.bottom()))
                                          : QPointF(rng.uniform(r.left(), r.right()), at + plank / 2);
            p.setBrush(color.darker(150));
            p.setPen(Qt::NoPen);
            p.drawEllipse(knot, plank * 0.12, plank * 0.08);
        }
        p.fillRect(vertical ? QRectF(at + plank - plank * 0.03, r.top(), plank * 0.03, r.height())
                            : QRectF(r.left(), at + plank - plank * 0.03, r.width(), plank * 0.03),
                   base.darker(220));
        at += plank;
    }
}

void paintCloth(QPainter &p, const QRectF &r, Rng &rng)
{
    const QColor bright[] = {QColor(0xD32F2F), QColor(0x1976D2), QColor(0x388E3C), QColor(0xFBC02D),
                             QColor(0x7B1FA2), QColor(0xF57C00), QColor(0x00897B), QColor(0x5D4037)};
    const QColor a = vary(bright[rng.range(0, 7)], rng, 15);
    const QColor b = vary(bright[rng.range(0, 7)], rng, 15);
    const double period = std::max(r.width(), r.height()) * rng.uniform(0.03, 0.08);
    p.setPen(Qt::NoPen);
    switch (rng.range(0, 3)) {
    case 0: // gingham
        p.fillRect(r, QColor(245, 245, 240));
        for (double x = r.left(); x < r.right(); x += period)
            p.fillRect(QRectF(x, r.top(), period / 2, r.height()), QColor(a.red(), a.green(), a.blue(), 120));
        for (double y = r.top(); y < r.bottom(); y += period)
            p.fillRect(QRectF(r.left(), y, r.width(), period / 2), QColor(a.red(), a.green(), a.blue(), 120));
        break;
    case 1: { // polka dots
        p.fillRect(r, a);
        p.setBrush(QColor(250, 250, 245));
        int row = 0;
        for (double y = r.top(); y < r.bottom() + period; y += period, ++row)
            for (double x = r.left() + (row % 2) * period / 2; x < r.right() + period; x += period)
                p.drawEllipse(QPointF(x, y), period * 0.18, period * 0.18);
        break;
    }
    case 2: { // wax print: bold rings on a coloured ground
        p.fillRect(r, a);
        const double big = period * 2.2;
        int row = 0;
        for (double y = r.top(); y < r.bottom() + big; y += big, ++row) {
            for (double x = r.left() + (row % 2) * big / 2; x < r.right() + big; x += big) {
                p.setBrush(b);
                p.drawEllipse(QPointF(x, y), big * 0.42, big * 0.42);
                p.setBrush(QColor(250, 240, 220));
                p.drawEllipse(QPointF(x, y), big * 0.28, big * 0.28);
                p.setBrush(a.darker(140));
                p.drawEllipse(QPointF(x, y), big * 0.12, big * 0.12);
            }
        }
        break;
    }
    default: { // striped kikoi
        const QColor stripes[] = {a, b, QColor(250, 245, 230), a.darker(150)};
        int i = 0;
        for (double x = r.left(); x < r.right(); x += period * 0.7, ++i)
            p.fillRect(QRectF(x, r.top(), period * 0.7, r.height()), stripes[(i * 7 + i / 3) % 4]);
        break;
    }
    }
    // Folds: soft light and dark bands.
    for (int i = 0; i < 3; ++i) {
        const double x = rng.uniform(r.left(), r.right());
        QLinearGradient fold(x - r.width() * 0.08, 0, x + r.width() * 0.08, 0);
        fold.setColorAt(0, QColor(0, 0, 0, 0));
        fold.setColorAt(0.5, rng.chance(0.5) ? QColor(0, 0, 0, 45) : QColor(255, 255, 255, 40));
        fold.setColorAt(1, QColor(0, 0, 0, 0));
        p.fillRect(r, fold);
    }
}

void paintWall(QPainter &p, const QRectF &r, Rng &rng)
{
    const QColor walls[] = {QColor(0xF5F0E6), QColor(0xE3D5B8), QColor(0xB0BEC5), QColor(0xC8E6C9),
                            QColor(0xFFE0B2), QColor(0xD7CCC8), QColor(0x90A4AE), QColor(0xFFF9C4)};
    const QColor base = vary(walls[rng.range(0, 7)], rng, 10);
    QLinearGradient light(r.topLeft(), r.bottomRight());
    light.setColorAt(0, base.lighter(112));
    light.setColorAt(1, base.darker(118));
    p.fillRect(r, light);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 25; ++i) { // soft stains
        const double x = rng.uniform(r.left(), r.right());
        const double y = rng.uniform(r.top(), r.bottom());
        const QPointF at(x, y);
        const double radius = r.width() * rng.uniform(0.02, 0.12);
        QRadialGradient stain(at, radius);
        stain.setColorAt(0, QColor(0, 0, 0, rng.range(6, 20)));
        stain.setColorAt(1, QColor(0, 0, 0, 0));
        p.setBrush(stain);
        p.drawEllipse(at, radius, radius * rng.uniform(0.6, 1.0));
    }
    if (rng.chance(0.5)) { // the edge of a table top in front of the wall
        const double y = r.top() + r.height() * rng.uniform(0.55, 0.75);
        p.fillRect(QRectF(r.left(), y, r.width(), r.bottom() - y), vary(QColor(0x6D4C41), rng, 25));
        p.fillRect(QRectF(r.left(), y, r.width(), r.height() * 0.012), QColor(0, 0, 0, 70));
    }
}

void paintConcrete(QPainter &p, const QRectF &r, Rng &rng)
{
    const QColor base = vary(rng.chance(0.5) ? QColor(0x9E9E9E) : QColor(0xA1887F), rng, 12);
    p.fillRect(r, base);
    p.setPen(Qt::NoPen);
    const double unit = std::max(r.width(), r.height());
    for (int i = 0; i < 260; ++i) {
        p.setBrush(rng.chance(0.5) ? QColor(0, 0, 0, rng.range(10, 35)) : QColor(255, 255, 255, rng.range(10, 30)));
        const double size = unit * rng.uniform(0.002, 0.02);
        const double x = rng.uniform(r.left(), r.right());
        const double y = rng.uniform(r.top(), r.bottom());
        p.drawEllipse(QPointF(x, y), size, size * 0.8);
    }
    p.setPen(QPen(QColor(0, 0, 0, 50), unit * 0.002));
    QPainterPath crack;
    crack.moveTo(rng.uniform(r.left(), r.right()), r.top());
    for (int i = 1; i <= 8; ++i)
        crack.lineTo(crack.currentPosition() + QPointF(rng.normal() * unit * 0.03, r.height() / 8));
    p.drawPath(crack);
}

void paintMat(QPainter &p, const QRectF &r, Rng &rng)
{
    const QColor straw = vary(QColor(0xD4B483), rng, 12);
    const QColor dyed = vary(rng.chance(0.5) ? QColor(0x8E2430) : QColor(0x2E5E4E), rng, 12);
    const double cell = std::max(r.width(), r.height()) * rng.uniform(0.015, 0.03);
    p.fillRect(r, straw.darker(120));
    // Flat cells lit alternately along and across the weave, then the gaps in one stroke:
    // solid rectangles are the raster engine's fastest operation.
    QList<QLineF> gaps;
    int row = 0;
    for (double y = r.top(); y < r.bottom(); y += cell, ++row) {
        int col = 0;
        for (double x = r.left(); x < r.right(); x += cell, ++col) {
            const bool across = (row + col) % 2 == 0;
            const QColor color = (row / 6) % 3 == 2 ? dyed : straw;
            p.fillRect(QRectF(x, y, cell, cell), across ? color.lighter(108) : color.darker(112));
            for (double f : {0.35, 0.7})
                gaps << (across ? QLineF(x, y + cell * f, x + cell, y + cell * f)
                                : QLineF(x + cell * f, y, x + cell * f, y + cell));
        }
        gaps << QLineF(r.left(), y, r.right(), y);
    }
    p.setPen(QPen(QColor(0, 0, 0, 45), 0));
    p.drawLines(gaps);
}

void paintBackdrop(QPainter &p, const QRectF &r, Rng &rng)
{
    const int hue = rng.range(0, 359);
    const int saturation = rng.range(10, 90);
    const int value = rng.range(150, 245);
    const QColor a = QColor::fromHsv(hue, saturation, value);
    const QColor b = a.darker(rng.range(130, 190));
    QRadialGradient g(r.center() + QPointF(rng.normal() * r.width() * 0.1, -r.height() * 0.1),
                      std::max(r.width(), r.height()) * 0.7);
    g.setColorAt(0, a);
    g.setColorAt(1, b);
    p.fillRect(r, g);
}

void paintTiles(QPainter &p, const QRectF &r, Rng &rng)
{
    const QColor tile = vary(rng.chance(0.5) ? QColor(0xECEFF1) : QColor(0xBCAAA4), rng, 10);
    p.fillRect(r, tile.darker(130));
    const double size = std::max(r.width(), r.height()) * rng.uniform(0.08, 0.16);
    for (double y = r.top(); y < r.bottom(); y += size)
        for (double x = r.left(); x < r.right(); x += size)
            p.fillRect(QRectF(x + size * 0.02, y + size * 0.02, size * 0.96, size * 0.96), vary(tile, rng, 5));
}

void paintClutter(QPainter &p, const QRectF &canvas, Rng &rng)
{
    const int count = rng.range(1, 4);
    const double unit = std::min(canvas.width(), canvas.height());
    p.setPen(Qt::NoPen);
    for (int i = 0; i < count; ++i) {
        const double x = rng.uniform(canvas.left(), canvas.right());
        const double y = rng.uniform(canvas.top(), canvas.bottom());
        const QPointF at(x, y);
        p.save();
        p.translate(at);
        p.rotate(rng.uniform(0, 360));
        switch (rng.range(0, 3)) {
        case 0: { // a coin
            const double r = unit * rng.uniform(0.025, 0.04);
            QRadialGradient metal(QPointF(-r * 0.3, -r * 0.3), r * 1.3);
            const QColor tone = rng.chance(0.5) ? QColor(0xC0C0C0) : QColor(0xC9A227);
            metal.setColorAt(0, tone.lighter(130));
            metal.setColorAt(1, tone.darker(150));
            p.setBrush(metal);
            p.drawEllipse(QPointF(0, 0), r, r);
            break;
        }
        case 1: { // a leaf
            const double l = unit * rng.uniform(0.05, 0.1);
            const int hue = rng.range(70, 120);
            p.setBrush(QColor::fromHsv(hue, 160, rng.range(90, 170)));
            p.drawEllipse(QPointF(0, 0), l, l * 0.4);
            break;
        }
        case 2: { // a pen
            const double l = unit * rng.uniform(0.15, 0.25);
            p.setBrush(QColor::fromHsv(rng.range(0, 359), 200, 150));
            p.drawRoundedRect(QRectF(-l / 2, -l * 0.035, l, l * 0.07), l * 0.03, l * 0.03);
            p.setBrush(QColor(230, 230, 230));
            p.drawRect(QRectF(l / 2 - l * 0.12, -l * 0.035, l * 0.12, l * 0.07));
            break;
        }
        default: { // a scrap of blank paper
            const double s = unit * rng.uniform(0.06, 0.12);
            p.setBrush(QColor(245, 243, 235));
            p.drawPolygon(QPolygonF({QPointF(-s, -s * 0.6), QPointF(s * 0.9, -s * 0.7), QPointF(s, s * 0.5),
                                     QPointF(-s * 0.8, s * 0.6)}));
            break;
        }
        }
        p.restore();
    }
}

void paintOccluder(QPainter &p, const QRectF &canvas, Rng &rng)
{
    const double unit = std::min(canvas.width(), canvas.height());
    const int edge = rng.range(0, 3);
    const QPointF entry = edge == 0 ? QPointF(canvas.left(), rng.uniform(canvas.top(), canvas.bottom()))
        : edge == 1 ? QPointF(canvas.right(), rng.uniform(canvas.top(), canvas.bottom()))
        : edge == 2 ? QPointF(rng.uniform(canvas.left(), canvas.right()), canvas.bottom())
                    : QPointF(rng.uniform(canvas.left(), canvas.right()), canvas.top());
    const QPointF inward = canvas.center() - entry;
    const double angle = std::atan2(inward.y(), inward.x()) * 180 / kPi;
    p.save();
    p.translate(entry);
    p.rotate(angle + rng.normal() * 15);
    p.setPen(Qt::NoPen);
    if (rng.chance(0.6)) { // a hand holding the product steady
        const QColor skins[] = {QColor(0x8D5524), QColor(0xC68642), QColor(0xE0AC69), QColor(0xF1C27D),
                                QColor(0x5C3A1E), QColor(0xFFDBAC)};
        const QColor skin = vary(skins[rng.range(0, 5)], rng, 8);
        const double s = unit * rng.uniform(0.18, 0.28);
        QPainterPath hand;
        hand.setFillRule(Qt::WindingFill); // overlapping parts merge instead of cancelling
        hand.addRoundedRect(QRectF(-s * 3, -s * 0.38, s * 3.2, s * 0.76), s * 0.3, s * 0.3); // forearm
        hand.addRoundedRect(QRectF(-s * 0.4, -s * 0.45, s * 1.1, s * 0.9), s * 0.3, s * 0.3);
        for (int f = 0; f < 4; ++f)
            hand.addRoundedRect(QRectF(s * 0.5, -s * 0.43 + f * s * 0.225, s * rng.uniform(0.5, 0.68) * (f == 3 ? 0.8 : 1),
                                       s * 0.2),
                                s * 0.1, s * 0.1);
        hand.addRoundedRect(QRectF(s * 0.15, -s * 0.78, s * 0.24, s * 0.5), s * 0.12, s * 0.12); // thumb
        hand = hand.simplified();
        QLinearGradient shade(0, -s, 0, s);
        shade.setColorAt(0, skin.lighter(115));
        shade.setColorAt(0.6, skin);
        shade.setColorAt(1, skin.darker(130));
        p.setBrush(shade);
        p.setPen(QPen(skin.darker(125), std::max(1.0, s * 0.008)));
        p.drawPath(hand);
        p.setPen(QPen(skin.darker(125), std::max(1.0, s * 0.01)));
        for (int f = 0; f < 3; ++f) // the creases between fingers
            p.drawLine(QPointF(s * 0.55, -s * 0.2 + f * s * 0.225), QPointF(s * 0.85, -s * 0.2 + f * s * 0.225));
    } else if (rng.chance(0.5)) { // a plastic bag
        const double s = unit * rng.uniform(0.25, 0.4);
        p.setBrush(QColor(250, 250, 250, 150));
        QPainterPath bag;
        bag.moveTo(-s * 0.2, -s * 0.5);
        bag.cubicTo(s * 0.6, -s * 0.7, s * 0.9, -s * 0.1, s * 0.7, s * 0.3);
        bag.cubicTo(s * 0.4, s * 0.7, -s * 0.1, s * 0.5, -s * 0.2, s * 0.5);
        bag.closeSubpath();
        p.drawPath(bag);
        p.setPen(QPen(QColor(255, 255, 255, 200), s * 0.01));
        p.drawLine(QPointF(0, -s * 0.2), QPointF(s * 0.5, 0));
    } else { // the corner of a cloth
        const double s = unit * rng.uniform(0.2, 0.35);
        p.setBrush(QColor::fromHsv(rng.range(0, 359), 150, 170));
        p.drawPolygon(QPolygonF({QPointF(-s, -s), QPointF(s * 0.7, -s * 0.3), QPointF(s * 0.5, s * 0.6), QPointF(-s, s)}));
    }
    p.restore();
}

} // namespace

QImage paintScene(QSize size, const Category &category, std::span<const Category> others, Rng &rng)
{
    const QRectF canvas(QPointF(0, 0), QSizeF(size));
    // Mild perspective: the phone is rarely held parallel to the table.
    const double jx = size.width() * 0.04;
    const double jy = size.height() * 0.04;
    const QPolygonF from({canvas.topLeft(), canvas.topRight(), canvas.bottomRight(), canvas.bottomLeft()});
    QPolygonF to;
    for (const QPointF &corner : from) {
        const double dx = rng.normal() * jx * 0.5;
        const double dy = rng.normal() * jy * 0.5;
        to << corner + QPointF(dx, dy);
    }
    QTransform perspective;
    if (!QTransform::quadToQuad(from, to, perspective))
        perspective.reset();

    // Depth of field: mostly the background is out of focus. Painting it small and scaling it
    // up blurs it, and is cheaper than painting it sharp.
    const double focus = rng.chance(0.35) ? 1.0 : rng.uniform(0.18, 0.5);
    const QSize groundSize(std::max(8, int(size.width() * focus)), std::max(8, int(size.height() * focus)));
    QImage ground(groundSize, QImage::Format_RGB32);
    // Antialiased edges blend with what is underneath: it must not be uninitialised memory,
    // or the same seed gives different bytes.
    ground.fill(Qt::black);
    {
        QPainter g(&ground);
        g.setRenderHint(QPainter::Antialiasing);
        g.setTransform(perspective
                       * QTransform::fromScale(double(groundSize.width()) / size.width(),
                                               double(groundSize.height()) / size.height()));
        // The background extends past the frame so that the perspective leaves no gaps.
        const QRectF area = canvas.adjusted(-canvas.width() * 0.15, -canvas.height() * 0.15, canvas.width() * 0.15,
                                            canvas.height() * 0.15);
        switch (rng.weighted({0.24, 0.2, 0.16, 0.12, 0.1, 0.1, 0.08})) {
        case 0: paintWood(g, area, rng); break;
        case 1: paintCloth(g, area, rng); break;
        case 2: paintWall(g, area, rng); break;
        case 3: paintConcrete(g, area, rng); break;
        case 4: paintMat(g, area, rng); break;
        case 5: paintBackdrop(g, area, rng); break;
        default: paintTiles(g, area, rng); break;
        }
    }
    QImage image = groundSize == size
        ? ground
        : ground.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setTransform(perspective);

    if (rng.chance(0.35))
        paintClutter(p, canvas, rng);
    if (others.size() > 1 && rng.chance(0.1)) {
        const Category &other = others[std::size_t(rng.range(0, int(others.size()) - 1))];
        if (&other != &category) {
            const double x = canvas.width() * (rng.chance(0.5) ? 0.15 : 0.85);
            const double y = canvas.height() * (rng.chance(0.5) ? 0.2 : 0.8);
            const QPointF corner(x, y);
            drawProducts(p, other, canvas, rng, 0.4, corner);
        }
    }
    drawProducts(p, category, canvas, rng);
    if (rng.chance(0.2))
        paintOccluder(p, canvas, rng);

    // Uneven light: a soft bright spot and a shaded side.
    p.resetTransform();
    const double reach = std::max(canvas.width(), canvas.height());
    const double spotX = rng.uniform(0, canvas.width());
    const double spotY = rng.uniform(0, canvas.height());
    const double spotRadius = reach * rng.uniform(0.35, 0.8);
    QRadialGradient spot(QPointF(spotX, spotY), spotRadius);
    spot.setColorAt(0, QColor(255, 248, 230, rng.range(15, 70)));
    spot.setColorAt(1, QColor(255, 248, 230, 0));
    p.fillRect(canvas, spot);
    const double angle = rng.uniform(0, 2 * kPi);
    const QPointF direction(std::cos(angle) * reach / 2, std::sin(angle) * reach / 2);
    QLinearGradient shade(canvas.center() + direction, canvas.center() - direction * 0.2);
    shade.setColorAt(0, QColor(0, 0, 0, rng.range(0, 90)));
    shade.setColorAt(1, QColor(0, 0, 0, 0));
    p.fillRect(canvas, shade);
    return image;
}

} // namespace sieve::demo
