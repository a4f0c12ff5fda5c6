#pragma once

#include "base/result.h"
#include "store/edit_log.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace sieve::store {

class Database;

// One image of the "likely mislabeled" queue of a model: ranked by the label-issues job
// (train/label_issues.h), its label still the one the model disagreed with, and not kept.
struct LabelIssueRow {
    std::int64_t imageId = 0;
    QString path;                // relative to its source root
    QString absolutePath;
    QString hash;                // for the thumbnail cache
    std::int64_t categoryId = 0; // the image's label now
    QString label;               // its name
    QString suggested;           // the class the model confidently puts it in (model's spelling)
    double givenProbability = 0; // the model's probability of the label's class
    double suggestedProbability = 0;
    double score = 0;            // predictions.label_issue_score, (0, 1]
};

// Where a page of the queue ends: the next page starts after it (keyset, never OFFSET).
struct LabelIssueCursor {
    double score = 0;
    std::int64_t imageId = 0;
};

// The queue of model MODELID, most surely mislabeled first (ties by image id), LIMIT rows after
// AFTER (from the start when nullopt). An image is in it when its label_issue_score is above 0,
// its label is still the ranked one (by name, ignoring case: accepting the suggestion or any
// other relabelling takes it out) and the analyst has not kept that label (label_checks, for
// any model: a person's look outranks a newer model's opinion; relabelling the image ends it).
// Uses the predictions_rank index: a page costs about LIMIT rows. The caller's thread.
Result<QList<LabelIssueRow>> labelIssuePage(Database &db, std::int64_t modelId, std::optional<LabelIssueCursor> after,
                                            int limit);

struct LabelIssueCounts {
    qint64 remaining = 0;  // in the queue
    qint64 accepted = 0;   // ranked images now labelled with the suggested class
    qint64 kept = 0;       // ranked images whose label the analyst kept
    qint64 ranked = 0;     // every image the last ranking flagged
};
// One pass over the model's flagged images (label_issue_score > 0).
Result<LabelIssueCounts> labelIssueCounts(Database &db, std::int64_t modelId);

// A class's estimated label noise from the model's last ranking (train::ClassNoise).
struct LabelNoiseRow {
    QString name;          // the model's class
    qint64 labelled = 0;
    qint64 counted = 0;
    qint64 issues = 0;
    double noiseRate = 0;
    double estimated = 0;
};
// In the model's class order; empty when the model was never ranked.
Result<QList<LabelNoiseRow>> labelNoise(Database &db, std::int64_t modelId);

// The model's last successful label-issues job.
struct LabelIssueRanking {
    std::int64_t jobId = 0;
    int folds = 0;         // 0: in-sample probabilities
    QString finishedAt;    // ISO-8601 UTC
};
Result<std::optional<LabelIssueRanking>> lastLabelIssueRanking(Database &db, std::int64_t modelId);

// The EditLog field "label_check" of an image: {"category":ID,"model":ID} as compact JSON while
// the analyst's decision to keep label ID stands (label_checks), nullopt otherwise.
Result<std::optional<QString>> readLabelCheck(Database &db, std::int64_t imageId);
Status writeLabelCheck(Database &db, std::int64_t imageId, const std::optional<QString> &value);
// The category id a label_check value names (0 when it names none).
std::int64_t labelCheckCategory(const QString &value);

// Records that the analyst looked at IMAGEID and keeps its current label although model
// MODELID suggested another: one undoable action (kind "label_check") in the audit trail with
// REASON. Fails for unlabelled or unknown images.
Result<ActionSummary> keepLabel(EditLog &log, Database &db, std::int64_t imageId, std::int64_t modelId,
                                const QString &reason = {});

} // namespace sieve::store
