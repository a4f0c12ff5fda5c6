#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSize>
#include <QString>

#include <optional>

namespace sieve::demo {

struct ExifFields {
    QString make;
    QString model;
    QString software;
    QDateTime taken;      // local time of the camera; written as DateTimeOriginal and DateTime
    QString utcOffset;    // "+03:00", written as OffsetTimeOriginal when not empty
    int orientation = 1;  // EXIF Orientation, 1 … 8
    QSize storedSize;     // pixel size as stored (PixelXDimension / PixelYDimension)
    std::optional<double> latitude;  // degrees, south negative
    std::optional<double> longitude; // degrees, west negative
    QString bodySerialNumber;
    QString artist;
    QByteArray thumbnailJpeg; // embedded in IFD1 when not empty
};

// The payload of a JPEG APP1 segment ("Exif\0\0" and a little-endian TIFF structure) made with
// libexif. Deterministic: nothing depends on the clock. Empty if libexif fails or the result
// would not fit in one segment (64 KiB; keep the thumbnail small).
QByteArray exifPayload(const ExifFields &fields);

// `jpeg` with its JFIF APP0 segment replaced by an Exif APP1 segment holding `payload`, as
// cameras write it. Returns `jpeg` unchanged when it does not start with SOI.
QByteArray withExif(const QByteArray &jpeg, const QByteArray &payload);

} // namespace sieve::demo
