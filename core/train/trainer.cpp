#include "train/trainer.h"

#include "base/clock.h"
#include "jobs/job_context.h"
#include "nn/classifier_head.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "store/models.h"
#include "store/project.h"
#include "train/checkpoint.h"
#include "train/classification_metrics.h"
#include "train/model_builder.h"
#include "train/run_log.h"
#include "train/training_inputs.h"
#include "train/training_set.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

using Clock = std::chrono::steady_clock;

QString kCheckpointFile() { return QStringLiteral("checkpoint.sieveckpt"); }
QString kBestFile() { return QStringLiteral("best.sieveckpt"); }

Status writeJsonFile(const QString &path, const QJsonObject &object)
{
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Tr::tr("%1: cannot be written: %2").arg(path, file.errorString()));
    return {};
}

Result<QJsonObject> readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot be read: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(Tr::tr("%1: is damaged: %2").arg(path, error.errorString()));
    return document.object();
}

QJsonArray samplesJson(const std::vector<Sample> &samples)
{
    QJsonArray array;
    for (const Sample &sample : samples)
        array.append(QJsonArray{qint64(sample.imageId), sample.label, sample.path});
    return array;
}

std::vector<Sample> samplesFromJson(const QJsonArray &array)
{
    std::vector<Sample> samples;
    samples.reserve(std::size_t(array.size()));
    for (const QJsonValue &value : array) {
        const QJsonArray row = value.toArray();
        samples.push_back({row.at(0).toInteger(), row.at(2).toString(), row.at(1).toInt()});
    }
    return samples;
}

std::vector<float> toVector(std::span<const float> span) { return {span.begin(), span.end()}; }

Status restoreBuffers(nn::ParameterStore &store, const Checkpoint &checkpoint, const QString &path)
{
    if (checkpoint.values.size() != store.values().size() || checkpoint.state.size() != store.state().size())
        return fail(Tr::tr("%1: the checkpoint does not fit this run's network (%2 parameters, %3 expected).")
                        .arg(path).arg(checkpoint.values.size()).arg(store.values().size()));
    std::copy(checkpoint.values.begin(), checkpoint.values.end(), store.values().begin());
    std::copy(checkpoint.state.begin(), checkpoint.state.end(), store.state().begin());
    return {};
}

// One run from set-up to its end; runTraining() records how it ended.
class Trainer {
public:
    Trainer(store::Project &project, jobs::JobContext &context, const TrainResources &resources,
            const std::function<void(const EpochReport &)> &onEpoch)
        : m_project(project), m_context(context), m_resources(resources), m_onEpoch(onEpoch)
    {
    }

    Status prepareNew(const TrainOptions &options);
    Status prepareResume(std::int64_t runId);
    Status train();
    Status saveModel();
    RunLog *log() { return m_log ? &*m_log : nullptr; }
    TrainSummary &summary() { return m_summary; }
    QJsonObject summaryJson() const;

private:
    QString runPath(const QString &file) const
    {
        return QDir(m_project.directory()).filePath(m_log->directory() + QLatin1Char('/') + file);
    }
    Status setUp(const nn::SieveModel &model, std::vector<Sample> train, std::vector<Sample> validation);
    Status validate(int epoch, std::int64_t step);
    Status checkpoint(int epochsDone, std::int64_t step, bool best);

    store::Project &m_project;
    jobs::JobContext &m_context;
    TrainResources m_resources;
    std::function<void(const EpochReport &)> m_onEpoch;
    TrainOptions m_options;
    std::optional<RunLog> m_log;
    TrainSummary m_summary;
    nn::SieveModel m_model; // the whole model as trained: definition, classes, normalisation, initial weights
    std::unique_ptr<TrainingInputs> m_inputs;
    std::unique_ptr<nn::Network> m_network;
    std::optional<nn::Optimizer> m_optimizer;
    nn::LrSchedule m_schedule;
    int m_startEpoch = 0;
    std::int64_t m_step = 0;
    double m_bestMetric = 0;
    int m_bestEpoch = 0;
    int m_sinceBest = 0;
    std::optional<ClassificationMetrics> m_lastValidation;
    double m_trainSeconds = 0, m_waitSeconds = 0;
    qint64 m_trainImages = 0;
};

