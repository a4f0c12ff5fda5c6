#pragma once

#include <QImage>
#include <QList>
#include <QRect>

namespace sieve::imaging {

enum class RedactionStyle { Pixelate, Blur, Fill };

struct RedactionOptions {
    RedactionStyle style = RedactionStyle::Pixelate;
    // Each box grows by this share of its shorter side on every side (OCR boxes hug glyphs;
    // descenders and anti-aliased edges lie just outside them).
    double padding = 0.15;
    QColor fill = Qt::black;
};

// Returns IMAGE with every box (in its pixels) made unreadable: pixelated with blocks of a
// third of the box's shorter side (a line of text becomes three rows of blocks), blurred with a
// radius of half the shorter side applied three times, or filled. Boxes are clipped to the
// image; the original is not changed. Any thread.
QImage redact(const QImage &image, const QList<QRect> &boxes, const RedactionOptions &options = {});

// BOX grown by the padding and clipped to BOUNDS.
QRect paddedBox(const QRect &box, double padding, const QRect &bounds);

} // namespace sieve::imaging
