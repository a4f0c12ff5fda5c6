#include "pii/text_detector.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace sieve::pii {

namespace {

// A pixel is ink when it differs from the mean of its (2·kRadius+1)² neighbourhood by this much
// (on the 0…255 scale of a stretched image).
constexpr int kRadius = 20;
constexpr int kInkContrast = 22;
// The least spread between a row's dark and light pixels that counts as print (see rowContrast).
constexpr int kMinRowContrast = 120;

struct Shape {
    int left = 0, top = 0, right = 0, bottom = 0;   // inclusive
    int pixels = 0;
    int width() const { return right - left + 1; }
    int height() const { return bottom - top + 1; }
    int centreY() const { return (top + bottom) / 2; }
};

struct Disjoint {
    std::vector<int> parent;
    int add()
    {
        parent.push_back(int(parent.size()));
        return parent.back();
    }
    int find(int x)
    {
        while (parent[std::size_t(x)] != x) {
            parent[std::size_t(x)] = parent[std::size_t(parent[std::size_t(x)])];
            x = parent[std::size_t(x)];
        }
        return x;
    }
    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            parent[std::size_t(std::max(a, b))] = std::min(a, b);
    }
};

// Shapes of ink pixels (8-connected) of one polarity, from runs per row.
std::vector<Shape> inkShapes(const QImage &gray, const std::vector<std::uint32_t> &integral, bool darkInk)
{
    const int w = gray.width(), h = gray.height();
    const std::size_t stride = std::size_t(w) + 1;
    struct Run {
        int x0, x1, label;
    };
    std::vector<Run> previous, current;
    Disjoint sets;
    std::vector<Shape> parts;   // one per label before merging
    for (int y = 0; y < h; ++y) {
        const uchar *line = gray.constScanLine(y);
        const int y0 = std::max(0, y - kRadius), y1 = std::min(h, y + kRadius + 1);
        current.clear();
        int runStart = -1;
        for (int x = 0; x <= w; ++x) {
            bool ink = false;
            if (x < w) {
                const int x0 = std::max(0, x - kRadius), x1 = std::min(w, x + kRadius + 1);
                const std::uint32_t sum = integral[std::size_t(y1) * stride + std::size_t(x1)] -
                                          integral[std::size_t(y0) * stride + std::size_t(x1)] -
                                          integral[std::size_t(y1) * stride + std::size_t(x0)] +
                                          integral[std::size_t(y0) * stride + std::size_t(x0)];
                const int mean = int(sum / std::uint32_t((x1 - x0) * (y1 - y0)));
                ink = darkInk ? line[x] + kInkContrast < mean : line[x] > mean + kInkContrast;
            }
            if (ink && runStart < 0)
                runStart = x;
            if (!ink && runStart >= 0) {
                Run run{runStart, x - 1, -1};
                for (const Run &above : previous) {
                    if (above.x1 < run.x0 - 1 || above.x0 > run.x1 + 1)
                        continue;
                    if (run.label < 0)
                        run.label = above.label;
                    else
                        sets.unite(run.label, above.label);
                }
                if (run.label < 0) {
                    run.label = sets.add();
                    parts.push_back(Shape{run.x0, y, run.x1, y, 0});
                }
                Shape &s = parts[std::size_t(run.label)];
                s.left = std::min(s.left, run.x0);
                s.right = std::max(s.right, run.x1);
                s.bottom = y;
                s.pixels += run.x1 - run.x0 + 1;
                current.push_back(run);
                runStart = -1;
            }
        }
        std::swap(previous, current);
    }
    std::vector<Shape> shapes;
    std::vector<int> index(parts.size(), -1);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const int root = sets.find(int(i));
        if (index[std::size_t(root)] < 0) {
            index[std::size_t(root)] = int(shapes.size());
            shapes.push_back(parts[i]);
            continue;
        }
        Shape &s = shapes[std::size_t(index[std::size_t(root)])];
        const Shape &p = parts[i];
        s.left = std::min(s.left, p.left);
        s.top = std::min(s.top, p.top);
        s.right = std::max(s.right, p.right);
        s.bottom = std::max(s.bottom, p.bottom);
        s.pixels += p.pixels;
    }
    return shapes;
}

bool characterLike(const Shape &s, int minHeight, int maxHeight)
{
    const int w = s.width(), h = s.height();
    if (h < minHeight || h > maxHeight || w > 4 * h || s.pixels < 12)
        return false;
    // Strokes, not blobs: a letter fills part of its box, except thin ones (i, l, 1).
    const double fill = double(s.pixels) / (double(w) * h);
    return fill >= 0.12 && (fill <= 0.9 || 3 * w <= h);
}

