#include "store/runs.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace sieve::store {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

QJsonObject jsonObject(const QString &text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

} // namespace

void MetricSeries::append(const MetricSeries &more)
{
    std::size_t from = 0;
    if (!more.empty() && !empty() && more.steps.front() == steps.back()) {
        wallTimes.back() = more.wallTimes.front();
        values.back() = more.values.front();
        from = 1;
    }
    steps.insert(steps.end(), more.steps.begin() + std::ptrdiff_t(from), more.steps.end());
    wallTimes.insert(wallTimes.end(), more.wallTimes.begin() + std::ptrdiff_t(from), more.wallTimes.end());
    values.insert(values.end(), more.values.begin() + std::ptrdiff_t(from), more.values.end());
}

namespace {

constexpr const char *kRunColumns =
    "SELECT id, name, status, config, directory, coalesce(started_at, ''), coalesce(finished_at, ''), error, summary, "
    "(SELECT max(value) FROM run_metrics WHERE run_id=runs.id AND tag='val/top1') FROM runs ";

RunRecord runFromRow(Statement &query)
{
    RunRecord run;
    run.id = query.int64(0);
    run.name = query.text(1);
    run.status = query.text(2);
    run.config = jsonObject(query.text(3));
    run.directory = query.text(4);
    run.startedAt = query.text(5);
    run.finishedAt = query.text(6);
    run.error = query.text(7);
    run.summary = jsonObject(query.text(8));
    if (!query.isNull(9))
        run.bestTop1 = query.real(9);
    return run;
}

} // namespace

Result<std::optional<RunRecord>> findRun(Database &db, std::int64_t id)
{
    const QByteArray sql = QByteArray(kRunColumns) + "WHERE id=?";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    query->bind(1, id);
    std::optional<RunRecord> found;
    Status status = query->forEachRow([&] {
        found = runFromRow(*query);
    });
    if (!status)
        return status.takeError();
    return found;
}

Result<std::vector<std::vector<std::int64_t>>> validationCounts(Database &db, std::int64_t runId, int epoch)
{
    Result<Statement> query = db.prepare(
        "SELECT true_index, predicted_index, count(*) FROM run_predictions WHERE run_id=? AND epoch=? "
        "GROUP BY true_index, predicted_index");
    if (!query)
        return query.takeError();
    query->bind(1, runId).bind(2, std::int64_t(epoch));
    std::vector<std::vector<std::int64_t>> counts;
    Status status = query->forEachRow([&] {
        const std::size_t t = std::size_t(query->int64(0)), p = std::size_t(query->int64(1));
        const std::size_t n = std::max({counts.size(), t + 1, p + 1});
        counts.resize(n);
        for (auto &row : counts)
            row.resize(n, 0);
        counts[t][p] = query->int64(2);
    });
    if (!status)
        return status.takeError();
    return counts;
}

Result<QList<RunRecord>> listRuns(Database &db)
{
    // The subquery is a range of the primary key (run_id, tag, step): one run's epochs.
    const QByteArray sql = QByteArray(kRunColumns) + "ORDER BY id DESC";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    QList<RunRecord> runs;
    Status status = query->forEachRow([&] {
        runs.append(runFromRow(*query));
    });
    if (!status)
        return status.takeError();
    return runs;
}

Result<QStringList> metricTags(Database &db, std::int64_t runId)
{
    // A skip scan by hand: SELECT DISTINCT would visit every point of the run.
    Result<Statement> next = db.prepare("SELECT min(tag) FROM run_metrics WHERE run_id=? AND tag>?");
    if (!next)
        return next.takeError();
    QStringList tags;
    QString after;   // '' sorts before every tag
    for (;;) {
        next->bind(1, runId).bind(2, after);
        Result<bool> row = next->step();
        if (!row)
            return row.takeError();
        const bool found = *row && !next->isNull(0);
        if (found)
            after = next->text(0);
        next->reset();
        if (!found)
            break;
        tags.append(after);
    }
    return tags;
}

Result<std::size_t> readMetrics(Database &db, std::int64_t runId, const QString &tag, std::int64_t afterStep,
                                MetricSeries &out, std::size_t limit)
{
    Result<Statement> query = db.prepare(
        "SELECT step, wall_time, value FROM run_metrics WHERE run_id=? AND tag=? AND step>? ORDER BY step LIMIT ?");
    if (!query)
        return query.takeError();
    query->bind(1, runId).bind(2, tag).bind(3, afterStep).bind(4, limit == 0 ? std::int64_t(-1) : std::int64_t(limit));
    std::size_t count = 0;
    Status status = query->forEachRow([&] {
        out.steps.push_back(query->int64(0));
        out.wallTimes.push_back(query->real(1));
        out.values.push_back(query->real(2));
        ++count;
    });
    if (!status)
        return status.takeError();
    return count;
}

Status renameRun(Database &db, std::int64_t id, const QString &name)
{
    if (name.trimmed().isEmpty())
        return fail(Tr::tr("A training run needs a name."));
    Result<Statement> update = db.prepare("UPDATE runs SET name=? WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, name.trimmed()).bind(2, id);
    if (Status done = update->exec(); !done)
        return done;
    if (db.changes() == 0)
        return fail(Tr::tr("There is no training run %1 in this project.").arg(id));
    return {};
}

Status deleteRun(Database &db, std::int64_t id)
{
    Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun();
    Result<Statement> status = db.prepare("SELECT status FROM runs WHERE id=?");
    if (!status)
        return status.takeError();
    status->bind(1, id);
    Result<bool> row = status->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return fail(Tr::tr("There is no training run %1 in this project.").arg(id));
    if (status->text(0) == QLatin1String("running"))
        return fail(Tr::tr("Run %1 is still running; cancel it before deleting it.").arg(id));
    status->reset();
    for (const char *sql : {"UPDATE models SET run_id=NULL WHERE run_id=?", "DELETE FROM run_metrics WHERE run_id=?",
                            "DELETE FROM run_predictions WHERE run_id=?",
                            "DELETE FROM runs WHERE id=?"}) {
        Result<Statement> statement = db.prepare(sql);
        if (!statement)
            return statement.takeError();
        statement->bind(1, id);
        if (Status done = statement->exec(); !done)
            return done;
    }
    return transaction.commit();
}

} // namespace sieve::store
