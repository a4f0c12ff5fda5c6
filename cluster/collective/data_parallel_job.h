#pragma once

#include "base/result.h"
#include "key_value_store.h"
#include "nn/model_file.h"
#include "train/trainer.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace sieve::cluster {

// One image of a rank's shard: a file the worker holds (in its content-addressed cache) and its
// class, an index into the model's classes.
struct ImageLabel {
    QString path;
    int label = 0;
};

// What one rank of a data-parallel training job needs; every rank of a job gets the same spec
// except rank and its shards. Plain value; the worker maps its validated JobSpec onto it.
struct DataParallelJob {
    int rank = 0;
    int worldSize = 1;
    // Fresh for each attempt of a job (e.g. "job-17/attempt-2"): keys of a failed attempt are
    // never read by the next.
    std::string rendezvousPrefix;
    std::string listenHost = "127.0.0.1"; // the address this rank's Gloo listens on
    // Bound on the rendezvous and on every collective operation: a dead or stopped peer fails
    // the job on the others within about this long.
    std::chrono::milliseconds timeout{60000};

    // The model to train: definition, classes, normalisation, initial weights (a zoo model,
    // pretrained weights with a new classifier, or what train::buildModel makes). Rank 0's
    // weights are broadcast to every rank at the start, so only rank 0's need to be right.
    nn::SieveModel model;
    // Hyper-parameters, as the local trainer takes them (withDefaults() is applied):
    // options.batchSize is the GLOBAL batch, split over the ranks (rank r takes
    // ⌊B/W⌋ + (r < B mod W) images from its shard each step); epochs, optimizer, learning rate
    // (for the global batch), schedule, warm-up, clipping, augmentation, seed, precision, and
    // early stopping (earlyStopPatience, earlyStopMetric: the local trainer's rule,
    // train::EarlyStopping, judged on the validation summed over the ranks, so every rank stops
    // after the same epoch). Ignored here: view, categories, validationFraction, minimumPerClass.
    train::TrainOptions options;
    std::vector<ImageLabel> train;      // this rank's shard, in a fixed order
    std::vector<ImageLabel> validation; // this rank's part of the validation set (may be empty)

    int threads = 0;       // the engine's threads; 0: one per core
    int loaderThreads = 0; // decoding and augmentation; 0: half the cores, at least 1

    // Rank 0 writes here: best.sievemodel whenever an epoch's validation is the best so far
    // (metadata "best_epoch"), then checkpoint.sieveckpt (every checkpointEverySteps steps and
    // after every epoch; its info carries the early-stopping state: best_metric, best_epoch,
    // best_top1, since_best), and, at the end, model.sievemodel (the last epoch's). An epoch's
    // files are written before its metrics reach the event sink, so a coordinator that sees an
    // epoch's metrics can fetch that epoch's checkpoint and best model. Every rank spills its
    // image cache here when its images do not fit in memory. Must exist or be creatable.
    QString outputDirectory;
    std::int64_t checkpointEverySteps = 0; // 0: after every epoch only
    int checksumEverySteps = 20;          // weights compared across ranks (and at the end); 0: only at the end
    // Rank 0 only: a checkpoint written by an earlier attempt (possibly of another world size)
    // to continue from, early-stopping state included (the best epoch so far and the epochs
    // since, so patience counts across restarts). When its global batch differs from
    // options.batchSize, the learning rate is rescaled linearly to the new global batch
    // (Goyal et al. 2017).
    QString resumeFrom;
    std::int64_t maxSteps = 0; // 0: all epochs; else stop once this many steps are done in all

    // Fails naming the first field that is out of range.
    Status validate() const;
};

enum class JobState { Connecting, Loading, Training, Finished, Cancelled, Failed };

struct Metric {
    QString tag; // as in run_metrics: train/loss, val/top1, cluster/rank/<r>/compute_seconds, …
    double value = 0;
};

