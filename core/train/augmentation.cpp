#include "train/augmentation.h"

#include "nn/random.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sieve::train {

namespace {

struct Crop {
    double x = 0, y = 0, width = 0, height = 0; // in source pixels
};

Crop randomCrop(int side, const Augmentation &a, nn::Random &random)
{
    const double area = double(side) * side;
    const double logMin = std::log(a.minRatio), logMax = std::log(a.maxRatio);
    for (int attempt = 0; attempt < 10; ++attempt) {
        const double target = area * random.uniform(a.minArea, 1.0);
        const double ratio = std::exp(random.uniform(logMin, logMax));
        const double width = std::sqrt(target * ratio), height = std::sqrt(target / ratio);
        if (width <= side && height <= side) {
            const double x = random.uniform() * (side - width), y = random.uniform() * (side - height);
            return {x, y, width, height};
        }
    }
    return {0, 0, double(side), double(side)};
}

} // namespace

QJsonObject Augmentation::toJson() const
{
    return {{QStringLiteral("enabled"), enabled}, {QStringLiteral("min_area"), minArea},
            {QStringLiteral("min_ratio"), minRatio}, {QStringLiteral("max_ratio"), maxRatio},
            {QStringLiteral("flip"), flip}, {QStringLiteral("jitter"), jitter}};
}

Augmentation Augmentation::fromJson(const QJsonObject &json)
{
    Augmentation a;
    a.enabled = json.value(QStringLiteral("enabled")).toBool(a.enabled);
    a.minArea = std::clamp(json.value(QStringLiteral("min_area")).toDouble(a.minArea), 0.01, 1.0);
    a.minRatio = json.value(QStringLiteral("min_ratio")).toDouble(a.minRatio);
    a.maxRatio = json.value(QStringLiteral("max_ratio")).toDouble(a.maxRatio);
    a.flip = json.value(QStringLiteral("flip")).toBool(a.flip);
    a.jitter = std::clamp(json.value(QStringLiteral("jitter")).toDouble(a.jitter), 0.0, 0.9);
    return a;
}

std::uint64_t sampleSeed(std::uint64_t seed, std::int64_t epoch, std::int64_t sample)
{
    return nn::mix64(nn::mix64(seed ^ 0x5eed5eed5eedULL) ^ nn::mix64(std::uint64_t(epoch) * 0x9e3779b97f4a7c15ULL)
                     ^ std::uint64_t(sample));
}

void makeInput(const unsigned char *rgb, int side, int size, const Augmentation &augmentation,
               std::uint64_t drawSeed, const nn::Normalization &normalization, std::span<float> out)
{
    nn::Random random(drawSeed);
    Crop crop;
    bool flip = false;
    std::array<float, 3> factors{1, 1, 1}; // brightness, contrast, saturation
    if (augmentation.enabled) {
        crop = randomCrop(side, augmentation, random);
        flip = augmentation.flip && random.uniform() < 0.5;
        for (float &factor : factors)
            factor = float(random.uniform(1 - augmentation.jitter, 1 + augmentation.jitter));
    } else {
        // Whole-pixel offsets, as centreCrop() takes them, so validation sees what inference sees.
        const int extent = std::min(side, size);
        const double offset = double((side - extent) / 2);
        crop = {offset, offset, double(extent), double(extent)};
    }
    const std::size_t plane = std::size_t(size) * std::size_t(size);
    const double stepX = crop.width / size, stepY = crop.height / size;
    const bool exact = stepX == 1.0 && stepY == 1.0 && crop.x == std::floor(crop.x) && crop.y == std::floor(crop.y);
    double sum = 0;
    for (int oy = 0; oy < size; ++oy) {
        // Pixel centres map to pixel centres (align_corners = false), clamped at the borders.
        const double sy = std::clamp(crop.y + (oy + 0.5) * stepY - 0.5, 0.0, double(side - 1));
        const int y0 = exact ? int(crop.y) + oy : int(sy);
        const int y1 = std::min(y0 + 1, side - 1);
        const float fy = exact ? 0.0f : float(sy - y0);
        for (int ox = 0; ox < size; ++ox) {
            const int tx = flip ? size - 1 - ox : ox;
            const double sx = std::clamp(crop.x + (tx + 0.5) * stepX - 0.5, 0.0, double(side - 1));
            const int x0 = exact ? int(crop.x) + tx : int(sx);
            const int x1 = std::min(x0 + 1, side - 1);
            const float fx = exact ? 0.0f : float(sx - x0);
            const unsigned char *p00 = rgb + (std::size_t(y0) * side + x0) * 3;
            const unsigned char *p01 = rgb + (std::size_t(y0) * side + x1) * 3;
            const unsigned char *p10 = rgb + (std::size_t(y1) * side + x0) * 3;
            const unsigned char *p11 = rgb + (std::size_t(y1) * side + x1) * 3;
            const std::size_t at = std::size_t(oy) * size + ox;
            for (int c = 0; c < 3; ++c) {
                const float top = p00[c] + (p01[c] - p00[c]) * fx;
                const float bottom = p10[c] + (p11[c] - p10[c]) * fx;
                const float value = (top + (bottom - top) * fy) * (1.0f / 255.0f) * factors[0];
                out[std::size_t(c) * plane + at] = value;
                sum += value;
            }
        }
    }
    if (augmentation.enabled) {
        const float mean = float(sum / double(3 * plane));
        for (std::size_t i = 0; i < plane; ++i) {
            float r = out[i], g = out[plane + i], b = out[2 * plane + i];
            const float gray = 0.299f * r + 0.587f * g + 0.114f * b;
            r = gray + (r - gray) * factors[2];
            g = gray + (g - gray) * factors[2];
            b = gray + (b - gray) * factors[2];
            out[i] = std::clamp(mean + (r - mean) * factors[1], 0.0f, 1.0f);
            out[plane + i] = std::clamp(mean + (g - mean) * factors[1], 0.0f, 1.0f);
            out[2 * plane + i] = std::clamp(mean + (b - mean) * factors[1], 0.0f, 1.0f);
        }
    }
    for (int c = 0; c < 3; ++c) {
        const float mean = float(normalization.mean.value(c, 0.0));
        const float scale = float(1.0 / normalization.std.value(c, 1.0));
        float *channel = out.data() + std::size_t(c) * plane;
        for (std::size_t i = 0; i < plane; ++i)
            channel[i] = (channel[i] - mean) * scale;
    }
}

} // namespace sieve::train
