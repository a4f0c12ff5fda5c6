#include "shard_inputs.h"

#include <QCoreApplication>
#include <QDir>
#include <QThread>

#include <algorithm>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

Result<std::vector<train::Sample>> samplesOf(const std::vector<ImageLabel> &images, int classes)
{
    std::vector<train::Sample> samples;
    samples.reserve(images.size());
    for (const ImageLabel &image : images) {
        if (image.label < 0 || image.label >= classes)
            return fail(Tr::tr("%1: class %2 is not one of the model's %3 classes.").arg(image.path).arg(image.label).arg(classes));
        samples.push_back({0, image.path, image.label});
    }
    return samples;
}

} // namespace

Result<std::unique_ptr<train::TrainingInputs>> createShardInputs(const DataParallelJob &job,
                                                                const train::TrainOptions &options, int localBatch,
                                                                jobs::JobContext &context)
{
    const int classes = int(job.model.classes.size());
    Result<std::vector<train::Sample>> trainSamples = samplesOf(job.train, classes);
    if (!trainSamples)
        return trainSamples.takeError();
    Result<std::vector<train::Sample>> validationSamples = samplesOf(job.validation, classes);
    if (!validationSamples)
        return validationSamples.takeError();
    Result<nn::Precision> precision = nn::parsePrecision(options.precision);
    if (!precision)
        return precision.takeError();
    const int threads = job.threads > 0 ? job.threads : QThread::idealThreadCount();
    const int loaderThreads = job.loaderThreads > 0 ? job.loaderThreads : std::max(1, QThread::idealThreadCount() / 2);
    const QString spill = QDir(job.outputDirectory).filePath(QStringLiteral("image-cache-rank%1.bin").arg(job.rank));
    train::TrainingInputs::Settings settings{localBatch, options.seed, loaderThreads, threads, *precision,
                                             options.augmentation, options.headOnly, 0, spill};
    return train::TrainingInputs::create(job.model, std::move(*trainSamples), std::move(*validationSamples), settings,
                                         context);
}

} // namespace sieve::cluster
