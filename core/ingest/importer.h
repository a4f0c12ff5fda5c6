#pragma once

#include "base/result.h"
#include "jobs/job_store.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::ingest {

struct ImportOptions {
    QString imagesDirectory;   // imported recursively; hidden files and folders are skipped
    QString metadataFile;      // optional CSV or JSON lines, paths relative to imagesDirectory
    int threads = 0;           // 0 = one per core
};

struct ImportSummary {
    std::int64_t jobId = 0;
    qint64 files = 0;          // files found in the folder
    qint64 added = 0;          // new images
    qint64 unchanged = 0;      // known files, same size and time: not read again
    qint64 updated = 0;        // known path, new content
    qint64 relinked = 0;       // moved or renamed files found again by their content hash
    qint64 duplicates = 0;     // byte-identical copies of an image already in the project
    qint64 failed = 0;         // unreadable, corrupt, truncated or oversized images
    qint64 otherFiles = 0;     // files that are not images and do not claim to be
    qint64 missing = 0;        // images whose file is gone (marked, not deleted)
    qint64 restored = 0;       // images marked missing earlier whose file is back
    qint64 metadataRows = 0;
    qint64 metadataMatched = 0;
    qint64 labelsSet = 0;      // images that got their label from the metadata file
    QList<jobs::JobIssue> issues;   // the first 1,000; all are kept in the project (job_issues)
    qint64 issueCount = 0;
    bool cancelled = false;
};

// Imports a folder of images (and optionally a metadata file) into the project whose database
// is DB, on the calling thread with worker threads for reading and hashing.
//
// Idempotent and incremental: files already imported with the same size and modification time
// are not read again; moved or renamed files are re-linked by content hash; byte-identical
// copies are recorded, not imported twice; vanished files are marked missing. Results are
// committed every few dozen files, so a killed import loses at most that much work and running
// it again continues. Problems with single files become issues and do not stop the import.
// Fails only when the folder cannot be read or the database cannot be written.
Result<ImportSummary> importImages(store::Database &db, const ImportOptions &options,
                                   jobs::JobContext &context);

} // namespace sieve::ingest
