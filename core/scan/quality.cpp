#include "scan/quality.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sieve::scan {

namespace {

QImage grayAtQualitySide(const QImage &image)
{
    QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    const int longer = std::max(gray.width(), gray.height());
    // Downscaled only: upscaling a small image would blur it.
    if (longer > kQualitySide)
        gray = gray.scaled(gray.size() * (double(kQualitySide) / longer), Qt::IgnoreAspectRatio,
                           Qt::SmoothTransformation);
    return gray;
}

} // namespace

QualityScores measureQuality(const QImage &workingCopy, QSize originalSize)
{
    QualityScores scores;
    if (originalSize.isValid() && !originalSize.isEmpty()) {
        scores.megapixels = double(originalSize.width()) * originalSize.height() / 1e6;
        scores.aspectRatio = double(originalSize.width()) / originalSize.height();
    }
    if (workingCopy.isNull())
        return scores;

    const QImage gray = workingCopy.convertToFormat(QImage::Format_Grayscale8);
    const int w = gray.width();
    const int h = gray.height();
    std::uint64_t sum = 0, sumSquares = 0, dark = 0, bright = 0;
    for (int y = 0; y < h; ++y) {
        const uchar *row = gray.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            const unsigned v = row[x];
            sum += v;
            sumSquares += v * v;
            dark += v <= 5;
            bright += v >= 250;
        }
    }
    const double n = double(w) * h;
    scores.meanLuminance = sum / n;
    scores.contrast = std::sqrt(std::max(0.0, sumSquares / n - scores.meanLuminance * scores.meanLuminance));
    scores.darkShare = dark / n;
    scores.brightShare = bright / n;

    const QImage sized = grayAtQualitySide(gray);
    const int sw = sized.width();
    const int sh = sized.height();
    double lapSum = 0, lapSquares = 0;
    std::int64_t count = 0;
    for (int y = 1; y + 1 < sh; ++y) {
        const uchar *above = sized.constScanLine(y - 1);
        const uchar *row = sized.constScanLine(y);
        const uchar *below = sized.constScanLine(y + 1);
        std::int64_t rowSum = 0, rowSquares = 0;
        for (int x = 1; x + 1 < sw; ++x) {
            const int lap = int(above[x]) + below[x] + row[x - 1] + row[x + 1] - 4 * int(row[x]);
            rowSum += lap;
            rowSquares += std::int64_t(lap) * lap;
        }
        lapSum += double(rowSum);
        lapSquares += double(rowSquares);
        count += sw - 2;
    }
    if (count > 0) {
        const double mean = lapSum / count;
        scores.sharpness = lapSquares / count - mean * mean;
    }
    return scores;
}

QStringList qualityDefects(const QualityScores &s, const QualityThresholds &t)
{
    QStringList defects;
    const bool dark = s.meanLuminance < t.darkBelow || s.darkShare > t.clippedShare;
    const bool overexposed = s.meanLuminance > t.overexposedAbove || s.brightShare > t.clippedShare;
    // A dark or blown-out frame has no edges left to measure: it is reported for its exposure.
    if (s.sharpness < t.blurBelow && !dark && !overexposed)
        defects.append(QStringLiteral("blur"));
    if (dark)
        defects.append(QStringLiteral("dark"));
    if (overexposed)
        defects.append(QStringLiteral("overexposed"));
    if (s.contrast < t.lowContrastBelow && !dark && !overexposed)
        defects.append(QStringLiteral("low_contrast"));
    if (s.megapixels > 0 && s.megapixels < t.tinyBelow)
        defects.append(QStringLiteral("tiny"));
    return defects;
}

double defectConfidence(const QualityScores &s, const QualityThresholds &t)
{
    // Each term is 0 at its threshold and 1 far past it.
    auto past = [](double value, double threshold, double span) {
        return std::clamp((threshold - value) / span, 0.0, 1.0);
    };
    double worst = 0;
    worst = std::max(worst, past(s.sharpness, t.blurBelow, t.blurBelow));
    worst = std::max(worst, past(s.meanLuminance, t.darkBelow, t.darkBelow));
    worst = std::max(worst, past(-s.meanLuminance, -t.overexposedAbove, 255 - t.overexposedAbove));
    worst = std::max(worst, past(s.contrast, t.lowContrastBelow, t.lowContrastBelow));
    worst = std::max(worst, past(s.megapixels, t.tinyBelow, t.tinyBelow));
    return 0.5 + 0.5 * worst;
}

} // namespace sieve::scan
