#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace sieve::imaging {

// Reads the EXIF block of a JPEG or TIFF held in memory with libexif and returns a summary of
// what matters to a moderator: make, model, software, taken_at, orientation, gps {lat, lon,
// alt}, and identifying tags (serial, owner, artist, copyright, unique_id). Missing or damaged
// EXIF gives an empty object; never fails. Thread-safe.
QJsonObject readExifSummary(const QByteArray &bytes);

} // namespace sieve::imaging
