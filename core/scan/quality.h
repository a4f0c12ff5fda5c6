#pragma once

#include <QImage>
#include <QSize>
#include <QStringList>

namespace sieve::scan {

// The longer side images are measured at. Sharpness is a property of the scene at a given
// scale: measured on the file's own pixels, a 12-MP photo of a scene scores far lower than a
// 1-MP one (its edges span more pixels). Resampling every image to one size makes the scores
// comparable across resolutions. Smaller images are
// measured as they are (upscaling would blur them).
constexpr int kQualitySide = 512;

struct QualityScores {
    double sharpness = 0;      // variance of the 4-neighbour Laplacian at kQualitySide
    double meanLuminance = 0;  // 0..255
    double darkShare = 0;      // share of pixels <= 5
    double brightShare = 0;    // share of pixels >= 250
    double contrast = 0;       // RMS contrast: standard deviation of the luminance
    double megapixels = 0;     // of the original (displayed) image
    double aspectRatio = 0;    // width / height of the original, displayed
};

// Defaults calibrated on the demo set (tests/core/tst_quality.cpp reports precision and recall).
struct QualityThresholds {
    double blurBelow = 25;          // sharpness
    double darkBelow = 35;          // mean luminance
    double overexposedAbove = 225;  // mean luminance
    double clippedShare = 0.25;     // dark/bright share that flags even with a moderate mean
    double lowContrastBelow = 12;   // RMS contrast
    double tinyBelow = 0.3;         // megapixels
};

// Measures WORKINGCOPY (any size; resampled to kQualitySide for sharpness) of an image whose
// displayed size is ORIGINALSIZE. A null image gives zero scores. Thread-safe, pure.
QualityScores measureQuality(const QImage &workingCopy, QSize originalSize);

// The defects SCORES show under THRESHOLDS, among "blur", "dark", "overexposed",
// "low_contrast", "tiny", in that order. Empty for a good image.
QStringList qualityDefects(const QualityScores &scores, const QualityThresholds &thresholds = {});

// A confidence in 0..1 that the image is poor: how far the worst score is past its threshold.
double defectConfidence(const QualityScores &scores, const QualityThresholds &thresholds = {});

} // namespace sieve::scan
