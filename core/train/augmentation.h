#pragma once

#include "nn/model_file.h"

#include <QJsonObject>

#include <cstdint>
#include <span>

namespace sieve::train {

// How a cached training image is varied each time it is drawn: a random resized crop (area
// share and aspect ratio as torchvision's RandomResizedCrop), a horizontal flip, and a light
// colour jitter (brightness, contrast and saturation factors in [1 − jitter, 1 + jitter]).
// A plain value; any thread.
struct Augmentation {
    bool enabled = true;
    double minArea = 0.35;   // torchvision's 0.08 is for 224-px ImageNet crops; small datasets
                             // of small inputs lose their object below about a third
    double minRatio = 3.0 / 4.0;
    double maxRatio = 4.0 / 3.0;
    bool flip = true;
    double jitter = 0.1;

    QJsonObject toJson() const;
    static Augmentation fromJson(const QJsonObject &json);
};

// The draw for one sample: fixed by (seed, epoch, sample index) alone, so which thread makes a
// batch, and when, never changes the result.
std::uint64_t sampleSeed(std::uint64_t seed, std::int64_t epoch, std::int64_t sample);

// Writes the network input for one sample into `out` (3 × size × size floats, CHW), from an
// RGB image of side × side bytes (rows packed, no padding): with AUGMENTATION enabled a random
// resized crop scaled bilinearly to size × size, maybe flipped, colours jittered (values stay
// in 0..1 before normalisation); otherwise the centre size × size (scaled when side < size).
// Then (value − mean) / std per channel. Any thread.
void makeInput(const unsigned char *rgb, int side, int size, const Augmentation &augmentation,
               std::uint64_t drawSeed, const nn::Normalization &normalization, std::span<float> out);

} // namespace sieve::train
