#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "scan/quality.h"

#include <QList>
#include <QMap>
#include <QString>

#include <cstdint>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::scan {

// The longer side images are decoded at for the quality scan (one decode gives the quality
// scores and the perceptual hash).
constexpr int kScanDecodeSide = 1024;

struct QualityScanOptions {
    QualityThresholds thresholds;
    int threads = 0;   // 0 = one per core
};

struct ScanSummary {
    std::int64_t jobId = 0;
    qint64 pending = 0;                // images without quality scores when the scan started
    qint64 scanned = 0;                // measured and stored by this run
    qint64 failed = 0;                 // could not be decoded (listed in the job's issues)
    qint64 withDefects = 0;            // scanned images with at least one defect
    QMap<QString, qint64> defects;     // per defect ("blur", "dark", ...): images of this run
    qint64 flagsSuggested = 0;         // 'quality' suggestions written (analyst flags kept)
    QList<jobs::JobIssue> issues;      // the first 1,000
    bool cancelled = false;
};

// Measures every present image whose quality is not yet known (images.quality IS NULL):
// decodes it at kScanDecodeSide on a pool of worker threads, stores the quality JSON, the
// sharpness and the perceptual hash, and suggests a 'quality' flag (source 'detector') for
// images with defects. Flags the analyst set or dismissed are never changed. Results are
// committed every few dozen images, so a killed or cancelled run continues where it stopped
// and never measures an image twice. Decode failures become job issues and are retried by the
// next run. Fails only when the database cannot be used. Any thread (with its own connection).
Result<ScanSummary> runQualityScan(store::Database &db, const QualityScanOptions &options,
                                   jobs::JobContext &context);

struct DuplicateScanOptions {
    int threshold = -1;   // Hamming distance of perceptual hashes; -1 = kNearDuplicateThreshold
    int threads = 0;
};

struct DuplicateSummary {
    std::int64_t jobId = 0;
    qint64 hashed = 0;           // images with a perceptual hash (run the quality scan first)
    qint64 groups = 0;
    qint64 imagesInGroups = 0;
    qint64 exactGroups = 0;      // groups whose members all have the keeper's bytes
    qint64 copies = 0;           // byte-identical files recorded by import (image_copies)
    qint64 flagsSuggested = 0;   // 'duplicate' suggestions written (analyst flags kept)
    bool cancelled = false;
};

// Groups images with equal content or near-identical perceptual hashes, replaces the table
// duplicate_groups with the result, and suggests a 'duplicate' flag (source 'detector') on every
// member except the one to keep (highest resolution, then largest file, then lowest id).
// Flags the analyst set or dismissed are never changed. Reads 12 bytes per hashed image.
// One transaction: a cancelled or killed run leaves the previous result. Any thread.
Result<DuplicateSummary> runDuplicateScan(store::Database &db, const DuplicateScanOptions &options,
                                          jobs::JobContext &context);

} // namespace sieve::scan
