#include "job_spec_validation.h"

#include "blob_store.h"

#include "sieve/cluster/v1/worker.pb.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

#include <cmath>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::JobSpecValidation)
};

namespace v1 = cluster::v1;

constexpr int kMaxProblems = 10;

QString quoted(const std::string &text)
{
    QString shown = QString::fromUtf8(text.data(), qsizetype(std::min<std::size_t>(text.size(), 48)));
    if (text.size() > 48)
        shown += QStringLiteral("…");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

class Problems {
public:
    void add(const QString &problem)
    {
        if (m_list.size() < kMaxProblems)
            m_list.append(problem);
        else
            m_more = true;
    }
    bool empty() const { return m_list.isEmpty(); }
    Error error() const
    {
        QString text = Tr::tr("job spec refused: %1").arg(m_list.join(QStringLiteral("; ")));
        if (m_more)
            text += Tr::tr("; and more");
        return fail(text);
    }

private:
    QStringList m_list;
    bool m_more = false;
};

// NaN fails every comparison, so these ranges refuse it too.
bool within(double value, double low, double high) { return value >= low && value <= high; }

void checkShard(const google::protobuf::RepeatedPtrField<v1::ShardImage> &images, const char *field, int classes,
                const std::function<bool(const QString &)> &hasBlob, Problems &problems)
{
    const QString name = QLatin1String(field);
    if (images.size() > kMaxShardImages) {
        problems.add(Tr::tr("%1 has %2 images, more than the %3 a worker takes").arg(name).arg(images.size()).arg(kMaxShardImages));
        return;
    }
    int missing = 0;
    QString firstMissing;
    for (int i = 0; i < images.size(); ++i) {
        const v1::ShardImage &image = images.Get(i);
        const QString hash = QString::fromStdString(image.hash());
        if (!BlobStore::isValidHash(hash)) {
            problems.add(Tr::tr("%1[%2].hash %3 is not a content hash (32 lowercase hex digits)")
                             .arg(name).arg(i).arg(quoted(image.hash())));
            return;
        }
        if (image.class_index() >= std::uint32_t(classes)) {
            problems.add(Tr::tr("%1[%2].class_index %3 is out of range: there are %4 classes")
                             .arg(name).arg(i).arg(image.class_index()).arg(classes));
            return;
        }
        if (!hasBlob(hash) && missing++ == 0)
            firstMissing = hash;
    }
    if (missing > 0)
        problems.add(Tr::tr("%1: %2 images are not in this worker's cache (first: %3); upload them with PutShard first")
                         .arg(name).arg(missing).arg(firstMissing));
}

void checkHyperParameters(const v1::HyperParameters &hp, const v1::JobSpec &spec, Problems &problems)
{
    if (hp.epochs() < 1 || hp.epochs() > std::uint32_t(kMaxEpochs))
        problems.add(Tr::tr("hyper_parameters.epochs %1 is outside 1..%2").arg(hp.epochs()).arg(kMaxEpochs));
    if (hp.global_batch_size() < std::max<std::uint32_t>(1, spec.world_size())
        || hp.global_batch_size() > std::uint32_t(kMaxGlobalBatch))
        problems.add(Tr::tr("hyper_parameters.global_batch_size %1 is outside %2..%3 (at least one image per rank)")
                         .arg(hp.global_batch_size()).arg(std::max<std::uint32_t>(1, spec.world_size())).arg(kMaxGlobalBatch));
    if (hp.optimizer() != v1::OPTIMIZER_SGD && hp.optimizer() != v1::OPTIMIZER_ADAMW)
        problems.add(Tr::tr("hyper_parameters.optimizer must be OPTIMIZER_SGD or OPTIMIZER_ADAMW"));
    if (!(hp.learning_rate() > 0 && hp.learning_rate() <= 10))
        problems.add(Tr::tr("hyper_parameters.learning_rate %1 is outside (0, 10]").arg(hp.learning_rate()));
    if (!(hp.momentum() >= 0 && hp.momentum() < 1))
        problems.add(Tr::tr("hyper_parameters.momentum %1 is outside [0, 1)").arg(hp.momentum()));
    if (!within(hp.weight_decay(), 0, 1))
        problems.add(Tr::tr("hyper_parameters.weight_decay %1 is outside [0, 1]").arg(hp.weight_decay()));
    if (!v1::LrScheduleKind_IsValid(hp.schedule()))
        problems.add(Tr::tr("hyper_parameters.schedule %1 is not a known schedule").arg(int(hp.schedule())));
    if (hp.warmup_steps() > 100'000'000)
        problems.add(Tr::tr("hyper_parameters.warmup_steps %1 is absurd (over 100 million)").arg(hp.warmup_steps()));
    if (!within(hp.clip_norm(), 0, 1e6))
        problems.add(Tr::tr("hyper_parameters.clip_norm %1 is outside [0, 1e6]").arg(hp.clip_norm()));
    if (!v1::Precision_IsValid(hp.precision()))
        problems.add(Tr::tr("hyper_parameters.precision %1 is not a known precision").arg(int(hp.precision())));
    if (!within(hp.backbone_lr_multiplier(), 0, 10))
        problems.add(Tr::tr("hyper_parameters.backbone_lr_multiplier %1 is outside [0, 10]").arg(hp.backbone_lr_multiplier()));
    if (hp.early_stop_patience() > 100'000)
        problems.add(Tr::tr("hyper_parameters.early_stop_patience %1 is above 100000 epochs").arg(hp.early_stop_patience()));
    if (!v1::EarlyStopMetric_IsValid(hp.early_stop_metric()))
        problems.add(Tr::tr("hyper_parameters.early_stop_metric %1 is not a known metric (top1 or loss)").arg(int(hp.early_stop_metric())));
    if (hp.head_only() && spec.initial_weights_hash().empty())
        problems.add(Tr::tr("hyper_parameters.head_only needs initial weights (initial_weights_hash)"));
    if (!hp.augmentation_json().empty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(hp.augmentation_json()), &error);
        if (hp.augmentation_json().size() > 64 * 1024 || !document.isObject())
            problems.add(Tr::tr("hyper_parameters.augmentation_json is not a JSON object (%1)")
                             .arg(error.error == QJsonParseError::NoError ? Tr::tr("too large or not an object")
                                                                         : error.errorString()));
    }
}

void checkModel(const v1::JobSpec &spec, nn::ModelDefinition &model, Problems &problems)
{
    const std::string &json = spec.model_definition_json();
    if (json.empty()) {
        problems.add(Tr::tr("model_definition_json is empty"));
        return;
    }
    if (json.size() > std::size_t(kMaxModelDefinitionBytes)) {
        problems.add(Tr::tr("model_definition_json has %1 bytes, more than %2").arg(json.size()).arg(kMaxModelDefinitionBytes));
        return;
    }
    auto parsed = nn::ModelDefinition::fromJson(QByteArrayView(json.data(), qsizetype(json.size())));
    if (!parsed) {
        problems.add(Tr::tr("model_definition_json: %1").arg(parsed.error()));
        return;
    }
    model = std::move(*parsed);
    if (model.nodes.isEmpty() || model.nodes.size() > kMaxModelNodes)
        problems.add(Tr::tr("model_definition_json has %1 nodes; a model has 1 to %2").arg(model.nodes.size()).arg(kMaxModelNodes));
    const nn::InputDefinition &in = model.input;
    if (in.channels < 1 || in.channels > 16 || in.height < 1 || in.height > kMaxInputSide || in.width < 1
        || in.width > kMaxInputSide)
        problems.add(Tr::tr("model_definition_json: input %1×%2×%3 is outside 1..16 channels and 1..%4 pixels a side")
                         .arg(in.channels).arg(in.height).arg(in.width).arg(kMaxInputSide));
}

bool isValidJobId(const std::string &id)
{
    if (id.empty() || id.size() > std::size_t(kMaxJobIdLength))
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

} // namespace

Result<nn::ModelDefinition> validateJobSpec(const v1::JobSpec &spec, const std::function<bool(const QString &)> &hasBlob)
{
    Problems problems;
    if (!isValidJobId(spec.job_id()))
        problems.add(Tr::tr("job_id %1 must be 1 to %2 letters, digits, '-' or '_'").arg(quoted(spec.job_id())).arg(kMaxJobIdLength));

    nn::ModelDefinition model;
    checkModel(spec, model, problems);

    if (!spec.has_hyper_parameters())
        problems.add(Tr::tr("hyper_parameters are missing"));
    else
        checkHyperParameters(spec.hyper_parameters(), spec, problems);

    if (spec.world_size() < 1 || spec.world_size() > std::uint32_t(kMaxWorldSize))
        problems.add(Tr::tr("world_size %1 is outside 1..%2").arg(spec.world_size()).arg(kMaxWorldSize));
    else if (spec.rank() >= spec.world_size())
        problems.add(Tr::tr("rank %1 must be less than world_size %2").arg(spec.rank()).arg(spec.world_size()));

    const int classCount = spec.classes_size();
    if (classCount < 2 || classCount > kMaxClasses) {
        problems.add(Tr::tr("classes: %1 given; a classifier needs 2 to %2").arg(classCount).arg(kMaxClasses));
    } else {
        QSet<QString> seen;
        for (int i = 0; i < classCount; ++i) {
            const QString name = QString::fromStdString(spec.classes(i));
            if (name.trimmed().isEmpty() || name.size() > 256) {
                problems.add(Tr::tr("classes[%1] must be a name of 1 to 256 characters").arg(i));
                break;
            }
            if (seen.contains(name)) {
                problems.add(Tr::tr("classes[%1] %2 is listed twice").arg(i).arg(quoted(spec.classes(i))));
                break;
            }
            seen.insert(name);
        }
    }

    if (spec.shard_size() == 0)
        problems.add(Tr::tr("shard is empty: this rank has no images to train on"));
    checkShard(spec.shard(), "shard", classCount, hasBlob, problems);
    checkShard(spec.validation_shard(), "validation_shard", classCount, hasBlob, problems);

    const QString weights = QString::fromStdString(spec.initial_weights_hash());
    if (!weights.isEmpty() && !BlobStore::isValidHash(weights))
        problems.add(Tr::tr("initial_weights_hash %1 is not a content hash (32 lowercase hex digits)")
                         .arg(quoted(spec.initial_weights_hash())));
    else if (!weights.isEmpty() && !hasBlob(weights))
        problems.add(Tr::tr("initial_weights_hash %1 is not in this worker's cache; upload it with PutShard first").arg(weights));

    const QString checkpoint = QString::fromStdString(spec.resume_checkpoint_hash());
    if (!checkpoint.isEmpty() && !BlobStore::isValidHash(checkpoint))
        problems.add(Tr::tr("resume_checkpoint_hash %1 is not a content hash (32 lowercase hex digits)")
                         .arg(quoted(spec.resume_checkpoint_hash())));
    else if (!checkpoint.isEmpty() && !hasBlob(checkpoint))
        problems.add(Tr::tr("resume_checkpoint_hash %1 is not in this worker's cache; upload it with PutShard first").arg(checkpoint));
    else if (!checkpoint.isEmpty() && spec.rank() != 0)
        problems.add(Tr::tr("resume_checkpoint_hash is for rank 0 only (rank 0's checkpoint is broadcast to the others)"));
    if (spec.collective_timeout_ms() > 600'000)
        problems.add(Tr::tr("collective_timeout_ms %1 is above 600000 (10 minutes)").arg(spec.collective_timeout_ms()));

    if (spec.world_size() > 1) {
        const QString address = QString::fromStdString(spec.rendezvous_address());
        const int colon = address.lastIndexOf(QLatin1Char(':'));
        bool portOk = false;
        const int port = colon < 0 ? 0 : address.mid(colon + 1).toInt(&portOk);
        if (colon <= 0 || !portOk || port < 1 || port > 65535 || address.size() > 300)
            problems.add(Tr::tr("rendezvous_address %1 is not HOST:PORT").arg(quoted(spec.rendezvous_address())));
        if (spec.rendezvous_prefix().empty() || spec.rendezvous_prefix().size() > 256)
            problems.add(Tr::tr("rendezvous_prefix must have 1 to 256 bytes (a fresh one per rendezvous)"));
    }
    if (spec.rendezvous_token().size() > 4096)
        problems.add(Tr::tr("rendezvous_token has more than 4096 bytes"));
    if (spec.rendezvous_ca_pem().size() > (1u << 20))
        problems.add(Tr::tr("rendezvous_ca_pem has more than 1 MiB"));
    if (spec.gloo_host().size() > 255)
        problems.add(Tr::tr("gloo_host has more than 255 bytes"));
    if (spec.checkpoint_interval_steps() > 1'000'000'000)
        problems.add(Tr::tr("checkpoint_interval_steps %1 is absurd (over a billion)").arg(spec.checkpoint_interval_steps()));

    if (!problems.empty())
        return problems.error();
    return model;
}

} // namespace sieve::worker
