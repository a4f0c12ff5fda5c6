#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace sieve::imaging {

// The edge of the cached thumbnails; the gallery scales them down for smaller tiles.
constexpr int kThumbnailSize = 256;

// Decodes an image so that its longer side is at most MAXSIDE (never upscaled), using the
// decoder's own reduction where it has one (libjpeg's DCT scaling: a 12-MP JPEG decodes at 1/8
// size in a fraction of the full time), and applies the EXIF orientation. Thread-safe.
// Fails with the decoder's reason for corrupt data; refuses more than kMaxPixels.
Result<QImage> decodeScaled(const QString &path, int maxSide);
Result<QImage> decodeScaled(const QByteArray &bytes, int maxSide);

// Thumbnail as stored in thumbs.db: JPEG, quality 82, no metadata.
QByteArray encodeThumbnail(const QImage &image);

} // namespace sieve::imaging
