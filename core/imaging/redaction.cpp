#include "imaging/redaction.h"

#include <QPainter>

#include <algorithm>
#include <vector>

namespace sieve::imaging {

namespace {

// One pass of a box blur of RADIUS over every channel of a 32-bit image, rows then columns.
void boxBlur(QImage &image, int radius)
{
    const int w = image.width();
    const int h = image.height();
    if (radius < 1 || w == 0 || h == 0)
        return;
    std::vector<quint32> line(std::size_t(std::max(w, h)));
    auto blurLine = [radius](quint32 *pixels, int count, int stride, std::vector<quint32> &scratch) {
        for (int i = 0; i < count; ++i)
            scratch[std::size_t(i)] = pixels[i * stride];
        int sum[4] = {0, 0, 0, 0};
        auto add = [&](quint32 p, int sign) {
            for (int c = 0; c < 4; ++c)
                sum[c] += sign * int((p >> (8 * c)) & 0xff);
        };
        // Edges repeat the border pixel, so the window always holds 2 * radius + 1 pixels.
        auto at = [&](int i) { return scratch[std::size_t(std::clamp(i, 0, count - 1))]; };
        for (int i = -radius; i <= radius; ++i)
            add(at(i), 1);
        const int window = 2 * radius + 1;
        for (int i = 0; i < count; ++i) {
            quint32 out = 0;
            for (int c = 0; c < 4; ++c)
                out |= quint32(sum[c] / window) << (8 * c);
            pixels[i * stride] = out;
            add(at(i + radius + 1), 1);
            add(at(i - radius), -1);
        }
    };
    const int stride = int(image.bytesPerLine() / 4);
    for (int y = 0; y < h; ++y)
        blurLine(reinterpret_cast<quint32 *>(image.scanLine(y)), w, 1, line);
    quint32 *bits = reinterpret_cast<quint32 *>(image.bits());
    for (int x = 0; x < w; ++x)
        blurLine(bits + x, h, stride, line);
}

} // namespace

QRect paddedBox(const QRect &box, double padding, const QRect &bounds)
{
    const int grow = int(std::min(box.width(), box.height()) * padding + 0.5);
    return box.adjusted(-grow, -grow, grow, grow).intersected(bounds);
}

QImage redact(const QImage &image, const QList<QRect> &boxes, const RedactionOptions &options)
{
    QImage result = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    QPainter painter(&result);
    for (const QRect &original : boxes) {
        const QRect box = paddedBox(original, options.padding, result.rect());
        if (box.isEmpty())
            continue;
        const int shorter = std::min(box.width(), box.height());
        switch (options.style) {
        case RedactionStyle::Fill:
            painter.fillRect(box, options.fill);
            break;
        case RedactionStyle::Pixelate: {
            const int block = std::max(4, shorter / 3);
            const QImage small = result.copy(box).scaled(std::max(1, box.width() / block), std::max(1, box.height() / block),
                                                         Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
            painter.drawImage(box, small);
            break;
        }
        case RedactionStyle::Blur: {
            QImage part = result.copy(box);
            const int radius = std::max(2, shorter / 2);
            for (int pass = 0; pass < 3; ++pass)   // three box blurs approach a Gaussian
                boxBlur(part, radius);
            painter.drawImage(box.topLeft(), part);
            break;
        }
        }
    }
    painter.end();
    return result;
}

} // namespace sieve::imaging
