#include "train/training_run.h"

#include "base/clock.h"
#include "jobs/job_store.h"
#include "store/models.h"
#include "train/checkpoint.h"
#include "train/model_builder.h"
#include "train/run_plan.h"
#include "train/training_set.h"
#include "train/training_step.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QThread>

#include <algorithm>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

QString kCheckpointFile() { return QStringLiteral("checkpoint.sieveckpt"); }
QString kBestFile() { return QStringLiteral("best.sieveckpt"); }

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

} // namespace

Status TrainingRun::prepareNew(const TrainOptions &options)
{
    m_options = options.withDefaults();
    if (Status valid = m_options.validate(); !valid)
        return valid;
    m_context.setPhase(Tr::tr("Selecting images"));
    Result<RunPlan> plan = planRun(m_project.db(), m_options);
    if (!plan)
        return plan.takeError();
    TrainingSet *set = &plan->set;
    m_summary.excludedClasses = set->excluded;
    Result<nn::SieveModel> model = buildModel(m_options, set->classes);
    if (!model)
        return model.takeError();
    Result<RunLog> log = RunLog::start(m_project.db(), plan->name, plan->config);
    if (!log)
        return log.takeError();
    m_log.emplace(std::move(*log));
    if (m_onStarted)
        m_onStarted(m_log->id());
    if (!QDir(m_project.directory()).mkpath(m_log->directory()))
        return fail(Tr::tr("%1: cannot create the run's folder.").arg(runPath(QString())));
    // The split and the initial model are what a resume rebuilds the run from, whatever
    // happens to the labels, the view or the pretrained file meanwhile.
    if (Status written = writeSplitFile(runPath(QStringLiteral("split.json")), set->train, set->validation); !written)
        return written;
    if (Status saved = nn::saveModelFile(runPath(QStringLiteral("initial.sievemodel")), *model); !saved)
        return saved;
    return setUp(*model, std::move(set->train), std::move(set->validation));
}

Status TrainingRun::prepareResume(std::int64_t runId)
{
    // Two processes training the same run would overwrite each other's checkpoints. Jobs of
    // processes that are gone are marked interrupted first, so a running one is alive.
    store::Database &db = m_project.db();
    if (Result<int> marked = jobs::markInterruptedJobs(db); !marked)
        return marked.takeError();
    Result<store::Statement> running = db.prepare(
        "SELECT count(*) FROM jobs WHERE kind='train' AND status='running' AND json_extract(params, '$.run_id') = ?");
    if (!running)
        return running.takeError();
    running->bind(1, runId);
    Result<bool> row = running->step();
    if (!row)
        return row.takeError();
    const bool busy = *row && running->int64(0) > 0;
    running->reset();
    if (busy)
        return fail(Tr::tr("Run %1 is being trained by another process; stop it first.").arg(runId));
    Result<RunLog> log = RunLog::resume(m_project.db(), runId);
    if (!log)
        return log.takeError();
    m_log.emplace(std::move(*log));
    if (m_onStarted)
        m_onStarted(m_log->id());
    m_options = TrainOptions::fromJson(m_log->config());
    Result<SplitFile> split = readSplitFile(runPath(QStringLiteral("split.json")));
    if (!split)
        return split.takeError();
    Result<nn::SieveModel> model = nn::loadModelFile(runPath(QStringLiteral("initial.sievemodel")));
    if (!model)
        return model.takeError();
    if (Status ready = setUp(*model, std::move(split->train), std::move(split->validation)); !ready)
        return ready;
    if (m_summary.cancelled)
        return {};
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
    m_stopping.best = info.value(QStringLiteral("best_metric")).toDouble();
    m_stopping.bestEpoch = info.value(QStringLiteral("best_epoch")).toInt();
    m_bestTop1 = info.value(QStringLiteral("best_top1")).toDouble();
    m_stopping.sinceBest = info.value(QStringLiteral("since_best")).toInt();
    m_trainSeconds = info.value(QStringLiteral("train_seconds")).toDouble();
    m_waitSeconds = info.value(QStringLiteral("wait_seconds")).toDouble();
    m_trainImages = info.value(QStringLiteral("train_images_seen")).toInteger();
    m_summary.epochsDone = m_startEpoch;
    return {};
}

