#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "train/classification_metrics.h"

#include <QString>

#include <optional>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

struct EvaluationSummary {
    QStringList classes;              // the model's
    std::optional<ClassificationMetrics> metrics; // over the evaluated images
    qint64 evaluated = 0;
    qint64 unknownLabel = 0;          // labelled with a category that is not one of the model's classes
    qint64 unlabeled = 0;             // images of the view without a label
    qint64 missing = 0;               // labelled images whose file is missing
    QList<jobs::JobIssue> issues;     // images that could not be decoded (skipped)
    bool cancelled = false;
};

// Evaluates the `.sievemodel` at MODELPATH on the labelled images of saved view VIEW (all
// images when empty): each image decoded once, its centre crop as the model's normalisation
// says, classified in batches on THREADS engine threads (0: one per core). Labels match the
// model's classes by name, ignoring case; other labels are counted in unknownLabel and
// skipped, as are unreadable images (listed). Cancelling CONTEXT stops between batches; the
// summary then says cancelled and holds what was evaluated.
//
// Fails naming the file or view: an unreadable or damaged model, an unknown view, no image
// with one of the model's classes, or an engine error. Runs on DB's thread.
Result<EvaluationSummary> evaluateModel(store::Database &db, const QString &modelPath, const QString &view, int threads,
                                        jobs::JobContext &context);

} // namespace sieve::train
