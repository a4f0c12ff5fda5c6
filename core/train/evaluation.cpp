#include "train/evaluation.h"

#include "jobs/job_context.h"
#include "nn/model_file.h"
#include "nn/network.h"
#include "train/augmentation.h"
#include "train/batch_loader.h"
#include "train/image_cache.h"
#include "train/training_set.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QThread>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

constexpr int kBatch = 32;

} // namespace

Result<EvaluationSummary> evaluateModel(store::Database &db, const QString &modelPath, const QString &view, int threads,
                                        jobs::JobContext &context)
{
    Result<nn::SieveModel> model = nn::loadModelFile(modelPath);
    if (!model)
        return model.takeError();
    const int engineThreads = threads > 0 ? threads : QThread::idealThreadCount();
    Result<std::unique_ptr<nn::Network>> network = nn::createNetwork(*model, {engineThreads, 0, false});
    if (!network)
        return fail(Tr::tr("%1: %2").arg(modelPath, network.error()));
    context.setPhase(Tr::tr("Selecting images"));
    Result<LabelledImages> images = labelledImages(db, view);
    if (!images)
        return images.takeError();

    EvaluationSummary summary;
    summary.classes = model->classes;
    summary.unlabeled = images->unlabeled;
    summary.missing = images->missing;
    QHash<QString, int> classOf;
    for (int c = 0; c < model->classes.size(); ++c)
        classOf.insert(model->classes.at(c).toCaseFolded(), c);
    std::vector<Sample> samples;
    for (Sample sample : images->samples) {
        const int cls = classOf.value(images->classes.at(sample.label).toCaseFolded(), -1);
        if (cls < 0) {
            ++summary.unknownLabel;
            continue;
        }
        sample.label = cls;
        samples.push_back(std::move(sample));
    }
    if (samples.empty())
        return fail(Tr::tr("No labelled image of %1 has one of the model's classes (%2).")
                        .arg(view.isEmpty() ? Tr::tr("the project") : Tr::tr("view “%1”").arg(view),
                             model->classes.join(QStringLiteral(", "))));

    const int inputSize = model->definition.input.height;
    const int side = model->normalization.resize > 0 ? std::max(model->normalization.resize, inputSize) : inputSize;
    QStringList paths;
    for (const Sample &sample : samples)
        paths.append(sample.path);
    Result<std::unique_ptr<ImageCache>> cache =
        ImageCache::create(paths.size(), side, QDir::temp().filePath(QStringLiteral("sieve-eval-%1.cache").arg(QCoreApplication::applicationPid())));
    if (!cache)
        return cache.takeError();
    summary.issues = (*cache)->fill(paths, std::max(1, engineThreads), context);
    std::vector<qsizetype> positions;
    std::vector<int> labels;
    for (qsizetype i = 0; i < qsizetype(samples.size()); ++i) {
        if ((*cache)->isValid(i)) {
            positions.push_back(i);
            labels.push_back(samples[std::size_t(i)].label);
        }
    }
    Augmentation none;
    none.enabled = false;
    const ImageCache *imageCache = cache->get();
    BatchLoader loader(labels, std::size_t(3) * std::size_t(inputSize) * std::size_t(inputSize),
                       {kBatch, false, false, 0, std::max(1, engineThreads / 2), 4},
                       [&, imageCache](std::size_t sample, std::int64_t, std::span<float> out) {
                           makeInput(imageCache->image(positions[sample]), side, inputSize, none, 0, model->normalization, out);
                       });
    loader.startEpoch(0);
    ClassificationMetrics metrics(int(model->classes.size()));
    context.setPhase(Tr::tr("Evaluating"), qint64(positions.size()));
    for (int b = 0; b < loader.batchesPerEpoch(); ++b) {
        if (context.isCancelled()) {
            summary.cancelled = true;
            break;
        }
        const Batch batch = loader.next();
        if (Status ran = (*network)->forward(batch.inputs, batch.size, nn::Pass::Inference); !ran)
            return fail(Tr::tr("%1: %2").arg(modelPath, ran.error()));
        Result<double> loss = (*network)->loss(batch.labels);
        if (!loss)
            return loss.takeError();
        metrics.add((*network)->logits(), batch.labels, *loss);
        context.report(metrics.count(), qint64(positions.size()));
    }
    summary.cancelled = summary.cancelled || context.isCancelled();
    summary.evaluated = metrics.count();
    summary.metrics = metrics;
    return summary;
}

} // namespace sieve::train
