#include "data_parallel_run.h"

#include "base/clock.h"
#include "jobs/job_context.h"
#include "shard_inputs.h"
#include "train/checkpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QStringList>

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// What rank 0 broadcasts before the first step, in this order.
enum StartValue {
    StartOk, StartStep, StartEpoch, StartBatchInEpoch, StartOptimizerSteps, StartLearningRate,
    StartBestMetric, StartBestEpoch, StartSinceBest, StartBestTop1, StartCount
};

// What each rank contributes to a step's statistics, in this order.
enum StepStat { LossSum, Correct, Samples, Compute, Communication, Wait, BytesSent, Cancelled, Diverged, Seconds, StatCount };

} // namespace

Status DataParallelRun::connect()
{
    m_events.stateChanged(JobState::Connecting, Tr::tr("Rank %1 of %2 is meeting its peers.").arg(m_job.rank).arg(m_job.worldSize));
    Result<std::unique_ptr<Collective>> collective = Collective::connect(
        {m_job.rank, m_job.worldSize, m_job.rendezvousPrefix, m_job.listenHost, m_job.timeout}, m_store);
    if (!collective)
        return collective.takeError();
    m_collective = std::move(*collective);
    return {};
}

Status DataParallelRun::prepareLocally()
{
    m_events.stateChanged(JobState::Loading, Tr::tr("Reading %1 training and %2 validation images.")
                                                 .arg(m_job.train.size()).arg(m_job.validation.size()));
    m_localBatch = localBatchSize(m_options.batchSize, m_job.rank, m_job.worldSize);
    jobs::JobContext context;
    Result<std::unique_ptr<train::TrainingInputs>> inputs = createShardInputs(m_job, m_options, m_localBatch, context);
    if (!inputs)
        return inputs.takeError();
    m_inputs = std::move(*inputs);
    for (const jobs::JobIssue &issue : m_inputs->issues())
        m_events.log(Tr::tr("%1: left out: %2").arg(issue.path, issue.reason));
    if (m_inputs->trainCount() < std::size_t(m_localBatch))
        return fail(Tr::tr("Rank %1's shard has %2 readable images, fewer than its share of the global batch (%3).")
                        .arg(m_job.rank).arg(m_inputs->trainCount()).arg(m_localBatch));
    Result<nn::Precision> precision = nn::parsePrecision(m_options.precision);
    if (!precision)
        return precision.takeError();
    Result<std::unique_ptr<nn::Network>> network = m_inputs->createTrainedNetwork(m_options.seed, m_job.threads, *precision);
    if (!network)
        return network.takeError();
    m_network = std::move(*network);
    m_optimizer = train::makeOptimizer(m_options, m_network->parameters());
    return {};
}

Status DataParallelRun::prepare()
{
    m_options = m_job.options.withDefaults();
    Status local = prepareLocally();
    if (!local)
        m_events.log(local.error());
    // Every rank learns whether every other is ready, so none waits for a rank that gave up.
    const double mine[4] = {local ? 1.0 : 0.0, local ? double(shardSteps(*m_inputs, m_localBatch)) : 0.0,
                            local ? double(m_network->parameters().values().size()) : 0.0,
                            local && m_network->precision() == nn::Precision::Bf16 ? 2.0 : 1.0};
    Result<std::vector<double>> all = m_collective->allGather(mine);
    if (!local)
        return local;
    if (!all)
        return all.takeError();
    m_stepsPerEpoch = int(mine[1]);
    for (int r = 0; r < m_job.worldSize; ++r) {
        const double *theirs = all->data() + 4 * r;
        if (theirs[0] == 0)
            return fail(Tr::tr("Rank %1 could not prepare its shard (its log says why).").arg(r));
        if (theirs[2] != mine[2])
            return fail(Tr::tr("Rank %1 built a network of %2 parameters, this rank one of %3: the ranks were given "
                               "different models.").arg(r).arg(theirs[2]).arg(mine[2]));
        if (theirs[3] != mine[3])
            return fail(Tr::tr("Rank %1 computes in %2 and rank %3 in %4: the ranks would not stay identical. Set the "
                               "precision to fp32 (or bf16) explicitly.")
                            .arg(r).arg(theirs[3] == 2 ? QStringLiteral("bf16") : QStringLiteral("fp32"))
                            .arg(m_job.rank).arg(mine[3] == 2 ? QStringLiteral("bf16") : QStringLiteral("fp32")));
        m_stepsPerEpoch = std::min(m_stepsPerEpoch, int(theirs[1]));
    }
    m_result.localBatch = m_localBatch;
    return {};
}

