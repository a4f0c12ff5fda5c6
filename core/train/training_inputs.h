#pragma once

#include "base/result.h"
#include "jobs/job_store.h"
#include "nn/model_file.h"
#include "nn/network.h"
#include "train/augmentation.h"
#include "train/batch_loader.h"
#include "train/image_cache.h"
#include "train/training_set.h"

#include <memory>
#include <optional>
#include <vector>

namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

// What a run's network is fed, made ready before the first step: every train and validation
// image decoded once into an ImageCache, then either
//   - full training: batches of augmented crops (training) and centre crops (validation) made
//     from the cache by BatchLoaders on worker threads; or
//   - head-only training: the backbone run ONCE over the centre crop of every image (no
//     augmentation: one copy per image, so head epochs are a few milliseconds of matrix work
//     per batch), its features kept in memory (featureCount floats per image: 4 KiB for
//     GoogLeNet, 2 KiB for ResNet-18; the decoded images are then released), and batches of
//     features for the head.
// Unreadable images are left out of both parts and listed in issues().
//
// Used from the trainer's thread; the loaders run their own threads.
class TrainingInputs {
public:
    struct Settings {
        int batchSize = 32;
        std::uint64_t seed = 1;
        int loaderThreads = 1;
        int engineThreads = 1;
        nn::Precision precision = nn::Precision::Fp32; // of the backbone computing cached features
        Augmentation augmentation;
        bool headOnly = false;
        qint64 cacheMemoryBudget = 0; // 0: ImageCache's default
        QString spillPath;            // the cache file when the images do not fit the budget
    };

    // Decodes the images (and, head-only, computes the features), reporting progress to
    // CONTEXT; when CONTEXT is cancelled the work stops early and the inputs are incomplete
    // (the trainer then stops before its first step). Fails on an engine error, when the model
    // cannot be split for head-only training, or when the cache cannot be made.
    static Result<std::unique_ptr<TrainingInputs>> create(const nn::SieveModel &model, std::vector<Sample> train,
                                                          std::vector<Sample> validation, const Settings &settings,
                                                          jobs::JobContext &context);
    ~TrainingInputs();

    BatchLoader &train() { return *m_train; }
    BatchLoader &validation() { return *m_validation; }
    std::size_t trainCount() const { return m_train->sampleCount(); }
    std::size_t validationCount() const { return m_validation->sampleCount(); }
    // The image id of each validation sample, in the validation loader's (unshuffled) order.
    const std::vector<std::int64_t> &validationImageIds() const { return m_validationImageIds; }
    const QList<jobs::JobIssue> &issues() const { return m_issues; }

    // The network the optimizer trains, with the model's initial weights: the whole model, or
    // head-only the head alone, computing in PRECISION. Fails on an engine error.
    Result<std::unique_ptr<nn::Network>> createTrainedNetwork(std::uint64_t seed, int threads,
                                                              nn::Precision precision = nn::Precision::Fp32) const;
    // The whole model's weights with TRAINED's values: TRAINED's own, or head-only the
    // backbone's untouched weights with the trained head's.
    nn::Weights wholeModelWeights(const nn::Network &trained) const;

private:
    TrainingInputs() = default;
    Status computeFeatures(const std::vector<std::size_t> &positions, const Settings &settings, jobs::JobContext &context);

    nn::SieveModel m_model;
    std::unique_ptr<ImageCache> m_cache; // null after head-only features are computed
    QList<jobs::JobIssue> m_issues;
    std::optional<nn::ModelDefinition> m_headDefinition; // head-only
    nn::Weights m_headWeights;
    int m_featureCount = 0;
    std::vector<float> m_features; // per cache slot, featureCount floats (head-only)
    std::unique_ptr<BatchLoader> m_train;
    std::unique_ptr<BatchLoader> m_validation;
    std::vector<std::int64_t> m_validationImageIds;
};

} // namespace sieve::train
