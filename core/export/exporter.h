#pragma once

#include "base/result.h"
#include "imaging/redaction.h"
#include "store/image_query.h"

#include <QString>

#include <cstdint>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::exporting {

enum class ExportLayout { ImageFolder, Flat };
enum class ManifestFormat { Csv, JsonLines };

struct ExportOptions {
    QString outDir;                        // must not exist or be empty
    // Which images: a saved view's filter, the gallery's, or an empty one (the whole project).
    // Its sort is ignored: the split depends only on which images, the labels and the seed.
    store::ImageFilter filter;
    QString selection;                     // how they were chosen, for people: the datasheet says it
    bool acceptedOnly = false;             // narrows FILTER to images accepted in review
    bool excludeRejected = true;
    bool excludePoorQuality = true;        // the analyst's 'quality' flag
    // Leaves out images the analyst flagged as duplicates, and from each duplicate group the
    // analyst has not decided about (no duplicate flag set or dismissed in it) every image but
    // one: the scan's suggested keeper, or when that one is left out for another reason, the
    // best remaining by the same rule (scan::betterKeeper).
    bool onePerDuplicateGroup = true;
    bool requireLabel = true;              // unlabeled images cannot go into a class folder
    ExportLayout layout = ExportLayout::ImageFolder;
    // manifest.csv (a header row, then path,split,label,country,sha256) or manifest.jsonl (one
    // JSON object per line with those keys).
    ManifestFormat manifest = ManifestFormat::Csv;
    double trainShare = 0.8;               // the rest is split between validation and test
    double validationShare = 0.1;
    quint64 seed = 1;
    bool redact = true;                    // every PII, face and drawn region not rejected (undecided
                                           // included) and every OCR text line the analyst accepted
    imaging::RedactionOptions redaction;
    bool anonymousNames = true;            // file names from content hashes, not the originals
    int jpegQuality = 92;
    int threads = 0;
};

struct ExportSummary {
    std::int64_t jobId = 0;
    qint64 exported = 0;
    qint64 excluded = 0;
    qint64 redactedImages = 0;
    qint64 redactedRegions = 0;
    qint64 failed = 0;
    QString directory;
    bool cancelled = false;
};

// Writes a cleaned dataset: the chosen images decoded (EXIF orientation applied), personal
// information redacted, re-encoded (so no EXIF, GPS or embedded thumbnail survives), split
// train/validation/test (stratified by label, repeatable with the seed), in one folder per
// category (ImageFolder) or flat; with a manifest (path, split, label, country, sha256; CSV or
// JSON lines), exclusions.csv (every left-out image and why) and DATASHEET.md. Everything is
// written into a temporary folder beside OUTDIR that is renamed when complete, so OUTDIR is
// whole or absent; a killed export continues where it stopped when run again with the same
// options. Fails, writing nothing, when OUTDIR is not empty or no image would be exported.
// Any thread.
Result<ExportSummary> exportDataset(store::Database &db, const ExportOptions &options, jobs::JobContext &context);

// A category name made safe as a folder name on any system: no separators, no "." or "..",
// no reserved device names, no control characters, at most 100 characters, never empty.
QString safeFolderName(const QString &name);

} // namespace sieve::exporting
