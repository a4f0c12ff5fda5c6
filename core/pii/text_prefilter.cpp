#include "pii/text_prefilter.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace sieve::pii {

namespace {

constexpr int kBlock = 8;
constexpr int kStep = 28;       // intensity step of a character's edge (0…255)
constexpr int kMinEdges = 5;    // of each direction per 8×8 block

} // namespace

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

int textBlockScore(const QImage &image)
{
    if (image.isNull())
        return 0;
    QImage gray = image;
    if (gray.width() > kPrefilterSide || gray.height() > kPrefilterSide)
        gray = gray.scaled(kPrefilterSide, kPrefilterSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    gray = stretchedGray(gray);
    const int columns = (gray.width() - 1) / kBlock;
    const int rows = (gray.height() - 1) / kBlock;
    if (columns < 2 || rows < 1)
        return 0;
    std::vector<unsigned char> textLike(std::size_t(columns) * std::size_t(rows), 0);
    for (int by = 0; by < rows; ++by) {
        for (int bx = 0; bx < columns; ++bx) {
            int horizontal = 0, vertical = 0;
            for (int y = by * kBlock; y < (by + 1) * kBlock; ++y) {
                const uchar *line = gray.constScanLine(y);
                const uchar *below = gray.constScanLine(y + 1);
                for (int x = bx * kBlock; x < (bx + 1) * kBlock; ++x) {
                    horizontal += std::abs(int(line[x + 1]) - int(line[x])) >= kStep;
                    vertical += std::abs(int(below[x]) - int(line[x])) >= kStep;
                }
            }
            textLike[std::size_t(by * columns + bx)] = horizontal >= kMinEdges && vertical >= kMinEdges;
        }
    }
    int score = 0;
    for (int by = 0; by < rows; ++by)
        for (int bx = 0; bx < columns; ++bx) {
            const std::size_t i = std::size_t(by * columns + bx);
            if (!textLike[i])
                continue;
            const bool left = bx > 0 && textLike[i - 1];
            const bool right = bx + 1 < columns && textLike[i + 1];
            score += left || right;
        }
    return score;
}

} // namespace sieve::pii