Status DataParallelRun::start()
{
    nn::ParameterStore &store = m_network->parameters();
    m_stopping = train::EarlyStopping(m_options.earlyStopMetric, m_options.earlyStopPatience);
    double header[StartCount] = {1, 0, 0, 0, 0, m_options.learningRate, m_stopping.best, 0, 0, 0};
    Status loaded;
    if (m_job.rank == 0 && !m_job.resumeFrom.isEmpty()) {
        Result<train::Checkpoint> saved = train::loadCheckpoint(m_job.resumeFrom);
        if (!saved) {
            loaded = saved.takeError();
        } else if (saved->values.size() != store.values().size() || saved->state.size() != store.state().size()
                   || saved->optimizerState.size() != m_optimizer->state().size()) {
            loaded = fail(Tr::tr("%1: the checkpoint does not fit this job's network and optimizer.").arg(m_job.resumeFrom));
        } else {
            std::copy(saved->values.begin(), saved->values.end(), store.values().begin());
            std::copy(saved->state.begin(), saved->state.end(), store.state().begin());
            std::copy(saved->optimizerState.begin(), saved->optimizerState.end(), m_optimizer->state().begin());
            const QJsonObject &info = saved->info;
            const double savedBatch = info.value(QStringLiteral("global_batch")).toDouble(m_options.batchSize);
            const double savedLr = info.value(QStringLiteral("learning_rate")).toDouble(m_options.learningRate);
            header[StartStep] = double(info.value(QStringLiteral("step")).toInteger());
            header[StartEpoch] = info.value(QStringLiteral("epoch")).toDouble();
            header[StartBatchInEpoch] = info.value(QStringLiteral("batch_in_epoch")).toDouble();
            header[StartOptimizerSteps] = double(info.value(QStringLiteral("optimizer_steps")).toInteger());
            // The linear scaling rule: the learning rate follows the global batch.
            header[StartLearningRate] = savedLr * double(m_options.batchSize) / savedBatch;
            // The best epoch so far and the patience spent survive the restart.
            header[StartBestMetric] = info.value(QStringLiteral("best_metric")).toDouble(m_stopping.best);
            header[StartBestEpoch] = info.value(QStringLiteral("best_epoch")).toDouble();
            header[StartSinceBest] = info.value(QStringLiteral("since_best")).toDouble();
            header[StartBestTop1] = info.value(QStringLiteral("best_top1")).toDouble();
            if (savedBatch != m_options.batchSize)
                m_events.log(Tr::tr("Resuming at step %1 with a global batch of %2 instead of %3: learning rate %4 "
                                    "instead of %5.").arg(header[StartStep]).arg(m_options.batchSize).arg(savedBatch)
                                 .arg(header[StartLearningRate]).arg(savedLr));
        }
        if (!loaded)
            header[StartOk] = 0;
    }
    if (Status sent = m_collective->broadcast(std::span<double>(header), 0); !sent)
        return sent;
    if (!loaded)
        return loaded;
    if (header[StartOk] == 0)
        return fail(Tr::tr("Rank 0 could not read the checkpoint to resume from (its log says why)."));
    // Rank 0's weights (initial or resumed) on every rank: identical from the first step.
    for (std::span<float> buffer : {store.values(), store.state(), m_optimizer->state()}) {
        if (Status sent = m_collective->broadcast(buffer, 0); !sent)
            return sent;
    }
    store.markValuesChanged();
    m_step = std::int64_t(header[StartStep]);
    m_startEpoch = int(header[StartEpoch]);
    m_startBatch = int(header[StartBatchInEpoch]);
    if (m_startBatch >= m_stepsPerEpoch) { // the new shards give fewer steps an epoch
        ++m_startEpoch;
        m_startBatch = 0;
    }
    m_optimizer->setSteps(std::uint64_t(header[StartOptimizerSteps]));
    m_stopping.best = header[StartBestMetric];
    m_stopping.bestEpoch = int(header[StartBestEpoch]);
    m_stopping.sinceBest = int(header[StartSinceBest]);
    m_bestTop1 = header[StartBestTop1];
    m_result.startStep = m_step;
    m_result.epochsDone = m_startEpoch;
    m_result.learningRate = header[StartLearningRate];
    m_result.bestEpoch = m_stopping.bestEpoch;
    m_result.bestMetric = m_stopping.best;
    m_result.bestTop1 = m_bestTop1;
    m_schedule = train::makeSchedule(m_options, header[StartLearningRate], std::int64_t(m_stepsPerEpoch) * m_options.epochs);
    m_reducer.emplace(*m_collective, m_options.batchSize);
    return {};
}

