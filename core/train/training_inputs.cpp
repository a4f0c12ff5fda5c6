#include "train/training_inputs.h"

#include "jobs/job_context.h"
#include "nn/model_split.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

TrainingInputs::~TrainingInputs() = default;

Result<std::unique_ptr<TrainingInputs>> TrainingInputs::create(const nn::SieveModel &model, std::vector<Sample> train,
                                                               std::vector<Sample> validation, const Settings &settings,
                                                               jobs::JobContext &context)
{
    std::unique_ptr<TrainingInputs> inputs(new TrainingInputs);
    inputs->m_model = model;
    const int inputSize = model.definition.input.height;
    const int side = model.normalization.resize > 0 ? std::max(model.normalization.resize, inputSize) : inputSize;
    QStringList paths;
    for (const Sample &sample : train)
        paths.append(sample.path);
    for (const Sample &sample : validation)
        paths.append(sample.path);
    Result<std::unique_ptr<ImageCache>> cache =
        ImageCache::create(paths.size(), side, settings.spillPath,
                           settings.cacheMemoryBudget > 0 ? settings.cacheMemoryBudget : ImageCache::kDefaultMemoryBudget);
    if (!cache)
        return cache.takeError();
    inputs->m_cache = std::move(*cache);
    // Nothing else runs yet: decoding takes every thread the run was given.
    inputs->m_issues = inputs->m_cache->fill(paths, std::max(settings.loaderThreads, settings.engineThreads), context);

    // Cache positions and labels of the images that could be read.
    std::vector<std::size_t> trainSlots, validationSlots, allSlots;
    std::vector<int> trainLabels, validationLabels;
    for (std::size_t i = 0; i < train.size() + validation.size(); ++i) {
        if (!inputs->m_cache->isValid(qsizetype(i)))
            continue;
        allSlots.push_back(i);
        if (i < train.size()) {
            trainSlots.push_back(i);
            trainLabels.push_back(train[i].label);
        } else {
            validationSlots.push_back(i);
            validationLabels.push_back(validation[i - train.size()].label);
            inputs->m_validationImageIds.push_back(validation[i - train.size()].imageId);
        }
    }

    BatchLoader::Options trainOptions{settings.batchSize, true, true, settings.seed, settings.loaderThreads, 4};
    BatchLoader::Options validationOptions{settings.batchSize, false, false, settings.seed, settings.loaderThreads, 4};
    if (settings.headOnly) {
        if (Status computed = inputs->computeFeatures(allSlots, settings, context); !computed)
            return computed.takeError();
        inputs->m_cache.reset(); // the head trains on features alone: the images' memory goes back
        const int features = inputs->m_featureCount;
        const auto copier = [raw = inputs.get(), features](std::vector<std::size_t> positions) {
            return [raw, features, positions = std::move(positions)](std::size_t sample, std::int64_t, std::span<float> out) {
                const float *from = raw->m_features.data() + positions[sample] * std::size_t(features);
                std::copy(from, from + features, out.begin());
            };
        };
        inputs->m_train = std::make_unique<BatchLoader>(std::move(trainLabels), std::size_t(features), trainOptions,
                                                        copier(trainSlots));
        inputs->m_validation = std::make_unique<BatchLoader>(std::move(validationLabels), std::size_t(features),
                                                             validationOptions, copier(validationSlots));
        return inputs;
    }
    const std::size_t sampleFloats = std::size_t(3) * std::size_t(inputSize) * std::size_t(inputSize);
    const auto maker = [cache = inputs->m_cache.get(), side, inputSize, normalization = model.normalization,
                        seed = settings.seed](std::vector<std::size_t> positions, Augmentation augmentation) {
        return [=, positions = std::move(positions)](std::size_t sample, std::int64_t epoch, std::span<float> out) {
            makeInput(cache->image(qsizetype(positions[sample])), side, inputSize, augmentation,
                      sampleSeed(seed, epoch, std::int64_t(sample)), normalization, out);
        };
    };
    Augmentation none = settings.augmentation;
    none.enabled = false;
    inputs->m_train = std::make_unique<BatchLoader>(std::move(trainLabels), sampleFloats, trainOptions,
                                                    maker(std::move(trainSlots), settings.augmentation));
    inputs->m_validation = std::make_unique<BatchLoader>(std::move(validationLabels), sampleFloats, validationOptions,
                                                         maker(std::move(validationSlots), none));
    return inputs;
}

