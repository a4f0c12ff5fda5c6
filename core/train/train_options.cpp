#include "train/trainer.h"

#include "nn/model_zoo.h"
#include "nn/network.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

QString scheduleName(nn::LrSchedule::Kind kind)
{
    switch (kind) {
    case nn::LrSchedule::Kind::Constant: return QStringLiteral("constant");
    case nn::LrSchedule::Kind::Step: return QStringLiteral("step");
    case nn::LrSchedule::Kind::Cosine: return QStringLiteral("cosine");
    }
    return QStringLiteral("cosine");
}

QJsonArray categoriesJson(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

TrainOptions TrainOptions::withDefaults() const
{
    TrainOptions o = *this;
    const bool adamW = optimizer == QLatin1String("adamw");
    if (o.learningRate == 0)
        o.learningRate = adamW ? 0.001 : (!pretrained.isEmpty() || model == QLatin1String("googlenet")) ? 0.01 : 0.05;
    if (o.weightDecay < 0)
        o.weightDecay = adamW ? 0.01 : 5e-4;
    if (o.precision == QLatin1String("auto"))
        o.precision = nn::Network::bf16Supported() ? QStringLiteral("bf16") : QStringLiteral("fp32");
    return o;
}

QJsonObject TrainOptions::toJson() const
{
    return {{QStringLiteral("model"), model},
            {QStringLiteral("pretrained"), pretrained},
            {QStringLiteral("head_only"), headOnly},
            {QStringLiteral("backbone_lr_multiplier"), backboneLrMultiplier},
            {QStringLiteral("input_size"), inputSize},
            {QStringLiteral("epochs"), epochs},
            {QStringLiteral("batch_size"), batchSize},
            {QStringLiteral("optimizer"), optimizer},
            {QStringLiteral("learning_rate"), learningRate},
            {QStringLiteral("momentum"), momentum},
            {QStringLiteral("weight_decay"), weightDecay},
            {QStringLiteral("schedule"), scheduleName(schedule)},
            {QStringLiteral("warmup_steps"), qint64(warmupSteps)},
            {QStringLiteral("clip_norm"), clipNorm},
            {QStringLiteral("view"), view},
            {QStringLiteral("filter"), filter},
            {QStringLiteral("categories"), categoriesJson(categories)},
            {QStringLiteral("validation_fraction"), validationFraction},
            {QStringLiteral("minimum_per_class"), minimumPerClass},
            // As text: a JSON number cannot hold every 64-bit seed.
            {QStringLiteral("seed"), QString::number(seed)},
            {QStringLiteral("early_stop_patience"), earlyStopPatience},
            {QStringLiteral("early_stop_metric"), earlyStopMetric},
            {QStringLiteral("augmentation"), augmentation.toJson()},
            {QStringLiteral("precision"), precision}};
}

TrainOptions TrainOptions::fromJson(const QJsonObject &json)
{
    TrainOptions o;
    o.model = json.value(QStringLiteral("model")).toString(o.model);
    o.pretrained = json.value(QStringLiteral("pretrained")).toString();
    // Runs recorded before precision was a choice ran in fp32.
    o.precision = json.value(QStringLiteral("precision")).toString(QStringLiteral("fp32"));
    o.headOnly = json.value(QStringLiteral("head_only")).toBool();
    o.backboneLrMultiplier = json.value(QStringLiteral("backbone_lr_multiplier")).toDouble(o.backboneLrMultiplier);
    o.inputSize = json.value(QStringLiteral("input_size")).toInt();
    o.epochs = json.value(QStringLiteral("epochs")).toInt(o.epochs);
    o.batchSize = json.value(QStringLiteral("batch_size")).toInt(o.batchSize);
    o.optimizer = json.value(QStringLiteral("optimizer")).toString(o.optimizer);
    o.learningRate = json.value(QStringLiteral("learning_rate")).toDouble(o.learningRate);
    o.momentum = json.value(QStringLiteral("momentum")).toDouble(o.momentum);
    o.weightDecay = json.value(QStringLiteral("weight_decay")).toDouble(o.weightDecay);
    const QString schedule = json.value(QStringLiteral("schedule")).toString();
    o.schedule = schedule == QLatin1String("constant") ? nn::LrSchedule::Kind::Constant
                 : schedule == QLatin1String("step")   ? nn::LrSchedule::Kind::Step
                                                       : nn::LrSchedule::Kind::Cosine;
    o.warmupSteps = json.value(QStringLiteral("warmup_steps")).toInteger();
    o.clipNorm = json.value(QStringLiteral("clip_norm")).toDouble();
    o.view = json.value(QStringLiteral("view")).toString();
    o.filter = json.value(QStringLiteral("filter")).toObject();
    for (const QJsonValue &id : json.value(QStringLiteral("categories")).toArray())
        o.categories.append(id.toInteger());
    o.validationFraction = json.value(QStringLiteral("validation_fraction")).toDouble(o.validationFraction);
    o.minimumPerClass = json.value(QStringLiteral("minimum_per_class")).toInt(o.minimumPerClass);
    o.seed = json.value(QStringLiteral("seed")).toString(QStringLiteral("1")).toULongLong();
    o.earlyStopPatience = json.value(QStringLiteral("early_stop_patience")).toInt();
    o.earlyStopMetric = json.value(QStringLiteral("early_stop_metric")).toString(o.earlyStopMetric);
    o.augmentation = Augmentation::fromJson(json.value(QStringLiteral("augmentation")).toObject());
    return o;
}

Status TrainOptions::validate() const
{
    if (pretrained.isEmpty() && !nn::zooModelNames().contains(model))
        return fail(Tr::tr("Unknown model “%1”; choose one of %2.").arg(model, nn::zooModelNames().join(QStringLiteral(", "))));
    if (headOnly && pretrained.isEmpty())
        return fail(Tr::tr("Head-only training needs pretrained weights (--pretrained FILE)."));
    if (epochs < 1 || epochs > 100000)
        return fail(Tr::tr("The number of epochs must be 1 to 100000, not %1.").arg(epochs));
    if (batchSize < 1 || batchSize > 4096)
        return fail(Tr::tr("The batch size must be 1 to 4096, not %1.").arg(batchSize));
    if (!(learningRate >= 0) || learningRate > 10)
        return fail(Tr::tr("The learning rate must be 0 (the default) or more, at most 10, not %1.").arg(learningRate));
    if (!(weightDecay < 1))
        return fail(Tr::tr("The weight decay must be below 1, not %1.").arg(weightDecay));
    if (optimizer != QLatin1String("sgd") && optimizer != QLatin1String("adamw"))
        return fail(Tr::tr("Unknown optimizer “%1”; choose sgd or adamw.").arg(optimizer));
    if (warmupSteps < 0)
        return fail(Tr::tr("The warm-up must be 0 steps or more."));
    if (clipNorm < 0)
        return fail(Tr::tr("The gradient clipping norm must be 0 (off) or more."));
    if (!view.isEmpty() && !filter.isEmpty())
        return fail(Tr::tr("Train on a saved view or on a filter, not both."));
    if (categories.size() == 1)
        return fail(Tr::tr("Training needs at least two categories; only one was chosen."));
    if (!(validationFraction > 0) || validationFraction >= 1)
        return fail(Tr::tr("The validation fraction must be above 0 and below 1, not %1.").arg(validationFraction));
    if (minimumPerClass < 2)
        return fail(Tr::tr("The minimum number of images per class must be at least 2."));
    if (inputSize != 0 && (inputSize < 16 || inputSize > 1024))
        return fail(Tr::tr("The input size must be 16 to 1024 pixels, not %1.").arg(inputSize));
    if (model == QLatin1String("googlenet") && pretrained.isEmpty() && inputSize != 0 && inputSize != 224)
        return fail(Tr::tr("GoogLeNet takes 224-pixel input only, not %1.").arg(inputSize));
    if (earlyStopPatience < 0)
        return fail(Tr::tr("The early-stopping patience must be 0 (off) or more epochs."));
    if (earlyStopMetric != QLatin1String("val/top1") && earlyStopMetric != QLatin1String("val/loss"))
        return fail(Tr::tr("Early stopping watches val/top1 or val/loss, not “%1”.").arg(earlyStopMetric));
    Result<nn::Precision> chosen = nn::parsePrecision(precision);
    if (!chosen)
        return chosen.takeError();
    if (*chosen == nn::Precision::Bf16 && !nn::Network::bf16Supported())
        return fail(Tr::tr("This processor has no bf16 arithmetic (AVX-512 BF16 or AMX); train in fp32."));
    return {};
}

} // namespace sieve::train
