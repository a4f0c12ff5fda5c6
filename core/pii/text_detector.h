#pragma once

#include <QImage>
#include <QList>
#include <QRect>

namespace sieve::pii {

// A row of character-like shapes: where OCR should look.
struct TextCandidate {
    QRect box;           // in the pixels of the image searched
    int charHeight = 0;  // median height of its characters
    int characters = 0;  // shapes in the row
    double angle = 0;    // of the row's baseline in degrees, clockwise as on screen (y down)
};

// Finds rows of printed characters in GRAY (8-bit, contrast already stretched), both dark on
// light and light on dark, without reading them: pixels clearly darker (or lighter) than their
// neighbourhood form shapes; shapes of a character's size and fill that stand in a row with
// others of similar height, close together, make a candidate. Smooth surfaces, wood grain,
// cloth and product shapes give few or none, so most photos without text skip OCR, and the
// photos with text are OCRed where the text is, at a size that suits Tesseract. Shapes from
// MIN_HEIGHT to MAX_HEIGHT pixels high count as characters. About 10 ms on a 1600 px image.
// Pure; any thread.
QList<TextCandidate> findTextCandidates(const QImage &gray, int minHeight = 6, int maxHeight = 220);

// Groups CANDIDATES into areas worth one OCR call each: rows that lie within about two
// character heights of each other (the lines of one label, a leading word and the value on the
// line below) merge, and each area is padded by a character height, clipped to BOUNDS. An
// area's angle is the median of its rows'. Areas come top to bottom.
QList<TextCandidate> textAreas(const QList<TextCandidate> &candidates, const QRect &bounds);

} // namespace sieve::pii
