#include "imaging/image_probe.h"

#include "imaging/exif_summary.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

#include <climits>
#include <cstring>
#include <optional>

namespace sieve::imaging {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::imaging)
};

bool startsWith(const QByteArray &bytes, const char *magic, int length, int offset = 0)
{
    return bytes.size() >= offset + length && std::memcmp(bytes.constData() + offset, magic, size_t(length)) == 0;
}

// A JPEG is complete when an EOI marker (FF D9) follows its first scan. Entropy-coded data
// never holds FF followed by D9 (FF is stuffed with 00), and the EXIF thumbnail, which has an
// EOI of its own, lies before the first SOS, so searching from the first SOS is exact.
bool jpegIsComplete(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype pos = 2;
    while (pos + 4 <= size) {
        if (data[pos] != 0xFF)
            return false;
        const unsigned char marker = data[pos + 1];
        if (marker == 0xFF) { // fill byte
            ++pos;
            continue;
        }
        if (marker == 0xDA)
            break;
        if (marker == 0xD9)
            return false; // EOI before any scan
        const qsizetype length = (qsizetype(data[pos + 2]) << 8) | data[pos + 3];
        pos += 2 + length;
    }
    if (pos + 4 > size)
        return false;
    for (qsizetype i = pos + 2; i + 1 < size; ++i) {
        const void *hit = std::memchr(data + i, 0xFF, size_t(size - i - 1));
        if (!hit)
            return false;
        i = static_cast<const unsigned char *>(hit) - data;
        if (data[i + 1] == 0xD9)
            return true;
    }
    return false;
}

bool pngIsComplete(const QByteArray &bytes)
{
    // The IEND chunk closes a PNG; allow a little trailing junk some tools append.
    const qsizetype tail = std::min<qsizetype>(bytes.size(), 64);
    return bytes.right(tail).contains("IEND");
}

bool webpIsComplete(const QByteArray &bytes)
{
    if (bytes.size() < 12)
        return false;
    const auto *d = reinterpret_cast<const unsigned char *>(bytes.constData());
    const quint64 riffSize = quint64(d[4]) | quint64(d[5]) << 8 | quint64(d[6]) << 16 | quint64(d[7]) << 24;
    return riffSize + 8 <= quint64(bytes.size());
}

quint32 bigEndian32(const unsigned char *d) { return quint32(d[0]) << 24 | quint32(d[1]) << 16 | quint32(d[2]) << 8 | d[3]; }
quint32 little24(const unsigned char *d) { return quint32(d[0]) | quint32(d[1]) << 8 | quint32(d[2]) << 16; }

// The dimensions a file claims in its header, read before any decoder sees it, so that an
// absurd claim is refused with a clear reason whatever else is wrong with the file.
std::optional<QSize> claimedSize(ImageFormat format, const QByteArray &bytes)
{
    const auto *d = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    switch (format) {
    case ImageFormat::Png:
        if (size >= 24 && std::memcmp(d + 12, "IHDR", 4) == 0)
            return QSize(int(std::min<quint32>(bigEndian32(d + 16), INT_MAX)), int(std::min<quint32>(bigEndian32(d + 20), INT_MAX)));
        return std::nullopt;
    case ImageFormat::Jpeg: {
        qsizetype pos = 2;
        while (pos + 9 < size && d[pos] == 0xFF) {
            const unsigned char marker = d[pos + 1];
            if (marker == 0xFF) {
                ++pos;
                continue;
            }
            const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame)
                return QSize((d[pos + 7] << 8) | d[pos + 8], (d[pos + 5] << 8) | d[pos + 6]);
            if (marker == 0xDA || marker == 0xD9)
                return std::nullopt;
            pos += 2 + ((qsizetype(d[pos + 2]) << 8) | d[pos + 3]);
        }
        return std::nullopt;
    }
    case ImageFormat::Webp:
        if (size >= 30 && std::memcmp(d + 12, "VP8X", 4) == 0)
            return QSize(int(little24(d + 24) + 1), int(little24(d + 27) + 1));
        if (size >= 30 && std::memcmp(d + 12, "VP8 ", 4) == 0)
            return QSize((d[26] | d[27] << 8) & 0x3fff, (d[28] | d[29] << 8) & 0x3fff);
        if (size >= 25 && std::memcmp(d + 12, "VP8L", 4) == 0) {
            const quint32 bits = quint32(d[21]) | quint32(d[22]) << 8 | quint32(d[23]) << 16 | quint32(d[24]) << 24;
            return QSize(int((bits & 0x3fff) + 1), int(((bits >> 14) & 0x3fff) + 1));
        }
        return std::nullopt;
    case ImageFormat::Tiff:
    case ImageFormat::Unknown:
        break;
    }
    return std::nullopt;
}