// Print stands out from what it is printed on: between the 10th and the 90th percentile of the
// pixels in a row's character boxes, text on labels, signs and packaging spans most of the
// stretched range, while rows of shapes in wood grain, cloth and shadows span a third of it
// (measured on the demo set over whole row boxes: medians 234 and 66-83; 90 % of text rows
// above 150, 75 % of the others below 132). The character boxes, not the row's box: the box of
// a tilted line is mostly the paper above and below it, and its 10th percentile is paper too.
int rowContrast(const QImage &gray, const std::vector<Shape> &shapes, const std::vector<int> &row)
{
    std::array<int, 256> histogram{};
    // Every other pixel of every other line is plenty for a percentile.
    int total = 0;
    for (int k : row) {
        const Shape &s = shapes[std::size_t(k)];
        for (int y = s.top; y <= s.bottom; y += 2) {
            const uchar *line = gray.constScanLine(y);
            for (int x = s.left; x <= s.right; x += 2) {
                ++histogram[line[x]];
                ++total;
            }
        }
    }
    const auto percentile = [&](int share) {
        for (int v = 0, seen = 0; v < 256; ++v)
            if ((seen += histogram[std::size_t(v)]) * 100 >= share * total)
                return v;
        return 255;
    };
    return percentile(90) - percentile(10);
}

// The angle of the line through the bottoms of a row's shapes: the median of the slopes between
// pairs of shapes that stand apart (Theil–Sen), so descenders and punctuation do not tilt it.
double baselineAngle(const std::vector<Shape> &shapes, const std::vector<int> &row)
{
    std::vector<double> slopes;
    const std::size_t n = std::min<std::size_t>(row.size(), 40);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const Shape &a = shapes[std::size_t(row[i])];
            const Shape &b = shapes[std::size_t(row[j])];
            const double dx = (b.left + b.right - a.left - a.right) / 2.0;
            if (std::abs(dx) >= std::max(a.height(), b.height()))
                slopes.push_back((b.bottom - a.bottom) / dx);
        }
    if (slopes.empty())
        return 0;
    std::nth_element(slopes.begin(), slopes.begin() + std::ptrdiff_t(slopes.size() / 2), slopes.end());
    return std::atan(slopes[slopes.size() / 2]) * 180.0 / M_PI;
}

// Rows of at least three character-like shapes of similar height, each close to the next.
void chainRows(const QImage &gray, const std::vector<Shape> &all, int minHeight, int maxHeight, QList<TextCandidate> &out)
{
    std::vector<Shape> shapes;
    for (const Shape &s : all)
        if (characterLike(s, minHeight, maxHeight))
            shapes.push_back(s);
    if (shapes.size() < 3)
        return;
    std::sort(shapes.begin(), shapes.end(), [](const Shape &a, const Shape &b) { return a.left < b.left; });
    // A grid of 32-pixel rows of shapes by centre, each sorted by left edge.
    constexpr int kCell = 32;
    int maxY = 0;
    for (const Shape &s : shapes)
        maxY = std::max(maxY, s.bottom);
    std::vector<std::vector<int>> bands(std::size_t(maxY / kCell + 1));
    for (std::size_t i = 0; i < shapes.size(); ++i)
        bands[std::size_t(shapes[i].centreY() / kCell)].push_back(int(i));

    Disjoint sets;
    for (std::size_t i = 0; i < shapes.size(); ++i)
        sets.add();
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const Shape &a = shapes[i];
        const int h = a.height();
        const int reach = a.right + std::max(3, h * 3 / 2);
        int best = -1, bestGap = 1 << 30;
        const int b0 = std::max(0, (a.centreY() - h) / kCell), b1 = std::min(int(bands.size()) - 1, (a.centreY() + h) / kCell);
        for (int band = b0; band <= b1; ++band) {
            const std::vector<int> &members = bands[std::size_t(band)];
            auto it = std::lower_bound(members.begin(), members.end(), a.right - h / 3,
                                       [&](int k, int x) { return shapes[std::size_t(k)].left < x; });
            for (; it != members.end() && shapes[std::size_t(*it)].left <= reach; ++it) {
                if (std::size_t(*it) == i)
                    continue;
                const Shape &b = shapes[std::size_t(*it)];
                const int hi = std::max(h, b.height()), lo = std::min(h, b.height());
                if (b.left <= a.left || 10 * hi > 19 * lo)
                    continue;
                // Same row: centres or baselines (lower case next to capitals) line up.
                if (std::abs(a.centreY() - b.centreY()) * 5 > hi * 2 && std::abs(a.bottom - b.bottom) * 4 > hi)
                    continue;
                const int gap = b.left - a.right;
                if (gap > std::max(3, hi * 3 / 2))
                    continue;
                if (gap < bestGap) {
                    bestGap = gap;
                    best = *it;
                }
            }
        }
        if (best >= 0)
            sets.unite(int(i), best);
    }
    std::vector<std::vector<int>> rows(shapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i)
        rows[std::size_t(sets.find(int(i)))].push_back(int(i));
    for (const std::vector<int> &row : rows) {
        if (row.size() < 3)
            continue;
        QRect box;
        std::vector<int> heights;
        for (int k : row) {
            const Shape &s = shapes[std::size_t(k)];
            box |= QRect(QPoint(s.left, s.top), QPoint(s.right, s.bottom));
            heights.push_back(s.height());
        }
        std::nth_element(heights.begin(), heights.begin() + std::ptrdiff_t(heights.size() / 2), heights.end());
        const int median = heights[heights.size() / 2];
        if (box.width() < 2 * median)
            continue;
        if (rowContrast(gray, shapes, row) < kMinRowContrast)
            continue;
        out.append(TextCandidate{box, median, int(row.size()), baselineAngle(shapes, row)});
    }
}

