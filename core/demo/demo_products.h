#pragma once

#include "demo/demo_random.h"

#include <QColor>
#include <QRectF>

#include <span>

class QPainter;

// The product categories of the demo dataset and how they are drawn. Each category has its own
// shape family, palette and surface pattern, so that a small CNN can tell them apart at 64 px,
// while size, pose, count, colour and lighting vary within a category.

namespace sieve::demo {

enum class Shape {
    Sack, Bottle, Bar, Tin, Loaf, Carton, EggTray, Pouch, Box, Cells, Bananas, Produce, Jerrycan,
    Tube, Coil, Sandals, GasCylinder, Jar, PillowBag, Bucket, Card, Cup, Sachets, Greens
};

enum class Pattern { Plain, Stripes, Dots, Band, Weave, Checker, Waves, Speckle, Gradient };

struct Category {
    const char *name;
    Shape shape;
    int detail; // a variant of the shape (glass vs plastic bottle, tomato vs onion, …)
    QRgb body;
    QRgb second;
    QRgb accent;
    Pattern pattern;
    double height; // typical item height as a share of the image height
    double aspect; // item width / height
    int minCount;
    int maxCount;
};

// More than 40 categories, the most distinct first: a dataset of K categories uses the first K.
std::span<const Category> categoryCatalog();

struct ItemLook {
    QColor body;
    QColor second;
    QColor accent;
    Pattern pattern = Pattern::Plain;
    double aspect = 1;
    int detail = 0;
};

// Draws one item centred at the origin, `look.aspect` wide and 1 high in the painter's current
// coordinates (so the caller positions, rotates and scales it with the painter's transform).
void drawItem(QPainter &painter, Shape shape, const ItemLook &look, Rng &rng);

// Draws the products of one photo of `category` (one item or a pile of them) on `canvas`, with
// their contact shadows. `scale` shrinks them (for a distractor in a corner).
void drawProducts(QPainter &painter, const Category &category, const QRectF &canvas, Rng &rng,
                  double scale = 1.0, QPointF center = {-1, -1});

} // namespace sieve::demo
