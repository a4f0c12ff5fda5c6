#pragma once

#include "demo/demo_products.h"
#include "demo/demo_random.h"

#include <QColor>
#include <QPainterPath>

class QPainter;

// Drawing helpers shared by the product shapes, and the shapes themselves. A shape draws one
// item in unit coordinates: centred at the origin, 1 high and `look.aspect` wide; y grows
// downwards. Any thread.

namespace sieve::demo {

constexpr double kPi = 3.141592653589793;
constexpr double kLine = 0.008; // outline width in item units

QColor withAlpha(QColor color, int alpha);
void outline(QPainter &p, const QPainterPath &path, const QColor &body);
// Covers `clip` with the surface pattern, in `color`.
void applyPattern(QPainter &p, const QPainterPath &clip, Pattern pattern, const QColor &color, Rng &rng);
// Light from the upper left on a round body, a flat one and a ball.
void shadeCylinder(QPainter &p, const QPainterPath &path);
void shadeFlat(QPainter &p, const QPainterPath &path);
void shadeSphere(QPainter &p, const QPainterPath &path);
// A brand emblem: a ring, a star or a diamond, never letters (all text is drawn, and
// recorded, by the text layer).
void emblem(QPainter &p, QPointF center, double radius, const QColor &fill, const QColor &ring, Rng &rng);
QPainterPath roundedRect(const QRectF &rect, double radius);
// A crimped edge: a band between `top` and `bottom` whose `top` side is toothed.
QPainterPath zigzag(double left, double right, double top, double bottom, int teeth);

// Packaged goods (demo_shapes_packaged.cpp).
void drawSack(QPainter &p, const ItemLook &l, Rng &rng);
void drawBottle(QPainter &p, const ItemLook &l, Rng &rng);
void drawBar(QPainter &p, const ItemLook &l, Rng &rng);
void drawTin(QPainter &p, const ItemLook &l, Rng &rng);
void drawCarton(QPainter &p, const ItemLook &l, Rng &rng);
void drawPouch(QPainter &p, const ItemLook &l, Rng &rng);
void drawBox(QPainter &p, const ItemLook &l, Rng &rng);
void drawCells(QPainter &p, const ItemLook &l, Rng &rng);
void drawTube(QPainter &p, const ItemLook &l, Rng &rng);
void drawJar(QPainter &p, const ItemLook &l, Rng &rng);
void drawPillowBag(QPainter &p, const ItemLook &l, Rng &rng);
void drawCup(QPainter &p, const ItemLook &l, Rng &rng);
void drawSachets(QPainter &p, const ItemLook &l, Rng &rng);
void drawCard(QPainter &p, const ItemLook &l, Rng &rng);

// Loose goods, produce and household items (demo_shapes_loose.cpp).
void drawLoaf(QPainter &p, const ItemLook &l, Rng &rng);
void drawEggTray(QPainter &p, const ItemLook &l, Rng &rng);
void drawBananas(QPainter &p, const ItemLook &l, Rng &rng);
void drawProduce(QPainter &p, const ItemLook &l, Rng &rng);
void drawJerrycan(QPainter &p, const ItemLook &l, Rng &rng);
void drawCoil(QPainter &p, const ItemLook &l, Rng &rng);
void drawSandals(QPainter &p, const ItemLook &l, Rng &rng);
void drawGasCylinder(QPainter &p, const ItemLook &l, Rng &rng);
void drawBucket(QPainter &p, const ItemLook &l, Rng &rng);
void drawGreens(QPainter &p, const ItemLook &l, Rng &rng);

} // namespace sieve::demo
