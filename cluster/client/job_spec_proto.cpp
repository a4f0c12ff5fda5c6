#include "job_spec_proto.h"

namespace sieve::cluster {
namespace {

void addImages(const QList<ShardImage> &images, google::protobuf::RepeatedPtrField<v1::ShardImage> *out)
{
    out->Reserve(int(images.size()));
    for (const ShardImage &image : images) {
        v1::ShardImage *entry = out->Add();
        entry->set_hash(image.hash.toStdString());
        entry->set_class_index(std::uint32_t(std::max(image.classIndex, 0)));
    }
}

std::string bytes(const QByteArray &value) { return value.toStdString(); }

} // namespace

void toProto(const JobSpec &spec, v1::JobSpec *out)
{
    out->set_job_id(spec.jobId.toStdString());
    out->set_model_definition_json(bytes(spec.modelDefinitionJson));
    out->set_initial_weights_hash(spec.initialWeightsHash.toStdString());
    const HyperParameters &hp = spec.hyperParameters;
    v1::HyperParameters *h = out->mutable_hyper_parameters();
    h->set_epochs(std::uint32_t(std::max(hp.epochs, 0)));
    h->set_global_batch_size(std::uint32_t(std::max(hp.globalBatchSize, 0)));
    h->set_optimizer(hp.optimizer == QLatin1String("sgd")     ? v1::OPTIMIZER_SGD
                     : hp.optimizer == QLatin1String("adamw") ? v1::OPTIMIZER_ADAMW
                                                              : v1::OPTIMIZER_UNSPECIFIED);
    h->set_learning_rate(hp.learningRate);
    h->set_momentum(hp.momentum);
    h->set_weight_decay(hp.weightDecay);
    h->set_schedule(hp.schedule == QLatin1String("constant") ? v1::LR_SCHEDULE_CONSTANT
                    : hp.schedule == QLatin1String("cosine") ? v1::LR_SCHEDULE_COSINE
                    : hp.schedule == QLatin1String("step")   ? v1::LR_SCHEDULE_STEP
                                                             : v1::LR_SCHEDULE_UNSPECIFIED);
    h->set_warmup_steps(hp.warmupSteps);
    h->set_clip_norm(hp.clipNorm);
    h->set_seed(hp.seed);
    h->set_precision(hp.precision == QLatin1String("fp32")   ? v1::PRECISION_FP32
                     : hp.precision == QLatin1String("bf16") ? v1::PRECISION_BF16
                                                             : v1::PRECISION_UNSPECIFIED);
    h->set_augmentation_json(bytes(hp.augmentationJson));
    h->set_backbone_lr_multiplier(hp.backboneLrMultiplier);
    h->set_head_only(hp.headOnly);
    for (const QString &name : spec.classes)
        out->add_classes(name.toStdString());
    addImages(spec.shard, out->mutable_shard());
    addImages(spec.validationShard, out->mutable_validation_shard());
    out->set_rank(std::uint32_t(std::max(spec.rank, 0)));
    out->set_world_size(std::uint32_t(std::max(spec.worldSize, 0)));
    out->set_rendezvous_address(spec.rendezvousAddress.toStdString());
    out->set_rendezvous_prefix(spec.rendezvousPrefix.toStdString());
    out->set_rendezvous_token(bytes(spec.rendezvousToken));
    out->set_rendezvous_ca_pem(bytes(spec.rendezvousCaPem));
    out->set_gloo_host(spec.glooHost.toStdString());
    out->set_checkpoint_interval_steps(spec.checkpointIntervalSteps);
    out->set_start_step(spec.startStep);
}

} // namespace sieve::cluster
