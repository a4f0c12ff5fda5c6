#include "train/image_cache.h"

#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "train/image_input.h"

#include <QCoreApplication>
#include <QThreadPool>
#include <QtConcurrent>

#include <cstring>
#include <numeric>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

Result<std::unique_ptr<ImageCache>> ImageCache::create(qsizetype count, int side, const QString &spillPath,
                                                       qint64 memoryBudget)
{
    std::unique_ptr<ImageCache> cache(new ImageCache(count, side));
    const qint64 bytes = qint64(count) * qint64(cache->slotBytes());
    if (bytes <= memoryBudget) {
        try {
            cache->m_memory.resize(std::size_t(bytes));
        } catch (const std::bad_alloc &) {
            return fail(Tr::tr("Not enough memory for the image cache (%1 MiB).").arg(bytes >> 20));
        }
        cache->m_data = cache->m_memory.data();
        return cache;
    }
    auto file = std::make_unique<QFile>(spillPath);
    if (!file->open(QIODevice::ReadWrite | QIODevice::Truncate) || !file->resize(bytes))
        return fail(Tr::tr("%1: cannot create the image cache file (%2 MiB): %3")
                        .arg(spillPath).arg(bytes >> 20).arg(file->errorString()));
    uchar *mapped = file->map(0, bytes);
    if (!mapped)
        return fail(Tr::tr("%1: cannot map the image cache file: %2").arg(spillPath, file->errorString()));
    cache->m_data = mapped;
    cache->m_file = std::move(file);
    return cache;
}

ImageCache::~ImageCache()
{
    if (m_file) {
        m_file->unmap(m_data);
        m_file->close();
        m_file->remove();
    }
}

QList<jobs::JobIssue> ImageCache::fill(const QStringList &paths, int threads, jobs::JobContext &context)
{
    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-train-decode"), threads);
    std::vector<qsizetype> positions(std::size_t(std::min(paths.size(), m_count)));
    std::iota(positions.begin(), positions.end(), qsizetype(0));
    std::mutex mutex;
    QList<jobs::JobIssue> issues;
    std::atomic<qint64> done{0};
    const qint64 total = qint64(positions.size());
    context.setPhase(Tr::tr("Decoding images"), total);
    QtConcurrent::blockingMap(&pool, positions, [&](qsizetype slot) {
        if (context.isCancelled())
            return;
        const QString &path = paths.at(slot);
        Result<QImage> decoded = decodeShortSide(path, m_side);
        m_decodes.fetch_add(1);
        if (!decoded) {
            const std::lock_guard lock(mutex);
            issues.append({path, decoded.error()});
        } else {
            const QImage square = centreCrop(*decoded, m_side, m_side);
            unsigned char *to = m_data + std::size_t(slot) * slotBytes();
            const std::size_t row = std::size_t(m_side) * 3;
            for (int y = 0; y < m_side; ++y)
                std::memcpy(to + std::size_t(y) * row, square.constScanLine(y), row);
            m_valid[std::size_t(slot)] = 1;
        }
        context.report(done.fetch_add(1) + 1, total);
    });
    // The report order depends on thread timing; the list is sorted so it does not.
    std::sort(issues.begin(), issues.end(), [](const jobs::JobIssue &a, const jobs::JobIssue &b) { return a.path < b.path; });
    return issues;
}

} // namespace sieve::train
