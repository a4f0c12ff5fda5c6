#include "demo/demo_camera.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace sieve::demo {

namespace {

// Standard normal quantiles at (i + 0.5) / 256: a byte of random bits becomes a Gaussian
// sample by table lookup, which keeps the per-pixel loop free of transcendental functions.
const std::array<double, 256> &normalQuantiles()
{
    static const std::array<double, 256> table = [] {
        std::array<double, 256> quantiles{};
        for (int i = 0; i < 256; ++i) {
            const double p = (i + 0.5) / 256.0;
            double low = -6;
            double high = 6;
            for (int step = 0; step < 60; ++step) {
                const double mid = (low + high) / 2;
                if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p)
                    low = mid;
                else
                    high = mid;
            }
            quantiles[std::size_t(i)] = (low + high) / 2;
        }
        return quantiles;
    }();
    return table;
}

} // namespace

Exposure randomExposure(Lighting lighting, Rng &rng)
{
    Exposure e;
    e.gain = std::clamp(1.0 + rng.normal() * 0.1, 0.78, 1.22);
    const double warmth = rng.normal() * 0.04;
    e.cast[0] = 1 + warmth + rng.normal() * 0.015;
    e.cast[1] = 1 + rng.normal() * 0.015;
    e.cast[2] = 1 - warmth + rng.normal() * 0.015;
    e.contrast = std::clamp(1.0 + rng.normal() * 0.08, 0.85, 1.2);
    e.vignette = rng.uniform(0.0, 0.45);
    e.noise = rng.uniform(1.2, 3.5);
    switch (lighting) {
    case Lighting::Dark:
        e.gain = rng.uniform(0.12, 0.24);
        e.noise = rng.uniform(2.5, 5.0);
        e.vignette = rng.uniform(0.2, 0.6);
        break;
    case Lighting::Overexposed:
        e.gain = rng.uniform(1.9, 2.6);
        e.contrast = rng.uniform(0.7, 0.9);
        break;
    case Lighting::Clean:
        e.noise = rng.uniform(0.0, 0.6);
        e.vignette = 0;
        break;
    case Lighting::Normal: break;
    }
    return e;
}

void applyExposure(QImage &image, const Exposure &e, quint64 seed)
{
    const int width = image.width();
    const int height = image.height();
    if (width == 0 || height == 0)
        return;

    // Tone curve per channel, applied after the vignette: gain and cast, then contrast around
    // mid-grey, then clipping (which is what makes an overexposed photo lose its highlights).
    std::array<std::array<int, 256>, 3> curve{};
    for (int c = 0; c < 3; ++c) {
        for (int v = 0; v < 256; ++v) {
            double x = v / 255.0 * e.gain * e.cast[c];
            x = 0.5 + (x - 0.5) * e.contrast;
            curve[std::size_t(c)][std::size_t(v)] = int(std::lround(std::clamp(x, 0.0, 1.0) * 255));
        }
    }
    // Luma noise at full strength, chroma noise at a third: phones denoise colour harder.
    std::array<int, 256> luma{};
    std::array<int, 256> chroma{};
    const std::array<double, 256> &quantiles = normalQuantiles();
    const double sigma = std::clamp(e.noise, 0.0, 30.0); // keeps every sum inside the clamp table
    for (std::size_t i = 0; i < 256; ++i) {
        luma[i] = int(std::lround(quantiles[i] * sigma));
        chroma[i] = int(std::lround(quantiles[i] * sigma * 0.35));
    }
    // Vignette factor in 1/1024: 1 - v * (dx² + dy²) / 2, split into a row and a column term.
    std::vector<int> columnTerm(std::size_t(width), 0);
    for (int x = 0; x < width; ++x) {
        const double dx = (x + 0.5) / width * 2 - 1;
        columnTerm[std::size_t(x)] = int(e.vignette * 0.5 * dx * dx * 1024);
    }
    // Clamping by table: values run from -kOffset to 511 - kOffset before clamping.
    constexpr int kOffset = 256;
    std::array<uchar, 768> clampTable{};
    for (int i = 0; i < 768; ++i)
        clampTable[std::size_t(i)] = uchar(std::clamp(i - kOffset, 0, 255));
    const uchar *clamp = clampTable.data() + kOffset;
    const int *r = curve[0].data();
    const int *g = curve[1].data();
    const int *b = curve[2].data();
    const int *lumaNoise = luma.data();
    const int *chromaNoise = chroma.data();
    const int *column = columnTerm.data();
    for (int y = 0; y < height; ++y) {
        const double dy = (y + 0.5) / height * 2 - 1;
        const int rowTerm = 1024 - int(e.vignette * 0.5 * dy * dy * 1024);
        quint64 state = mixSeed(seed, quint64(y)) | 1;
        QRgb *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const int f = rowTerm - column[x];
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            const int n = lumaNoise[state & 255];
            const QRgb pixel = line[x];
            const int red = clamp[r[(qRed(pixel) * f) >> 10] + n + chromaNoise[(state >> 8) & 255]];
            const int green = clamp[g[(qGreen(pixel) * f) >> 10] + n + chromaNoise[(state >> 16) & 255]];
            const int blue = clamp[b[(qBlue(pixel) * f) >> 10] + n + chromaNoise[(state >> 24) & 255]];
            line[x] = 0xFF000000u | (uint(red) << 16) | (uint(green) << 8) | uint(blue);
        }
    }
}

QImage defocus(const QImage &image, Rng &rng)
{
    // Averaging down to a few dozen pixels across and interpolating back is a cheap, strong
    // low-pass. Going back up in steps of two keeps bilinear interpolation from drawing its
    // grid into the result.
    const double longSide = std::max(image.width(), image.height());
    const double factor = std::min(1.0, rng.uniform(40, 90) / longSide);
    QSize size(std::max(2, int(image.width() * factor)), std::max(2, int(image.height() * factor)));
    QImage blurred = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    while (size.width() * 2 < image.width() && size.height() * 2 < image.height()) {
        size *= 2;
        blurred = blurred.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    return blurred.scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_RGB32);
}

} // namespace sieve::demo