Status TrainingRun::setUp(const nn::SieveModel &model, std::vector<Sample> train, std::vector<Sample> validation)
{
    m_model = model;
    m_summary.runId = m_log->id();
    // Both a new run (its folder just made) and a resumed one (a new file, as TensorBoard's
    // writers do) start an event file here.
    m_log->writeEventFile(runPath(QString()));
    m_summary.epochs = m_options.epochs;
    m_summary.classes = model.classes;
    const int threads = m_resources.threads > 0 ? m_resources.threads : QThread::idealThreadCount();
    const int loaderThreads = m_resources.loaderThreads > 0 ? m_resources.loaderThreads
                                                            : std::max(1, QThread::idealThreadCount() / 2);
    Result<nn::Precision> precision = nn::parsePrecision(m_options.precision);
    if (!precision)
        return precision.takeError();
    TrainingInputs::Settings settings{m_options.batchSize, m_options.seed, loaderThreads, threads, *precision,
                                      m_options.augmentation, m_options.headOnly,
                                      m_resources.cacheMemoryBudget, runPath(QStringLiteral("image-cache.bin"))};
    Result<std::unique_ptr<TrainingInputs>> inputs =
        TrainingInputs::create(model, std::move(train), std::move(validation), settings, m_context);
    if (!inputs)
        return inputs.takeError();
    m_inputs = std::move(*inputs);
    if (m_context.isCancelled()) {
        // Stopped while the images were being read: nothing to train, nothing failed.
        m_summary.cancelled = true;
        return {};
    }
    m_summary.issues = m_inputs->issues();
    m_summary.unreadable = m_summary.issues.size();
    m_summary.trainImages = qint64(m_inputs->trainCount());
    m_summary.validationImages = qint64(m_inputs->validationCount());
    if (m_inputs->trainCount() == 0 || m_inputs->validationCount() == 0)
        return fail(Tr::tr("No training or no validation image could be read (%1 unreadable).").arg(m_summary.unreadable));

    Result<std::unique_ptr<nn::Network>> network = m_inputs->createTrainedNetwork(m_options.seed, threads, *precision);
    if (!network)
        return network.takeError();
    m_network = std::move(*network);
    m_optimizer = makeOptimizer(m_options, m_network->parameters());
    const std::int64_t steps = std::int64_t(m_inputs->train().batchesPerEpoch()) * m_options.epochs;
    m_schedule = makeSchedule(m_options, m_options.learningRate, steps);
    m_stopping = EarlyStopping(m_options.earlyStopMetric, m_options.earlyStopPatience);
    return {};
}

Status TrainingRun::checkpoint(int epochsDone, std::int64_t step, bool best)
{
    nn::ParameterStore &store = m_network->parameters();
    Checkpoint saved;
    saved.info = {{QStringLiteral("epoch"), epochsDone},
                  {QStringLiteral("step"), qint64(step)},
                  {QStringLiteral("optimizer_steps"), qint64(m_optimizer->steps())},
                  {QStringLiteral("best_metric"), m_stopping.best},
                  {QStringLiteral("best_epoch"), m_stopping.bestEpoch},
                  {QStringLiteral("best_top1"), m_bestTop1},
                  {QStringLiteral("since_best"), m_stopping.sinceBest},
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

Status TrainingRun::saveModel()
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

QJsonObject TrainingRun::summaryJson() const
{
    QJsonObject summary{{QStringLiteral("epochs"), m_summary.epochsDone},
                        {QStringLiteral("steps"), qint64(m_step)},
                        {QStringLiteral("best_epoch"), m_stopping.bestEpoch},
                        {QStringLiteral("images_per_second"), m_trainSeconds > 0 ? m_trainImages / m_trainSeconds : 0.0},
                        {QStringLiteral("data_wait"), m_trainSeconds > 0 ? m_waitSeconds / m_trainSeconds : 0.0},
                        {QStringLiteral("stopped_early"), m_summary.stoppedEarly},
                        {QStringLiteral("unreadable_images"), m_summary.unreadable}};
    if (m_lastValidation) {
        summary.insert(QStringLiteral("final"), QJsonObject{{QStringLiteral("val/top1"), m_lastValidation->top1()},
                                                            {QStringLiteral("val/top5"), m_lastValidation->top5()},
                                                            {QStringLiteral("val/loss"), m_lastValidation->loss()}});
    }
    QJsonObject best{{QStringLiteral("epoch"), m_stopping.bestEpoch}, {QStringLiteral("val/top1"), m_bestTop1}};
    if (m_stopping.bestEpoch > 0)
        best.insert(m_options.earlyStopMetric, m_stopping.best);
    summary.insert(QStringLiteral("best"), best);
    if (!m_summary.modelPath.isEmpty()) {
        summary.insert(QStringLiteral("model"), QFileInfo(m_summary.modelPath).fileName());
        summary.insert(QStringLiteral("model_id"), qint64(m_summary.modelId));
    }
    if (m_log && !m_log->eventFilePath().isEmpty())
        summary.insert(QStringLiteral("event_file"), QFileInfo(m_log->eventFilePath()).fileName());
    if (m_log && !m_log->eventFileError().isEmpty())
        summary.insert(QStringLiteral("event_file_error"), m_log->eventFileError());
    return summary;
}

} // namespace sieve::train
