#pragma once

#include <QJsonObject>
#include <QStringList>

#include <cstdint>
#include <span>
#include <vector>

namespace sieve::train {

// Accumulates a classifier's results over batches: mean loss, top-1 and top-5 accuracy, the
// confusion matrix (true class × predicted class counts), and per-class precision and recall
// derived from it. Top-5 is top-k with k = min(5, classes). A plain value; one thread.
class ClassificationMetrics {
public:
    explicit ClassificationMetrics(int classes);

    // SCORES is batch × classes (logits or probabilities, row-major); MEANLOSS the batch's mean.
    void add(std::span<const float> scores, std::span<const int> labels, double meanLoss);

    int classes() const { return m_classes; }
    std::int64_t count() const { return m_count; }
    double loss() const;
    double top1() const;
    double top5() const;
    // 0 when the class was never predicted (precision) or never seen (recall).
    double precision(int cls) const;
    double recall(int cls) const;
    std::int64_t confusion(int trueClass, int predicted) const
    {
        return m_confusion[std::size_t(trueClass) * std::size_t(m_classes) + std::size_t(predicted)];
    }

    // The sums behind the metrics as one vector of doubles (count, loss sum, top-1 and top-5
    // hits, the confusion matrix row by row), so that replicas that each validated a part of a
    // set add them element-wise (one all-reduce), and fromTotals() makes the set's metrics.
    std::vector<double> totals() const;
    // Metrics from totals() of CLASSES classes, or from their element-wise sum. TOTALS must hold
    // 4 + classes² values.
    static ClassificationMetrics fromTotals(int classes, std::span<const double> totals);

    // {"count", "loss", "top1", "top5", "classes": [{"name", "precision", "recall", "count"}],
    //  "confusion": [[…], …]}
    QJsonObject toJson(const QStringList &names) const;

private:
    int m_classes;
    std::int64_t m_count = 0;
    double m_lossSum = 0;
    std::int64_t m_top1 = 0;
    std::int64_t m_top5 = 0;
    std::vector<std::int64_t> m_confusion;
};

} // namespace sieve::train
