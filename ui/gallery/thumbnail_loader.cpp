#include "gallery/thumbnail_loader.h"

#include "imaging/thumbnail_cache.h"
#include "imaging/thumbnailer.h"

#include <QThread>

#include <memory>
#include <optional>

namespace sieve::ui {

namespace {

// One cache connection per pool thread, reopened when the project changes.
imaging::ThumbnailCache *cacheFor(const QString &path)
{
    thread_local std::optional<imaging::ThumbnailCache> cache;
    thread_local QString openedPath;
    if (!cache || openedPath != path) {
        cache.reset();
        Result<imaging::ThumbnailCache> opened = imaging::ThumbnailCache::open(path);
        if (!opened)
            return nullptr;
        cache.emplace(std::move(*opened));
        openedPath = path;
    }
    return &*cache;
}

} // namespace

ThumbnailLoader::ThumbnailLoader(const QString &cachePath, QObject *parent)
    : QObject(parent), m_cachePath(cachePath)
{
    m_pool.setObjectName(QStringLiteral("sieve-gallery-thumbnails"));
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    // A few hundred tiles of 160 px: enough to scroll back without reloading.
    m_pixmaps.setMaxCost(160 * 1024 * 1024);
}

ThumbnailLoader::~ThumbnailLoader()
{
    m_stopping = true;
    dropPending();
    m_pool.waitForDone();
}

QPixmap ThumbnailLoader::pixmap(const QString &hash, const QString &path)
{
    if (QPixmap *cached = m_pixmaps.object(hash))
        return *cached;
    if (m_failed.contains(hash) || hash.isEmpty())
        return {};
    bool start = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_queued.contains(hash)) {
            m_queued.insert(hash);
            m_pending.push_back({hash, path});
            start = true;
        }
    }
    if (start)
        m_pool.start([this] { work(); });
    return {};
}

void ThumbnailLoader::setSide(int side)
{
    if (side == m_side)
        return;
    m_side = side;
    m_pixmaps.clear();
    dropPending();
}

void ThumbnailLoader::dropPending()
{
    std::lock_guard lock(m_mutex);
    for (const Request &request : m_pending)
        m_queued.remove(request.hash);
    m_pending.clear();
}

int ThumbnailLoader::pendingCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_queued.size());
}

// Runs on a pool thread: takes the newest request (the tile painted last) and loads it.
void ThumbnailLoader::work()
{
    Request request;
    {
        std::lock_guard lock(m_mutex);
        if (m_pending.empty() || m_stopping)
            return;
        request = std::move(m_pending.back());
        m_pending.pop_back();
    }
    QImage image;
    if (imaging::ThumbnailCache *cache = cacheFor(m_cachePath)) {
        Result<QByteArray> stored = cache->find(request.hash, imaging::kThumbnailSize);
        if (stored && !stored->isEmpty())
            image = QImage::fromData(*stored, "jpeg");
        if (image.isNull()) {
            Result<QImage> made = imaging::decodeScaled(request.path, imaging::kThumbnailSize);
            if (made) {
                image = *made;
                (void)cache->store({{request.hash, imaging::encodeThumbnail(image)}}, imaging::kThumbnailSize);
            }
        }
    }
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        m_finished.push_back({request.hash, image});
        schedule = !m_flushScheduled;
        m_flushScheduled = true;
    }
    if (schedule)
        QMetaObject::invokeMethod(this, [this] { flush(); }, Qt::QueuedConnection);
}

void ThumbnailLoader::flush()
{
    std::vector<Finished> finished;
    {
        std::lock_guard lock(m_mutex);
        finished.swap(m_finished);
        m_flushScheduled = false;
        for (const Finished &f : finished)
            m_queued.remove(f.hash);
    }
    QStringList hashes;
    hashes.reserve(qsizetype(finished.size()));
    for (const Finished &f : finished) {
        if (f.image.isNull()) {
            m_failed.insert(f.hash);
        } else {
            const QImage scaled = f.image.width() > m_side || f.image.height() > m_side
                                      ? f.image.scaled(m_side, m_side, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                      : f.image;
            auto *pixmap = new QPixmap(QPixmap::fromImage(scaled));
            m_pixmaps.insert(f.hash, pixmap, int(std::max<qint64>(1, qint64(pixmap->width()) * pixmap->height() * 4)));
        }
        hashes.append(f.hash);
    }
    if (!hashes.isEmpty())
        emit thumbnailsReady(hashes);
}

} // namespace sieve::ui
