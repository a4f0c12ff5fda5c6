#pragma once

#include "store/runs.h"

#include <QHash>
#include <QList>
#include <QString>

#include <cstdint>

namespace sieve::ui {

// A cluster run's restart as its metrics tell it. The coordinator writes, when it restarts the
// job from the last checkpoint with the workers left, `cluster/restart` = the restart's number
// and `cluster/workers` = the workers left, both at the step the job resumes from. Rows are
// keyed by (tag, step): two restarts that resume from the same step leave the later one's rows,
// so one RunRestart may stand for several (firstNumber < number).
struct RunRestart {
    int firstNumber = 0;       // 1, 2, …
    int number = 0;            // the last of the restarts from this step
    std::int64_t step = 0;     // the step the job resumed from
    double wallTime = 0;       // when the coordinator decided it, seconds since the epoch
    int workersBefore = 0;     // 0: not known
    int workersAfter = 0;      // 0: not known
};

inline const QString kRestartTag = QStringLiteral("cluster/restart");
inline const QString kWorkersTag = QStringLiteral("cluster/workers");

// The restarts of a run from its metrics TAGS, in order; RUN (may be null) gives the number of
// workers it started with (its config's "workers"), else the ranks of its per-worker tags
// (cluster/rank/<r>/…) count them. Any thread.
QList<RunRestart> runRestarts(const QHash<QString, store::MetricSeries> &tags, const store::RunRecord *run);

// "restart 1: 3 → 2 workers, from step 120", as much of it as the metrics tell.
QString restartText(const RunRestart &restart);
// "restart 1" (or "restarts 2–3"): the marker's label on the chart.
QString restartLabel(const RunRestart &restart);

// Removes from SERIES the points a lost attempt wrote and the attempt after a restart has not
// written again yet: those past the step a restart resumed from and older than the restart
// (RESTARTS, the cluster/restart series). Until the job has trained past them again the table
// holds both attempts' rows; this keeps a chart to the attempt that counts, as it will be when
// the run ends. Returns how many were removed. Any thread.
std::size_t dropSupersededPoints(store::MetricSeries &series, const store::MetricSeries &restarts);

} // namespace sieve::ui
