#include "train/trainer.h"

#include "jobs/job_store.h"
#include "train/training_run.h"
#include "train/training_step.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <chrono>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

using Clock = std::chrono::steady_clock;

} // namespace

Status TrainingRun::train()
{
    if (m_summary.cancelled)
        return m_log->flush(); // while the images were being read
    BatchLoader &loader = m_inputs->train();
    const int batches = loader.batchesPerEpoch();
    for (int epoch = m_startEpoch; epoch < m_options.epochs; ++epoch) {
        loader.startEpoch(epoch);
        loader.takeWaitSeconds();
        // The phase shows the latest loss, accuracy and speed: from the previous epoch at first,
        // then refreshed every two seconds (each refresh is a line in plain output).
        const QString epochText = Tr::tr("Epoch %1/%2").arg(epoch + 1).arg(m_options.epochs);
        m_context.setPhase(m_statsText.isEmpty() ? epochText : epochText + m_statsText, batches);
        QElapsedTimer phaseTimer;
        phaseTimer.start();
        double epochLoss = 0;
        int epochCorrect = 0, epochSeen = 0;
        for (int b = 0; b < batches; ++b) {
            if (m_context.isCancelled()) {
                m_summary.cancelled = true;
                return m_log->flush();
            }
            const auto start = Clock::now();
            const Batch batch = loader.next();
            const double lr = m_schedule.at(m_step);
            Result<StepOutcome> stepped = trainStep(*m_network, *m_optimizer, batch, m_step, lr, m_options.clipNorm);
            if (!stepped)
                return stepped.takeError();
            if (!stepped->applied)
                return fail(Tr::tr("The training diverged: the loss is %1 at step %2. Try a lower learning rate "
                                   "(--lr), a warm-up (--warmup) or gradient clipping (--clip-norm).")
                                .arg(stepped->loss).arg(m_step + 1));
            const double loss = stepped->loss;
            const int correct = stepped->correct;
            ++m_step;
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            const double wait = loader.takeWaitSeconds();
            m_trainSeconds += seconds;
            m_waitSeconds += wait;
            m_trainImages += batch.size;
            epochLoss += loss;
            epochCorrect += correct;
            epochSeen += batch.size;
            m_log->add(QStringLiteral("train/loss"), m_step, loss);
            m_log->add(QStringLiteral("train/accuracy"), m_step, double(correct) / batch.size);
            m_log->add(QStringLiteral("train/lr"), m_step, lr);
            m_log->add(QStringLiteral("train/images_per_second"), m_step, seconds > 0 ? batch.size / seconds : 0.0);
            m_log->add(QStringLiteral("train/data_wait"), m_step, seconds > 0 ? std::min(1.0, wait / seconds) : 0.0);
            if (b + 1 < batches) {
                if (Status flushed = m_log->flush(); !flushed)
                    return flushed;
            }
            m_statsText = Tr::tr(" · loss %1 · acc %2% · %3 img/s")
                              .arg(epochLoss / (b + 1), 0, 'f', 3)
                              .arg(100.0 * epochCorrect / epochSeen, 0, 'f', 1)
                              .arg(seconds > 0 ? batch.size / seconds : 0.0, 0, 'f', 0);
            if (phaseTimer.elapsed() >= 2000) {
                phaseTimer.restart();
                m_context.setPhase(epochText + m_statsText, batches);
            }
            m_context.report(b + 1, batches);
        }
        if (Status validated = validate(epoch + 1, m_step); !validated)
            return validated;
        const bool improved = m_stopping.update(epoch + 1, m_stopping.lowerIsBetter() ? m_lastValidation->loss()
                                                                                     : m_lastValidation->top1());
        if (improved)
            m_bestTop1 = m_lastValidation->top1();
        m_summary.epochsDone = epoch + 1;
        if (Status saved = checkpoint(epoch + 1, m_step, improved); !saved)
            return saved;
        if (m_jobId > 0)
            (void)jobs::updateJob(m_project.db(), m_jobId, epoch + 1, m_options.epochs);
        if (m_onEpoch)
            m_onEpoch({m_log->id(), epoch + 1, m_step, epochLoss / batches, m_lastValidation->top1(), m_lastValidation->loss()});
        if (m_stopping.shouldStop(epoch + 1, m_options.epochs)) {
            m_summary.stoppedEarly = true;
            break;
        }
    }
    return {};
}