Status Trainer::prepareNew(const TrainOptions &options)
{
    m_options = options;
    if (Status valid = m_options.validate(); !valid)
        return valid;
    m_context.setPhase(Tr::tr("Selecting images"));
    Result<LabelledImages> images = labelledImages(m_project.db(), m_options.view);
    if (!images)
        return images.takeError();
    Result<TrainingSet> set = splitStratified(*images, {m_options.validationFraction, m_options.minimumPerClass, m_options.seed});
    if (!set)
        return set.takeError();
    m_summary.excludedClasses = set->excluded;
    Result<nn::SieveModel> model = buildModel(m_options, set->classes);
    if (!model)
        return model.takeError();

    QJsonObject config = m_options.toJson();
    config.insert(QStringLiteral("classes"), QJsonArray::fromStringList(set->classes));
    QJsonArray categoryIds;
    for (std::int64_t id : set->categoryIds)
        categoryIds.append(qint64(id));
    config.insert(QStringLiteral("category_ids"), categoryIds);
    config.insert(QStringLiteral("excluded_classes"), QJsonArray::fromStringList(set->excluded));
    config.insert(QStringLiteral("train_images"), qint64(set->train.size()));
    config.insert(QStringLiteral("validation_images"), qint64(set->validation.size()));
    config.insert(QStringLiteral("split_file"), QStringLiteral("split.json"));
    config.insert(QStringLiteral("model_file"), QStringLiteral("initial.sievemodel"));
    const QString name = QStringLiteral("%1 on %2").arg(m_options.pretrained.isEmpty() ? m_options.model : QFileInfo(m_options.pretrained).fileName(),
                                                       m_options.view.isEmpty() ? Tr::tr("all images") : m_options.view);
    Result<RunLog> log = RunLog::start(m_project.db(), name, config);
    if (!log)
        return log.takeError();
    m_log.emplace(std::move(*log));
    if (!QDir(m_project.directory()).mkpath(m_log->directory()))
        return fail(Tr::tr("%1: cannot create the run's folder.").arg(runPath(QString())));
    // The split and the initial model are what a resume rebuilds the run from, whatever
    // happens to the labels, the view or the pretrained file meanwhile.
    if (Status written = writeJsonFile(runPath(QStringLiteral("split.json")),
                                       {{QStringLiteral("train"), samplesJson(set->train)},
                                        {QStringLiteral("validation"), samplesJson(set->validation)}});
        !written)
        return written;
    if (Status saved = nn::saveModelFile(runPath(QStringLiteral("initial.sievemodel")), *model); !saved)
        return saved;
    return setUp(*model, std::move(set->train), std::move(set->validation));
}

Status Trainer::prepareResume(std::int64_t runId)
{
    Result<RunLog> log = RunLog::resume(m_project.db(), runId);
    if (!log)
        return log.takeError();
    m_log.emplace(std::move(*log));
    m_options = TrainOptions::fromJson(m_log->config());
    Result<QJsonObject> split = readJsonFile(runPath(QStringLiteral("split.json")));
    if (!split)
        return split.takeError();
    Result<nn::SieveModel> model = nn::loadModelFile(runPath(QStringLiteral("initial.sievemodel")));
    if (!model)
        return model.takeError();
    if (Status ready = setUp(*model, samplesFromJson(split->value(QStringLiteral("train")).toArray()),
                             samplesFromJson(split->value(QStringLiteral("validation")).toArray()));
        !ready)
        return ready;
    const QString path = runPath(kCheckpointFile());
    if (!QFileInfo::exists(path))
        return {}; // stopped before its first epoch ended: starts from the beginning
    Result<Checkpoint> saved = loadCheckpoint(path);
    if (!saved)
        return saved.takeError();
    if (Status restored = restoreBuffers(m_network->parameters(), *saved, path); !restored)
        return restored;
    if (saved->optimizerState.size() != m_optimizer->state().size())
        return fail(Tr::tr("%1: the optimizer state does not fit this run.").arg(path));
    std::copy(saved->optimizerState.begin(), saved->optimizerState.end(), m_optimizer->state().begin());
    const QJsonObject &info = saved->info;
    m_optimizer->setSteps(std::uint64_t(info.value(QStringLiteral("optimizer_steps")).toInteger()));
    m_startEpoch = info.value(QStringLiteral("epoch")).toInt();
    m_step = info.value(QStringLiteral("step")).toInteger();
    m_bestMetric = info.value(QStringLiteral("best_metric")).toDouble();
    m_bestEpoch = info.value(QStringLiteral("best_epoch")).toInt();
    m_sinceBest = info.value(QStringLiteral("since_best")).toInt();
    m_trainSeconds = info.value(QStringLiteral("train_seconds")).toDouble();
    m_waitSeconds = info.value(QStringLiteral("wait_seconds")).toDouble();
    m_trainImages = info.value(QStringLiteral("train_images_seen")).toInteger();
    m_summary.epochsDone = m_startEpoch;
    return {};
}

