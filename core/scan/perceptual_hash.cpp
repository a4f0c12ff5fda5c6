#include "scan/perceptual_hash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sieve::scan {

namespace {

constexpr int kSide = 32;
constexpr int kBand = 9;   // frequencies 0..8; the hash uses 1..8

using Plane = std::array<std::array<double, kSide>, kSide>;

// Mean of the source pixels each of the 32 × 32 cells covers (integer cell bounds; every
// source pixel counts once). Images smaller than 32 px repeat pixels.
Plane areaAverage(const QImage &gray)
{
    Plane plane{};
    const int w = gray.width();
    const int h = gray.height();
    for (int cy = 0; cy < kSide; ++cy) {
        const int y0 = cy * h / kSide;
        const int y1 = std::max(y0 + 1, (cy + 1) * h / kSide);
        for (int cx = 0; cx < kSide; ++cx) {
            const int x0 = cx * w / kSide;
            const int x1 = std::max(x0 + 1, (cx + 1) * w / kSide);
            std::uint64_t sum = 0;
            for (int y = y0; y < y1; ++y) {
                const uchar *row = gray.constScanLine(y);
                for (int x = x0; x < x1; ++x)
                    sum += row[x];
            }
            plane[std::size_t(cy)][std::size_t(cx)] = double(sum) / (double(y1 - y0) * (x1 - x0));
        }
    }
    return plane;
}

const std::array<std::array<double, kSide>, kBand> &cosines()
{
    static const auto table = [] {
        std::array<std::array<double, kSide>, kBand> c{};
        for (int u = 0; u < kBand; ++u)
            for (int x = 0; x < kSide; ++x)
                c[std::size_t(u)][std::size_t(x)] = std::cos((2 * x + 1) * u * std::numbers::pi / (2 * kSide));
        return c;
    }();
    return table;
}

} // namespace

std::uint64_t perceptualHash(const QImage &image)
{
    if (image.isNull())
        return 0;
    const Plane plane = areaAverage(image.convertToFormat(QImage::Format_Grayscale8));
    const auto &c = cosines();
    // Separable DCT-II, only the low frequencies: rows first (kBand × 32), then columns.
    std::array<std::array<double, kSide>, kBand> rows{};
    for (int u = 0; u < kBand; ++u)
        for (int y = 0; y < kSide; ++y) {
            double s = 0;
            for (int x = 0; x < kSide; ++x)
                s += c[std::size_t(u)][std::size_t(x)] * plane[std::size_t(y)][std::size_t(x)];
            rows[std::size_t(u)][std::size_t(y)] = s;
        }
    std::array<double, 64> coefficients{};
    for (int v = 1; v < kBand; ++v)
        for (int u = 1; u < kBand; ++u) {
            double s = 0;
            for (int y = 0; y < kSide; ++y)
                s += c[std::size_t(v)][std::size_t(y)] * rows[std::size_t(u)][std::size_t(y)];
            coefficients[std::size_t((v - 1) * 8 + (u - 1))] = s;
        }
    std::array<double, 64> sorted = coefficients;
    std::nth_element(sorted.begin(), sorted.begin() + 32, sorted.end());
    const double median = sorted[32];
    std::uint64_t hash = 0;
    for (std::size_t i = 0; i < 64; ++i)
        if (coefficients[i] > median)
            hash |= std::uint64_t(1) << i;
    return hash;
}

} // namespace sieve::scan
