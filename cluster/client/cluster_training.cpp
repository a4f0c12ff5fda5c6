#include "cluster_training.h"

#include "cluster_attempt.h"
#include "base/clock.h"
#include "ingest/image_file.h"
#include "jobs/job_store.h"
#include "jobs/job_context.h"
#include "nn/model_file.h"
#include "store/models.h"
#include "store/project.h"
#include "train/model_builder.h"
#include "train/run_log.h"
#include "train/run_plan.h"
#include "train/training_set.h"
#include "worker_client.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

// The content hashes of SAMPLES' images (images.hash, what the workers' caches are keyed by).
Result<std::vector<ClusterImage>> withHashes(store::Database &db, const std::vector<train::Sample> &samples)
{
    Result<store::Statement> query = db.prepare("SELECT hash FROM images WHERE id = ?");
    if (!query)
        return query.takeError();
    std::vector<ClusterImage> out;
    out.reserve(samples.size());
    for (const train::Sample &sample : samples) {
        query->bind(1, sample.imageId);
        Result<bool> row = query->step();
        if (!row)
            return row.takeError();
        if (!*row)
            return fail(Tr::tr("image %1 (%2) is no longer in the project").arg(sample.imageId).arg(sample.path));
        out.push_back({query->text(0), sample.path, sample.label});
        query->reset();
    }
    return out;
}

Result<QString> fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot be read: %2").arg(path, file.errorString()));
    return ingest::contentHash(file.readAll());
}

// The best epoch's model (BEST, copied from rank 0), with the run's metadata as a local run
// writes it, into models/, registered as a trained model.
Status registerModel(store::Project &project, const train::RunLog &log, const train::TrainOptions &options,
                     const QString &best, ClusterSummary &summary)
{
    Result<nn::SieveModel> model = nn::loadModelFile(best);
    if (!model)
        return model.takeError();
    const QString architecture = options.pretrained.isEmpty() ? options.model : model->definition.name;
    const QJsonObject base = model->metadata;
    const QJsonValue top5 = base.value(QStringLiteral("val/top5"));
    model->metadata = {{QStringLiteral("run_id"), qint64(log.id())},
                       {QStringLiteral("architecture"), architecture},
                       {QStringLiteral("epochs"), summary.epochsDone},
                       {QStringLiteral("best_epoch"), summary.bestEpoch},
                       {QStringLiteral("val/top1"), summary.bestTop1},
                       {QStringLiteral("val/top5"), top5},
                       {QStringLiteral("val/loss"), summary.bestLoss},
                       {QStringLiteral("train_images"), summary.trainImages},
                       {QStringLiteral("validation_images"), summary.validationImages},
                       {QStringLiteral("pretrained"), options.pretrained},
                       {QStringLiteral("trained_at"), nowIso()},
                       {QStringLiteral("workers"), QJsonArray::fromStringList(summary.workersAtEnd)},
                       {QStringLiteral("restarts"), summary.restarts},
                       {QStringLiteral("base"), base}};
    const QString file = QStringLiteral("run-%1-%2.sievemodel").arg(log.id()).arg(architecture);
    if (!QDir().mkpath(project.modelsDirectory()))
        return fail(Tr::tr("%1: cannot create the models folder.").arg(project.modelsDirectory()));
    const QString path = QDir(project.modelsDirectory()).filePath(file);
    if (Status saved = nn::saveModelFile(path, *model); !saved)
        return saved;
    store::ModelRecord record;
    record.name = QStringLiteral("%1 run %2").arg(architecture).arg(log.id());
    record.file = file;
    record.architecture = architecture;
    record.classes = model->classes;
    record.runId = log.id();
    record.origin = QStringLiteral("trained");
    record.metrics = {{QStringLiteral("val/top1"), summary.bestTop1},
                      {QStringLiteral("val/top5"), top5},
                      {QStringLiteral("val/loss"), summary.bestLoss},
                      {QStringLiteral("epoch"), summary.bestEpoch}};
    record.checksum = train::modelFileChecksum(path);
    Result<std::int64_t> id = store::addModel(project.db(), record);
    if (!id)
        return id.takeError();
    summary.modelId = *id;
    summary.modelPath = path;
    return {};
}

// The run's summary with a local run's keys (TrainingRun::summaryJson: epochs, steps, best_epoch,
// stopped_early, final, best, model, event_file) plus the cluster's own.
QJsonObject summaryJson(const ClusterSummary &s, const train::RunLog &log, const QString &metric)
{
    QJsonObject json{{QStringLiteral("epochs"), s.epochsDone},
                     {QStringLiteral("steps"), qint64(s.steps)},
                     {QStringLiteral("best_epoch"), s.bestEpoch},
                     {QStringLiteral("images_per_second"), s.imagesPerSecond},
                     {QStringLiteral("stopped_early"), s.stoppedEarly},
                     {QStringLiteral("restarts"), s.restarts},
                     {QStringLiteral("workers_at_end"), QJsonArray::fromStringList(s.workersAtEnd)},
                     {QStringLiteral("blobs_uploaded"), s.blobsUploaded},
                     {QStringLiteral("blobs_skipped"), s.blobsSkipped},
                     {QStringLiteral("bytes_uploaded"), s.bytesUploaded},
                     {QStringLiteral("final"), QJsonObject{{QStringLiteral("val/top1"), s.finalTop1},
                                                           {QStringLiteral("val/top5"), s.finalTop5},
                                                           {QStringLiteral("val/loss"), s.finalLoss}}}};
    QJsonObject best{{QStringLiteral("epoch"), s.bestEpoch}, {QStringLiteral("val/top1"), s.bestTop1}};
    if (s.bestEpoch > 0)
        best.insert(metric, metric == QLatin1String("val/loss") ? s.bestLoss : s.bestTop1);
    json.insert(QStringLiteral("best"), best);
    if (!log.eventFilePath().isEmpty())
        json.insert(QStringLiteral("event_file"), QFileInfo(log.eventFilePath()).fileName());
    if (!log.eventFileError().isEmpty())
        json.insert(QStringLiteral("event_file_error"), log.eventFileError());
    // As a local run records its model: the runs list offers it (Model button).
    if (s.modelId > 0) {
        json.insert(QStringLiteral("model"), QFileInfo(s.modelPath).fileName());
        json.insert(QStringLiteral("model_id"), qint64(s.modelId));
    }
    return json;
}

} // namespace

