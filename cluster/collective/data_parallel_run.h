#pragma once

#include "collective.h"
#include "collective_gradient_reducer.h"
#include "data_parallel_job.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "train/early_stopping.h"
#include "train/training_inputs.h"

#include <memory>
#include <optional>

namespace sieve::cluster {

// One rank's data-parallel job from rendezvous to its end, the insides of runDataParallelJob()
// (data_parallel_job.h): connect(), prepare() (collective: every rank learns whether every
// other could load its shard), start() (rank 0's weights or checkpoint to all), train(),
// finish(). The calling thread.
class DataParallelRun {
public:
    DataParallelRun(const DataParallelJob &job, KeyValueStore &store, const std::atomic<bool> &cancel,
                    JobEventSink &events)
        : m_job(job), m_store(store), m_cancel(cancel), m_events(events)
    {
    }

    Status connect();
    Status prepare();
    Status start();
    Status train();
    Status finish();
    DataParallelResult &result() { return m_result; }

private:
    Status prepareLocally();
    Status step();
    // Validation over every rank's part; rank 0 keeps the metrics for emitValidation().
    Status validate(int epochsDone);
    // Whether epoch EPOCHSDONE is the best so far, the same verdict on every rank.
    Result<bool> judgeEpoch(int epochsDone);
    // Rank 0: outputDirectory/best.sievemodel, the model as it is now (an improved epoch's).
    Status saveBest(int epochsDone);
    // Rank 0: the last validation's metrics to the sink (after that epoch's files are written).
    void emitValidation();
    // Whether the job stops after EPOCHSDONE for want of improvement; logs it (every rank).
    bool stopsEarly(int epochsDone);
    Status verifyWeights();
    Status checkpoint(int epochsDone, int batchInEpoch);
    std::uint64_t weightsChecksum() const;

    const DataParallelJob &m_job;
    KeyValueStore &m_store;
    const std::atomic<bool> &m_cancel;
    JobEventSink &m_events;
    train::TrainOptions m_options; // with defaults
    std::unique_ptr<Collective> m_collective;
    std::unique_ptr<train::TrainingInputs> m_inputs;
    std::unique_ptr<nn::Network> m_network;
    std::optional<nn::Optimizer> m_optimizer;
    std::optional<CollectiveGradientReducer> m_reducer;
    nn::LrSchedule m_schedule;
    DataParallelResult m_result;
    int m_localBatch = 0;
    int m_stepsPerEpoch = 0; // the smallest over the ranks, so all take the same steps
    int m_startEpoch = 0;
    int m_startBatch = 0;    // batches of m_startEpoch already done (resumed mid-epoch)
    std::int64_t m_step = 0;
    double m_trainSeconds = 0, m_communicationSeconds = 0, m_statsSeconds = 0;
    std::int64_t m_trainImages = 0;
    bool m_stopRequested = false; // a rank was cancelled: all stop after this step
    train::EarlyStopping m_stopping; // restored from a resumed checkpoint
    double m_bestTop1 = 0;           // val/top1 of the best epoch, whatever m_stopping watches
    double m_valTop5 = 0;            // of the last validation
    std::vector<Metric> m_validationMetrics; // rank 0: the last validation's, not yet emitted
};

} // namespace sieve::cluster
