#include "training/chart_math.h"

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

double clampWeight(double weight) { return std::isfinite(weight) ? std::clamp(weight, 0.0, 1.0) : 0.0; }

} // namespace

std::vector<double> smoothTensorBoard(std::span<const double> values, double weight)
{
    // TensorBoard compares with ==, so a series of NaN is not constant (NaN != NaN) but its
    // points pass through anyway.
    const double *first = values.data();
    if (values.empty() || std::all_of(values.begin(), values.end(), [first](double v) { return v == *first; }))
        return {values.begin(), values.end()};
    std::vector<double> smoothed;
    SmoothingState state;
    extendSmoothing(values, weight, state, smoothed);
    return smoothed;
}

void extendSmoothing(std::span<const double> values, double weight, SmoothingState &state, std::vector<double> &smoothed)
{
    weight = clampWeight(weight);
    smoothed.reserve(values.size());
    for (std::size_t i = smoothed.size(); i < values.size(); ++i) {
        const double value = values[i];
        if (!std::isfinite(value)) {
            smoothed.push_back(value);
            continue;
        }
        state.last = state.last * weight + (1 - weight) * value;
        // The power as a running product: pow() per point cost more than all the rest.
        state.power *= weight;
        smoothed.push_back(state.last / (weight == 1 ? 1 : 1 - state.power));
    }
}

QList<QPointF> decimateMinMax(std::span<const double> x, std::span<const double> y, double x0, double x1, int columns)
{
    QList<QPointF> points;
    const std::size_t n = std::min(x.size(), y.size());
    if (n == 0 || columns <= 0 || !(x1 >= x0))
        return points;
    // The range, widened by one point each side so the line reaches the plot's edges.
    std::size_t begin = std::size_t(std::lower_bound(x.begin(), x.begin() + std::ptrdiff_t(n), x0) - x.begin());
    std::size_t end = std::size_t(std::upper_bound(x.begin(), x.begin() + std::ptrdiff_t(n), x1) - x.begin());
    if (begin > 0)
        --begin;
    if (end < n)
        ++end;
    if (end - begin <= std::size_t(columns) * 4) {
        points.reserve(qsizetype(end - begin));
        for (std::size_t i = begin; i < end; ++i)
            if (std::isfinite(y[i]))
                points.append(QPointF(x[i], y[i]));
        return points;
    }
    points.reserve(columns * 2 + 2);
    const double scale = x1 > x0 ? double(columns) / (x1 - x0) : 0;
    auto columnOf = [&](double value) { return std::clamp(std::int64_t(std::floor((value - x0) * scale)), std::int64_t(-1), std::int64_t(columns)); };
    std::size_t firstKept = end, lastKept = end;
    std::size_t i = begin;
    while (i < end) {
        const std::int64_t column = columnOf(x[i]);
        std::size_t low = end, high = end;
        for (; i < end && columnOf(x[i]) == column; ++i) {
            if (!std::isfinite(y[i]))
                continue;
            if (low == end)
                low = high = i;
            if (y[i] < y[low])
                low = i;
            if (y[i] > y[high])
                high = i;
        }
        if (low == end)
            continue;
        // The column's extremes in x order: what the pixels of a denser line would show.
        const std::size_t a = std::min(low, high), b = std::max(low, high);
        if (firstKept == end)
            firstKept = a;
        points.append(QPointF(x[a], y[a]));
        if (b != a)
            points.append(QPointF(x[b], y[b]));
        lastKept = b;
    }
    // The line starts and ends where the data in range do, not at a column's extreme.
    std::size_t first = begin, last = end - 1;
    while (first < end && !std::isfinite(y[first]))
        ++first;
    while (last > first && !std::isfinite(y[last]))
        --last;
    if (first < end && first < firstKept)
        points.prepend(QPointF(x[first], y[first]));
    if (first < end && lastKept != end && last > lastKept)
        points.append(QPointF(x[last], y[last]));
    return points;
}

} // namespace sieve::ui
