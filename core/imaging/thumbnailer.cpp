#include "imaging/thumbnailer.h"

#include "imaging/image_probe.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>
#include <QImageWriter>

namespace sieve::imaging {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::imaging)
};

Result<QImage> decode(QImageReader &reader, int maxSide)
{
    const QSize stored = reader.size();
    if (stored.isValid()) {
        if (qint64(stored.width()) * stored.height() > kMaxPixels)
            return fail(Tr::tr("image of %1 x %2 pixels is over the size limit").arg(stored.width()).arg(stored.height()));
        if (maxSide > 0 && (stored.width() > maxSide || stored.height() > maxSide))
            reader.setScaledSize(stored.scaled(maxSide, maxSide, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    }
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull())
        return fail(Tr::tr("cannot be decoded: %1").arg(reader.errorString()));
    if (maxSide > 0 && (image.width() > maxSide || image.height() > maxSide))
        image = image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

} // namespace

Result<QImage> decodeScaled(const QString &path, int maxSide)
{
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    Result<QImage> image = decode(reader, maxSide);
    if (!image)
        return fail(QStringLiteral("%1: %2").arg(path, image.error()));
    return image;
}

Result<QImage> decodeScaled(const QByteArray &bytes, int maxSide)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    return decode(reader, maxSide);
}

QByteArray encodeThumbnail(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(82);
    const QImage rgb = image.hasAlphaChannel() ? image.convertToFormat(QImage::Format_RGB32) : image;
    writer.write(rgb);
    return bytes;
}

} // namespace sieve::imaging
