#include "proto_conversion.h"

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
    h->set_early_stop_patience(std::uint32_t(std::max(hp.earlyStopPatience, 0)));
    h->set_early_stop_metric(hp.earlyStopMetric == QLatin1String("val/loss")   ? v1::EARLY_STOP_METRIC_LOSS
                             : hp.earlyStopMetric == QLatin1String("val/top1") ? v1::EARLY_STOP_METRIC_TOP1
                                                                               : v1::EARLY_STOP_METRIC_UNSPECIFIED);
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
    out->set_resume_checkpoint_hash(spec.resumeCheckpointHash.toStdString());
    out->set_collective_timeout_ms(spec.collectiveTimeoutMs);
}

JobState fromProto(v1::JobState state)
{
    switch (state) {
    case v1::JOB_STATE_RUNNING: return JobState::Running;
    case v1::JOB_STATE_SUCCEEDED: return JobState::Succeeded;
    case v1::JOB_STATE_FAILED: return JobState::Failed;
    case v1::JOB_STATE_CANCELLED: return JobState::Cancelled;
    default: return JobState::None;
    }
}

JobEvent fromProto(const v1::JobEvent &event)
{
    JobEvent out;
    out.sequence = event.sequence();
    out.wallTimeMs = event.wall_time_ms();
    const auto metrics = [&out](const auto &list) {
        for (const v1::Metric &metric : list)
            out.metrics.append({QString::fromStdString(metric.tag()), metric.value()});
    };
    switch (event.kind_case()) {
    case v1::JobEvent::kStep:
        out.kind = JobEvent::Kind::Step;
        out.step = event.step().step();
        metrics(event.step().metrics());
        break;
    case v1::JobEvent::kEpoch:
        out.kind = JobEvent::Kind::Epoch;
        out.epoch = int(event.epoch().epoch());
        out.step = event.epoch().step();
        metrics(event.epoch().metrics());
        break;
    case v1::JobEvent::kState:
        out.kind = JobEvent::Kind::State;
        out.state = fromProto(event.state().state());
        out.text = QString::fromStdString(event.state().message());
        break;
    default:
        out.kind = JobEvent::Kind::Log;
        out.logLevel = int(event.log().level());
        out.text = QString::fromStdString(event.log().text());
        break;
    }
    return out;
}

const char *statusCodeName(grpc::StatusCode code)
{
    switch (code) {
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN";
    }
}

} // namespace sieve::cluster
