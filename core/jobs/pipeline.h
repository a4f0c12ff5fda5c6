#pragma once

#include "base/result.h"
#include "jobs/job_context.h"

#include <QFuture>
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

} // namespace sieve::jobs
