#pragma once

#include "base/result.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QVariantList>

#include <cstdint>
#include <optional>
#include <vector>

namespace sieve::store {

class Database;
struct ImageFilter;

// Reading the `predictions` table (written by train::runClassification) for the gallery: one
// model's predictions at a time, always by the table's primary key (model_id, image_id), so a
// page costs a few dozen key lookups and a whole-model pass reads only that model's rows.
// Predicted categories follow merges: a prediction of a category merged since counts as the
// category it was merged into. Every function works on the caller's connection; any thread.

// The most probable class of one image.
struct TopPrediction {
    std::optional<std::int64_t> categoryId; // the project's category, nullopt for a class it lacks
    QString label;                           // the category's name, else the model's class name
    double probability = 0;
};

// One of the (up to five) most probable classes, most probable first.
struct PredictedClass {
    std::optional<std::int64_t> categoryId;
    QString label;
    double probability = 0;
};

// Per-model counts for the facet panel.
struct PredictionCounts {
    qint64 predicted = 0;                         // images with a prediction of the model
    qint64 disagreements = 0;                     // labelled images predicted as another category
    QMap<std::int64_t, qint64> categories;        // predicted category → images
};

// The top predictions of model MODELID for IDS (those without one are left out). A primary-key
// lookup per id: cheap for a page.
Result<QHash<std::int64_t, TopPrediction>> fetchTopPredictions(Database &db, std::int64_t modelId,
                                                               const std::vector<std::int64_t> &ids);

// The stored top classes of image IMAGEID by model MODELID, most probable first; empty when the
// model has not classified the image.
Result<QList<PredictedClass>> predictedClasses(Database &db, std::int64_t imageId, std::int64_t modelId);

// Counts over model MODELID's predictions (one pass over its rows).
Result<PredictionCounts> countPredictions(Database &db, std::int64_t modelId);

// The models that have classified at least one image, newest model first.
Result<QList<std::int64_t>> modelsWithPredictions(Database &db);

// The SQL condition (on images aliased `i`) that FILTER's prediction fields impose, with its
// values appended to VALUES in order; empty when they do not restrict (no model chosen, or
// nothing asked of its predictions).
QString predictionCondition(const ImageFilter &filter, QVariantList &values);

// The ORDER BY terms of the model-confidence sort for FILTER (least confident first when
// ascending; images the model has not classified always last).
QString predictionOrder(const ImageFilter &filter);

} // namespace sieve::store
