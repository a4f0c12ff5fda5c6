#include "imaging/thumbnail_job.h"

#include "imaging/thumbnail_cache.h"
#include "imaging/thumbnailer.h"
#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QThreadPool>
#include <QtConcurrent>

namespace sieve::imaging {

using store::Database;
using store::Statement;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::imaging)
};

constexpr int kBatch = 64;

struct Work {
    QString hash;
    QString path;
    QByteArray data;
    QString error;
};

} // namespace

Result<ThumbnailSummary> buildThumbnails(Database &db, const ThumbnailOptions &options, jobs::JobContext &context)
{
    const int size = options.size > 0 ? options.size : kThumbnailSize;
    Result<ThumbnailCache> cache = ThumbnailCache::open(options.cachePath);
    if (!cache)
        return cache.takeError();

    ThumbnailSummary summary;
    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("size"), size}});
    if (!job)
        return job.takeError();
    summary.jobId = *job;
    Result<std::int64_t> total = db.queryInt("SELECT count(*) FROM images WHERE missing=0");
    if (!total)
        return total.takeError();
    summary.images = *total;

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-thumbnails"), options.threads);

    Result<Statement> page = db.prepare(
        "SELECT i.id, i.hash, s.root || '/' || i.path FROM images i JOIN sources s ON s.id = i.source_id "
        "WHERE i.missing=0 AND i.id > ? ORDER BY i.id LIMIT ?");
    if (!page)
        return page.takeError();

    context.setPhase(Tr::tr("Making thumbnails"), summary.images);
    std::int64_t lastId = 0;
    qint64 done = 0;

    // The next page with something to make; pages that are all cached only advance progress.
    const std::function<Result<QList<Work>>()> nextBatch = [&]() -> Result<QList<Work>> {
        for (;;) {
            page->bind(1, lastId).bind(2, kBatch);
            QList<Work> batch;
            QStringList hashes;
            Status read = page->forEachRow([&] {
                lastId = page->int64(0);
                batch.append({page->text(1), page->text(2), {}, {}});
                hashes.append(page->text(1));
            });
            if (!read)
                return read.takeError();
            if (batch.isEmpty())
                return batch;
            Result<QSet<QString>> present = cache->present(hashes, size);
            if (!present)
                return present.takeError();
            QList<Work> toMake;
            for (const Work &work : batch) {
                if (present->contains(work.hash))
                    ++summary.cached;
                else
                    toMake.append(work);
            }
            done += batch.size();
            context.report(done, summary.images);
            (void)jobs::updateJob(db, summary.jobId, done, summary.images);
            if (!toMake.isEmpty() || context.isCancelled())
                return toMake;
        }
    };
    const std::function<Work(Work)> make = [size](Work work) {
        Result<QImage> image = decodeScaled(work.path, size);
        if (image)
            work.data = encodeThumbnail(*image);
        else
            work.error = image.error();
        return work;
    };
    const std::function<Status(const QList<Work> &)> store = [&](const QList<Work> &results) -> Status {
        std::vector<ThumbnailCache::Entry> entries;
        for (const Work &work : results) {
            if (!work.error.isEmpty()) {
                ++summary.failed;
                if (summary.issues.size() < 1000)
                    summary.issues.append({work.path, work.error});
                if (Status status = jobs::addJobIssue(db, summary.jobId, work.path, work.error); !status)
                    return status;
            } else {
                entries.push_back({work.hash, work.data});
                ++summary.made;
            }
        }
        return cache->store(entries, size);
    };
    Status failure = jobs::runPipelined<Work>(pool, context, nextBatch, make, store);
    summary.cancelled = context.isCancelled();
    if (Status ended = jobs::endJob(db, summary.jobId, failure, summary.cancelled, done, summary.images); !ended)
        return ended.takeError();
    return summary;
}

} // namespace sieve::imaging