Status Trainer::setUp(const nn::SieveModel &model, std::vector<Sample> train, std::vector<Sample> validation)
{
    m_model = model;
    m_summary.runId = m_log->id();
    m_summary.classes = model.classes;
    const int threads = m_resources.threads > 0 ? m_resources.threads : QThread::idealThreadCount();
    const int loaderThreads = m_resources.loaderThreads > 0 ? m_resources.loaderThreads
                                                            : std::max(1, QThread::idealThreadCount() / 2);
    TrainingInputs::Settings settings{m_options.batchSize, m_options.seed, loaderThreads, threads,
                                      m_options.augmentation, m_options.headOnly,
                                      m_resources.cacheMemoryBudget, runPath(QStringLiteral("image-cache.bin"))};
    Result<std::unique_ptr<TrainingInputs>> inputs =
        TrainingInputs::create(model, std::move(train), std::move(validation), settings, m_context);
    if (!inputs)
        return inputs.takeError();
    m_inputs = std::move(*inputs);
    m_summary.issues = m_inputs->issues();
    m_summary.unreadable = m_summary.issues.size();
    m_summary.trainImages = qint64(m_inputs->trainCount());
    m_summary.validationImages = qint64(m_inputs->validationCount());
    if (m_inputs->trainCount() == 0 || m_inputs->validationCount() == 0)
        return fail(Tr::tr("No training or no validation image could be read (%1 unreadable).").arg(m_summary.unreadable));

    Result<std::unique_ptr<nn::Network>> network = m_inputs->createTrainedNetwork(m_options.seed, threads);
    if (!network)
        return network.takeError();
    m_network = std::move(*network);
    if (m_options.optimizer == QLatin1String("adamw"))
        m_optimizer = nn::Optimizer::adamW(m_network->parameters(), {0.9, 0.999, 1e-8, m_options.weightDecay});
    else
        m_optimizer = nn::Optimizer::sgd(m_network->parameters(), {m_options.momentum, false, m_options.weightDecay});
    const std::int64_t steps = std::int64_t(m_inputs->train().batchesPerEpoch()) * m_options.epochs;
    m_schedule.kind = m_options.schedule;
    m_schedule.baseLr = m_options.learningRate;
    m_schedule.warmupSteps = m_options.warmupSteps;
    m_schedule.totalSteps = steps;
    m_schedule.stepSize = std::max<std::int64_t>(1, steps / 3);
    m_schedule.gamma = 0.1;
    m_bestMetric = m_options.earlyStopMetric == QLatin1String("val/loss") ? 1e300 : -1;
    return {};
}

