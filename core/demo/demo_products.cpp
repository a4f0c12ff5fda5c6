#include "demo/demo_products.h"

#include "demo/demo_shapes.h"

#include <QPainter>
#include <QRadialGradient>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sieve::demo {

namespace {

using enum Shape;
using enum Pattern;

// Ordered so that the first dozen differ in shape and colour at a glance.
const Category kCatalog[] = {
    {"rice bag", Sack, 0, 0xEDE6D6, 0xC8102E, 0x1B5E20, Weave, 0.62, 0.72, 1, 2},
    {"cooking oil bottle", Bottle, 0, 0xE8B923, 0x2E7D32, 0xD32F2F, Band, 0.66, 0.36, 1, 3},
    {"soap bar", Bar, 0, 0x4FC3F7, 0xFFFFFF, 0x0277BD, Speckle, 0.26, 1.7, 1, 4},
    {"tomato tin", Tin, 0, 0xC62828, 0xFFF3E0, 0x2E7D32, Band, 0.42, 0.75, 1, 4},
    {"bread loaf", Loaf, 0, 0xB9773A, 0xE3B778, 0xF4E1C1, Gradient, 0.36, 1.6, 1, 2},
    {"milk carton", Carton, 0, 0xFAFAFA, 0x1565C0, 0x90CAF9, Waves, 0.62, 0.5, 1, 3},
    {"egg tray", EggTray, 0, 0xA1887F, 0xF3E5D0, 0xD7A86E, Plain, 0.55, 1.3, 1, 1},
    {"sugar pack", Pouch, 0, 0xFFFFFF, 0xE91E63, 0x1976D2, Dots, 0.5, 0.7, 1, 3},
    {"tea box", Box, 0, 0x1B5E20, 0xD4AF37, 0x8D2F2F, Band, 0.42, 1.0, 1, 3},
    {"matches", Box, 1, 0xD32F2F, 0xFFD600, 0x3E2723, Stripes, 0.18, 1.5, 2, 6},
    {"batteries", Cells, 0, 0x212121, 0xC77C2E, 0xBDBDBD, Plain, 0.4, 0.7, 1, 2},
    {"soda can", Tin, 1, 0x0D47A1, 0xE0E0E0, 0xFFEB3B, Waves, 0.45, 0.55, 1, 3},
    {"bananas", Bananas, 0, 0xF9D71C, 0x6B8E23, 0x5D4037, Plain, 0.5, 1.3, 1, 2},
    {"tomatoes", Produce, 0, 0xE53935, 0x2E7D32, 0xFF8A80, Plain, 0.18, 1.05, 4, 10},
    {"onions", Produce, 1, 0x8E3A59, 0xD7A9B5, 0x5D2E3B, Plain, 0.2, 0.95, 3, 8},
    {"jerrycan", Jerrycan, 0, 0xFBC02D, 0xF57F17, 0x1565C0, Plain, 0.65, 0.75, 1, 1},
    {"toothpaste tube", Tube, 0, 0xFAFAFA, 0xE53935, 0x1E88E5, Band, 0.55, 0.3, 1, 2},
    {"mosquito coil", Coil, 0, 0x2E7D32, 0x1B5E20, 0x9E9E9E, Speckle, 0.5, 1.0, 1, 2},
    {"flip-flops", Sandals, 0, 0x00ACC1, 0xFF7043, 0x263238, Plain, 0.6, 0.8, 1, 1},
    {"gas cylinder", GasCylinder, 0, 0x1565C0, 0xECEFF1, 0x9E9E9E, Plain, 0.75, 0.5, 1, 1},
    {"water bottle", Bottle, 1, 0xB3E5FC, 0x0288D1, 0x0277BD, Plain, 0.7, 0.32, 1, 4},
    {"juice carton", Carton, 0, 0xFF9800, 0x4CAF50, 0xFFEB3B, Dots, 0.55, 0.55, 1, 3},
    {"jam jar", Jar, 1, 0x7B1F3A, 0xFFFFFF, 0xD32F2F, Plain, 0.42, 0.85, 1, 3},
    {"sardine tin", Bar, 1, 0x90A4AE, 0x1E88E5, 0xFFC107, Plain, 0.25, 1.8, 1, 3},
    {"crisps bag", PillowBag, 0, 0xFFEB3B, 0xE53935, 0xFF9800, Waves, 0.6, 0.75, 1, 2},
    {"noodle pack", Pouch, 0, 0xFF7043, 0xFFEB3B, 0xB71C1C, Waves, 0.32, 1.4, 1, 4},
    {"avocados", Produce, 4, 0x33691E, 0xC5E1A5, 0x1B3A0F, Plain, 0.24, 0.75, 2, 6},
    {"cabbage", Produce, 6, 0x8BC34A, 0xC5E1A5, 0x558B2F, Plain, 0.5, 1.0, 1, 2},
    {"plastic bucket", Bucket, 0, 0xE53935, 0xFFFFFF, 0xB71C1C, Plain, 0.6, 0.95, 1, 1},
    {"airtime card", Card, 0, 0x4CAF50, 0xFFFFFF, 0xBDBDBD, Plain, 0.3, 1.58, 1, 4},
    {"candles pack", Cells, 1, 0xFFFDE7, 0xFFF59D, 0x212121, Plain, 0.55, 0.7, 1, 2},
    {"coffee jar", Jar, 0, 0x4E342E, 0xD7CCC8, 0x212121, Plain, 0.5, 0.7, 1, 2},
    {"maize flour sack", Sack, 0, 0xFFFFFF, 0x2E7D32, 0xFBC02D, Band, 0.6, 0.65, 1, 2},
    {"detergent pouch", Pouch, 0, 0x1E88E5, 0xFF6F00, 0xFFFFFF, Waves, 0.55, 0.7, 1, 2},
    {"chocolate bar", Bar, 2, 0x4A148C, 0xCFD8DC, 0xFFD54F, Plain, 0.22, 2.2, 1, 4},
    {"oranges", Produce, 2, 0xFB8C00, 0x66BB6A, 0xFFB74D, Speckle, 0.2, 1.0, 4, 9},
    {"potatoes", Produce, 3, 0xC8A165, 0x8D6E63, 0xA1887F, Speckle, 0.18, 1.3, 4, 10},
    {"yoghurt cup", Cup, 0, 0xFFFFFF, 0xEC407A, 0xCFD8DC, Band, 0.4, 0.8, 1, 4},
    {"honey jar", Jar, 0, 0xFFA000, 0xFFF8E1, 0xFFD54F, Plain, 0.45, 0.8, 1, 2},
    {"cereal box", Box, 0, 0xF4511E, 0xFFFFFF, 0x1E88E5, Dots, 0.7, 0.7, 1, 1},
    {"beans tin", Tin, 0, 0x6D4C41, 0xFF8F00, 0xFFE0B2, Band, 0.42, 0.75, 1, 4},
    {"energy drink can", Tin, 1, 0x212121, 0x76FF03, 0xC0C0C0, Stripes, 0.48, 0.5, 1, 3},
    {"salt pack", Pouch, 0, 0xECEFF1, 0x0D47A1, 0xF44336, Plain, 0.45, 0.65, 1, 3},
    {"biscuit pack", Pouch, 1, 0x8D6E63, 0xFFE0B2, 0xD32F2F, Dots, 0.25, 2.0, 1, 3},
    {"mangoes", Produce, 5, 0x7CB342, 0xF4511E, 0x558B2F, Plain, 0.24, 1.35, 2, 6},
    {"shampoo sachets", Sachets, 0, 0x7E57C2, 0xE1BEE7, 0xFFFFFF, Plain, 0.55, 0.45, 1, 2},
    {"spice sachet", Pouch, 0, 0xD84315, 0xFFCA28, 0x4E342E, Checker, 0.3, 0.75, 1, 4},
    {"leafy greens", Greens, 0, 0x2E7D32, 0x66BB6A, 0x8D6E63, Plain, 0.6, 0.8, 1, 2},
    {"baby formula tin", Tin, 0, 0xFFF8E1, 0x42A5F5, 0xFFB300, Band, 0.5, 0.8, 1, 2},
    {"peanut butter jar", Jar, 0, 0xC68E48, 0xD32F2F, 0x1565C0, Plain, 0.42, 0.85, 1, 2},
    {"wheat flour pack", Pouch, 0, 0xF5F0E1, 0xA1887F, 0xFBC02D, Speckle, 0.55, 0.6, 1, 2},
    {"toothpaste box", Box, 2, 0xFFFFFF, 0xD32F2F, 0x1E88E5, Stripes, 0.17, 3.0, 1, 3},
    {"soda bottle", Bottle, 2, 0x3E2723, 0xD32F2F, 0xB71C1C, Plain, 0.66, 0.3, 1, 4},
};

QColor jitterColor(QRgb rgb, Rng &rng, double amount)
{
    QColor color = QColor::fromRgb(rgb).toHsv();
    const int hue = color.hsvHue() < 0 ? 0 : (color.hsvHue() + int(rng.normal() * 6 * amount) + 360) % 360;
    const int saturation = std::clamp(int(color.hsvSaturation() * (1 + 0.15 * amount * rng.normal())), 0, 255);
    const int value = std::clamp(int(color.value() * (1 + 0.12 * amount * rng.normal())), 0, 255);
    return QColor::fromHsv(hue, saturation, value);
}

struct Placement {
    QPointF center;
    double height;
    double angle;
};

} // namespace

