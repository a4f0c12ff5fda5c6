#pragma once

#include "base/result.h"
#include "jobs/job_context.h"
#include "jobs/job_store.h"
#include "store/database.h"

#include <QFuture>
#include <QSize>
#include <QList>
#include <QThreadPool>
#include <QtConcurrent>

#include <functional>

namespace sieve::jobs {

// Names POOL (so it shows in a debugger and a profiler) and sizes it: THREADS, or one per core.
inline void configurePool(QThreadPool &pool, const QString &name, int threads)
{
    pool.setObjectName(name);
    pool.setMaxThreadCount(threads > 0 ? threads : QThread::idealThreadCount());
}

// The shape of every per-image batch job: take the next batch (on this thread, usually a keyset
// page from the database), process it on POOL, and store the results (on this thread, one
// transaction a batch) while the pool already processes the next one. Stops when NEXTBATCH
// gives an empty batch or the context is cancelled; what the pool already did is still stored,
// so a cancelled or killed job loses at most one batch. Returns the first failure of NEXTBATCH
// or STORE. AFTERBATCH, if given, runs after each batch is handed to the pool (progress).
template <typename Item>
Status runPipelined(QThreadPool &pool, JobContext &context, const std::function<Result<QList<Item>>()> &nextBatch,
                    const std::function<Item(Item)> &work, const std::function<Status(const QList<Item> &)> &store,
                    const std::function<void(qsizetype batchSize)> &afterBatch = {})
{
    QFuture<Item> running;
    auto finish = [&]() -> Status {
        if (!running.isValid())
            return {};
        running.waitForFinished();
        const QList<Item> results = running.results();
        running = {};
        return store(results);
    };
    Status failure;
    while (!context.isCancelled()) {
        Result<QList<Item>> batch = nextBatch();
        if (!batch) {
            failure = batch.takeError();
            break;
        }
        if (batch->isEmpty())
            break;
        failure = finish();
        if (!failure)
            break;
        const qsizetype size = batch->size();
        running = QtConcurrent::mapped(&pool, std::move(*batch), work);
        if (afterBatch)
            afterBatch(size);
    }
    if (running.isValid()) {
        // Finish and keep what the pool holds, also after a failure elsewhere.
        Status stored = finish();
        if (failure)
            failure = stored;
    }
    return failure;
}

// NEXTBATCH for runPipelined() over a keyset page: PAGE takes the last id seen (?1) and the batch
// size (?2) and returns rows in id order with the id in column 0; READ makes one item of the
// current row. PAGE must outlive the returned function.
template <typename Item>
std::function<Result<QList<Item>>()> keysetBatches(store::Statement &page, int batchSize,
                                                   std::function<Item(const store::Statement &)> read)
{
    return [&page, batchSize, read = std::move(read), lastId = std::int64_t(0)]() mutable -> Result<QList<Item>> {
        page.bind(1, lastId).bind(2, batchSize);
        QList<Item> batch;
        Status status = page.forEachRow([&] {
            lastId = page.int64(0);
            batch.append(read(page));
        });
        if (!status)
            return status.takeError();
        return batch;
    };
}

// AFTERBATCH for runPipelined(): adds each batch to DONE and reports it, out of TOTAL, to
// CONTEXT and to the job's row. DB and DONE must outlive the returned function.
inline std::function<void(qsizetype)> reportBatches(store::Database &db, std::int64_t jobId, JobContext &context,
                                                    qint64 total, qint64 &done)
{
    return [&db, jobId, &context, total, &done](qsizetype size) {
        done += size;
        context.report(done, total);
        (void)updateJob(db, jobId, done, total);
    };
}

// An image's size as shown: its stored WIDTH × HEIGHT, turned a quarter by EXIF orientations 5…8.
inline QSize displayedSize(int width, int height, int orientation)
{
    return orientation >= 5 ? QSize(height, width) : QSize(width, height);
}

} // namespace sieve::jobs
