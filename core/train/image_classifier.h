#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <span>
#include <vector>

namespace sieve::nn {
class Network;
}

namespace sieve::train {

struct ClassScore {
    int index = 0;         // into the model's classes
    double probability = 0; // softmax probability (computed in double: they sum to at most 1)
};

// One image's preprocessed pixels, as the network takes them (channels × height × width).
using ImageTensor = std::vector<float>;

// A model's network ready to classify images: preprocessing as the model's normalisation says,
// then the network on batches of images, then the most probable classes.
//
// prepare() is const and thread-safe (decode threads call it in parallel); classify() runs the
// network and must be called from one thread at a time. The classifier owns its network.
class ImageClassifier {
public:
    // Fails when the model's network cannot be built (the message names the node or tensor),
    // or takes other than a square colour image. `threads`: the engine's threads (0: one per
    // core).
    static Result<std::unique_ptr<ImageClassifier>> create(const nn::SieveModel &model, int threads);
    ~ImageClassifier();
    ImageClassifier(const ImageClassifier &) = delete;
    ImageClassifier &operator=(const ImageClassifier &) = delete;

    const QStringList &classes() const { return m_classes; }
    int inputSize() const { return m_inputSize; }

    // Decodes `path` (EXIF orientation applied) and makes the network's input: the shorter side
    // resized and the centre cropped as the normalisation says, except that an image already
    // of the input size is used as it is. Fails naming the file when it cannot be decoded.
    Result<ImageTensor> prepare(const QString &path) const;

    // The `k` most probable classes of each image, most probable first. Fails on an engine
    // error. `images` must be prepare()'s tensors.
    Result<QList<QList<ClassScore>>> classify(const std::vector<ImageTensor> &images, int k);

private:
    ImageClassifier() = default;

    std::unique_ptr<nn::Network> m_network;
    nn::Normalization m_normalization;
    QStringList m_classes;
    int m_inputSize = 0;
    std::vector<float> m_batch; // reused between calls
};

// The `k` largest of `probabilities` (one image's), largest first; ties by lower index.
QList<ClassScore> topClasses(std::span<const double> probabilities, int k);

} // namespace sieve::train
