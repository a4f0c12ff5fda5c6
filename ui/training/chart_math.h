#pragma once

#include <QList>
#include <QPointF>

#include <span>
#include <vector>

namespace sieve::ui {

// TensorBoard's "classic" smoothing of a scalar series, point for point as its scalar
// dashboard computes it: a debiased exponential moving average,
//   last = last * w + (1 - w) * v;   n = n + 1;   smoothed = last / (1 - w^n)
// starting from last = 0, so the first smoothed value is the first value. Non-finite values
// are passed through and do not count; a constant series is returned as it is; W is clamped
// to [0, 1] (NaN: 0) and w = 1 does not debias. Any thread.
std::vector<double> smoothTensorBoard(std::span<const double> values, double weight);

// Where smoothing stopped, to go on when points are appended: a live series is smoothed in
// time proportional to its new points, not to all of them.
struct SmoothingState {
    double last = 0;
    double power = 1;   // weight^(finite points so far)
};
// Extends SMOOTHED, the smoothing of the first SMOOTHED.size() VALUES with STATE after them,
// to all of VALUES, as smoothTensorBoard does for a series that is not constant (a constant
// one it returns unchanged; the caller checks). WEIGHT as given to smoothTensorBoard.
void extendSmoothing(std::span<const double> values, double weight, SmoothingState &state, std::vector<double> &smoothed);

// The points to draw of a polyline X→Y (X ascending) over [X0, X1] on COLUMNS pixel columns:
// for each column holding points, its lowest and highest point, in x order, so that every
// spike survives at two points per column (what a pixel column of the full line shows); plus
// the first and last point, and the nearest point outside each end, so the line runs to the
// edges. Non-finite Y are skipped. Series with no more points than 4 * COLUMNS in the range
// are returned whole. Any thread.
QList<QPointF> decimateMinMax(std::span<const double> x, std::span<const double> y, double x0, double x1, int columns);

} // namespace sieve::ui
