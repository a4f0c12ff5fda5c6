#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace sieve::store {

class Database;

// Reading and managing training runs as they are recorded in `runs` and `run_metrics` (see
// train::RunLog, which writes them). These readers are what the training monitor and, later,
// remote workers' runs go through; they never look at a run's files. Every function works on
// the caller's connection, on its thread; none keeps state between calls.

struct RunRecord {
    std::int64_t id = 0;
    QString name;
    QString status;          // queued, running, done, failed, cancelled
    QJsonObject config;
    QString directory;       // relative to the project: runs/<id>
    QString startedAt;       // ISO 8601, empty when unknown
    QString finishedAt;
    QString error;
    QJsonObject summary;
    // The best val/top1 recorded so far; NaN before the first validation.
    double bestTop1 = std::numeric_limits<double>::quiet_NaN();
};

// One tag's points of one run, ordered by step.
struct MetricSeries {
    std::vector<std::int64_t> steps;
    std::vector<double> wallTimes;   // seconds since the epoch
    std::vector<double> values;

    std::size_t size() const { return steps.size(); }
    bool empty() const { return steps.empty(); }
    std::int64_t lastStep() const { return steps.empty() ? std::numeric_limits<std::int64_t>::min() : steps.back(); }
    // Appends MORE, whose steps follow this series' (a point of the same step as the last
    // one replaces it: a resumed run or a re-read repeats it).
    void append(const MetricSeries &more);
};

// Every run, newest first, with its best validation top-1. A few rows per run: cheap.
Result<QList<RunRecord>> listRuns(Database &db);
// Run ID; nullopt when there is none.
Result<std::optional<RunRecord>> findRun(Database &db, std::int64_t id);
// The validation images of run RUNID at EPOCH per cell: COUNTS[t][p] images of class t
// predicted as p (run_predictions), sized by the largest index seen; empty when the epoch has
// none recorded.
Result<std::vector<std::vector<std::int64_t>>> validationCounts(Database &db, std::int64_t runId, int epoch);
// The tags run RUNID has written, in byte order. Walks the primary key one tag at a time, so
// the cost grows with the number of tags, not of points.
Result<QStringList> metricTags(Database &db, std::int64_t runId);
// Appends to OUT the points of (RUNID, TAG) with a step above AFTERSTEP, in step order, at most
// LIMIT of them (0: all). Returns how many were appended.
Result<std::size_t> readMetrics(Database &db, std::int64_t runId, const QString &tag, std::int64_t afterStep,
                                MetricSeries &out, std::size_t limit = 0);
// Renames run ID. Fails on an empty name or when there is no such run.
Status renameRun(Database &db, std::int64_t id, const QString &name);
// Deletes run ID's row and its metrics in one transaction; models trained by it stay and lose
// their link to it. Fails, deleting nothing, when the run is running or does not exist. The
// run's folder is the caller's to remove.
Status deleteRun(Database &db, std::int64_t id);

} // namespace sieve::store
