#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSize>
#include <QString>

namespace sieve::imaging {

enum class ImageFormat { Unknown, Jpeg, Png, Webp, Tiff };

// "jpeg", "png", "webp", "tiff" (also the Qt image-format name), or "" for Unknown.
QString formatName(ImageFormat format);
// Recognises the format from the first bytes of a file, never from its name.
ImageFormat sniffFormat(const QByteArray &head);

// Larger images are refused without allocating them (a decompression bomb claims
// 100000 x 100000 pixels in a few hundred bytes).
constexpr qint64 kMaxPixels = 250'000'000;

struct ImageProbe {
    ImageFormat format = ImageFormat::Unknown;
    QSize storedSize;       // pixels as stored, before EXIF orientation
    int orientation = 1;    // EXIF orientation 1..8
    QJsonObject exif;       // summary: make, model, taken_at, gps{lat,lon}, serial, owner, ...

    // The size the image is shown at (orientations 5..8 swap width and height).
    QSize displaySize() const;
};

// Reads format, dimensions, orientation and an EXIF summary from the header of an image held
// in memory, without decoding pixels. Fails, with a reason fit for an import report, for an
// empty file, content that is no supported image, a damaged header, a truncated JPEG, PNG or
// WebP, or more than kMaxPixels. Thread-safe.
Result<ImageProbe> probeImage(const QByteArray &bytes);

// EXIF orientation 1..8 as a transform from stored to displayed pixels.
bool orientationSwapsAxes(int orientation);

} // namespace sieve::imaging
