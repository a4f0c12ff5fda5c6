#pragma once

#include "base/result.h"
#include "jobs/job_store.h"

#include <QList>
#include <QString>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::imaging {

struct ThumbnailOptions {
    QString cachePath;      // the project's thumbs.db
    int size = 0;           // 0 = kThumbnailSize
    int threads = 0;        // 0 = one per core
};

struct ThumbnailSummary {
    std::int64_t jobId = 0;
    qint64 images = 0;      // images considered (not missing)
    qint64 made = 0;
    qint64 cached = 0;      // already in the cache
    qint64 failed = 0;      // could not be decoded (listed in the job's issues)
    QList<jobs::JobIssue> issues;   // the first 1,000
    bool cancelled = false;
};

// Makes the thumbnails the cache lacks, for every image present on disk, on a pool of worker
// threads; writes them every few dozen images, so a killed run loses little and a new run
// skips what is done. Fails only when a database cannot be used.
Result<ThumbnailSummary> buildThumbnails(store::Database &db, const ThumbnailOptions &options,
                                         jobs::JobContext &context);

} // namespace sieve::imaging
