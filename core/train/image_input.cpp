#include "train/image_input.h"

#include "imaging/image_probe.h"

#include <QCoreApplication>
#include <QImageReader>

#include <algorithm>
#include <array>
#include <cmath>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

Result<QImage> decodeShortSide(const QString &path, int shortSide)
{
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    const QSize stored = reader.size();
    if (stored.isValid()) {
        if (qint64(stored.width()) * stored.height() > imaging::kMaxPixels)
            return fail(Tr::tr("%1: image of %2 x %3 pixels is over the size limit")
                            .arg(path)
                            .arg(stored.width())
                            .arg(stored.height()));
        const int shorter = std::min(stored.width(), stored.height());
        if (shorter > shortSide) {
            // Asking for the exact size lets libjpeg pick the smallest DCT scale that is still
            // at least as large, then Qt scales the rest of the way.
            const double factor = double(shortSide) / shorter;
            reader.setScaledSize(QSize(std::max(1, int(std::lround(stored.width() * factor))),
                                       std::max(1, int(std::lround(stored.height() * factor)))));
        }
    }
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull())
        return fail(Tr::tr("%1: cannot be decoded: %2").arg(path, reader.errorString()));
    const int shorter = std::min(image.width(), image.height());
    if (shorter != shortSide) {
        const double factor = double(shortSide) / shorter;
        const QSize target(std::max(shortSide, int(std::lround(image.width() * factor))),
                           std::max(shortSide, int(std::lround(image.height() * factor))));
        image = image.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    return image.convertToFormat(QImage::Format_RGB888);
}

QImage centreCrop(const QImage &image, int width, int height)
{
    return image.copy((image.width() - width) / 2, (image.height() - height) / 2, width, height);
}

QImage inferenceCrop(const QImage &decoded, const nn::Normalization &normalization, int inputSize)
{
    QImage rgb = decoded.convertToFormat(QImage::Format_RGB888);
    if (rgb.width() == inputSize && rgb.height() == inputSize)
        return rgb;
    if (normalization.resize <= 0)
        return rgb.scaled(inputSize, inputSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const int shorter = std::min(rgb.width(), rgb.height());
    const double factor = double(normalization.resize) / shorter;
    const QSize target(std::max(normalization.resize, int(std::lround(rgb.width() * factor))),
                       std::max(normalization.resize, int(std::lround(rgb.height() * factor))));
    if (target != rgb.size())
        rgb = rgb.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const int side = std::min(inputSize, std::min(rgb.width(), rgb.height()));
    QImage crop = centreCrop(rgb, side, side);
    if (side != inputSize)
        crop = crop.scaled(inputSize, inputSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return crop;
}

void toTensor(const QImage &rgb, const nn::Normalization &normalization, std::span<float> out)
{
    const int width = rgb.width();
    const int height = rgb.height();
    const std::size_t plane = std::size_t(width) * height;
    std::array<float, 3> scale{};
    std::array<float, 3> shift{};
    for (int c = 0; c < 3; ++c) {
        const double mean = c < normalization.mean.size() ? normalization.mean[c] : 0.0;
        const double std = c < normalization.std.size() && normalization.std[c] > 0 ? normalization.std[c] : 1.0;
        scale[c] = float(1.0 / (255.0 * std));
        shift[c] = float(-mean / std);
    }
    for (int y = 0; y < height; ++y) {
        const uchar *line = rgb.constScanLine(y);
        for (int x = 0; x < width; ++x) {
            const std::size_t at = std::size_t(y) * width + x;
            for (int c = 0; c < 3; ++c)
                out[c * plane + at] = line[3 * x + c] * scale[c] + shift[c];
        }
    }
}

} // namespace sieve::train