Status Trainer::train()
{
    BatchLoader &loader = m_inputs->train();
    const int batches = loader.batchesPerEpoch();
    const QStringList &classes = m_model.classes;
    for (int epoch = m_startEpoch; epoch < m_options.epochs; ++epoch) {
        loader.startEpoch(epoch);
        loader.takeWaitSeconds();
        m_context.setPhase(Tr::tr("Epoch %1/%2").arg(epoch + 1).arg(m_options.epochs), batches);
        QElapsedTimer phaseTimer;
        phaseTimer.start();
        double epochLoss = 0;
        for (int b = 0; b < batches; ++b) {
            if (m_context.isCancelled()) {
                m_summary.cancelled = true;
                return m_log->flush();
            }
            const auto start = Clock::now();
            const Batch batch = loader.next();
            m_network->setIteration(std::uint64_t(m_step));
            if (Status ran = m_network->forward(batch.inputs, batch.size, nn::Pass::Training); !ran)
                return ran;
            int correct = 0;
            const std::span<const float> logits = m_network->logits();
            const std::size_t classCount = std::size_t(classes.size());
            for (int i = 0; i < batch.size; ++i) {
                const std::span<const float> row = logits.subspan(std::size_t(i) * classCount, classCount);
                correct += int(std::max_element(row.begin(), row.end()) - row.begin()) == batch.labels[std::size_t(i)];
            }
            Result<double> loss = m_network->backward(batch.labels);
            if (!loss)
                return loss.takeError();
            if (m_options.clipNorm > 0)
                nn::clipGradientNorm(m_network->parameters(), m_options.clipNorm);
            const double lr = m_schedule.at(m_step);
            m_optimizer->step(m_network->parameters(), lr);
            ++m_step;
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            const double wait = loader.takeWaitSeconds();
            m_trainSeconds += seconds;
            m_waitSeconds += wait;
            m_trainImages += batch.size;
            epochLoss += *loss;
            m_log->add(QStringLiteral("train/loss"), m_step, *loss);
            m_log->add(QStringLiteral("train/accuracy"), m_step, double(correct) / batch.size);
            m_log->add(QStringLiteral("train/lr"), m_step, lr);
            m_log->add(QStringLiteral("train/images_per_second"), m_step, seconds > 0 ? batch.size / seconds : 0.0);
            m_log->add(QStringLiteral("train/data_wait"), m_step, seconds > 0 ? std::min(1.0, wait / seconds) : 0.0);
            if (b + 1 < batches) {
                if (Status flushed = m_log->flush(); !flushed)
                    return flushed;
            }
            if (phaseTimer.elapsed() >= 2000) {
                phaseTimer.restart();
                m_context.setPhase(Tr::tr("Epoch %1/%2 · loss %3 · acc %4% · %5 img/s")
                                       .arg(epoch + 1).arg(m_options.epochs)
                                       .arg(epochLoss / (b + 1), 0, 'f', 3)
                                       .arg(100.0 * correct / batch.size, 0, 'f', 0)
                                       .arg(seconds > 0 ? batch.size / seconds : 0.0, 0, 'f', 0),
                                   batches);
            }
            m_context.report(b + 1, batches);
        }
        if (Status validated = validate(epoch + 1, m_step); !validated)
            return validated;
        const double metric = m_options.earlyStopMetric == QLatin1String("val/loss") ? m_lastValidation->loss()
                                                                                      : m_lastValidation->top1();
        const bool improved = m_options.earlyStopMetric == QLatin1String("val/loss") ? metric < m_bestMetric
                                                                                      : metric > m_bestMetric;
        if (improved) {
            m_bestMetric = metric;
            m_bestEpoch = epoch + 1;
            m_sinceBest = 0;
        } else {
            ++m_sinceBest;
        }
        m_summary.epochsDone = epoch + 1;
        if (Status saved = checkpoint(epoch + 1, m_step, improved); !saved)
            return saved;
        if (m_onEpoch)
            m_onEpoch({m_log->id(), epoch + 1, m_step, epochLoss / batches, m_lastValidation->top1(), m_lastValidation->loss()});
        if (m_options.earlyStopPatience > 0 && m_sinceBest >= m_options.earlyStopPatience && epoch + 1 < m_options.epochs) {
            m_summary.stoppedEarly = true;
            break;
        }
    }
    return {};
}

