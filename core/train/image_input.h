#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QImage>
#include <QString>

#include <span>

namespace sieve::train {

// Decodes an image so that its shorter side is exactly `shortSide` pixels (aspect kept; never
// upscaled past the decode, but small images are scaled up), using the decoder's own reduction
// where it has one (libjpeg's DCT scaling), with the EXIF orientation applied. RGB888.
// Thread-safe. Fails naming the file when it cannot be read or decoded, or is over the
// decoder's pixel limit.
Result<QImage> decodeShortSide(const QString &path, int shortSide);

// The centre `width` × `height` pixels of `image` (which must be at least that large).
QImage centreCrop(const QImage &image, int width, int height);

// The network input for inference, as `normalization` says: the shorter side resized to
// normalization.resize and the centre cropped to `inputSize` (resize 0: resized straight to
// inputSize × inputSize). An image that already is inputSize × inputSize is used as it is.
// RGB888.
QImage inferenceCrop(const QImage &decoded, const nn::Normalization &normalization, int inputSize);

// Writes an RGB888 image into `out` (3 × height × width floats, CHW) as
// (value / 255 − mean[c]) / std[c]. `out` must have exactly that size.
void toTensor(const QImage &rgb, const nn::Normalization &normalization, std::span<float> out);

} // namespace sieve::train