Status DataParallelRun::train()
{
    m_events.stateChanged(JobState::Training, Tr::tr("%1 steps an epoch, %2 images a step on this rank.")
                                                  .arg(m_stepsPerEpoch).arg(m_localBatch));
    // A restart from the checkpoint of the epoch that ran out of patience (the job was lost
    // before it could end) ends at once, as the job would have.
    if (m_startBatch == 0 && m_startEpoch > 0 && stopsEarly(m_startEpoch))
        return {};
    train::BatchLoader &loader = m_inputs->train();
    for (int epoch = m_startEpoch; epoch < m_options.epochs; ++epoch) {
        const int first = epoch == m_startEpoch ? m_startBatch : 0;
        loader.startEpoch(epoch, first);
        loader.takeWaitSeconds();
        for (int b = first; b < m_stepsPerEpoch; ++b) {
            if (m_job.maxSteps > 0 && m_step >= m_job.maxSteps) { // stopped mid-epoch
                if (Status validated = validate(epoch); !validated)
                    return validated;
                if (Status saved = checkpoint(epoch, b); !saved)
                    return saved;
                emitValidation();
                return {};
            }
            if (Status stepped = step(); !stepped)
                return stepped;
            if (m_stopRequested)
                return {};
            if (m_job.checkpointEverySteps > 0 && m_step % m_job.checkpointEverySteps == 0 && b + 1 < m_stepsPerEpoch) {
                if (Status saved = checkpoint(epoch, b + 1); !saved)
                    return saved;
            }
        }
        if (Status validated = validate(epoch + 1); !validated)
            return validated;
        Result<bool> improved = judgeEpoch(epoch + 1);
        if (!improved)
            return improved.takeError();
        m_result.epochsDone = epoch + 1;
        // The best model first, then the checkpoint that names it, then the metrics: whoever
        // sees an epoch's metrics finds its files.
        if (*improved) {
            if (Status saved = saveBest(epoch + 1); !saved)
                return saved;
        }
        if (Status saved = checkpoint(epoch + 1, 0); !saved)
            return saved;
        emitValidation();
        if (m_job.maxSteps > 0 && m_step >= m_job.maxSteps)
            return {};
        if (stopsEarly(epoch + 1))
            return {};
    }
    return {};
}

Status DataParallelRun::step()
{
    train::BatchLoader &loader = m_inputs->train();
    const auto start = Clock::now();
    const train::Batch batch = loader.next();
    const double wait = loader.takeWaitSeconds();
    const double lr = m_schedule.at(m_step);
    Result<train::StepOutcome> outcome =
        train::trainStep(*m_network, *m_optimizer, batch, m_step, lr, m_options.clipNorm, &*m_reducer);
    if (!outcome)
        return outcome.takeError();
    ++m_step;
    const double seconds = secondsSince(start);
    const double reduceSeconds = m_reducer->takeSeconds();
    double mine[StatCount];
    mine[LossSum] = outcome->loss * batch.size;
    mine[Correct] = outcome->correct;
    mine[Samples] = batch.size;
    mine[Compute] = std::max(0.0, seconds - reduceSeconds - wait);
    mine[Communication] = reduceSeconds + m_statsSeconds;
    mine[Wait] = wait;
    mine[BytesSent] = double(m_collective->bytesSent());
    mine[Cancelled] = m_cancel.load() ? 1 : 0;
    mine[Diverged] = outcome->applied ? 0 : 1;
    mine[Seconds] = seconds + m_statsSeconds;
    // One small all-reduce carries every rank's statistics and its cancel flag to all.
    const auto statsStart = Clock::now();
    Result<std::vector<double>> all = m_collective->allGather(mine);
    if (!all)
        return all.takeError();
    m_statsSeconds = secondsSince(statsStart);
    double total[StatCount] = {};
    double slowest = 0;
    for (int r = 0; r < m_job.worldSize; ++r) {
        for (int s = 0; s < StatCount; ++s)
            total[s] += (*all)[std::size_t(r * StatCount + s)];
        slowest = std::max(slowest, (*all)[std::size_t(r * StatCount + Seconds)]);
    }
    const double loss = total[LossSum] / total[Samples];
    if (total[Diverged] > 0 || !std::isfinite(loss))
        return fail(Tr::tr("The training diverged: the loss over the global batch is %1 at step %2. Try a lower "
                           "learning rate, a warm-up or gradient clipping.").arg(loss).arg(m_step));
    m_trainSeconds += slowest;
    m_communicationSeconds += mine[Communication];
    m_trainImages += std::int64_t(total[Samples]);
    if (m_job.rank == 0) {
        std::vector<Metric> metrics{{QStringLiteral("train/loss"), loss},
                                    {QStringLiteral("train/accuracy"), total[Correct] / total[Samples]},
                                    {QStringLiteral("train/lr"), lr},
                                    {QStringLiteral("train/images_per_second"), slowest > 0 ? total[Samples] / slowest : 0.0},
                                    {QStringLiteral("train/data_wait"), slowest > 0 ? std::min(1.0, mine[Wait] / slowest) : 0.0}};
        for (int r = 0; r < m_job.worldSize; ++r) {
            const double *theirs = all->data() + r * StatCount;
            const QString prefix = QStringLiteral("cluster/rank/%1/").arg(r);
            metrics.push_back({prefix + QStringLiteral("compute_seconds"), theirs[Compute]});
            metrics.push_back({prefix + QStringLiteral("communication_seconds"), theirs[Communication]});
            metrics.push_back({prefix + QStringLiteral("images_per_second"), theirs[Seconds] > 0 ? theirs[Samples] / theirs[Seconds] : 0.0});
            metrics.push_back({prefix + QStringLiteral("bytes_sent"), theirs[BytesSent]});
        }
        m_events.metrics(m_step, metrics);
    }
    if (total[Cancelled] > 0) {
        m_stopRequested = true;
        m_result.cancelled = true;
        return {};
    }
    if (m_job.checksumEverySteps > 0 && m_step % m_job.checksumEverySteps == 0)
        return verifyWeights();
    return {};
}

