#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "pii/ocr_engine.h"
#include "pii/pii_finder.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::pii {

struct PiiScanOptions {
    QString languages;          // Tesseract languages, "eng+fra"; empty = kDefaultOcrLanguages
    int threads = 0;            // 0 = one per core
    int deadlineMs = 3000;      // OCR processor time per text area
    bool languagesByRegion = true;   // see OcrOptions::languagesByRegion
};

struct PiiScanSummary {
    std::int64_t jobId = 0;
    QString languages;                 // the languages OCR used
    QStringList missingLanguages;      // asked for but not installed (left out)
    qint64 pending = 0;                // images not yet scanned when the scan started
    qint64 scanned = 0;                // scanned and recorded by this run
    qint64 ocred = 0;                  // the others had no text the detector saw
    qint64 ocrPasses = 0;              // recognitions run: one per text area found
    qint64 withPii = 0;                // images with at least one PII region or identifying EXIF
    qint64 withExifPii = 0;            // images whose EXIF holds GPS or identifying tags
    QMap<QString, qint64> regions;     // PII regions written, per pii_type
    qint64 textRegions = 0;            // lines of other text written (kind 'text')
    qint64 flagsSuggested = 0;         // 'pii' suggestions written (analyst flags kept)
    qint64 failed = 0;                 // could not be decoded (job issues; retried next run)
    double ocrSeconds = 0;             // worker time spent decoding and OCRing, all threads
    QList<jobs::JobIssue> issues;      // the first 1,000
    bool cancelled = false;
};

// What the scan found in one image.
struct ImagePiiScan {
    QList<PiiMatch> matches;
    QList<TextLine> lines;          // every line OCR read (PII ones included)
    bool ocred = false;             // the text detector saw rows of characters (else no OCR)
    qint64 passes = 0;              // OCR recognitions run: one per text area, two where Sauvola read nothing
    double seconds = 0;             // decoding, text detection and OCR
    QString error;                  // the image could not be decoded
};

// Scans one image file for PII as runPiiScan() does: a working copy of kOcrWorkingSide, the
// text detector, OCR of each text area (levelled when tilted, scaled so its characters are
// about 30 px high, from the full-size image for small print), the recognizers. DISPLAYED is
// the oriented original size (boxes are in its pixels; invalid = the decoded size); REGION the
// default phone region and, unless OCR.languagesByRegion is off, what narrows the languages. Any thread (one Tesseract engine per thread).
ImagePiiScan scanImageForPii(const QString &path, QSize displayed, const QString &region, const OcrOptions &ocr);

// Looks for personal information in every present image not yet PII-scanned: decodes a working
// copy of kOcrWorkingSide, skips OCR where the text detector sees no text, OCRs the rest on a pool
// of worker threads (one Tesseract engine each), finds PII with findPii() (the image attribute
// 'country' gives the default phone region), and writes one `regions` row per find (kind 'pii',
// source 'ocr', decision 'undecided', box in oriented original pixels) plus kind 'text' rows
// for the other lines. EXIF GPS and identifying tags (serial, owner, artist, unique_id) count
// as PII without OCR. Images with PII get a suggested 'pii' flag (source 'detector') naming what
// was found; flags the analyst set or dismissed are never changed. Every image is recorded in
// image_scans (scan 'pii') in the same transaction as its regions, so a killed or cancelled run
// continues where it stopped and never writes an image's regions twice. Decode failures become
// job issues and are retried by the next run. Fails when no OCR language is installed or the
// database cannot be used. Any thread (with its own connection).
Result<PiiScanSummary> runPiiScan(store::Database &db, const PiiScanOptions &options, jobs::JobContext &context);

} // namespace sieve::pii
