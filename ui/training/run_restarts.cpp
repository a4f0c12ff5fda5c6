#include "training/run_restarts.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::RunRestart)
};

// The workers the run started with: its config says which; a run recorded without them is
// counted by the ranks that wrote per-worker series.
int initialWorkers(const QHash<QString, store::MetricSeries> &tags, const store::RunRecord *run)
{
    if (run) {
        const QJsonArray workers = run->config.value(QStringLiteral("workers")).toArray();
        if (!workers.isEmpty())
            return int(workers.size());
    }
    static const QRegularExpression perWorker(QStringLiteral("^cluster/rank/(\\d+)/"));
    QSet<QString> ranks;
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        if (const QRegularExpressionMatch match = perWorker.match(it.key()); match.hasMatch())
            ranks.insert(match.captured(1));
    return int(ranks.size());
}

} // namespace

QList<RunRestart> runRestarts(const QHash<QString, store::MetricSeries> &tags, const store::RunRecord *run)
{
    QList<RunRestart> restarts;
    const auto restartIt = tags.constFind(kRestartTag);
    if (restartIt == tags.constEnd() || restartIt->empty())
        return restarts;
    const store::MetricSeries &points = *restartIt;
    const auto workersIt = tags.constFind(kWorkersTag);
    int before = initialWorkers(tags, run);
    int previousNumber = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        RunRestart restart;
        restart.number = std::isfinite(points.values[i]) ? int(std::lround(points.values[i])) : previousNumber + 1;
        restart.firstNumber = std::clamp(previousNumber + 1, 1, std::max(1, restart.number));
        restart.step = points.steps[i];
        restart.wallTime = points.wallTimes[i];
        restart.workersBefore = before;
        if (workersIt != tags.constEnd()) {
            const std::vector<std::int64_t> &steps = workersIt->steps;
            const auto at = std::lower_bound(steps.begin(), steps.end(), restart.step);
            if (at != steps.end() && *at == restart.step) {
                const double workers = workersIt->values[std::size_t(at - steps.begin())];
                restart.workersAfter = std::isfinite(workers) ? int(std::lround(workers)) : 0;
            }
        }
        before = restart.workersAfter;
        previousNumber = restart.number;
        restarts.append(restart);
    }
    return restarts;
}

QString restartLabel(const RunRestart &restart)
{
    return restart.firstNumber < restart.number ? Tr::tr("restarts %1–%2").arg(restart.firstNumber).arg(restart.number)
                                                : Tr::tr("restart %1").arg(restart.number);
}

QString restartText(const RunRestart &restart)
{
    const QString label = restartLabel(restart);
    if (restart.workersBefore > 0 && restart.workersAfter > 0)
        return Tr::tr("%1: workers %2 → %3, from step %4").arg(label).arg(restart.workersBefore).arg(restart.workersAfter).arg(restart.step);
    if (restart.workersAfter > 0)
        return Tr::tr("%1: %2 workers left, from step %3").arg(label).arg(restart.workersAfter).arg(restart.step);
    return Tr::tr("%1: from step %2").arg(label).arg(restart.step);
}

std::size_t dropSupersededPoints(store::MetricSeries &series, const store::MetricSeries &restarts)
{
    if (restarts.empty() || series.empty())
        return 0;
    // Restarts resume from steps that never go back, so only points past the first one's step
    // can be superseded; the steps are in order, so those are a tail.
    const auto tail = std::upper_bound(series.steps.begin(), series.steps.end(), restarts.steps.front());
    std::size_t kept = std::size_t(tail - series.steps.begin());
    const std::size_t from = kept;
    for (std::size_t i = from; i < series.size(); ++i) {
        bool superseded = false;
        for (std::size_t r = 0; r < restarts.size() && !superseded; ++r)
            superseded = series.steps[i] > restarts.steps[r] && series.wallTimes[i] < restarts.wallTimes[r];
        if (superseded)
            continue;
        series.steps[kept] = series.steps[i];
        series.wallTimes[kept] = series.wallTimes[i];
        series.values[kept] = series.values[i];
        ++kept;
    }
    const std::size_t removed = series.size() - kept;
    series.steps.resize(kept);
    series.wallTimes.resize(kept);
    series.values.resize(kept);
    return removed;
}

} // namespace sieve::ui
