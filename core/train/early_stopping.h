#pragma once

#include <QLatin1String>
#include <QString>

namespace sieve::train {

// Which epoch is the best so far and when to stop early: the one rule of a local run
// (TrainingRun) and of every rank of a cluster job (DataParallelRun), so that both keep the same
// epoch's model and stop after the same epoch. Plain value; what a checkpoint stores of it
// (best, bestEpoch, sinceBest) is enough to continue after a resume or a restart.
struct EarlyStopping {
    EarlyStopping() = default;
    EarlyStopping(const QString &metricTag, int patienceEpochs)
        : metric(metricTag), patience(patienceEpochs), best(initialBest(metricTag))
    {
    }

    QString metric = QStringLiteral("val/top1"); // or val/loss
    int patience = 0;                            // 0: never stops early
    double best = -1;                            // the best epoch's metric; initialBest() before any
    int bestEpoch = 0;                           // 1-based; 0 before the first validation
    int sinceBest = 0;                           // epochs after the best one

    bool lowerIsBetter() const { return metric == QLatin1String("val/loss"); }
    // Below any top-1 and above any loss, so that the first epoch always improves.
    static double initialBest(const QString &metricTag)
    {
        return metricTag == QLatin1String("val/loss") ? 1e300 : -1;
    }

    // Records the validation of EPOCH (1-based), VALUE of the metric; true when it is better
    // than every epoch before (strictly: an equal value keeps the earlier epoch).
    bool update(int epoch, double value)
    {
        const bool improved = lowerIsBetter() ? value < best : value > best;
        if (improved) {
            best = value;
            bestEpoch = epoch;
            sinceBest = 0;
        } else {
            ++sinceBest;
        }
        return improved;
    }

    // Whether to stop after EPOCH of EPOCHS: PATIENCE epochs in a row without improvement and
    // epochs still to go (stopping after the last one is not stopping early).
    bool shouldStop(int epoch, int epochs) const { return patience > 0 && sinceBest >= patience && epoch < epochs; }
};

} // namespace sieve::train
