#include "imaging/exif_summary.h"

#include <QJsonArray>

#include <libexif/exif-data.h>

#include <cmath>
#include <memory>

namespace sieve::imaging {

namespace {

struct ExifDataDeleter {
    void operator()(ExifData *data) const { exif_data_unref(data); }
};

QString entryText(ExifEntry *entry)
{
    char buffer[1024];
    exif_entry_get_value(entry, buffer, sizeof buffer);
    return QString::fromUtf8(buffer).trimmed();
}

ExifEntry *find(ExifData *data, ExifIfd ifd, int tag)
{
    return data->ifd[ifd] ? exif_content_get_entry(data->ifd[ifd], ExifTag(tag)) : nullptr;
}

void addText(QJsonObject &summary, const char *key, ExifData *data, ExifIfd ifd, int tag)
{
    if (ExifEntry *entry = find(data, ifd, tag)) {
        const QString value = entryText(entry);
        if (!value.isEmpty())
            summary.insert(QLatin1String(key), value);
    }
}

// A GPS coordinate: three RATIONALs (degrees, minutes, seconds) and an N/S or E/W reference.
std::optional<double> coordinate(ExifData *data, int valueTag, int referenceTag)
{
    ExifEntry *entry = find(data, EXIF_IFD_GPS, valueTag);
    if (!entry || entry->format != EXIF_FORMAT_RATIONAL || entry->components < 3)
        return std::nullopt;
    const ExifByteOrder order = exif_data_get_byte_order(data);
    double parts[3];
    for (int i = 0; i < 3; ++i) {
        const ExifRational r = exif_get_rational(entry->data + i * 8, order);
        if (r.denominator == 0)
            return std::nullopt;
        parts[i] = double(r.numerator) / double(r.denominator);
    }
    double value = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
    if (ExifEntry *reference = find(data, EXIF_IFD_GPS, referenceTag)) {
        const QString ref = entryText(reference);
        if (ref.startsWith(QLatin1Char('S')) || ref.startsWith(QLatin1Char('W')))
            value = -value;
    }
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

QJsonObject readExifSummary(const QByteArray &bytes)
{
    std::unique_ptr<ExifData, ExifDataDeleter> data(exif_data_new());
    if (!data)
        return {};
    exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(data.get(), reinterpret_cast<const unsigned char *>(bytes.constData()),
                        unsigned(std::min<qsizetype>(bytes.size(), 0x7fffffff)));

    QJsonObject summary;
    addText(summary, "make", data.get(), EXIF_IFD_0, EXIF_TAG_MAKE);
    addText(summary, "model", data.get(), EXIF_IFD_0, EXIF_TAG_MODEL);
    addText(summary, "software", data.get(), EXIF_IFD_0, EXIF_TAG_SOFTWARE);
    addText(summary, "artist", data.get(), EXIF_IFD_0, EXIF_TAG_ARTIST);
    addText(summary, "copyright", data.get(), EXIF_IFD_0, EXIF_TAG_COPYRIGHT);
    addText(summary, "taken_at", data.get(), EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
    addText(summary, "unique_id", data.get(), EXIF_IFD_EXIF, EXIF_TAG_IMAGE_UNIQUE_ID);
    addText(summary, "owner", data.get(), EXIF_IFD_EXIF, 0xa430);  // CameraOwnerName
    addText(summary, "serial", data.get(), EXIF_IFD_EXIF, 0xa431); // BodySerialNumber
    addText(summary, "lens_serial", data.get(), EXIF_IFD_EXIF, 0xa435);

    if (ExifEntry *entry = find(data.get(), EXIF_IFD_0, EXIF_TAG_ORIENTATION);
        entry && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1) {
        const int orientation = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
        if (orientation >= 1 && orientation <= 8)
            summary.insert(QStringLiteral("orientation"), orientation);
    }

    const auto latitude = coordinate(data.get(), EXIF_TAG_GPS_LATITUDE, EXIF_TAG_GPS_LATITUDE_REF);
    const auto longitude = coordinate(data.get(), EXIF_TAG_GPS_LONGITUDE, EXIF_TAG_GPS_LONGITUDE_REF);
    if (latitude && longitude && std::abs(*latitude) <= 90 && std::abs(*longitude) <= 180) {
        QJsonObject gps{{QStringLiteral("lat"), *latitude}, {QStringLiteral("lon"), *longitude}};
        summary.insert(QStringLiteral("gps"), gps);
    }
    if (data->size > 0)
        summary.insert(QStringLiteral("thumbnail_bytes"), int(data->size));
    return summary;
}

} // namespace sieve::imaging
