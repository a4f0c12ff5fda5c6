#pragma once

#include "base/result.h"
#include "store/edit_log.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace sieve::store {

class Database;

enum class ImageSort {
    Imported, Path, Label, FileSize, Pixels, ReviewStatus, Sharpness, RegionConfidence,
    PredictionConfidence,   // top probability of predictionModel; unclassified images last
};

// A cell of a training run's confusion matrix: the validation images of run RUNID that, at
// EPOCH (1-based), were of class TRUEINDEX and predicted as PREDICTEDINDEX (indices into the
// run's config "classes"), as recorded in run_predictions. RUNID 0: no restriction.
struct ValidationCell {
    std::int64_t runId = 0;
    int epoch = 0;
    int trueIndex = 0;
    int predictedIndex = 0;

    bool isSet() const { return runId > 0; }
    bool operator==(const ValidationCell &) const = default;
};

// What the gallery shows. Within one facet the chosen values are alternatives (OR); different
// facets narrow each other (AND). An empty facet does not restrict.
struct ImageFilter {
    QList<std::int64_t> categories;
    bool unlabeled = false;                  // with categories: also unlabeled images
    QList<ReviewStatus> statuses;
    QStringList flags;                       // kinds set by the analyst; "none" = no flag at all
    QStringList suggestions;                 // kinds a detector suggested, not yet decided
    bool undecidedRegions = false;           // images with PII, face or drawn regions still to review
                                             // (the PII queue; plain OCR text lines do not count)
    // The model whose predictions the next fields and the PredictionConfidence sort refer to
    // (the gallery's active model); 0: none, and those fields do not restrict.
    std::int64_t predictionModel = 0;
    bool disagreesWithLabel = false;         // labelled images whose top prediction is another
                                             // category (or a class the project lacks)
    double minConfidence = 0;                // top probability >= minConfidence and
    double maxConfidence = 1;                // <= maxConfidence (both inclusive); 0–1 does not restrict
    QList<std::int64_t> predictedCategories; // top prediction is one of these categories
    QMap<QString, QStringList> attributes;   // attribute key → accepted values
    QString text;                            // part of the path or of any attribute value
    bool missingOnly = false;
    ValidationCell validationCell;           // a confusion-matrix cell of a run (training monitor)
    ImageSort sort = ImageSort::Imported;
    bool descending = false;

    bool restricts() const;
    // Every field, with names rather than numbers (statuses, sort) so the JSON stays meaningful
    // across versions. fromJson ignores keys it does not know and values it cannot read (a
    // newer Sieve's), leaving those fields at their defaults; it never fails.
    QJsonObject toJson() const;
    static ImageFilter fromJson(const QJsonObject &json);
    bool operator==(const ImageFilter &) const = default;
};

// The ids of the images FILTER selects, in its order. Runs one SQL query; for a million images
// it takes a few hundred milliseconds, so call it off the GUI thread. Returns an empty error
// message... never: a cancelled query (CANCEL set) fails with "cancelled".
Result<std::vector<std::int64_t>> queryImageIds(Database &db, const ImageFilter &filter,
                                                const std::atomic<bool> *cancel = nullptr);

struct ImageRow {
    std::int64_t id = 0;
    QString path;                 // relative to its source root
    QString absolutePath;
    QString hash;
    QString format;
    int width = 0;                // as stored
    int height = 0;
    int orientation = 1;
    qint64 fileSize = 0;
    std::optional<std::int64_t> categoryId;
    QString label;                // category name, empty when unlabeled
    ReviewStatus status = ReviewStatus::Unreviewed;
    QStringList flags;            // kinds the analyst set
    QStringList suggestedFlags;   // kinds a detector suggested, not yet decided
    bool missing = false;
};

// Rows for IDS, in the order of IDS; ids that no longer exist are left out. Cheap for a page
// (a few hundred ids by primary key).
Result<std::vector<ImageRow>> fetchImageRows(Database &db, const std::vector<std::int64_t> &ids);

struct ImageDetails {
    ImageRow row;
    QString claimedLabel;
    QList<std::pair<QString, QString>> attributes;
    QJsonObject exif;
    QString importedAt;
    QStringList copies;           // other paths holding the same bytes
    QMap<QString, QString> flagNotes;
    QMap<QString, QString> suggestionNotes;   // detector suggestions not yet decided
    QJsonObject quality;          // scores of the quality scan, empty before it ran
    // Near or exact duplicates found by the duplicate scan (the other members' paths), and
    // whether this image is the one suggested to keep.
    QStringList duplicates;
    bool duplicateKeeper = false;
};
Result<ImageDetails> imageDetails(Database &db, std::int64_t id);

struct FacetValue {
    QString value;
    qint64 count = 0;
};

struct Facets {
    qint64 total = 0;
    qint64 unlabeled = 0;
    qint64 missing = 0;
    QMap<std::int64_t, qint64> categories;
    QMap<int, qint64> statuses;              // ReviewStatus as int
    QMap<QString, qint64> flags;             // kind → images with it set; "none" → without any
    QMap<QString, qint64> suggestions;       // kind → images with an undecided detector suggestion
    qint64 undecidedRegions = 0;             // images with regions still to review
    // Of the model countFacets was asked for (see store/predictions.h), else zero and empty.
    qint64 predicted = 0;
    qint64 disagreements = 0;
    QMap<std::int64_t, qint64> predictedCategories;
    QMap<QString, QList<FacetValue>> attributes;  // keys with few distinct values, by count
    QStringList otherAttributes;             // keys with too many values to list (text search)
};
// Counts over the whole project, with the predictions of model PREDICTIONMODEL (0: none). A
// full scan of the attribute index: off the GUI thread.
Result<Facets> countFacets(Database &db, int maxValuesPerAttribute = 100, std::int64_t predictionModel = 0);

} // namespace sieve::store
