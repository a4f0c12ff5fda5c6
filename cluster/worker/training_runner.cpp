#include "training_runner.h"

#include "blob_store.h"
#include "data_parallel_job.h"
#include "job_manager.h"
#include "key_value_store.h"
#include "rendezvous_store.h"
#include "worker_log.h"

#include "sieve/cluster/v1/worker.pb.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace sieve::worker {

namespace v1 = cluster::v1;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker)
};

// Gloo's rendezvous on rank 0's worker: the KV RPCs through the coordinator side's client (Qt
// Core and gRPC only). The collective puts its own rendezvous prefix in every key.
class RpcKeyValueStore final : public cluster::KeyValueStore {
public:
    RpcKeyValueStore(const v1::JobSpec &spec)
        : m_store({QString::fromStdString(spec.rendezvous_address()), QByteArray::fromStdString(spec.rendezvous_token()),
                   QByteArray::fromStdString(spec.rendezvous_ca_pem()), {}, {}, 0},
                  "gloo")
    {
    }
    Status set(const std::string &key, const std::vector<char> &value) override { return m_store.set(key, value); }
    Result<std::vector<char>> get(const std::string &key, std::chrono::milliseconds timeout) override
    {
        return m_store.get(key, timeout);
    }
    Status wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout) override
    {
        return m_store.wait(keys, timeout);
    }

private:
    cluster::WorkerRendezvousStore m_store;
};

// The job's events to Watch: states and log lines as log lines, rank 0's metrics as steps, and
// a step that carries an epoch's validation as an epoch.
class WatchSink final : public cluster::JobEventSink {
public:
    WatchSink(JobEvents &events, int rank) : m_events(events), m_rank(rank) {}
    void stateChanged(cluster::JobState state, const QString &detail) override
    {
        static const char *const names[] = {"connecting", "loading", "training", "finished", "cancelled", "failed"};
        const QString text = QStringLiteral("rank %1: %2%3").arg(m_rank).arg(QLatin1String(names[int(state)]),
                                                                           detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
        m_events.log(state == cluster::JobState::Failed ? LogLevel::Error : LogLevel::Info, text);
    }
    void log(const QString &message) override { m_events.log(LogLevel::Info, QStringLiteral("rank %1: %2").arg(m_rank).arg(message)); }
    void metrics(std::int64_t step, const std::vector<cluster::Metric> &metrics) override
    {
        QList<Metric> out;
        out.reserve(qsizetype(metrics.size()));
        int epoch = 0;
        for (const cluster::Metric &metric : metrics) {
            out.append({metric.tag, metric.value});
            if (metric.tag == QLatin1String("epoch"))
                epoch = int(metric.value);
        }
        if (epoch > 0)
            m_events.epoch(epoch, std::uint64_t(step), out);
        else
            m_events.step(std::uint64_t(step), out);
    }

private:
    JobEvents &m_events;
    int m_rank;
};

QString precisionName(v1::Precision precision)
{
    switch (precision) {
    case v1::PRECISION_FP32: return QStringLiteral("fp32");
    case v1::PRECISION_BF16: return QStringLiteral("bf16");
    default: return QStringLiteral("auto");
    }
}

train::TrainOptions trainOptions(const v1::HyperParameters &hp)
{
    train::TrainOptions options;
    options.epochs = int(hp.epochs());
    options.batchSize = int(hp.global_batch_size());
    options.optimizer = hp.optimizer() == v1::OPTIMIZER_ADAMW ? QStringLiteral("adamw") : QStringLiteral("sgd");
    options.learningRate = hp.learning_rate();
    options.momentum = hp.momentum();
    options.weightDecay = hp.weight_decay();
    options.schedule = hp.schedule() == v1::LR_SCHEDULE_CONSTANT ? nn::LrSchedule::Kind::Constant
                       : hp.schedule() == v1::LR_SCHEDULE_STEP   ? nn::LrSchedule::Kind::Step
                                                                 : nn::LrSchedule::Kind::Cosine;
    options.warmupSteps = std::int64_t(hp.warmup_steps());
    options.clipNorm = hp.clip_norm();
    options.seed = hp.seed();
    options.precision = precisionName(hp.precision());
    if (!hp.augmentation_json().empty())
        options.augmentation =
            train::Augmentation::fromJson(QJsonDocument::fromJson(QByteArray::fromStdString(hp.augmentation_json())).object());
    options.backboneLrMultiplier = hp.backbone_lr_multiplier();
    options.headOnly = hp.head_only();
    options.earlyStopPatience = int(hp.early_stop_patience());
    options.earlyStopMetric = hp.early_stop_metric() == v1::EARLY_STOP_METRIC_LOSS ? QStringLiteral("val/loss")
                                                                                  : QStringLiteral("val/top1");
    return options;
}

std::vector<cluster::ImageLabel> images(const google::protobuf::RepeatedPtrField<v1::ShardImage> &shard, const BlobStore &blobs)
{
    std::vector<cluster::ImageLabel> out;
    out.reserve(std::size_t(shard.size()));
    for (const v1::ShardImage &image : shard)
        out.push_back({blobs.path(QString::fromStdString(image.hash())), int(image.class_index())});
    return out;
}

} // namespace

