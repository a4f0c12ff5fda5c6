#pragma once

#include <QImage>

namespace sieve::pii {

// The side of the copy the prefilter looks at.
constexpr int kPrefilterSide = 512;

// How much of IMAGE looks like printed characters, cheaply (about 1 ms at kPrefilterSide):
// the image is reduced to kPrefilterSide, cut into 8×8 blocks, and a block counts when it holds
// many strong horizontal and vertical intensity steps at once (strokes of characters) and a
// neighbour to its left or right does too (characters stand in rows). Returns the number of such
// blocks. Photos of smooth surfaces score near 0; a single line of small print scores a few.
// Pure; any thread.
int textBlockScore(const QImage &image);

// An 8-bit grayscale copy of IMAGE with its 1st to 99th intensity percentiles stretched to the
// full range, so that text in dark or hazy photos has the contrast the prefilter and OCR expect.
// Pure; any thread.
QImage stretchedGray(const QImage &image);

// The score at or above which an image is OCRed. Chosen for recall: on the demo data set no
// image with text scored below it (see tst_pii_scan).
constexpr int kTextBlockThreshold = 3;

} // namespace sieve::pii
