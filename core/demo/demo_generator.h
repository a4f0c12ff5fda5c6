#pragma once

#include "base/result.h"

#include <QString>

#include <functional>

namespace sieve::demo {

struct DemoOptions {
    QString outDir;              // created; must be empty or not exist, else an error
    int images = 2000;           // scenes rendered (originals and near duplicates), 1 … 1,000,000
    int categories = 12;         // 2..40
    int firstCategory = 0;       // where in the catalogue of 53 products the categories start:
                                 // sets with disjoint classes for transfer-learning experiments
    quint64 seed = 1;
    double minMegapixels = 1.0;  // photo sizes are drawn from [min, max], weighted towards small
    double maxMegapixels = 12.0; // 0.01 … 50; PNG, WebP and TIFF files stay at or under 2 MP
                                 // where the range allows it (they are screenshots and scans)
    int threads = 0;             // 0 = QThread::idealThreadCount()
};

// Counts over the files written (exact copies included), except `images`.
struct DemoSummary {
    int images = 0;          // = options.images
    int files = 0;           // images plus exact duplicate copies
    int withPii = 0;         // files showing at least one name, phone number or e-mail address
    int withFaces = 0;       // files showing at least one face
    int mislabeled = 0;      // files whose claimed label is not the true category
    int poorQuality = 0;     // blurred, dark, overexposed or tiny
    int exactDuplicates = 0; // byte-identical copies of another file
    int nearDuplicates = 0;  // the same scene re-encoded, resized or cropped
    int withGps = 0;         // JPEGs with GPS coordinates in EXIF
};

// Writes a synthetic crowdsourced dataset of product photos with its ground truth into
// options.outDir:
//   images/<contributor>[/<day, week, month or batch>]/<name>.<ext>  JPEG (with EXIF: camera,
//       date, sometimes GPS, serial number, owner, thumbnail; some stored rotated with an
//       Orientation tag, some forwarded without EXIF), PNG, WebP and TIFF; names as phones
//       and messengers write them (IMG_20260312_101522.jpg, IMG-20260312-WA0012.jpg, …);
//   metadata.csv       path,label,country,contributor,collected_at,price,currency — what a
//       data vendor delivers, with about 5 % wrong labels;
//   ground_truth.json  {"seed", "categories", "images": [one object per line]}: per file the
//       true and claimed label, displayed size, orientation, format, country, contributor,
//       printed PII ("type" name|phone|email, "text", "language", "leading_word") and other
//       text, each with a tight "box" [x, y, w, h] in displayed coordinates, its "angle" and
//       "cap_height"; "faces" (people in about 8 % of the scenes: a seller, a customer, a
//       poster, an ID card), each with its "box" (hairline to chin, clipped to the image),
//       "setting", "pose" (frontal, left, right), "visible" share and "skin_tone" (0 deepest …
//       11 lightest), not repeated in "pii"; "quality", "duplicate_of" / "duplicate_kind",
//       "gps", and the identifying "exif" fields written.
// On one machine, the same options give byte-identical files whatever options.threads is
// and whatever the build type (installed fonts and Qt's encoders take part in the bytes). Memory stays bounded: each worker thread holds one photo at a time (about
// 150 MB at 12 MP). About 2,000 photos at the default sizes take 0.9 GB and some 130 CPU
// seconds (measured on a 2-core VM: 77 s wall).
//
// Requires a QGuiApplication (text is rendered with system fonts). Any thread, but it blocks
// until done: a GUI calls it from a worker. progress(done, total) is called from worker threads, one call at a time, after each
// file (total = files); returning false cancels.
//
// Errors, after each of which outDir is as it was found (so the call can simply be retried):
// invalid options; no QGuiApplication; outDir not empty, not a folder or not creatable; a file
// that cannot be written (disk full), named; cancellation, with the message "cancelled".
Result<DemoSummary> generateDemo(const DemoOptions &options,
                                 const std::function<bool(int done, int total)> &progress = {});

} // namespace sieve::demo