Result<ClusterSummary> runClusterTraining(store::Project &project, const train::TrainOptions &requested,
                                          const ClusterOptions &cluster, jobs::JobContext &context,
                                          const std::function<void(const QString &line)> &onLog)
{
    const train::TrainOptions options = requested.withDefaults();
    if (Status valid = options.validate(); !valid)
        return valid.takeError();
    if (options.headOnly)
        return fail(Tr::tr("Training only the classifier (head only) runs on this machine, not on a cluster."));
    if (cluster.workers.isEmpty())
        return fail(Tr::tr("No workers to train on."));
    // Every worker answers and is idle before a run is recorded.
    for (const WorkerEndpoint &endpoint : cluster.workers) {
        context.setPhase(Tr::tr("Asking %1").arg(endpoint.address));
        Result<WorkerInfo> info = WorkerClient(endpoint, cluster.callDeadline).info();
        if (!info)
            return info.takeError();
        if (info->busy)
            return fail(Tr::tr("worker %1 is busy with job %2").arg(endpoint.address, info->jobId));
    }
    store::Database &db = project.db();
    context.setPhase(Tr::tr("Selecting images"));
    Result<train::RunPlan> plan = train::planRun(db, options);
    if (!plan)
        return plan.takeError();
    const train::TrainingSet *set = &plan->set;
    Result<nn::SieveModel> model = train::buildModel(options, set->classes);
    if (!model)
        return model.takeError();
    Result<std::vector<ClusterImage>> trainImages = withHashes(db, set->train);
    Result<std::vector<ClusterImage>> validationImages = withHashes(db, set->validation);
    if (!trainImages || !validationImages)
        return (!trainImages ? trainImages.takeError() : validationImages.takeError());

    ClusterSummary summary;
    summary.classes = set->classes;
    summary.excludedClasses = set->excluded;
    summary.trainImages = qint64(set->train.size());
    summary.validationImages = qint64(set->validation.size());
    summary.epochs = options.epochs;

    QJsonObject config = plan->config;
    QJsonArray workers;
    for (const WorkerEndpoint &worker : cluster.workers)
        workers.append(worker.address);
    config.insert(QStringLiteral("workers"), workers);
    config.insert(QStringLiteral("max_restarts"), cluster.maxRestarts);
    config.insert(QStringLiteral("checkpoint_every_steps"), qint64(cluster.checkpointEverySteps));
    const QString name = plan->name + Tr::tr(", %n worker(s)", nullptr, int(cluster.workers.size()));
    Result<train::RunLog> started = train::RunLog::start(db, name, config);
    if (!started)
        return started.takeError();
    train::RunLog &log = *started;
    summary.runId = log.id();
    const QString runDir = QDir(project.directory()).filePath(log.directory());
    // A job of its own in the jobs panel (a process that dies leaves it "interrupted").
    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("cluster-train"),
                                              {{QStringLiteral("run_id"), qint64(log.id())}, {QStringLiteral("workers"), workers}});
    if (!job)
        return job.takeError();
    const auto finishFailed = [&](const QString &message) -> Result<ClusterSummary> {
        (void)log.finish(QStringLiteral("failed"), message, summaryJson(summary, log, options.earlyStopMetric));
        (void)jobs::endJob(db, *job, fail(message), false, summary.epochsDone, summary.epochs);
        return fail(message);
    };
    if (!QDir().mkpath(runDir))
        return finishFailed(Tr::tr("%1: cannot create the run's folder.").arg(runDir));
    log.writeEventFile(runDir);
    const QString initialPath = QDir(runDir).filePath(QStringLiteral("initial.sievemodel"));
    if (Status written = train::writeSplitFile(QDir(runDir).filePath(QStringLiteral("split.json")), set->train, set->validation);
        !written)
        return finishFailed(written.error());
    if (Status saved = nn::saveModelFile(initialPath, *model); !saved)
        return finishFailed(saved.error());
    Result<QString> initialHash = fileHash(initialPath);
    if (!initialHash)
        return finishFailed(initialHash.error());

    AttemptSetup setup{options, cluster, *model, *initialHash, initialPath, std::move(*trainImages),
                       std::move(*validationImages), runDir};
    Result<QString> fetched = runAttempts(setup, log, context, onLog, summary);
    if (!fetched)
        return finishFailed(fetched.error());
    if (summary.cancelled) {
        (void)log.finish(QStringLiteral("cancelled"), QString(), summaryJson(summary, log, options.earlyStopMetric));
        (void)jobs::endJob(db, *job, {}, true, summary.epochsDone, summary.epochs);
        return summary;
    }
    if (Status registered = registerModel(project, log, options, *fetched, summary); !registered)
        return finishFailed(registered.error());
    if (Status finished = log.finish(QStringLiteral("done"), QString(), summaryJson(summary, log, options.earlyStopMetric)); !finished)
        return finished.takeError();
    if (Status ended = jobs::endJob(db, *job, {}, false, summary.epochsDone, summary.epochs); !ended)
        return ended.takeError();
    return summary;
}

} // namespace sieve::cluster