Status Trainer::validate(int epoch, std::int64_t step)
{
    BatchLoader &loader = m_inputs->validation();
    loader.startEpoch(0);
    ClassificationMetrics metrics(int(m_model.classes.size()));
    for (int b = 0; b < loader.batchesPerEpoch(); ++b) {
        const Batch batch = loader.next();
        if (Status ran = m_network->forward(batch.inputs, batch.size, nn::Pass::Inference); !ran)
            return ran;
        Result<double> loss = m_network->loss(batch.labels);
        if (!loss)
            return loss.takeError();
        metrics.add(m_network->logits(), batch.labels, *loss);
    }
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

Status Trainer::checkpoint(int epochsDone, std::int64_t step, bool best)
{
    nn::ParameterStore &store = m_network->parameters();
    Checkpoint saved;
    saved.info = {{QStringLiteral("epoch"), epochsDone},
                  {QStringLiteral("step"), qint64(step)},
                  {QStringLiteral("optimizer_steps"), qint64(m_optimizer->steps())},
                  {QStringLiteral("best_metric"), m_bestMetric},
                  {QStringLiteral("best_epoch"), m_bestEpoch},
                  {QStringLiteral("since_best"), m_sinceBest},
                  {QStringLiteral("train_seconds"), m_trainSeconds},
                  {QStringLiteral("wait_seconds"), m_waitSeconds},
                  {QStringLiteral("train_images_seen"), m_trainImages},
                  {QStringLiteral("val_top1"), m_lastValidation->top1()},
                  {QStringLiteral("val_top5"), m_lastValidation->top5()},
                  {QStringLiteral("val_loss"), m_lastValidation->loss()}};
    saved.values = toVector(store.values());
    saved.state = toVector(store.state());
    if (best) {
        // The best epoch's weights, for the model saved at the end; written first so that a
        // crash between the two files never leaves a checkpoint newer than its best.
        Checkpoint bestWeights{saved.info, saved.values, saved.state, {}};
        if (Status written = saveCheckpoint(runPath(kBestFile()), bestWeights); !written)
            return written;
    }
    saved.optimizerState = toVector(m_optimizer->state());
    return saveCheckpoint(runPath(kCheckpointFile()), saved);
}

Status Trainer::saveModel()
{
    const QString bestPath = runPath(kBestFile());
    Result<Checkpoint> best = loadCheckpoint(bestPath);
    if (!best)
        return best.takeError();
    if (Status restored = restoreBuffers(m_network->parameters(), *best, bestPath); !restored)
        return restored;
    const QJsonObject &info = best->info;
    m_summary.bestEpoch = info.value(QStringLiteral("best_epoch")).toInt();
    m_summary.bestTop1 = info.value(QStringLiteral("val_top1")).toDouble();
    nn::SieveModel model = m_model;
    model.weights = m_inputs->wholeModelWeights(*m_network);
    const QString architecture = m_options.pretrained.isEmpty() ? m_options.model : m_model.definition.name;
    model.metadata = {{QStringLiteral("run_id"), qint64(m_log->id())},
                      {QStringLiteral("architecture"), architecture},
                      {QStringLiteral("epochs"), m_summary.epochsDone},
                      {QStringLiteral("best_epoch"), m_summary.bestEpoch},
                      {QStringLiteral("val/top1"), m_summary.bestTop1},
                      {QStringLiteral("val/top5"), info.value(QStringLiteral("val_top5"))},
                      {QStringLiteral("val/loss"), info.value(QStringLiteral("val_loss"))},
                      {QStringLiteral("train_images"), m_summary.trainImages},
                      {QStringLiteral("validation_images"), m_summary.validationImages},
                      {QStringLiteral("head_only"), m_options.headOnly},
                      {QStringLiteral("pretrained"), m_options.pretrained},
                      {QStringLiteral("trained_at"), nowIso()},
                      {QStringLiteral("base"), m_model.metadata}};
    const QString file = QStringLiteral("run-%1-%2.sievemodel").arg(m_log->id()).arg(architecture);
    if (!QDir().mkpath(m_project.modelsDirectory()))
        return fail(Tr::tr("%1: cannot create the models folder.").arg(m_project.modelsDirectory()));
    const QString path = QDir(m_project.modelsDirectory()).filePath(file);
    if (Status saved = nn::saveModelFile(path, model); !saved)
        return saved;
    store::ModelRecord record;
    record.name = QStringLiteral("%1 run %2").arg(architecture).arg(m_log->id());
    record.file = file;
    record.architecture = architecture;
    record.classes = model.classes;
    record.runId = m_log->id();
    record.origin = QStringLiteral("trained");
    record.metrics = {{QStringLiteral("val/top1"), m_summary.bestTop1},
                      {QStringLiteral("val/top5"), info.value(QStringLiteral("val_top5"))},
                      {QStringLiteral("val/loss"), info.value(QStringLiteral("val_loss"))},
                      {QStringLiteral("epoch"), m_summary.bestEpoch}};
    record.checksum = modelFileChecksum(path);
    Result<std::int64_t> id = store::addModel(m_project.db(), record);
    if (!id)
        return id.takeError();
    m_summary.modelId = *id;
    m_summary.modelPath = path;
    return {};
}

QJsonObject Trainer::summaryJson() const
{
    QJsonObject summary{{QStringLiteral("epochs"), m_summary.epochsDone},
                        {QStringLiteral("steps"), qint64(m_step)},
                        {QStringLiteral("best_epoch"), m_bestEpoch},
                        {QStringLiteral("images_per_second"), m_trainSeconds > 0 ? m_trainImages / m_trainSeconds : 0.0},
                        {QStringLiteral("data_wait"), m_trainSeconds > 0 ? m_waitSeconds / m_trainSeconds : 0.0},
                        {QStringLiteral("stopped_early"), m_summary.stoppedEarly},
                        {QStringLiteral("unreadable_images"), m_summary.unreadable}};
    if (m_lastValidation) {
        summary.insert(QStringLiteral("final"), QJsonObject{{QStringLiteral("val/top1"), m_lastValidation->top1()},
                                                            {QStringLiteral("val/top5"), m_lastValidation->top5()},
                                                            {QStringLiteral("val/loss"), m_lastValidation->loss()}});
    }
    QJsonObject best{{QStringLiteral("epoch"), m_bestEpoch}};
    best.insert(m_options.earlyStopMetric, m_bestEpoch > 0 ? m_bestMetric : 0.0);
    summary.insert(QStringLiteral("best"), best);
    if (!m_summary.modelPath.isEmpty())
        summary.insert(QStringLiteral("model"), QFileInfo(m_summary.modelPath).fileName());
    return summary;
}

} // namespace

Result<TrainSummary> runTraining(store::Project &project, const TrainOptions &options, jobs::JobContext &context,
                                 std::int64_t resumeRunId, const TrainResources &resources,
                                 const std::function<void(const EpochReport &)> &onEpoch)
{
    Trainer trainer(project, context, resources, onEpoch);
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