std::uint64_t DataParallelRun::weightsChecksum() const
{
    const std::span<const float> values = std::as_const(*m_network).parameters().values();
    return XXH3_64bits(values.data(), values.size_bytes());
}

Status DataParallelRun::verifyWeights()
{
    Result<std::vector<int>> differing = m_collective->checksumMismatches(weightsChecksum());
    if (!differing)
        return differing.takeError();
    if (differing->empty())
        return {};
    QStringList ranks;
    for (int r : *differing)
        ranks.append(QString::number(r));
    return fail(Tr::tr("After step %1 the weights of rank(s) %2 differ from rank 0's: the ranks no longer train one "
                       "model (different builds or processors?). The job stops.").arg(m_step).arg(ranks.join(QStringLiteral(", "))));
}

Status DataParallelRun::finish()
{
    if (Status same = verifyWeights(); !same)
        return same;
    const std::span<const float> values = std::as_const(*m_network).parameters().values();
    m_result.weights.assign(values.begin(), values.end());
    m_result.steps = m_step;
    m_result.bytesSent = m_collective->bytesSent();
    m_result.imagesPerSecond = m_trainSeconds > 0 ? double(m_trainImages) / m_trainSeconds : 0.0;
    m_result.communicationShare = m_trainSeconds > 0 ? m_communicationSeconds / m_trainSeconds : 0.0;
    if (m_result.cancelled) {
        m_events.stateChanged(JobState::Cancelled, Tr::tr("Cancelled after step %1.").arg(m_step));
        return {};
    }
    if (m_job.rank == 0) {
        nn::SieveModel model = m_job.model;
        model.weights = m_inputs->wholeModelWeights(*m_network);
        model.metadata = {{QStringLiteral("steps"), qint64(m_step)},
                          {QStringLiteral("epochs"), m_result.epochsDone},
                          {QStringLiteral("best_epoch"), m_stopping.bestEpoch},
                          {QStringLiteral("world_size"), m_job.worldSize},
                          {QStringLiteral("global_batch"), m_options.batchSize},
                          {QStringLiteral("val/top1"), m_result.valTop1},
                          {QStringLiteral("val/loss"), m_result.valLoss},
                          {QStringLiteral("trained_at"), nowIso()},
                          {QStringLiteral("base"), m_job.model.metadata}};
        const QString path = QDir(m_job.outputDirectory).filePath(QStringLiteral("model.sievemodel"));
        if (Status saved = nn::saveModelFile(path, model); !saved)
            return saved;
        m_result.modelPath = path;
    }
    m_events.stateChanged(JobState::Finished, Tr::tr("Done after %1 steps.").arg(m_step));
    return {};
}

} // namespace sieve::cluster
