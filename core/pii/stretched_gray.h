#pragma once

#include <QImage>

namespace sieve::pii {

// An 8-bit grayscale copy of IMAGE with its 1st to 99th intensity percentiles stretched to the
// full range, so that text in dark or hazy photos has the contrast the text detector and OCR
// expect. Pure; any thread.
QImage stretchedGray(const QImage &image);

} // namespace sieve::pii