Status runTrainingJob(const JobEnvironment &environment)
{
    const v1::JobSpec &spec = environment.spec;
    cluster::DataParallelJob job;
    job.rank = int(spec.rank());
    job.worldSize = int(spec.world_size());
    job.rendezvousPrefix = spec.rendezvous_prefix().empty() ? spec.job_id() : spec.rendezvous_prefix();
    if (!spec.gloo_host().empty())
        job.listenHost = spec.gloo_host();
    if (spec.collective_timeout_ms() > 0)
        job.timeout = std::chrono::milliseconds(spec.collective_timeout_ms());
    job.options = trainOptions(spec.hyper_parameters());

    // The model: the initial weights blob (a .sievemodel: definition, classes, normalisation,
    // weights), else the definition initialised from the seed.
    const QString initial = QString::fromStdString(spec.initial_weights_hash());
    if (!initial.isEmpty()) {
        Result<nn::SieveModel> model = nn::loadModelFile(environment.blobs.path(initial));
        if (!model)
            return fail(Tr::tr("the initial weights (blob %1) are not a Sieve model: %2").arg(initial, model.error()));
        if (model->definition.toJson() != environment.model.toJson())
            return fail(Tr::tr("the initial weights (blob %1) are of another network than model_definition_json").arg(initial));
        job.model = std::move(*model);
    } else {
        job.model.definition = environment.model;
    }
    job.model.classes.clear();
    for (const std::string &name : spec.classes())
        job.model.classes.append(QString::fromStdString(name));
    job.train = images(spec.shard(), environment.blobs);
    job.validation = images(spec.validation_shard(), environment.blobs);
    job.threads = environment.threads;
    job.loaderThreads = std::max(1, environment.threads / 2);
    job.outputDirectory = environment.workDir;
    job.checkpointEverySteps = std::int64_t(spec.checkpoint_interval_steps());
    const QString checkpoint = QString::fromStdString(spec.resume_checkpoint_hash());
    if (!checkpoint.isEmpty())
        job.resumeFrom = environment.blobs.path(checkpoint);

    log::info(Tr::tr("job %1: rank %2 of %3, %4 training and %5 validation images, rendezvous %6 at %7")
                  .arg(QString::fromStdString(spec.job_id())).arg(job.rank).arg(job.worldSize)
                  .arg(job.train.size()).arg(job.validation.size())
                  .arg(QString::fromStdString(job.rendezvousPrefix), QString::fromStdString(spec.rendezvous_address())));
    RpcKeyValueStore store(spec);
    WatchSink sink(environment.events, job.rank);
    Result<cluster::DataParallelResult> result = cluster::runDataParallelJob(job, store, environment.cancelled, sink);
    if (!result)
        return result.takeError();
    if (job.rank == 0 && !result->cancelled && QFileInfo(result->modelPath) != QFileInfo(environment.modelPath)) {
        QFile::remove(environment.modelPath);
        if (!QFile::rename(result->modelPath, environment.modelPath))
            return fail(Tr::tr("cannot move the trained model %1 to %2").arg(result->modelPath, environment.modelPath));
    }
    environment.events.log(LogLevel::Info, Tr::tr("rank %1: %2 steps, %3 epochs%4, validation top-1 %5 (best epoch %6: %7), "
                                                  "%8 images/s")
                                               .arg(job.rank).arg(result->steps).arg(result->epochsDone)
                                               .arg(result->stoppedEarly ? Tr::tr(" (stopped early)") : QString())
                                               .arg(result->valTop1, 0, 'f', 4).arg(result->bestEpoch)
                                               .arg(result->bestTop1, 0, 'f', 4).arg(result->imagesPerSecond, 0, 'f', 1));
    return {};
}

} // namespace sieve::worker
