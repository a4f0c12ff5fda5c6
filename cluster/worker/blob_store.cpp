#include "blob_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <xxhash.h>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::BlobStore)
};

QString hexDigest(XXH3_state_t *state)
{
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(canonical.digest), 16).toHex());
}

} // namespace

struct BlobStore::Upload::Impl {
    const BlobStore *store = nullptr;
    QString hash;
    QString finalPath;
    std::uint64_t size = 0;
    std::uint64_t written = 0;
    QTemporaryFile file;
    XXH3_state_t *state = XXH3_createState();
    bool failed = false;

    ~Impl() { XXH3_freeState(state); }
};

BlobStore::BlobStore(QString cacheDir) : m_cacheDir(std::move(cacheDir)) {}

Status BlobStore::open()
{
    QDir dir(m_cacheDir);
    for (const char *sub : {"blobs", "tmp", "jobs"}) {
        if (!dir.mkpath(QLatin1String(sub)))
            return fail(Tr::tr("cache directory %1: cannot create %2 in it").arg(m_cacheDir, QLatin1String(sub)));
    }
    QDir tmp(dir.filePath(QStringLiteral("tmp")));
    for (const QString &name : tmp.entryList(QDir::Files | QDir::Hidden | QDir::System))
        tmp.remove(name);
    QDirIterator it(m_cacheDir + QStringLiteral("/blobs"), QDir::Files, QDirIterator::Subdirectories);
    std::uint64_t blobs = 0;
    std::uint64_t bytes = 0;
    while (it.hasNext()) {
        it.next();
        ++blobs;
        bytes += std::uint64_t(it.fileInfo().size());
    }
    m_blobs = blobs;
    m_bytes = bytes;
    return {};
}

bool BlobStore::isValidHash(QStringView hash)
{
    if (hash.size() != 32)
        return false;
    for (const QChar c : hash) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

QString BlobStore::path(const QString &hash) const
{
    Q_ASSERT(isValidHash(hash));
    return m_cacheDir + QStringLiteral("/blobs/") + hash.left(2) + QLatin1Char('/') + hash;
}

bool BlobStore::has(const QString &hash) const { return isValidHash(hash) && QFile::exists(path(hash)); }

BlobStore::Usage BlobStore::usage() const { return {m_blobs.load(), m_bytes.load()}; }

Result<std::unique_ptr<BlobStore::Upload>> BlobStore::beginUpload(const QString &hash, std::uint64_t size) const
{
    if (!isValidHash(hash))
        return fail(Tr::tr("\"%1\" is not a content hash (32 lowercase hex digits)").arg(hash.left(80)));
    if (size > kMaxBlobBytes)
        return fail(Tr::tr("blob %1: %2 bytes is more than the %3 bytes a blob may have")
                        .arg(hash).arg(size).arg(kMaxBlobBytes));
    auto impl = std::make_unique<Upload::Impl>();
    impl->store = this;
    impl->hash = hash;
    impl->finalPath = path(hash);
    impl->size = size;
    impl->file.setFileTemplate(m_cacheDir + QStringLiteral("/tmp/upload-XXXXXX"));
    if (!impl->file.open())
        return fail(Tr::tr("cache directory %1: cannot create a temporary file (%2)")
                        .arg(m_cacheDir, impl->file.errorString()));
    XXH3_128bits_reset(impl->state);
    return std::unique_ptr<Upload>(new Upload(std::move(impl)));
}

BlobStore::Upload::Upload(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

// QTemporaryFile removes its file unless it was renamed into place.
BlobStore::Upload::~Upload() = default;

const QString &BlobStore::Upload::hash() const { return d->hash; }

Status BlobStore::Upload::append(const char *data, std::size_t size)
{
    if (d->failed)
        return fail(Tr::tr("blob %1: the upload already failed").arg(d->hash));
    if (d->written + size > d->size) {
        d->failed = true;
        return fail(Tr::tr("blob %1: more bytes than the %2 announced").arg(d->hash).arg(d->size));
    }
    if (d->file.write(data, qint64(size)) != qint64(size)) {
        d->failed = true;
        return fail(Tr::tr("blob %1: cannot write to the cache (%2)").arg(d->hash, d->file.errorString()));
    }
    XXH3_128bits_update(d->state, data, size);
    d->written += size;
    return {};
}

Status BlobStore::Upload::finish()
{
    if (d->failed)
        return fail(Tr::tr("blob %1: the upload already failed").arg(d->hash));
    d->failed = true; // whatever happens below, this upload is over
    if (d->written != d->size)
        return fail(Tr::tr("blob %1: %2 bytes arrived, %3 were announced").arg(d->hash).arg(d->written).arg(d->size));
    const QString actual = hexDigest(d->state);
    if (actual != d->hash)
        return fail(Tr::tr("blob %1: the bytes hash to %2, not to the hash claimed for them; nothing was stored")
                        .arg(d->hash, actual));
    if (!d->file.flush())
        return fail(Tr::tr("blob %1: cannot write to the cache (%2)").arg(d->hash, d->file.errorString()));
    QDir().mkpath(QFileInfo(d->finalPath).path());
    if (QFile::exists(d->finalPath))
        return {}; // a concurrent upload of the same bytes won; ours is removed with the temporary file
    if (!d->file.rename(d->finalPath))
        return fail(Tr::tr("blob %1: cannot move it into the cache (%2)").arg(d->hash, d->file.errorString()));
    d->file.setAutoRemove(false);
    ++d->store->m_blobs;
    d->store->m_bytes += d->size;
    return {};
}

} // namespace sieve::worker
