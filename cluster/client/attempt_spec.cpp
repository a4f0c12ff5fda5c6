#include "cluster_attempt.h"
#include "worker_endpoint.h"

#include <QJsonDocument>

#include <cmath>

namespace sieve::cluster {

namespace {

HyperParameters hyperParameters(const train::TrainOptions &o, int globalBatch)
{
    HyperParameters hp;
    hp.epochs = o.epochs;
    hp.globalBatchSize = globalBatch;
    hp.optimizer = o.optimizer;
    hp.learningRate = o.learningRate;
    hp.momentum = o.momentum;
    hp.weightDecay = o.weightDecay;
    hp.schedule = o.schedule == nn::LrSchedule::Kind::Constant ? QStringLiteral("constant")
                  : o.schedule == nn::LrSchedule::Kind::Step   ? QStringLiteral("step")
                                                               : QStringLiteral("cosine");
    hp.warmupSteps = std::uint64_t(o.warmupSteps);
    hp.clipNorm = o.clipNorm;
    hp.seed = o.seed;
    hp.precision = o.precision;
    hp.augmentationJson = QJsonDocument(o.augmentation.toJson()).toJson(QJsonDocument::Compact);
    hp.backboneLrMultiplier = o.pretrained.isEmpty() ? 1.0 : o.backboneLrMultiplier;
    hp.earlyStopPatience = o.earlyStopPatience;
    hp.earlyStopMetric = o.earlyStopMetric;
    return hp;
}

} // namespace

JobSpec rankSpec(const AttemptSetup &s, int rank, int world, int globalBatch, const QString &jobId,
                 const WorkerEndpoint &self, const WorkerEndpoint &rank0)
{
    JobSpec spec;
    spec.jobId = jobId;
    spec.modelDefinitionJson = s.model.definition.toJson();
    spec.initialWeightsHash = s.initialHash;
    spec.hyperParameters = hyperParameters(s.options, globalBatch);
    spec.classes = s.model.classes;
    for (std::size_t i = std::size_t(rank); i < s.train.size(); i += std::size_t(world))
        spec.shard.append({s.train[i].hash, s.train[i].label});
    for (std::size_t i = std::size_t(rank); i < s.validation.size(); i += std::size_t(world))
        spec.validationShard.append({s.validation[i].hash, s.validation[i].label});
    spec.rank = rank;
    spec.worldSize = world;
    spec.rendezvousAddress = rank0.address;
    spec.rendezvousPrefix = jobId;
    spec.rendezvousToken = rank0.token;
    spec.rendezvousCaPem = rank0.caPem;
    spec.glooHost = hostOfAddress(self.address);
    spec.checkpointIntervalSteps = s.cluster.checkpointEverySteps;
    spec.collectiveTimeoutMs = std::uint32_t(s.cluster.collectiveTimeout.count());
    return spec;
}

QList<BlobFile> rankFiles(const AttemptSetup &s, int rank, int world)
{
    QList<BlobFile> files{{s.initialHash, s.initialPath}};
    for (std::size_t i = std::size_t(rank); i < s.train.size(); i += std::size_t(world))
        files.append({s.train[i].hash, s.train[i].path});
    for (std::size_t i = std::size_t(rank); i < s.validation.size(); i += std::size_t(world))
        files.append({s.validation[i].hash, s.validation[i].path});
    return files;
}

} // namespace sieve::cluster
