#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "store/image_query.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace sieve::store {
class Project;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

struct ClassifyOptions {
    std::int64_t modelId = 0; // a model of the project's models table
    QString view;             // a saved view's name; empty: every image present on disk
    int batch = 32;           // images per network run
    int threads = 0;          // all threads, decoding and network together; 0 = one per core
    int decodeThreads = 0;    // of those, decoding; 0 = half (at least one)
    std::optional<store::ImageFilter> filter = std::nullopt; // instead of a view: the images it selects
};

struct ClassifySummary {
    std::int64_t jobId = 0;
    qint64 pending = 0;           // images without a prediction of the model when the job started
    qint64 classified = 0;        // predictions written by this run
    qint64 failed = 0;            // could not be decoded (job issues; retried next run)
    double seconds = 0;           // wall time of the run
    double imagesPerSecond = 0;   // classified / seconds
    QList<jobs::JobIssue> issues; // the first 1,000
    bool cancelled = false;
};

// Classifies the images (all present ones, or those of a saved view or a filter) that have no prediction of
// model `options.modelId` yet, as a job of kind "classify": a pool of decode threads prepares
// the next batch (decode, resize, crop, normalise as the model says) while the network runs
// the current one with the remaining threads. Each image gets one `predictions` row:
// top_probability and top_category (the project's category named like the most probable class,
// ignoring case, following merges; NULL when none is) and topk, the five (or all, when fewer)
// most probable classes as JSON [[category_id or null, probability, "class name"], …], most
// probable first. label_issue_score stays NULL (the label-issue ranking fills it).
// Rows are committed a batch at a time, so a cancelled or killed run continues where it
// stopped when started again and never writes an image twice. Images that cannot be decoded
// become job issues naming the file and are retried by the next run.
//
// Fails before starting a job when the model or the view does not exist or the model cannot
// be built; later only when the database or the engine fails. The project's thread.
Result<ClassifySummary> runClassification(store::Project &project, const ClassifyOptions &options,
                                          jobs::JobContext &context);

} // namespace sieve::train