Status TrainingRun::validate(int epoch, std::int64_t step)
{
    BatchLoader &loader = m_inputs->validation();
    loader.startEpoch(0);
    const int classCount = int(m_model.classes.size());
    ClassificationMetrics metrics(classCount);
    const std::vector<std::int64_t> &imageIds = m_inputs->validationImageIds();
    std::vector<RunLog::ValidationResult> results;
    results.reserve(imageIds.size());
    for (int b = 0; b < loader.batchesPerEpoch(); ++b) {
        const Batch batch = loader.next();
        if (Status ran = m_network->forward(batch.inputs, batch.size, nn::Pass::Inference); !ran)
            return ran;
        Result<double> loss = m_network->loss(batch.labels);
        if (!loss)
            return loss.takeError();
        const std::span<const float> logits = m_network->logits();
        metrics.add(logits, batch.labels, *loss);
        // Each image's cell of the confusion matrix (the loader keeps the samples' order).
        for (int i = 0; i < batch.size; ++i) {
            const std::span<const float> row = logits.subspan(std::size_t(i) * std::size_t(classCount), std::size_t(classCount));
            const auto top = std::max_element(row.begin(), row.end());
            double sum = 0;
            for (float value : row)
                sum += std::exp(double(value) - double(*top));
            const std::size_t sample = results.size();
            if (sample < imageIds.size())
                results.push_back({imageIds[sample], batch.labels[std::size_t(i)], int(top - row.begin()), 1.0 / sum});
        }
    }
    m_log->setValidationResults(epoch, std::move(results));
    loader.takeWaitSeconds();
    m_log->add(QStringLiteral("epoch"), step, epoch);
    m_log->add(QStringLiteral("val/loss"), step, metrics.loss());
    m_log->add(QStringLiteral("val/top1"), step, metrics.top1());
    m_log->add(QStringLiteral("val/top5"), step, metrics.top5());
    for (int c = 0; c < metrics.classes(); ++c) {
        m_log->add(QStringLiteral("val/class/%1/precision").arg(c), step, metrics.precision(c));
        m_log->add(QStringLiteral("val/class/%1/recall").arg(c), step, metrics.recall(c));
        for (int p = 0; p < metrics.classes(); ++p)
            m_log->add(QStringLiteral("val/confusion/%1/%2").arg(c).arg(p), step, double(metrics.confusion(c, p)));
    }
    m_lastValidation = metrics;
    return m_log->flush();
}

Result<TrainSummary> runTraining(store::Project &project, const TrainOptions &options, jobs::JobContext &context,
                                 std::int64_t resumeRunId, const TrainResources &resources,
                                 const std::function<void(const EpochReport &)> &onEpoch,
                                 const std::function<void(std::int64_t runId)> &onStarted)
{
    TrainingRun trainer(project, context, resources, onEpoch, onStarted);
    Status status = resumeRunId > 0 ? trainer.prepareResume(resumeRunId) : trainer.prepareNew(options);
    RunLog *log = trainer.log();
    std::int64_t jobId = 0;
    if (log) {
        Result<std::int64_t> job = jobs::startJob(project.db(), QStringLiteral("train"),
                                                  {{QStringLiteral("run_id"), qint64(log->id())},
                                                   {QStringLiteral("resume"), resumeRunId > 0}});
        if (!job)
            return job.takeError();
        jobId = *job;
        trainer.setJob(jobId);
        trainer.summary().jobId = jobId;
        for (const jobs::JobIssue &issue : trainer.summary().issues)
            (void)jobs::addJobIssue(project.db(), jobId, issue.path, issue.reason);
    }
    if (status)
        status = trainer.train();
    TrainSummary &summary = trainer.summary();
    if (status && !summary.cancelled)
        status = trainer.saveModel();
    if (!log)
        return status.takeError();
    const QJsonObject summaryJson = trainer.summaryJson();
    summary.bestEpoch = summaryJson.value(QStringLiteral("best")).toObject().value(QStringLiteral("epoch")).toInt();
    summary.bestTop1 = summaryJson.value(QStringLiteral("best")).toObject().value(QStringLiteral("val/top1")).toDouble();
    summary.steps = summaryJson.value(QStringLiteral("steps")).toInteger();
    summary.imagesPerSecond = summaryJson.value(QStringLiteral("images_per_second")).toDouble();
    summary.dataWaitShare = summaryJson.value(QStringLiteral("data_wait")).toDouble();
    const QJsonObject final = summaryJson.value(QStringLiteral("final")).toObject();
    summary.finalTop1 = final.value(QStringLiteral("val/top1")).toDouble();
    summary.finalTop5 = final.value(QStringLiteral("val/top5")).toDouble();
    summary.finalLoss = final.value(QStringLiteral("val/loss")).toDouble();
    const QString state = !status ? QStringLiteral("failed") : summary.cancelled ? QStringLiteral("cancelled") : QStringLiteral("done");
    Status recorded = log->finish(state, status ? QString() : status.error(), summaryJson);
    Status ended = jobs::endJob(project.db(), jobId, status, summary.cancelled, summary.epochsDone,
                                TrainOptions::fromJson(log->config()).epochs);
    if (!status)
        return status.takeError();
    if (!recorded)
        return recorded.takeError();
    if (!ended)
        return ended.takeError();
    return summary;
}

} // namespace sieve::train
