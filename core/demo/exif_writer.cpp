#include "demo/exif_writer.h"

#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace sieve::demo {

namespace {

constexpr ExifByteOrder kOrder = EXIF_BYTE_ORDER_INTEL;

struct ExifDataDeleter {
    void operator()(ExifData *data) const { exif_data_unref(data); }
};

// Adds a zero-filled entry; libexif's exif_entry_initialize() is avoided on purpose because it
// stamps date tags with the current time.
unsigned char *addEntry(ExifData *data, ExifIfd ifd, ExifTag tag, ExifFormat format, unsigned long components)
{
    ExifMem *mem = exif_mem_new_default();
    ExifEntry *entry = exif_entry_new_mem(mem);
    const unsigned int size = exif_format_get_size(format) * components;
    entry->data = static_cast<unsigned char *>(exif_mem_alloc(mem, size));
    if (!entry->data) {
        exif_entry_unref(entry);
        exif_mem_unref(mem);
        return nullptr;
    }
    std::memset(entry->data, 0, size);
    entry->size = size;
    entry->tag = tag;
    entry->components = components;
    entry->format = format;
    unsigned char *target = entry->data;
    exif_content_add_entry(data->ifd[ifd], entry); // the IFD keeps a reference
    exif_entry_unref(entry);
    exif_mem_unref(mem);
    return target;
}

void setAscii(ExifData *data, ExifIfd ifd, ExifTag tag, const QString &text)
{
    const QByteArray bytes = text.toUtf8(); // what phones write for names with accents
    if (unsigned char *target = addEntry(data, ifd, tag, EXIF_FORMAT_ASCII, unsigned(bytes.size() + 1)))
        std::memcpy(target, bytes.constData(), std::size_t(bytes.size()));
}

void setShort(ExifData *data, ExifIfd ifd, ExifTag tag, int value)
{
    if (unsigned char *target = addEntry(data, ifd, tag, EXIF_FORMAT_SHORT, 1))
        exif_set_short(target, kOrder, ExifShort(value));
}

void setLong(ExifData *data, ExifIfd ifd, ExifTag tag, int value)
{
    if (unsigned char *target = addEntry(data, ifd, tag, EXIF_FORMAT_LONG, 1))
        exif_set_long(target, kOrder, ExifLong(value));
}

void setRationals(ExifData *data, ExifIfd ifd, ExifTag tag, std::initializer_list<ExifRational> values)
{
    unsigned char *target = addEntry(data, ifd, tag, EXIF_FORMAT_RATIONAL, unsigned(values.size()));
    if (!target)
        return;
    for (const ExifRational &value : values) {
        exif_set_rational(target, kOrder, value);
        target += exif_format_get_size(EXIF_FORMAT_RATIONAL);
    }
}

void setUndefined(ExifData *data, ExifIfd ifd, ExifTag tag, const QByteArray &bytes)
{
    if (unsigned char *target = addEntry(data, ifd, tag, EXIF_FORMAT_UNDEFINED, unsigned(bytes.size())))
        std::memcpy(target, bytes.constData(), std::size_t(bytes.size()));
}

void setDegrees(ExifData *data, ExifTag tag, double degrees)
{
    const double value = std::abs(degrees);
    const auto whole = ExifLong(value);
    const double minutes = (value - whole) * 60;
    const auto wholeMinutes = ExifLong(minutes);
    const auto seconds = ExifLong(std::lround((minutes - wholeMinutes) * 60 * 10000));
    setRationals(data, EXIF_IFD_GPS, tag, {{whole, 1}, {wholeMinutes, 1}, {seconds, 10000}});
}

} // namespace

