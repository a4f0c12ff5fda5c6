#include "training/chart_math.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace sieve::ui;

namespace {

// TensorBoard's classicSmoothing written out as its dashboard runs it (with Math.pow), to
// check ours, which keeps the power as a running product, against the formula itself.
std::vector<double> reference(const std::vector<double> &values, double weight)
{
    std::vector<double> out = values;
    bool constant = true;
    for (double v : values)
        constant = constant && v == values.front();
    if (values.empty() || constant)
        return out;
    double last = 0;
    int accumulated = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            continue;
        last = last * weight + (1 - weight) * values[i];
        ++accumulated;
        out[i] = last / (weight == 1 ? 1 : 1 - std::pow(weight, accumulated));
    }
    return out;
}

bool same(double a, double b)
{
    if (a == b)   // also equal infinities
        return true;
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

} // namespace

class TestChartMath : public QObject {
    Q_OBJECT

private slots:
    void smoothingMatchesTensorBoard_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<double>("weight");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("default weight") << std::vector<double>{1, 2, 3, 4, 5, 4, 3} << 0.6;
        QTest::newRow("no smoothing") << std::vector<double>{3, 1, 4, 1, 5} << 0.0;
        QTest::newRow("heavy") << std::vector<double>{10, 0, 10, 0, 10, 0, 10, 0} << 0.99;
        QTest::newRow("NaN passes through, not counted") << std::vector<double>{1, nan, 3, 5} << 0.5;
        QTest::newRow("infinity passes through") << std::vector<double>{2, std::numeric_limits<double>::infinity(), 4} << 0.5;
        QTest::newRow("weight one: no debias") << std::vector<double>{1, 2, 3} << 1.0;
        QTest::newRow("long noisy") << [] {
            std::vector<double> v;
            for (int i = 0; i < 5000; ++i)
                v.push_back(std::sin(i * 0.37) + i * 0.001);
            return v;
        }() << 0.95;
    }

    void smoothingMatchesTensorBoard()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(double, weight);
        const std::vector<double> ours = smoothTensorBoard(values, weight);
        const std::vector<double> theirs = reference(values, weight);
        QCOMPARE(ours.size(), theirs.size());
        for (std::size_t i = 0; i < ours.size(); ++i)
            QVERIFY2(same(ours[i], theirs[i]), qPrintable(QStringLiteral("point %1: %2 vs %3").arg(i).arg(ours[i]).arg(theirs[i])));
    }

    void smoothingKnownValues()
    {
        // By hand: w = 0.5 over 1, 3, 5: last 0.5, 1.75, 3.375; debias 0.5, 0.75, 0.875.
        const std::vector<double> s = smoothTensorBoard(std::vector<double>{1, 3, 5}, 0.5);
        QCOMPARE(s[0], 1.0);   // the first smoothed value is the first value
        QVERIFY(same(s[1], 1.75 / 0.75));
        QVERIFY(same(s[2], 3.375 / 0.875));
        // A constant series is left alone (TensorBoard #786) and so is a weight out of range.
        QCOMPARE(smoothTensorBoard(std::vector<double>{2, 2, 2}, 0.9), (std::vector<double>{2, 2, 2}));
        QCOMPARE(smoothTensorBoard(std::vector<double>{1, 3}, -3), (std::vector<double>{1, 3}));
        QCOMPARE(smoothTensorBoard(std::vector<double>{1, 3}, std::numeric_limits<double>::quiet_NaN()), (std::vector<double>{1, 3}));
    }

    void decimationKeepsSpikesAndEnds()
    {
        std::vector<double> x, y;
        for (int i = 0; i < 1'000'000; ++i) {
            x.push_back(i);
            y.push_back(1.0 + 0.001 * (i % 7));
        }
        y[123'457] = 50;    // a single spike up
        y[876'543] = -20;   // and one down
        const QList<QPointF> points = decimateMinMax(x, y, 0, 999'999, 800);
        QVERIFY2(points.size() <= 800 * 2 + 2, qPrintable(QString::number(points.size())));
        bool high = false, low = false;
        for (const QPointF &p : points) {
            high = high || (p.x() == 123'457 && p.y() == 50);
            low = low || (p.x() == 876'543 && p.y() == -20);
        }
        QVERIFY(high);
        QVERIFY(low);
        QCOMPARE(points.front().x(), 0.0);
        QCOMPARE(points.back().x(), 999'999.0);
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points[i].x() > points[i - 1].x());
    }

    void decimationOfAZoomedRangeReachesTheEdges()
    {
        std::vector<double> x = {0, 10, 20, 30, 40};
        std::vector<double> y = {1, 2, 3, 4, 5};
        // Few points: all of the range, plus the neighbour outside each end.
        const QList<QPointF> points = decimateMinMax(x, y, 12, 28, 100);
        QCOMPARE(points, (QList<QPointF>{{10, 2}, {20, 3}, {30, 4}}));
        QVERIFY(decimateMinMax(x, y, 0, 40, 0).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestChartMath)
#include "tst_chart_math.moc"
