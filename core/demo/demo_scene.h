#pragma once

#include "demo/demo_products.h"
#include "demo/demo_random.h"

#include <QImage>

#include <span>

namespace sieve::demo {

// Paints the scene of one product photo at `size`: a background (market-stall wood, table
// cloth, wall, concrete, mat, backdrop), the products of `category` with contact shadows,
// sometimes a small item of another category, clutter and a partial occluder (a hand, a bag,
// a cloth), all under a mild perspective. No text: the text layer is drawn later, at full
// resolution. Any thread.
QImage paintScene(QSize size, const Category &category, std::span<const Category> others, Rng &rng);

} // namespace sieve::demo