std::span<const Category> categoryCatalog() { return kCatalog; }

void drawProducts(QPainter &painter, const Category &category, const QRectF &canvas, Rng &rng, double scale,
                  QPointF center)
{
    const bool pile = category.shape == Produce;
    const int count = rng.range(category.minCount, category.maxCount);
    // Sized against the height, but no more than a landscape frame's: tall portrait photos
    // would otherwise get products wider than the frame.
    const double frame = std::min(canvas.height(), canvas.width() * 1.25);
    double height = category.height * frame * rng.uniform(0.78, 1.25) * scale;
    // A single upright item is sometimes photographed lying on its side.
    const bool upright = category.aspect < 0.9 && category.shape != Sandals && category.shape != Greens;
    const double lying = count == 1 && upright && rng.chance(0.2) ? rng.sign() * 90.0 : 0.0;
    if (lying != 0)
        height = std::min(height, canvas.width() * 0.8);
    const double width = height * category.aspect;
    // Items of a row must fit in the frame; a pile may spill over the edges a little.
    const double rowWidth = pile ? width * std::sqrt(double(count)) * 1.3 : width * (count * 0.92 + 0.1);
    if (rowWidth > canvas.width() * 0.9)
        height *= canvas.width() * 0.9 / rowWidth;
    if (center.x() < 0) {
        const double dx = rng.normal() * canvas.width() * 0.08;
        const double dy = rng.normal() * canvas.height() * 0.07;
        center = canvas.center() + QPointF(dx, dy);
    }
    const double groupAngle = std::clamp(rng.normal() * 12.0, -25.0, 25.0);

    std::vector<Placement> items;
    for (int i = 0; i < count; ++i) {
        Placement item;
        // Items further back stand higher in the frame and look smaller.
        const double depth = pile ? 0 : rng.uniform(-1, 1) * 0.12;
        item.height = height * rng.uniform(0.88, 1.1) * (1 + depth * 0.6);
        item.angle = groupAngle + lying + rng.normal() * (pile ? 35.0 : 5.0);
        if (pile) {
            const double radius = height * 0.55 * std::sqrt(double(count)) * std::sqrt(rng.uniform());
            const double theta = rng.uniform(0, 6.283185307179586);
            item.center = center + QPointF(std::cos(theta) * radius * category.aspect * 1.1,
                                           std::sin(theta) * radius * 0.7);
        } else {
            const double offset = (i - (count - 1) / 2.0) * height * category.aspect * 0.95;
            const double radians = groupAngle * 3.141592653589793 / 180.0;
            const double dx = rng.normal() * height * 0.05;
            const double dy = rng.normal() * height * 0.03;
            item.center = center + QPointF(std::cos(radians) * offset, std::sin(radians) * offset)
                + QPointF(dx, depth * height * 0.5 + dy);
        }
        items.push_back(item);
    }
    // Back to front, so lower items overlap the ones behind them.
    std::stable_sort(items.begin(), items.end(),
                     [](const Placement &a, const Placement &b) { return a.center.y() < b.center.y(); });

    // One photo's colour shift, plus a little per item.
    const QColor body = jitterColor(category.body, rng, 1.0);
    const QColor second = jitterColor(category.second, rng, 1.0);
    const QColor accent = jitterColor(category.accent, rng, 1.0);

    for (const Placement &item : items) {
        const double w = item.height * category.aspect;
        const QPointF shadowCenter = item.center + QPointF(item.height * 0.06, item.height * 0.42);
        QRadialGradient shadow(shadowCenter, w * 0.75);
        shadow.setColorAt(0, QColor(0, 0, 0, 90));
        shadow.setColorAt(1, QColor(0, 0, 0, 0));
        painter.save();
        painter.translate(shadowCenter);
        painter.scale(1, 0.3);
        painter.translate(-shadowCenter);
        painter.setPen(Qt::NoPen);
        painter.setBrush(shadow);
        painter.drawEllipse(shadowCenter, w * 0.75, w * 0.75);
        painter.restore();
    }
    for (const Placement &item : items) {
        ItemLook look;
        look.body = jitterColor(body.rgb(), rng, 0.3);
        look.second = jitterColor(second.rgb(), rng, 0.3);
        look.accent = accent;
        look.pattern = category.pattern;
        look.aspect = category.aspect * rng.uniform(0.92, 1.08);
        look.detail = category.detail;
        painter.save();
        painter.translate(item.center);
        painter.rotate(item.angle);
        painter.scale(item.height, item.height);
        drawItem(painter, category.shape, look, rng);
        painter.restore();
    }
}

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
