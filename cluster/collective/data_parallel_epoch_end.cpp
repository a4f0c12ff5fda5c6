// DataParallelRun's end of an epoch (see data_parallel_run.h): validation summed over the
// ranks, the early-stopping verdict, rank 0's best model, checkpoint and metrics, in that order.

#include "data_parallel_run.h"

#include "base/clock.h"
#include "train/checkpoint.h"
#include "train/classification_metrics.h"

#include <QCoreApplication>
#include <QDir>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

} // namespace

Status DataParallelRun::validate(int epochsDone)
{
    nn::ParameterStore &store = m_network->parameters();
    // Rank 0's batch-norm statistics everywhere: the ranks evaluate the one model rank 0 saves.
    if (Status sent = m_collective->broadcast(store.state(), 0); !sent)
        return sent;
    store.markValuesChanged();
    train::BatchLoader &loader = m_inputs->validation();
    const int classes = m_network->classCount();
    train::ClassificationMetrics local(classes);
    loader.startEpoch(0);
    for (int b = 0; b < loader.batchesPerEpoch(); ++b) {
        const train::Batch batch = loader.next();
        if (Status ran = m_network->forward(batch.inputs, batch.size, nn::Pass::Inference); !ran)
            return ran;
        Result<double> loss = m_network->loss(batch.labels);
        if (!loss)
            return loss.takeError();
        local.add(m_network->logits(), batch.labels, *loss);
    }
    loader.takeWaitSeconds();
    std::vector<double> totals = local.totals();
    if (Status reduced = m_collective->allReduceSum(std::span<double>(totals)); !reduced)
        return reduced;
    const train::ClassificationMetrics metrics = train::ClassificationMetrics::fromTotals(classes, totals);
    m_result.valTop1 = metrics.top1();
    m_result.valLoss = metrics.loss();
    m_valTop5 = metrics.top5();
    if (m_job.rank != 0)
        return {};
    std::vector<Metric> &out = m_validationMetrics;
    out = {{QStringLiteral("epoch"), double(epochsDone)},
           {QStringLiteral("val/loss"), metrics.loss()},
           {QStringLiteral("val/top1"), metrics.top1()},
           {QStringLiteral("val/top5"), metrics.top5()}};
    for (int c = 0; c < classes; ++c) {
        out.push_back({QStringLiteral("val/class/%1/precision").arg(c), metrics.precision(c)});
        out.push_back({QStringLiteral("val/class/%1/recall").arg(c), metrics.recall(c)});
        for (int p = 0; p < classes; ++p)
            out.push_back({QStringLiteral("val/confusion/%1/%2").arg(c).arg(p), double(metrics.confusion(c, p))});
    }
    return {};
}

Result<bool> DataParallelRun::judgeEpoch(int epochsDone)
{
    const bool improved = m_stopping.update(epochsDone, m_stopping.lowerIsBetter() ? m_result.valLoss : m_result.valTop1);
    if (improved)
        m_bestTop1 = m_result.valTop1;
    // Every rank judged the same summed validation, so the verdicts agree; rank 0's is sent to
    // all anyway, so that no rank can ever stop (and skip a collective) while another goes on.
    double verdict[5] = {improved ? 1.0 : 0.0, m_stopping.best, double(m_stopping.bestEpoch),
                         double(m_stopping.sinceBest), m_bestTop1};
    if (Status sent = m_collective->broadcast(std::span<double>(verdict), 0); !sent)
        return sent.takeError();
    m_stopping.best = verdict[1];
    m_stopping.bestEpoch = int(verdict[2]);
    m_stopping.sinceBest = int(verdict[3]);
    m_bestTop1 = verdict[4];
    m_result.bestEpoch = m_stopping.bestEpoch;
    m_result.bestMetric = m_stopping.best;
    m_result.bestTop1 = m_bestTop1;
    return verdict[0] != 0;
}

Status DataParallelRun::saveBest(int epochsDone)
{
    if (m_job.rank != 0)
        return {};
    nn::SieveModel model = m_job.model;
    model.weights = m_inputs->wholeModelWeights(*m_network);
    model.metadata = {{QStringLiteral("steps"), qint64(m_step)},
                      {QStringLiteral("epochs"), epochsDone},
                      {QStringLiteral("best_epoch"), epochsDone},
                      {QStringLiteral("early_stop_metric"), m_stopping.metric},
                      {QStringLiteral("world_size"), m_job.worldSize},
                      {QStringLiteral("global_batch"), m_options.batchSize},
                      {QStringLiteral("val/top1"), m_result.valTop1},
                      {QStringLiteral("val/top5"), m_valTop5},
                      {QStringLiteral("val/loss"), m_result.valLoss},
                      {QStringLiteral("trained_at"), nowIso()},
                      {QStringLiteral("base"), m_job.model.metadata}};
    return nn::saveModelFile(QDir(m_job.outputDirectory).filePath(QStringLiteral("best.sievemodel")), model);
}

bool DataParallelRun::stopsEarly(int epochsDone)
{
    if (!m_stopping.shouldStop(epochsDone, m_options.epochs))
        return false;
    m_result.stoppedEarly = true;
    m_events.log(Tr::tr("Stopping early after epoch %1 of %2: %3 has not improved for %4 epoch(s); the best is %5 at "
                        "epoch %6.")
                     .arg(epochsDone).arg(m_options.epochs).arg(m_stopping.metric).arg(m_stopping.sinceBest)
                     .arg(m_stopping.best, 0, 'g', 6).arg(m_stopping.bestEpoch));
    return true;
}

void DataParallelRun::emitValidation()
{
    if (m_job.rank == 0 && !m_validationMetrics.empty())
        m_events.metrics(m_step, m_validationMetrics);
    m_validationMetrics.clear();
}

Status DataParallelRun::checkpoint(int epochsDone, int batchInEpoch)
{
    if (m_job.rank != 0)
        return {};
    nn::ParameterStore &store = m_network->parameters();
    train::Checkpoint saved;
    saved.info = {{QStringLiteral("epoch"), epochsDone},
                  {QStringLiteral("batch_in_epoch"), batchInEpoch},
                  {QStringLiteral("step"), qint64(m_step)},
                  {QStringLiteral("optimizer_steps"), qint64(m_optimizer->steps())},
                  {QStringLiteral("global_batch"), m_options.batchSize},
                  {QStringLiteral("learning_rate"), m_schedule.baseLr},
                  {QStringLiteral("world_size"), m_job.worldSize},
                  {QStringLiteral("val_top1"), m_result.valTop1},
                  {QStringLiteral("val_loss"), m_result.valLoss},
                  {QStringLiteral("early_stop_metric"), m_stopping.metric},
                  {QStringLiteral("best_metric"), m_stopping.best},
                  {QStringLiteral("best_epoch"), m_stopping.bestEpoch},
                  {QStringLiteral("best_top1"), m_bestTop1},
                  {QStringLiteral("since_best"), m_stopping.sinceBest}};
    const auto copy = [](std::span<const float> span) { return std::vector<float>(span.begin(), span.end()); };
    saved.values = copy(std::as_const(store).values());
    saved.state = copy(std::as_const(store).state());
    saved.optimizerState = copy(m_optimizer->state());
    return train::saveCheckpoint(QDir(m_job.outputDirectory).filePath(QStringLiteral("checkpoint.sieveckpt")), saved);
}

} // namespace sieve::cluster
