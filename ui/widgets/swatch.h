#pragma once

#include <QColor>
#include <QIcon>

namespace sieve::ui {

// A small rounded square of COLOR: how a category's colour is shown in lists. GUI thread.
QIcon colorSwatch(const QColor &color, int size = 14);

} // namespace sieve::ui
