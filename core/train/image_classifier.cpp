#include "train/image_classifier.h"

#include "nn/network.h"
#include "train/image_input.h"

#include <QCoreApplication>
#include <QImageReader>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

ImageClassifier::~ImageClassifier() = default;

Result<std::unique_ptr<ImageClassifier>> ImageClassifier::create(const nn::SieveModel &model, int threads)
{
    const nn::InputDefinition &input = model.definition.input;
    if (input.channels != 3 || input.height != input.width)
        return fail(Tr::tr("the model takes %1-channel images of %2 × %3 pixels; Sieve classifies with models "
                           "that take square colour images")
                        .arg(input.channels)
                        .arg(input.width)
                        .arg(input.height));
    nn::NetworkOptions options;
    options.threads = threads;
    Result<std::unique_ptr<nn::Network>> network = nn::createNetwork(model, options);
    if (!network)
        return network.takeError();
    std::unique_ptr<ImageClassifier> classifier(new ImageClassifier);
    classifier->m_network = std::move(*network);
    classifier->m_normalization = model.normalization;
    classifier->m_classes = model.classes;
    classifier->m_inputSize = input.height;
    return classifier;
}

Result<ImageTensor> ImageClassifier::prepare(const QString &path) const
{
    // An image already of the input size must not be scaled up to the resize side first.
    const QSize stored = QImageReader(path).size();
    const bool exact = stored == QSize(m_inputSize, m_inputSize);
    const int shortSide = exact || m_normalization.resize <= 0 ? m_inputSize : m_normalization.resize;
    Result<QImage> decoded = decodeShortSide(path, shortSide);
    if (!decoded)
        return decoded.takeError();
    const QImage crop = inferenceCrop(*decoded, m_normalization, m_inputSize);
    ImageTensor tensor(std::size_t(3) * std::size_t(m_inputSize) * std::size_t(m_inputSize));
    toTensor(crop, m_normalization, tensor);
    return tensor;
}

Result<QList<QList<ClassScore>>> ImageClassifier::classify(const std::vector<ImageTensor> &images, int k)
{
    if (images.empty())
        return QList<QList<ClassScore>>{};
    const std::size_t sample = m_network->sampleSize();
    m_batch.resize(sample * images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (images[i].size() != sample)
            return fail(Tr::tr("an image tensor has %1 values where the network takes %2").arg(images[i].size()).arg(sample));
        std::copy(images[i].begin(), images[i].end(), m_batch.begin() + std::ptrdiff_t(i * sample));
    }
    if (Status status = m_network->forward(m_batch, int(images.size()), nn::Pass::Inference); !status)
        return status.takeError();
    // The softmax in double precision: probabilities then sum to 1 within 1e-15 (in float they
    // may exceed it by a few millionths, which users comparing sums would trip over).
    const std::span<const float> logits = m_network->logits();
    const std::size_t classes = std::size_t(m_network->classCount());
    std::vector<double> probabilities(classes);
    QList<QList<ClassScore>> result;
    result.reserve(qsizetype(images.size()));
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::span<const float> scores = logits.subspan(i * classes, classes);
        const double largest = *std::max_element(scores.begin(), scores.end());
        double sum = 0;
        for (std::size_t c = 0; c < classes; ++c)
            sum += probabilities[c] = std::exp(double(scores[c]) - largest);
        for (double &p : probabilities)
            p /= sum;
        result.append(topClasses(probabilities, k));
    }
    return result;
}

QList<ClassScore> topClasses(std::span<const double> probabilities, int k)
{
    std::vector<int> order(probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t count = std::min(order.size(), std::size_t(std::max(k, 0)));
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(count), order.end(), [&](int a, int b) {
        const double pa = probabilities[std::size_t(a)], pb = probabilities[std::size_t(b)];
        return pa > pb || (pa == pb && a < b);
    });
    QList<ClassScore> top;
    for (std::size_t i = 0; i < count; ++i)
        top.append(ClassScore{order[i], probabilities[std::size_t(order[i])]});
    return top;
}

} // namespace sieve::train
