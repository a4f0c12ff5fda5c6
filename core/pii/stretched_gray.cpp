#include "pii/stretched_gray.h"

#include <algorithm>
#include <array>

namespace sieve::pii {

QImage stretchedGray(const QImage &image)
{
    QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    if (gray.isNull())
        return gray;
    std::array<qint64, 256> histogram{};
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *line = gray.constScanLine(y);
        for (int x = 0; x < gray.width(); ++x)
            ++histogram[line[x]];
    }
    const qint64 pixels = qint64(gray.width()) * gray.height();
    int low = 0, high = 255;
    for (qint64 sum = 0; low < 255 && (sum += histogram[std::size_t(low)]) < pixels / 100;)
        ++low;
    for (qint64 sum = 0; high > 0 && (sum += histogram[std::size_t(high)]) < pixels / 100;)
        --high;
    if (high - low < 8 || (low == 0 && high == 255))
        return gray;
    std::array<uchar, 256> map{};
    for (int v = 0; v < 256; ++v)
        map[std::size_t(v)] = uchar(std::clamp((v - low) * 255 / (high - low), 0, 255));
    for (int y = 0; y < gray.height(); ++y) {
        uchar *line = gray.scanLine(y);
        for (int x = 0; x < gray.width(); ++x)
            line[x] = map[line[x]];
    }
    return gray;
}

} // namespace sieve::pii
