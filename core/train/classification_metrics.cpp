#include "train/classification_metrics.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace sieve::train {

ClassificationMetrics::ClassificationMetrics(int classes)
    : m_classes(classes), m_confusion(std::size_t(classes) * std::size_t(classes), 0)
{
}

void ClassificationMetrics::add(std::span<const float> scores, std::span<const int> labels, double meanLoss)
{
    const int k = std::min(5, m_classes);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::span<const float> row = scores.subspan(i * std::size_t(m_classes), std::size_t(m_classes));
        const int label = labels[i];
        const int predicted = int(std::max_element(row.begin(), row.end()) - row.begin());
        // Rank of the true class: classes scoring higher (ties counted for the lower index, as argmax does).
        int higher = 0;
        for (int c = 0; c < m_classes; ++c)
            if (row[std::size_t(c)] > row[std::size_t(label)] || (row[std::size_t(c)] == row[std::size_t(label)] && c < label))
                ++higher;
        m_top1 += predicted == label;
        m_top5 += higher < k;
        ++m_confusion[std::size_t(label) * std::size_t(m_classes) + std::size_t(predicted)];
    }
    m_lossSum += meanLoss * double(labels.size());
    m_count += std::int64_t(labels.size());
}

std::vector<double> ClassificationMetrics::totals() const
{
    std::vector<double> totals{double(m_count), m_lossSum, double(m_top1), double(m_top5)};
    totals.insert(totals.end(), m_confusion.begin(), m_confusion.end());
    return totals;
}

ClassificationMetrics ClassificationMetrics::fromTotals(int classes, std::span<const double> totals)
{
    ClassificationMetrics metrics(classes);
    if (totals.size() != 4 + metrics.m_confusion.size())
        return metrics;
    // The counts were integers, summed exactly as doubles (below 2^53); rounding only guards
    // against a sum that was not made of integers.
    metrics.m_count = std::llround(totals[0]);
    metrics.m_lossSum = totals[1];
    metrics.m_top1 = std::llround(totals[2]);
    metrics.m_top5 = std::llround(totals[3]);
    for (std::size_t i = 0; i < metrics.m_confusion.size(); ++i)
        metrics.m_confusion[i] = std::llround(totals[4 + i]);
    return metrics;
}

double ClassificationMetrics::loss() const { return m_count ? m_lossSum / double(m_count) : 0.0; }
double ClassificationMetrics::top1() const { return m_count ? double(m_top1) / double(m_count) : 0.0; }
double ClassificationMetrics::top5() const { return m_count ? double(m_top5) / double(m_count) : 0.0; }

double ClassificationMetrics::precision(int cls) const
{
    std::int64_t predicted = 0;
    for (int t = 0; t < m_classes; ++t)
        predicted += confusion(t, cls);
    return predicted ? double(confusion(cls, cls)) / double(predicted) : 0.0;
}

double ClassificationMetrics::recall(int cls) const
{
    std::int64_t seen = 0;
    for (int p = 0; p < m_classes; ++p)
        seen += confusion(cls, p);
    return seen ? double(confusion(cls, cls)) / double(seen) : 0.0;
}

QJsonObject ClassificationMetrics::toJson(const QStringList &names) const
{
    QJsonArray classes, matrix;
    for (int c = 0; c < m_classes; ++c) {
        std::int64_t seen = 0;
        QJsonArray row;
        for (int p = 0; p < m_classes; ++p) {
            seen += confusion(c, p);
            row.append(qint64(confusion(c, p)));
        }
        matrix.append(row);
        classes.append(QJsonObject{{QStringLiteral("name"), names.value(c)},
                                   {QStringLiteral("precision"), precision(c)},
                                   {QStringLiteral("recall"), recall(c)},
                                   {QStringLiteral("count"), qint64(seen)}});
    }
    return {{QStringLiteral("count"), qint64(m_count)}, {QStringLiteral("loss"), loss()},
            {QStringLiteral("top1"), top1()}, {QStringLiteral("top5"), top5()},
            {QStringLiteral("classes"), classes}, {QStringLiteral("confusion"), matrix}};
}

} // namespace sieve::train
