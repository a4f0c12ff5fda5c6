#include "ingest/image_file.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <xxhash.h>

namespace sieve::ingest {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

bool nameClaimsImage(const QString &path)
{
    static const QStringList suffixes{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("jpe"),
                                      QStringLiteral("png"), QStringLiteral("webp"), QStringLiteral("tif"),
                                      QStringLiteral("tiff"), QStringLiteral("heic"), QStringLiteral("heif"),
                                      QStringLiteral("gif"), QStringLiteral("bmp")};
    return suffixes.contains(QFileInfo(path).suffix().toLower());
}

} // namespace

QString contentHash(const QByteArray &bytes)
{
    const XXH128_hash_t hash = XXH3_128bits(bytes.constData(), size_t(bytes.size()));
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, hash);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(canonical.digest), 16).toHex());
}

ImageFile readImageFile(const QString &absolutePath, const QString &relativePath)
{
    ImageFile file;
    file.relativePath = relativePath;
    file.absolutePath = absolutePath;
    const QFileInfo info(absolutePath);
    file.size = info.size();
    file.mtimeMs = info.lastModified().toMSecsSinceEpoch();
    if (file.size > kMaxImageFileBytes) {
        file.error = Tr::tr("file of %1 MB is larger than the 1 GB limit for an image").arg(file.size / (1024 * 1024));
        return file;
    }
    QFile handle(absolutePath);
    if (!handle.open(QIODevice::ReadOnly)) {
        file.error = Tr::tr("cannot be read: %1").arg(handle.errorString());
        return file;
    }
    const QByteArray bytes = handle.readAll();
    if (handle.error() != QFileDevice::NoError) {
        file.error = Tr::tr("read failed: %1").arg(handle.errorString());
        return file;
    }
    file.size = bytes.size();
    Result<imaging::ImageProbe> probe = imaging::probeImage(bytes);
    if (!probe) {
        const bool unknown = imaging::sniffFormat(bytes.left(16)) == imaging::ImageFormat::Unknown;
        file.notAnImage = unknown && !bytes.isEmpty() && !nameClaimsImage(relativePath);
        file.error = probe.error();
        return file;
    }
    file.probe = *probe;
    file.hash = contentHash(bytes);
    return file;
}

} // namespace sieve::ingest