Status TrainingInputs::computeFeatures(const std::vector<std::size_t> &positions, const Settings &settings,
                                       jobs::JobContext &context)
{
    Result<nn::ModelSplit> split = nn::splitAtClassifier(m_model.definition, m_model.weights);
    if (!split)
        return fail(Tr::tr("Head-only training cannot split model “%1”: %2").arg(m_model.definition.name, split.error()));
    Result<std::unique_ptr<nn::Network>> backbone = nn::Network::create(split->backbone, {settings.engineThreads, settings.seed, false, settings.precision});
    if (!backbone)
        return backbone.takeError();
    if (Status restored = nn::restoreWeights((*backbone)->parameters(), split->backboneWeights); !restored)
        return restored;
    m_headDefinition = split->head;
    m_headWeights = split->headWeights;
    m_featureCount = split->featureCount;
    m_features.assign(std::size_t(m_cache->count()) * std::size_t(m_featureCount), 0.0f);

    const int inputSize = m_model.definition.input.height;
    const int side = m_cache->side();
    const std::size_t sampleFloats = std::size_t(3) * std::size_t(inputSize) * std::size_t(inputSize);
    Augmentation none;
    none.enabled = false;
    std::vector<int> labels(positions.size(), 0);
    BatchLoader loader(labels, sampleFloats, {settings.batchSize, false, false, settings.seed, settings.loaderThreads, 4},
                       [&](std::size_t sample, std::int64_t, std::span<float> out) {
                           makeInput(m_cache->image(qsizetype(positions[sample])), side, inputSize, none, 0,
                                     m_model.normalization, out);
                       });
    loader.startEpoch(0);
    context.setPhase(Tr::tr("Computing backbone features"), qint64(positions.size()));
    std::size_t done = 0;
    for (int b = 0; b < loader.batchesPerEpoch() && !context.isCancelled(); ++b) {
        const Batch batch = loader.next();
        if (Status ran = (*backbone)->forward(batch.inputs, batch.size, nn::Pass::Inference); !ran)
            return ran;
        const std::span<const float> features = (*backbone)->logits();
        for (int i = 0; i < batch.size; ++i)
            std::copy_n(features.begin() + std::ptrdiff_t(i) * m_featureCount, m_featureCount,
                        m_features.begin() + std::ptrdiff_t(positions[done + std::size_t(i)] * std::size_t(m_featureCount)));
        done += std::size_t(batch.size);
        context.report(qint64(done), qint64(positions.size()));
    }
    return {};
}

Result<std::unique_ptr<nn::Network>> TrainingInputs::createTrainedNetwork(std::uint64_t seed, int threads,
                                                                        nn::Precision precision) const
{
    const nn::ModelDefinition &definition = m_headDefinition ? *m_headDefinition : m_model.definition;
    Result<std::unique_ptr<nn::Network>> network = nn::Network::create(definition, {threads, seed, false, precision});
    if (!network)
        return network.takeError();
    if (Status restored = nn::restoreWeights((*network)->parameters(), m_headDefinition ? m_headWeights : m_model.weights);
        !restored)
        return restored.takeError();
    return network;
}

nn::Weights TrainingInputs::wholeModelWeights(const nn::Network &trained) const
{
    const nn::Weights own = nn::captureWeights(trained.parameters());
    if (!m_headDefinition)
        return own;
    nn::Weights whole = m_model.weights;
    for (const nn::NamedTensor &tensor : own.tensors)
        if (nn::NamedTensor *target = whole.find(tensor.name))
            target->values = tensor.values;
    return whole;
}

} // namespace sieve::train