Status checkPixelLimit(QSize size)
{
    if (qint64(size.width()) * size.height() <= kMaxPixels)
        return {};
    return fail(Tr::tr("claims %1 x %2 pixels (%3 megapixels), over the limit of %4 megapixels; not decoded")
                    .arg(size.width())
                    .arg(size.height())
                    .arg(qint64(size.width()) * size.height() / 1'000'000)
                    .arg(kMaxPixels / 1'000'000));
}

int orientationFrom(QImageIOHandler::Transformations t)
{
    // QImageIOHandler's transformations map one to one onto EXIF orientations.
    switch (int(t)) {
    case QImageIOHandler::TransformationMirror: return 2;
    case QImageIOHandler::TransformationRotate180: return 3;
    case QImageIOHandler::TransformationFlip: return 4;
    case QImageIOHandler::TransformationFlipAndRotate90: return 5;
    case QImageIOHandler::TransformationRotate90: return 6;
    case QImageIOHandler::TransformationMirrorAndRotate90: return 7;
    case QImageIOHandler::TransformationRotate270: return 8;
    default: return 1;
    }
}

} // namespace

QString formatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return QStringLiteral("jpeg");
    case ImageFormat::Png: return QStringLiteral("png");
    case ImageFormat::Webp: return QStringLiteral("webp");
    case ImageFormat::Tiff: return QStringLiteral("tiff");
    case ImageFormat::Unknown: break;
    }
    return {};
}

ImageFormat sniffFormat(const QByteArray &head)
{
    if (startsWith(head, "\xFF\xD8\xFF", 3))
        return ImageFormat::Jpeg;
    if (startsWith(head, "\x89PNG\r\n\x1A\n", 8))
        return ImageFormat::Png;
    if (startsWith(head, "RIFF", 4) && startsWith(head, "WEBP", 4, 8))
        return ImageFormat::Webp;
    if (startsWith(head, "II*\0", 4) || startsWith(head, "MM\0*", 4))
        return ImageFormat::Tiff;
    return ImageFormat::Unknown;
}

bool orientationSwapsAxes(int orientation) { return orientation >= 5 && orientation <= 8; }

QSize ImageProbe::displaySize() const
{
    return orientationSwapsAxes(orientation) ? storedSize.transposed() : storedSize;
}

Result<ImageProbe> probeImage(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return fail(Tr::tr("empty file (0 bytes)"));
    ImageProbe probe;
    probe.format = sniffFormat(bytes.left(16));
    if (probe.format == ImageFormat::Unknown)
        return fail(Tr::tr("not a JPEG, PNG, WebP or TIFF image"));
    const QString name = formatName(probe.format);
    if (const std::optional<QSize> claimed = claimedSize(probe.format, bytes))
        if (Status within = checkPixelLimit(*claimed); !within)
            return within.takeError();

    const bool complete = probe.format == ImageFormat::Jpeg   ? jpegIsComplete(bytes)
                          : probe.format == ImageFormat::Png  ? pngIsComplete(bytes)
                          : probe.format == ImageFormat::Webp ? webpIsComplete(bytes)
                                                              : true;
    if (!complete)
        return fail(Tr::tr("truncated %1 file (the end of the image data is missing)").arg(name.toUpper()));

    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, name.toLatin1());
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return fail(reader.error() == QImageReader::UnknownError
                        ? Tr::tr("damaged %1 header").arg(name.toUpper())
                        : Tr::tr("damaged %1 header (%2)").arg(name.toUpper(), reader.errorString()));
    if (Status within = checkPixelLimit(size); !within)
        return within.takeError();

    probe.storedSize = size;
    if (probe.format == ImageFormat::Jpeg || probe.format == ImageFormat::Tiff) {
        probe.exif = readExifSummary(bytes);
        probe.orientation = probe.exif.value(QStringLiteral("orientation")).toInt(1);
        probe.exif.remove(QStringLiteral("orientation"));
    } else {
        probe.orientation = orientationFrom(reader.transformation());
    }
    return probe;
}

} // namespace sieve::imaging
