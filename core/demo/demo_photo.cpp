#include "demo/demo_photo.h"

#include "demo/demo_camera.h"
#include "demo/demo_locale.h"
#include "demo/demo_scene.h"
#include "demo/exif_writer.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageWriter>

#include <cmath>

namespace sieve::demo {

namespace {

constexpr int kWorkingSide = 1280;

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::demo)
};

QRect outerBox(const QRectF &r, const QRect &bounds)
{
    const QPoint topLeft(int(std::floor(r.left())), int(std::floor(r.top())));
    const QPoint bottomRight(int(std::ceil(r.right())) - 1, int(std::ceil(r.bottom())) - 1);
    return QRect(topLeft, bottomRight).intersected(bounds);
}

Result<QByteArray> encode(const QImage &image, const char *format, int quality, int compression = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality >= 0)
        writer.setQuality(quality);
    if (compression >= 0)
        writer.setCompression(compression);
    if (!writer.write(image))
        return fail(Tr::tr("Cannot encode a %1 image: %2 (is the Qt image format plugin installed?)")
                        .arg(QString::fromLatin1(format), writer.errorString()));
    return bytes;
}

QImage storedImage(const QImage &displayed, int orientation)
{
    // Orientation 6 means "turn 90° clockwise to display", so the stored pixels are the
    // displayed ones turned 90° counter-clockwise; 8 is the reverse; 3 is upside down.
    switch (orientation) {
    case 6: return displayed.transformed(QTransform().rotate(-90));
    case 8: return displayed.transformed(QTransform().rotate(90));
    case 3: return displayed.transformed(QTransform().rotate(180));
    default: return displayed;
    }
}

} // namespace

Photo renderPhoto(const FilePlan &file, std::span<const Category> categories, const QStringList &fonts)
{
    const QSize size = file.displayed;
    const double scale = std::min(1.0, double(kWorkingSide) / std::max(size.width(), size.height()));
    const QSize working(std::max(16, int(std::lround(size.width() * scale))),
                        std::max(16, int(std::lround(size.height() * scale))));
    Rng sceneRng(mixSeed(file.seed, 1));
    const QImage scene = paintScene(working, categories[std::size_t(file.trueLabel)], categories, sceneRng);

    Photo photo;
    photo.image = working == size ? scene
                                  : scene.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                        .convertToFormat(QImage::Format_RGB32);

    TextRequest request;
    if (file.faces > 0) {
        Rng faceRng(mixSeed(file.seed, 5));
        photo.faces = paintFaces(photo.image, file.faces, *file.country, faceRng, &request.avoid);
    }
    request.pii = file.pii;
    request.cards = file.cards;
    request.country = file.country;
    request.language = file.language;
    request.priceUsd = file.priceUsd;
    request.collected = file.taken.date();
    request.fontFamilies = fonts;
    Rng textRng(mixSeed(file.seed, 2));
    photo.text = paintText(photo.image, request, textRng);

    Rng cameraRng(mixSeed(file.seed, 3));
    if (file.issue == Quality::Blur)
        photo.image = defocus(photo.image, cameraRng);
    const Lighting lighting = file.issue == Quality::Dark   ? Lighting::Dark
        : file.issue == Quality::Overexposed                ? Lighting::Overexposed
        : file.format == Format::Png || file.format == Format::Tiff ? Lighting::Clean
                                                            : Lighting::Normal;
    applyExposure(photo.image, randomExposure(lighting, cameraRng), mixSeed(file.seed, 4));
    return photo;
}

Photo nearDuplicate(const Photo &original, const FilePlan &file)
{
    const QSize from = original.image.size();
    const QRect crop(int(std::lround(file.nearCrop.x() * from.width())), int(std::lround(file.nearCrop.y() * from.height())),
                     int(std::lround(file.nearCrop.width() * from.width())),
                     int(std::lround(file.nearCrop.height() * from.height())));
    Photo photo;
    photo.image = original.image.copy(crop)
                      .scaled(file.displayed, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                      .convertToFormat(QImage::Format_RGB32);
    const double sx = double(file.displayed.width()) / crop.width();
    const double sy = double(file.displayed.height()) / crop.height();
    const QRect bounds(QPoint(0, 0), file.displayed);
    for (TextItem item : original.text) {
        const QRectF box(QPointF((item.box.left() - crop.left()) * sx, (item.box.top() - crop.top()) * sy),
                         QSizeF((item.box.width()) * sx, item.box.height() * sy));
        item.box = outerBox(box, bounds);
        item.capHeight *= sy;
        if (!item.box.isEmpty())
            photo.text << item;
    }
    for (FaceItem face : original.faces) {
        const QRectF box(QPointF((face.box.left() - crop.left()) * sx, (face.box.top() - crop.top()) * sy),
                         QSizeF(face.box.width() * sx, face.box.height() * sy));
        face.box = outerBox(box, bounds);
        if (face.box.isEmpty())
            continue;
        const double kept = double(face.box.width()) * face.box.height() / (box.width() * box.height());
        face.visible = std::round(face.visible * std::min(1.0, kept) * 100) / 100;
        photo.faces << face;
    }
    return photo;
}

Result<QByteArray> encodePhoto(const Photo &photo, const FilePlan &file, const Contributor &contributor)
{
    const QImage stored = storedImage(photo.image, file.orientation);
    switch (file.format) {
    // Qt maps PNG quality 80 to zlib level 1: five times faster than the default on noisy
    // photos, for files about a fifth larger.
    case Format::Png: return encode(stored, "png", 80);
    case Format::WebP: return encode(stored, "webp", file.quality);
    case Format::Tiff: return encode(stored.convertToFormat(QImage::Format_RGB888), "tiff", -1, 1);
    case Format::Jpeg: break;
    }
    Result<QByteArray> jpeg = encode(stored, "jpeg", file.quality);
    if (!jpeg || !file.exif)
        return jpeg;
    ExifFields fields;
    fields.make = QString::fromLatin1(contributor.device->make);
    fields.model = QString::fromLatin1(contributor.device->model);
    fields.software = QString::fromLatin1(contributor.device->software);
    fields.taken = file.taken;
    fields.utcOffset = QString::fromLatin1(file.country->utcOffset);
    fields.orientation = file.orientation;
    fields.storedSize = stored.size();
    if (file.gps) {
        fields.latitude = file.gps->x();
        fields.longitude = file.gps->y();
    }
    fields.bodySerialNumber = contributor.serialNumber;
    fields.artist = contributor.artist;
    if (file.thumbnail) {
        Result<QByteArray> thumbnail =
            encode(stored.scaled(160, 160, Qt::KeepAspectRatio, Qt::SmoothTransformation), "jpeg", 70);
        if (thumbnail)
            fields.thumbnailJpeg = *thumbnail;
    }
    const QByteArray payload = exifPayload(fields);
    if (payload.isEmpty())
        return fail(Tr::tr("Cannot build the EXIF segment for %1.").arg(file.path));
    return withExif(*jpeg, payload);
}

} // namespace sieve::demo
