#include "train/head_cross_validation.h"

#include "jobs/job_context.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/random.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// Fisher–Yates with our deterministic generator (std::shuffle differs between libraries).
void shuffle(std::vector<std::size_t> &items, nn::Random &random)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[std::size_t(random.next() % i)]);
}

// The fold of each image: every label's images shuffled, then dealt round-robin, continuing
// from where the previous label stopped so fold sizes differ by at most one.
std::vector<int> assignFolds(std::span<const int> labels, int classCount, int folds, std::uint64_t seed)
{
    std::vector<int> fold(labels.size(), 0);
    nn::Random random(nn::mix64(seed ^ 0x6b666f6c64ULL));
    int next = 0;
    for (int c = 0; c < classCount; ++c) {
        std::vector<std::size_t> members;
        for (std::size_t n = 0; n < labels.size(); ++n) {
            if (labels[n] == c)
                members.push_back(n);
        }
        shuffle(members, random);
        for (std::size_t n : members) {
            fold[n] = next;
            next = (next + 1) % folds;
        }
    }
    return fold;
}

std::vector<float> standardised(std::span<const float> features, std::size_t images, std::size_t count)
{
    std::vector<double> mean(count, 0.0), variance(count, 0.0);
    for (std::size_t n = 0; n < images; ++n)
        for (std::size_t f = 0; f < count; ++f)
            mean[f] += features[n * count + f];
    for (double &m : mean)
        m /= double(images);
    for (std::size_t n = 0; n < images; ++n)
        for (std::size_t f = 0; f < count; ++f) {
            const double d = features[n * count + f] - mean[f];
            variance[f] += d * d;
        }
    std::vector<float> out(features.size());
    for (std::size_t f = 0; f < count; ++f) {
        // A constant feature (a dead ReLU) becomes 0, not a division by zero.
        const double deviation = std::sqrt(variance[f] / double(images));
        const double scale = deviation > 1e-12 ? 1.0 / deviation : 0.0;
        for (std::size_t n = 0; n < images; ++n)
            out[n * count + f] = float((features[n * count + f] - mean[f]) * scale);
    }
    return out;
}

} // namespace

Result<std::vector<double>> crossValidatedProbabilities(const nn::ModelDefinition &head, std::span<const float> features,
                                                        int featureCount, std::span<const int> labels, int classCount,
                                                        const HeadCrossValidationOptions &options,
                                                        jobs::JobContext &context)
{
    const std::size_t images = labels.size();
    const std::size_t count = std::size_t(std::max(featureCount, 0));
    if (featureCount <= 0 || features.size() != images * count)
        return fail(Tr::tr("Cross-validation: %1 feature values for %2 images of %3 features.")
                        .arg(features.size()).arg(images).arg(featureCount));
    if (options.folds < 2 || images < std::size_t(options.folds) * 2)
        return fail(Tr::tr("Cross-validation with %1 folds needs at least %2 images (%3 given).")
                        .arg(options.folds).arg(options.folds * 2).arg(images));
    const std::vector<float> inputs = standardised(features, images, count);
    const std::vector<int> fold = assignFolds(labels, classCount, options.folds, options.seed);
    std::vector<double> probabilities(images * std::size_t(classCount), 0.0);
    const int batchSize = std::max(1, options.batchSize);
    std::vector<float> batch;
    std::vector<int> batchLabels;

    context.setPhase(Tr::tr("Cross-validating the classifier head"), options.folds);
    for (int k = 0; k < options.folds && !context.isCancelled(); ++k) {
        std::vector<std::size_t> train, held;
        for (std::size_t n = 0; n < images; ++n)
            (fold[n] == k ? held : train).push_back(n);
        Result<std::unique_ptr<nn::Network>> created =
            nn::Network::create(head, {options.threads, nn::mix64(options.seed + std::uint64_t(k) + 1), false});
        if (!created)
            return created.takeError();
        nn::Network &network = **created;
        if (network.classCount() != classCount || network.sampleSize() != count)
            return fail(Tr::tr("Cross-validation: the head takes %1 features into %2 classes, not %3 into %4.")
                            .arg(network.sampleSize()).arg(network.classCount()).arg(count).arg(classCount));
        nn::Optimizer optimizer = nn::Optimizer::sgd(network.parameters(), {0.9, false, options.weightDecay});
        nn::Random random(nn::mix64(options.seed ^ (std::uint64_t(k) << 32)));
        std::uint64_t step = 0;
        for (int epoch = 0; epoch < options.epochs && !context.isCancelled(); ++epoch) {
            shuffle(train, random);
            for (std::size_t start = 0; start < train.size(); start += std::size_t(batchSize)) {
                const std::size_t size = std::min(train.size() - start, std::size_t(batchSize));
                // A batch of one would make batch statistics (where a head has them) degenerate.
                if (size < 2)
                    continue;
                batch.resize(size * count);
                batchLabels.resize(size);
                for (std::size_t i = 0; i < size; ++i) {
                    const std::size_t n = train[start + i];
                    std::copy_n(inputs.begin() + std::ptrdiff_t(n * count), count, batch.begin() + std::ptrdiff_t(i * count));
                    batchLabels[i] = labels[n];
                }
                network.setIteration(step++);
                if (Status ran = network.forward(batch, int(size), nn::Pass::Training); !ran)
                    return ran.takeError();
                Result<double> loss = network.backward(batchLabels);
                if (!loss)
                    return loss.takeError();
                if (!std::isfinite(*loss))
                    return fail(Tr::tr("Cross-validation: the head's training diverged (loss %1 in fold %2).").arg(*loss).arg(k + 1));
                optimizer.step(network.parameters(), options.learningRate);
            }
        }
        for (std::size_t start = 0; start < held.size(); start += std::size_t(batchSize)) {
            const std::size_t size = std::min(held.size() - start, std::size_t(batchSize));
            batch.resize(size * count);
            for (std::size_t i = 0; i < size; ++i)
                std::copy_n(inputs.begin() + std::ptrdiff_t(held[start + i] * count), count,
                            batch.begin() + std::ptrdiff_t(i * count));
            if (Status ran = network.forward(batch, int(size), nn::Pass::Inference); !ran)
                return ran.takeError();
            // The softmax in double, as ImageClassifier does: rows sum to 1.
            const std::span<const float> logits = network.logits();
            for (std::size_t i = 0; i < size; ++i) {
                const std::span<const float> row = logits.subspan(i * std::size_t(classCount), std::size_t(classCount));
                const double largest = *std::max_element(row.begin(), row.end());
                double *out = probabilities.data() + held[start + i] * std::size_t(classCount);
                double sum = 0;
                for (int c = 0; c < classCount; ++c)
                    sum += out[c] = std::exp(double(row[std::size_t(c)]) - largest);
                for (int c = 0; c < classCount; ++c)
                    out[c] /= sum;
            }
        }
        context.report(k + 1, options.folds);
    }
    return probabilities;
}

} // namespace sieve::train