QList<TextCandidate> candidatesAt(const QImage &gray, int minHeight, int maxHeight)
{
    const int w = gray.width(), h = gray.height();
    const std::size_t stride = std::size_t(w) + 1;
    std::vector<std::uint32_t> integral(stride * std::size_t(h + 1), 0);
    for (int y = 0; y < h; ++y) {
        const uchar *line = gray.constScanLine(y);
        std::uint32_t rowSum = 0;
        for (int x = 0; x < w; ++x) {
            rowSum += line[x];
            integral[std::size_t(y + 1) * stride + std::size_t(x + 1)] = integral[std::size_t(y) * stride + std::size_t(x + 1)] + rowSum;
        }
    }
    QList<TextCandidate> out;
    for (bool dark : {true, false})
        chainRows(gray, inkShapes(gray, integral, dark), minHeight, maxHeight, out);
    return out;
}

} // namespace

QList<TextCandidate> findTextCandidates(const QImage &image, int minHeight, int maxHeight)
{
    const QImage gray = image.format() == QImage::Format_Grayscale8 ? image : image.convertToFormat(QImage::Format_Grayscale8);
    if (gray.width() < 8 || gray.height() < 8)
        return {};
    // Strokes of large letters are wider than the neighbourhood that tells ink from paper: they
    // are found on a half-size copy.
    const int split = std::min(maxHeight, 2 * kRadius);
    QList<TextCandidate> found = candidatesAt(gray, minHeight, split);
    if (maxHeight > split) {
        const QImage half = gray.scaled(gray.width() / 2, gray.height() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        for (TextCandidate c : candidatesAt(half, split / 2, maxHeight / 2)) {
            c.box = QRect(c.box.x() * 2, c.box.y() * 2, c.box.width() * 2, c.box.height() * 2);
            c.charHeight *= 2;
            found.append(c);
        }
    }
    std::sort(found.begin(), found.end(), [](const TextCandidate &a, const TextCandidate &b) {
        return a.box.top() != b.box.top() ? a.box.top() < b.box.top() : a.box.left() < b.box.left();
    });
    return found;
}

QList<TextCandidate> textAreas(const QList<TextCandidate> &candidates, const QRect &bounds)
{
    const qsizetype n = candidates.size();
    Disjoint sets;
    QList<QRect> reach;
    for (const TextCandidate &c : candidates) {
        sets.add();
        const int h = c.charHeight;
        reach.append(c.box.adjusted(-h, -h, h, h));
    }
    for (qsizetype i = 0; i < n; ++i)
        for (qsizetype j = i + 1; j < n; ++j)
            if (reach[i].intersects(reach[j]))
                sets.unite(int(i), int(j));
    QList<TextCandidate> areas;
    QList<std::vector<double>> angles;
    std::vector<int> index(std::size_t(n), -1);
    for (qsizetype i = 0; i < n; ++i) {
        const int root = sets.find(int(i));
        if (index[std::size_t(root)] < 0) {
            index[std::size_t(root)] = int(areas.size());
            areas.append(candidates[i]);
            angles.append(std::vector<double>{candidates[i].angle});
            continue;
        }
        angles[index[std::size_t(root)]].push_back(candidates[i].angle);
        TextCandidate &area = areas[index[std::size_t(root)]];
        area.box |= candidates[i].box;
        area.charHeight = std::min(area.charHeight, candidates[i].charHeight);
        area.characters += candidates[i].characters;
    }
    for (qsizetype i = 0; i < areas.size(); ++i) {
        std::vector<double> &a = angles[i];
        std::nth_element(a.begin(), a.begin() + std::ptrdiff_t(a.size() / 2), a.end());
        areas[i].angle = a[a.size() / 2];
    }
    for (TextCandidate &area : areas) {
        const int pad = std::max(8, area.charHeight);
        area.box = area.box.adjusted(-pad, -pad, pad, pad) & bounds;
    }
    std::sort(areas.begin(), areas.end(), [](const TextCandidate &a, const TextCandidate &b) {
        return a.box.top() != b.box.top() ? a.box.top() < b.box.top() : a.box.left() < b.box.left();
    });
    return areas;
}

} // namespace sieve::pii