QByteArray exifPayload(const ExifFields &fields)
{
    std::unique_ptr<ExifData, ExifDataDeleter> data(exif_data_new());
    if (!data)
        return {};
    ExifData *d = data.get();
    // Following the specification would make libexif add mandatory tags with the current date.
    exif_data_unset_option(d, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_set_data_type(d, EXIF_DATA_TYPE_COMPRESSED);
    exif_data_set_byte_order(d, kOrder);

    const QString stamp = fields.taken.toString(QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    setAscii(d, EXIF_IFD_0, EXIF_TAG_MAKE, fields.make);
    setAscii(d, EXIF_IFD_0, EXIF_TAG_MODEL, fields.model);
    setShort(d, EXIF_IFD_0, EXIF_TAG_ORIENTATION, fields.orientation);
    setRationals(d, EXIF_IFD_0, EXIF_TAG_X_RESOLUTION, {{72, 1}});
    setRationals(d, EXIF_IFD_0, EXIF_TAG_Y_RESOLUTION, {{72, 1}});
    setShort(d, EXIF_IFD_0, EXIF_TAG_RESOLUTION_UNIT, 2);
    if (!fields.software.isEmpty())
        setAscii(d, EXIF_IFD_0, EXIF_TAG_SOFTWARE, fields.software);
    setAscii(d, EXIF_IFD_0, EXIF_TAG_DATE_TIME, stamp);
    if (!fields.artist.isEmpty())
        setAscii(d, EXIF_IFD_0, EXIF_TAG_ARTIST, fields.artist);
    setShort(d, EXIF_IFD_0, EXIF_TAG_YCBCR_POSITIONING, 1);

    setUndefined(d, EXIF_IFD_EXIF, EXIF_TAG_EXIF_VERSION, QByteArrayLiteral("0231"));
    setAscii(d, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, stamp);
    setAscii(d, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_DIGITIZED, stamp);
    if (!fields.utcOffset.isEmpty())
        setAscii(d, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL, fields.utcOffset);
    setShort(d, EXIF_IFD_EXIF, EXIF_TAG_COLOR_SPACE, 1);
    setLong(d, EXIF_IFD_EXIF, EXIF_TAG_PIXEL_X_DIMENSION, fields.storedSize.width());
    setLong(d, EXIF_IFD_EXIF, EXIF_TAG_PIXEL_Y_DIMENSION, fields.storedSize.height());
    if (!fields.bodySerialNumber.isEmpty())
        setAscii(d, EXIF_IFD_EXIF, EXIF_TAG_BODY_SERIAL_NUMBER, fields.bodySerialNumber);

    if (fields.latitude && fields.longitude) {
        if (unsigned char *version = addEntry(d, EXIF_IFD_GPS, ExifTag(EXIF_TAG_GPS_VERSION_ID), EXIF_FORMAT_BYTE, 4)) {
            version[0] = 2;
            version[1] = 2;
        }
        setAscii(d, EXIF_IFD_GPS, ExifTag(EXIF_TAG_GPS_LATITUDE_REF), *fields.latitude < 0 ? QStringLiteral("S") : QStringLiteral("N"));
        setDegrees(d, ExifTag(EXIF_TAG_GPS_LATITUDE), *fields.latitude);
        setAscii(d, EXIF_IFD_GPS, ExifTag(EXIF_TAG_GPS_LONGITUDE_REF), *fields.longitude < 0 ? QStringLiteral("W") : QStringLiteral("E"));
        setDegrees(d, ExifTag(EXIF_TAG_GPS_LONGITUDE), *fields.longitude);
    }

    if (!fields.thumbnailJpeg.isEmpty()) {
        setShort(d, EXIF_IFD_1, EXIF_TAG_COMPRESSION, 6);
        setRationals(d, EXIF_IFD_1, EXIF_TAG_X_RESOLUTION, {{72, 1}});
        setRationals(d, EXIF_IFD_1, EXIF_TAG_Y_RESOLUTION, {{72, 1}});
        setShort(d, EXIF_IFD_1, EXIF_TAG_RESOLUTION_UNIT, 2);
        // libexif writes ExifData::data as the IFD1 thumbnail; it is ours, so detach it again
        // before exif_data_unref frees the rest.
        d->data = reinterpret_cast<unsigned char *>(const_cast<char *>(fields.thumbnailJpeg.constData()));
        d->size = unsigned(fields.thumbnailJpeg.size());
    }

    unsigned char *buffer = nullptr;
    unsigned int size = 0;
    exif_data_save_data(d, &buffer, &size);
    d->data = nullptr;
    d->size = 0;
    if (!buffer)
        return {};
    QByteArray payload(reinterpret_cast<const char *>(buffer), qsizetype(size));
    std::free(buffer);
    if (payload.size() + 2 > 0xFFFF)
        return {};
    return payload;
}

QByteArray withExif(const QByteArray &jpeg, const QByteArray &payload)
{
    if (jpeg.size() < 4 || uchar(jpeg[0]) != 0xFF || uchar(jpeg[1]) != 0xD8 || payload.isEmpty())
        return jpeg;
    qsizetype rest = 2;
    // Drop the JFIF APP0 segment Qt writes; a camera file starts with APP1 Exif.
    if (uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0 && jpeg.size() > 6) {
        const int length = (uchar(jpeg[4]) << 8) | uchar(jpeg[5]);
        rest = 4 + length;
    }
    const int length = int(payload.size()) + 2;
    QByteArray out;
    out.reserve(jpeg.size() + payload.size() + 4);
    out.append(jpeg.constData(), 2);
    out.append(char(0xFF));
    out.append(char(0xE1));
    out.append(char((length >> 8) & 0xFF));
    out.append(char(length & 0xFF));
    out.append(payload);
    out.append(jpeg.constData() + rest, jpeg.size() - rest);
    return out;
}

} // namespace sieve::demo
