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

namespace sieve::pii {

struct FaceScanOptions {
    QString cascadeFolder;     // empty: defaultCascadeFolder()
    int threads = 0;           // 0 = one per core
};

struct FaceScanSummary {
    std::int64_t jobId = 0;
    qint64 pending = 0;            // images not yet scanned for faces when the scan started
    qint64 scanned = 0;            // scanned and recorded by this run
    qint64 withFaces = 0;          // images with at least one face
    qint64 faces = 0;              // face regions written
    qint64 flagsSuggested = 0;     // 'pii' suggestions written or extended (analyst flags kept)
    qint64 failed = 0;             // could not be decoded (job issues; retried next run)
    double detectSeconds = 0;      // worker time spent decoding and detecting, all threads
    QList<jobs::JobIssue> issues;  // the first 1,000
    bool cancelled = false;
};

// Looks for faces in every present image not yet face-scanned: decodes a working copy of
// kFaceWorkingSide and runs a FaceDetector on it, one per worker thread (created when the
// thread first needs one, cascades loaded once). Each face becomes a `regions` row (kind and
// pii_type 'face', source kFaceDetectorName, decision 'undecided', box in oriented original
// pixels, confidence 0 … 1); images with faces get a suggested 'pii' flag noting "face" (added
// to the PII scan's note when it suggested one; flags the analyst set or dismissed are never
// changed). Every image is recorded in image_scans (scan 'faces') in the same transaction as
// its regions, so a killed or cancelled run continues where it stopped and never writes an
// image's faces twice. Decode failures become job issues and are retried by the next run.
// Fails, before starting a job, when a cascade file is missing (the message names it and the
// package), or when the database cannot be used. Any thread (with its own connection).
Result<FaceScanSummary> runFaceScan(store::Database &db, const FaceScanOptions &options, jobs::JobContext &context);

} // namespace sieve::pii