// Receives what a job does, on the thread running runDataParallelJob (the worker forwards it
// to its Watch streams). stateChanged and log come from every rank; metrics from rank 0 only.
class JobEventSink {
public:
    virtual ~JobEventSink() = default;
    virtual void stateChanged(JobState state, const QString &detail) = 0;
    virtual void log(const QString &message) = 0;
    // STEP's metrics (after each step: train/loss, train/accuracy, train/lr,
    // train/images_per_second, train/data_wait, and per rank r cluster/rank/<r>/compute_seconds,
    // …/communication_seconds, …/images_per_second, …/bytes_sent), or an epoch's (at its last
    // step: epoch, val/loss, val/top1, val/top5, val/class/<i>/precision, val/class/<i>/recall,
    // val/confusion/<t>/<p>), as the local trainer records them.
    // An epoch's metrics come after that epoch's checkpoint (and best model) are written.
    virtual void metrics(std::int64_t step, const std::vector<Metric> &metrics) = 0;
};

struct DataParallelResult {
    QString modelPath;          // rank 0: outputDirectory/model.sievemodel; empty elsewhere and when cancelled
    std::int64_t startStep = 0; // where this attempt started (the resumed checkpoint's step)
    std::int64_t steps = 0;     // steps done in all
    int epochsDone = 0;         // complete epochs
    double learningRate = 0;    // the base learning rate used (rescaled on resume)
    int localBatch = 0;         // this rank's share of the global batch
    double valTop1 = 0;         // the last validation, over every rank's part
    double valLoss = 0;
    int bestEpoch = 0;          // the best epoch so far (earlier attempts included); 0: none
    double bestMetric = 0;      // its earlyStopMetric
    double bestTop1 = 0;        // its val/top1
    bool stoppedEarly = false;  // stopped after bestEpoch + earlyStopPatience epochs, before the last
    double imagesPerSecond = 0;  // global, over the training steps of this attempt
    double communicationShare = 0; // this rank's communication time / step time
    std::uint64_t bytesSent = 0;   // by this rank
    bool cancelled = false;
    // The final weights, the model's flat parameter buffer: bit-identical on every rank.
    std::vector<float> weights;
};

// Runs one rank of a synchronous data-parallel training job and blocks until it ends: rendezvous
// through STORE under job.rendezvousPrefix, Gloo over TCP to the other ranks, rank 0's weights
// (or resumed checkpoint) broadcast to all, then per step: this rank's share of the global batch
// from its shard (order and augmentation from the seed and epoch), forward and backward, the
// flat gradient buffer all-reduced and scaled to the gradient of the global batch's mean loss,
// the same optimizer step on every rank. Batch-norm statistics stay local to each rank during
// training (as in PyTorch DDP); rank 0's are broadcast before validation and kept in the model.
// Every job.checksumEverySteps steps and at the end the weights' checksums are compared; a
// mismatch fails the job. Validation runs on each rank's part and is summed over the ranks; the
// epoch that improves the early-stopping metric becomes rank 0's best.sievemodel, and after
// earlyStopPatience epochs without improvement every rank stops (a log line names the epoch,
// the best epoch and its value; the result says stoppedEarly), the job then finished.
//
// CANCEL (any thread) stops every rank after the step in progress (the flag travels with the
// step's statistics, so all ranks stop at the same step; a cancel while the shard is being read
// takes effect after the first step); the result then says cancelled and no model is written. Images of the shard that cannot be read are left out and logged (each named).
// Fails on an invalid job; a shard with fewer readable images than its share of the global
// batch; a peer that dies or stops answering (a Gloo error naming the operation and, where
// known, the peer, within about job.timeout); a checksum mismatch; a diverging loss; an
// unreadable checkpoint; an output folder that cannot be written. On failure every rank's
// event sink gets stateChanged(Failed, message). Runs on the calling thread with its own loader
// and engine threads. Outside the job, the only process-wide effect is SIGPIPE ignored (see
// Collective::connect).
Result<DataParallelResult> runDataParallelJob(const DataParallelJob &job, KeyValueStore &store,
                                              const std::atomic<bool> &cancel, JobEventSink &events);

// Rank RANK's share of a global batch of GLOBALBATCH over WORLDSIZE ranks.
int localBatchSize(int globalBatch, int rank, int worldSize);

} // namespace sieve::cluster
