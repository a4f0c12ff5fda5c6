#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "nn/lr_schedule.h"
#include "train/augmentation.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace sieve::store {
class Project;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

// Everything a training run is made of. Stored in the run's config (toJson), from which a
// resumed run takes it back.
struct TrainOptions {
    QString model = QStringLiteral("smallcnn"); // a zoo model: smallcnn, googlenet, resnet18, mobilenetv2
    QString pretrained;           // .onnx or .sievemodel to start from (its classifier replaced)
    bool headOnly = false;        // with pretrained: backbone frozen, features cached, head trained
    double backboneLrMultiplier = 0.1; // with pretrained, full fine-tuning
    int inputSize = 0;            // 0: the model's (smallcnn 32, others 224); googlenet is 224 only
    int epochs = 10;
    int batchSize = 32;
    QString optimizer = QStringLiteral("sgd"); // sgd (momentum 0.9) or adamw
    // 0: the default for the model and optimizer (withDefaults()): SGD 0.05 for the batch-norm
    // networks trained from scratch, 0.01 for GoogLeNet (no batch norm: 0.05 diverges) and for
    // fine-tuning; AdamW 0.001.
    double learningRate = 0;
    double momentum = 0.9;
    double weightDecay = -1;      // L2 for SGD, decoupled for AdamW; < 0: 5e-4 for SGD, 0.01 for AdamW
    nn::LrSchedule::Kind schedule = nn::LrSchedule::Kind::Cosine;
    std::int64_t warmupSteps = 0;
    double clipNorm = 0;          // 0: no gradient clipping
    QString view;                 // saved view; empty: all images (or FILTER)
    QJsonObject filter;           // with no view: a filter not saved as a view (store::ImageFilter JSON)
    QList<qint64> categories;     // category ids to train on; empty: every labelled category
    double validationFraction = 0.2;
    int minimumPerClass = 5;
    std::uint64_t seed = 1;
    int earlyStopPatience = 0;    // 0: off; else stop after this many epochs without improvement
    QString earlyStopMetric = QStringLiteral("val/top1"); // or val/loss
    Augmentation augmentation;
    // "fp32", "bf16" or "auto" (bf16 where the processor has AVX-512 BF16 or AMX, else fp32).
    // Part of the run: a run records the precision auto chose, and a resumed run keeps it.
    QString precision = QStringLiteral("auto");

    // These options with the defaults filled in, as a run records them (auto precision
    // resolved for this machine).
    TrainOptions withDefaults() const;
    QJsonObject toJson() const;
    static TrainOptions fromJson(const QJsonObject &json);
    // Fails naming the first option that is out of range or unknown.
    Status validate() const;
};

// How the machine is used; not part of a run's identity, so a resumed run may differ.
struct TrainResources {
    int threads = 0;              // the engine's threads; 0: one per core
    int loaderThreads = 0;        // decoding and augmentation; 0: half the cores, at least 1
    qint64 cacheMemoryBudget = 0; // 0: ImageCache::kDefaultMemoryBudget
};

// What happened, for the CLI and tests.
struct TrainSummary {
    std::int64_t runId = 0;
    std::int64_t jobId = 0;
    std::int64_t modelId = 0;     // 0 when no model was saved (cancelled)
    QString modelPath;            // absolute; empty when none was saved
    QStringList classes;
    QStringList excludedClasses;  // sentences from the split
    qint64 trainImages = 0;
    qint64 validationImages = 0;
    qint64 unreadable = 0;
    QList<jobs::JobIssue> issues; // images that could not be decoded
    int epochsDone = 0;
    int epochs = 0;               // planned
    std::int64_t steps = 0;
    int bestEpoch = 0;
    double bestTop1 = 0;
    double finalTop1 = 0;
    double finalTop5 = 0;
    double finalLoss = 0;
    double imagesPerSecond = 0;   // training steps only
    double dataWaitShare = 0;     // time waiting for batches / step time, over the whole run
    bool stoppedEarly = false;
    bool cancelled = false;
};

// Per finished epoch, on the training thread; tests use it to cancel at a chosen point.
struct EpochReport {
    std::int64_t runId = 0;
    int epoch = 0;               // 1-based
    std::int64_t step = 0;
    double trainLoss = 0;
    double valTop1 = 0;
    double valLoss = 0;
};

// Trains a classifier on the project's labelled images as run RESUMERUNID (0: a new run with
// OPTIONS; else the run's own options continue from its last checkpoint, exactly as the
// uninterrupted run would have, OPTIONS ignored). Records a job of kind "train" (progress in
// epochs), the `runs` row, `run_metrics` as they happen (per step: train/loss,
// train/accuracy, train/lr, train/images_per_second, train/data_wait; per epoch at its last
// step: epoch, val/loss, val/top1, val/top5, val/class/<i>/precision, val/class/<i>/recall,
// val/confusion/<t>/<p>; class names are in the config), each validation image's true and
// predicted class per epoch in `run_predictions` (in the transaction of that epoch's metrics, so
// its counts always equal val/confusion), every metric also in a TensorBoard
// event file runs/<id>/events.out.tfevents.<seconds>.<host> (a new one per resume; a failure to
// write it is logged and in the run's summary, never fails the run), and in runs/<id>/: split.json and
// initial.sievemodel (what a resume rebuilds the run from), checkpoint.sieveckpt after every
// epoch, best.sieveckpt of the best epoch (by options.earlyStopMetric), and while running,
// when the images do not fit the cache's memory budget, image-cache.bin. At the end the best
// epoch's model becomes models/run-<id>-<architecture>.sievemodel, registered in the models
// table (origin "trained").
//
// Runs on the calling thread (which owns PROJECT's connection) with its own worker threads;
// blocks until done. Cancelling CONTEXT stops before the next step: the run becomes
// "cancelled" with the checkpoint of the last completed epoch, no model is saved, and the
// summary says cancelled. Images that cannot be decoded are skipped and listed (summary and
// job issues).
//
// Fails (run "failed" with the message, when one was created) on invalid options; an unknown
// view or model; a run to resume that is unknown, done, or being trained by another live
// process; fewer than two classes with enough images; an unreadable pretrained file or
// checkpoint (naming it); a diverging loss (NaN or infinite, with advice); an engine error; or
// a database or disk that cannot be written.
//
// ONSTARTED, when given, is called on the calling thread with the run's id as soon as its row
// exists (before the images are read), so that a caller can cancel a run it has just started.
Result<TrainSummary> runTraining(store::Project &project, const TrainOptions &options, jobs::JobContext &context,
                                 std::int64_t resumeRunId = 0, const TrainResources &resources = {},
                                 const std::function<void(const EpochReport &)> &onEpoch = {},
                                 const std::function<void(std::int64_t runId)> &onStarted = {});

} // namespace sieve::train
