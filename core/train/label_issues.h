#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "train/confident_learning.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace sieve::store {
class Project;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

struct LabelIssueOptions {
    std::int64_t modelId = 0; // a model of the project's models table
    // 0 or 1: in-sample probabilities, the model's own on images it may have trained on (it
    // has seen their labels, so it tends to agree with wrong ones: fewer issues found). At
    // least 2: out-of-sample probabilities by k-fold cross-validation of the model's head on
    // its backbone's features (see crossValidatedProbabilities); 5 is a good choice.
    int folds = 0;
    int headEpochs = 30;      // per fold
    int batch = 32;           // images per network run
    int threads = 0;          // decoding and network together; 0 = one per core
    std::uint64_t seed = 1;
};

// One ranked image, for the queue and the CLI.
struct RankedImage {
    std::int64_t imageId = 0;
    QString path;             // absolute
    QString givenClass;       // the image's label (the model's spelling of the class)
    QString suggestedClass;
    double givenProbability = 0;
    double suggestedProbability = 0;
    double score = 0;         // issueScore(), as stored in predictions.label_issue_score
};

struct ClassNoiseEstimate {
    QString name;
    ClassNoise noise;
};

struct LabelIssueReport {
    std::int64_t jobId = 0;
    QStringList classes;                 // the model's
    bool outOfSample = false;            // probabilities from cross-validation
    int folds = 0;
    qint64 scored = 0;                   // labelled images of the model's classes, ranked
    qint64 otherLabels = 0;              // labelled images of classes the model lacks (NULL scores)
    qint64 failed = 0;                   // could not be decoded (left out, job issues)
    QList<jobs::JobIssue> issues;        // the first 1,000
    std::vector<RankedImage> ranked;     // the label issues, most surely mislabeled first
    std::vector<ClassNoiseEstimate> noise; // per model class
    double seconds = 0;
    bool cancelled = false;
};

// Ranks the project's labelled images by how surely they are mislabeled according to model
// `options.modelId`, as a job of kind "label-issues":
//   1. every image gets the model's predictions (runClassification: only those without one
//      are classified), so each ranked image has its `predictions` row;
//   2. the labelled images (present on disk) whose category is one of the model's classes
//      (by name, ignoring case, following merges) get FULL probability vectors, which the
//      stored top-k cannot give for a label outside its top five: recomputed here, by the
//      whole model (in-sample) or by k-fold cross-validation of its head (out-of-sample);
//   3. confident learning (findLabelIssues) over them;
//   4. predictions.label_issue_score of the model is rewritten in one transaction: issueScore
//      for the issues (> 0), 0 for the other scored images, NULL for every image not scored
//      (unlabelled, a class the model lacks, unreadable). The "likely mislabeled" queue is
//      `label_issue_score > 0 ORDER BY label_issue_score DESC` (index predictions_rank); for
//      those rows label_issue_given / _suggested (class names) and their probabilities say
//      what was compared, and table label_noise holds each class's ClassNoise (see
//      store/label_issue_queue.h, which reads both).
// Recomputing rather than storing every probability vector at classification time keeps the
// predictions table small (top-5) for models of a thousand classes, at the price of a second
// network pass over the labelled images (a backbone pass with folds).
//
// Nothing is written to label_issue_score when cancelled (report.cancelled). Fails when the
// model does not exist or cannot be built, when folds are asked for a model that cannot be
// split at its classifier, when fewer than two of the model's classes have labelled images,
// or on a database or engine error. The project's thread; blocks until done.
Result<LabelIssueReport> rankLabelIssues(store::Project &project, const LabelIssueOptions &options,
                                         jobs::JobContext &context);

} // namespace sieve::train
