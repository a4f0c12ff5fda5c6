#pragma once

#include "demo/demo_locale.h"
#include "demo/demo_random.h"

#include <QDate>
#include <QList>
#include <QRect>
#include <QRectF>
#include <QString>
#include <QStringList>

class QImage;

namespace sieve::demo {

// One run of glyphs drawn on a photo, with its tight box in the image's coordinates.
struct TextItem {
    QString text;
    QString piiType; // empty for harmless text, else "name", "phone" or "email"
    QString language;
    QString leadingWord; // for PII printed after a word such as "Nom" or "Tel"; else empty
    QRect box;
    double capHeight = 0; // in pixels: how large the text is printed
    double angle = 0;     // degrees, clockwise: the box is the bounding box of the turned run
};

struct TextRequest {
    bool pii = false;   // at least one card with a name, phone number or e-mail address
    int cards = 1;      // cards in all, PII or not
    const Country *country = nullptr;
    QString language;
    double priceUsd = 1;
    QDate collected;
    QStringList fontFamilies; // installed families to choose from; empty: the default font
    QList<QRectF> avoid;      // areas cards must not cover (faces), in image pixels
};

// Prints price tags, product labels, notes, receipts and business cards on `image` (full
// resolution, as displayed) with real fonts, and returns every run drawn with its box.
// Cards keep 6 % of the image clear at each edge, so a slight crop never cuts one. Any thread
// (needs a QGuiApplication for the fonts).
QList<TextItem> paintText(QImage &image, const TextRequest &request, Rng &rng);

// The font families paintText prefers, those of them that are installed. Call once, on any
// thread; the result can be shared.
QStringList demoFontFamilies();

} // namespace sieve::demo
