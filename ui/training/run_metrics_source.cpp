#include "training/run_metrics_source.h"

#include "store/database.h"
#include "training/run_restarts.h"

#include <QDir>
#include <QtConcurrent>

#include <cmath>

namespace sieve::ui {

RunMetricsSource::RunMetricsSource(QObject *parent) : QObject(parent)
{
    m_pool.setObjectName(QStringLiteral("sieve-run-metrics"));
    m_pool.setMaxThreadCount(1);   // reads and writes in order, one connection at a time
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &RunMetricsSource::refresh);
    connect(&m_pollWatcher, &QFutureWatcher<std::shared_ptr<Poll>>::finished, this, &RunMetricsSource::onPolled);
}

RunMetricsSource::~RunMetricsSource()
{
    m_pollWatcher.waitForFinished();
    for (QFutureWatcher<QString> *write : std::as_const(m_writes))
        write->waitForFinished();
}

void RunMetricsSource::setDatabase(const QString &path)
{
    m_databasePath = path;
    m_runs.clear();
    m_metrics.clear();
    m_startTimes.clear();
    m_readStatus.clear();
    m_watched.clear();
    emit runsChanged();
    refresh();
}

void RunMetricsSource::setWatched(const QSet<std::int64_t> &runs)
{
    m_watched = runs;
    for (auto it = m_metrics.begin(); it != m_metrics.end();) {
        if (runs.contains(it.key())) {
            ++it;
        } else {
            m_readStatus.remove(it.key());
            m_startTimes.remove(it.key());
            it = m_metrics.erase(it);
        }
    }
    refresh();
}

void RunMetricsSource::setActive(bool active)
{
    m_active = active;
    if (active)
        refresh();
    else
        m_poll.stop();
}

void RunMetricsSource::setIntervals(int runningMs, int idleMs)
{
    m_runningMs = runningMs;
    m_idleMs = idleMs;
    schedule();
}

const store::RunRecord *RunMetricsSource::run(std::int64_t id) const
{
    for (const store::RunRecord &run : m_runs)
        if (run.id == id)
            return &run;
    return nullptr;
}

const RunMetricsSource::TagSeries *RunMetricsSource::metrics(std::int64_t id) const
{
    auto it = m_metrics.constFind(id);
    return it == m_metrics.constEnd() ? nullptr : &*it;
}

double RunMetricsSource::startTime(std::int64_t id) const
{
    return m_startTimes.value(id, std::numeric_limits<double>::quiet_NaN());
}

const store::MetricSeries *RunMetricsSource::series(std::int64_t id, const QString &tag) const
{
    const TagSeries *tags = metrics(id);
    if (!tags)
        return nullptr;
    auto it = tags->constFind(tag);
    return it == tags->constEnd() ? nullptr : &*it;
}

void RunMetricsSource::refresh()
{
    m_poll.stop();
    if (m_databasePath.isEmpty())
        return;
    if (m_pollWatcher.isRunning()) {
        m_refreshOwed = true;
        return;
    }
    Request request{m_databasePath, {}, {}};
    for (std::int64_t id : std::as_const(m_watched)) {
        auto it = m_metrics.constFind(id);
        if (it == m_metrics.constEnd()) {
            request.unread.insert(id);
            continue;
        }
        WatchedState state{m_readStatus.value(id), {}, 0};
        for (auto tag = it->constBegin(); tag != it->constEnd(); ++tag)
            state.lastSteps.insert(tag.key(), tag->lastStep());
        if (auto restarts = it->constFind(kRestartTag); restarts != it->constEnd() && !restarts->empty())
            state.restarts = restarts->values.back();
        request.watched.insert(id, std::move(state));
    }
    m_pollWatcher.setFuture(QtConcurrent::run(&m_pool, [request = std::move(request)] { return std::make_shared<Poll>(read(request)); }));
}

RunMetricsSource::Poll RunMetricsSource::read(const Request &request)
{
    Poll poll{request.databasePath, {}, {}, {}, {}};
    Result<store::Database> db = store::Database::open(request.databasePath, store::Database::Mode::ReadOnly);
    if (!db) {
        poll.error = db.error();
        return poll;
    }
    Result<QList<store::RunRecord>> runs = store::listRuns(*db);
    if (!runs) {
        poll.error = runs.error();
        return poll;
    }
    poll.runs = std::move(*runs);
    for (const store::RunRecord &run : std::as_const(poll.runs)) {
        const bool unread = request.unread.contains(run.id);
        auto state = request.watched.constFind(run.id);
        if (!unread && state == request.watched.constEnd())
            continue;
        // A finished run was read to its end at the poll that saw it finish; a run taken up
        // again may rewrite the steps after its checkpoint, so it is read from the start.
        const bool resumed = !unread && state->status != QLatin1String("running") && run.status == QLatin1String("running");
        const bool changed = !unread && state->status != run.status;
        if (!unread && !resumed && !changed && run.status != QLatin1String("running"))
            continue;
        // A few rows, read whole at each poll: a new restart has the run read afresh, as the
        // steps after the one it resumed from are being written again.
        store::MetricSeries restarts;
        if (Result<std::size_t> read = store::readMetrics(*db, run.id, kRestartTag, std::numeric_limits<std::int64_t>::min(), restarts);
            !read) {
            poll.error = read.error();
            return poll;
        }
        const bool restarted = !unread && !restarts.empty() && restarts.values.back() != state->restarts;
        const bool fresh = unread || resumed || restarted;
        Result<QStringList> tags = store::metricTags(*db, run.id);
        if (!tags) {
            poll.error = tags.error();
            return poll;
        }
        TagSeries &appended = poll.appended[run.id];
        for (const QString &tag : std::as_const(*tags)) {
            // The last step seen is read again: its epoch metrics may have come after it.
            std::int64_t after = std::numeric_limits<std::int64_t>::min();
            if (!fresh)
                if (auto last = state->lastSteps.constFind(tag); last != state->lastSteps.constEnd())
                    after = *last - 1;
            store::MetricSeries series;
            Result<std::size_t> read = store::readMetrics(*db, run.id, tag, after, series);
            if (!read) {
                poll.error = read.error();
                return poll;
            }
            dropSupersededPoints(series, restarts);
            if (!series.empty())
                appended.insert(tag, std::move(series));
        }
        if (fresh)
            poll.reset.insert(run.id);
    }
    return poll;
}

void RunMetricsSource::onPolled()
{
    const std::shared_ptr<Poll> result = m_pollWatcher.result();
    Poll &poll = *result;
    if (poll.databasePath == m_databasePath && poll.error.isEmpty()) {
        m_runs = std::move(poll.runs);
        emit runsChanged();
        QSet<std::int64_t> touched;
        for (auto it = poll.appended.begin(); it != poll.appended.end(); ++it) {
            if (!m_watched.contains(it.key()))
                continue;   // unwatched while the read ran
            TagSeries &tags = m_metrics[it.key()];
            const bool reset = poll.reset.contains(it.key());
            if (reset)
                tags = std::move(*it);
            else
                for (auto tag = it->begin(); tag != it->end(); ++tag)
                    tags[tag.key()].append(*tag);
            // Steps come in order, not times: the earliest first point of any tag.
            double start = reset ? std::numeric_limits<double>::infinity() : startTime(it.key());
            for (const store::MetricSeries &series : std::as_const(tags))
                if (!series.empty() && !(series.wallTimes.front() >= start))
                    start = series.wallTimes.front();
            if (std::isfinite(start))
                m_startTimes.insert(it.key(), start);
            else
                m_startTimes.remove(it.key());
            touched.insert(it.key());
        }
        for (std::int64_t id : std::as_const(m_watched)) {
            if (const store::RunRecord *record = run(id)) {
                if (!m_metrics.contains(id) && poll.reset.contains(id))
                    m_metrics.insert(id, {});   // read, nothing written yet
                if (m_metrics.contains(id))
                    m_readStatus.insert(id, record->status);
            }
        }
        if (!touched.isEmpty())
            emit metricsAppended(touched);
    }
    // A failed read (a locked or moved file) is tried again at the next poll.
    if (std::exchange(m_refreshOwed, false))
        refresh();
    else
        schedule();
}

void RunMetricsSource::schedule()
{
    if (m_databasePath.isEmpty() || !m_active || m_pollWatcher.isRunning())
        return;
    bool running = false;
    for (const store::RunRecord &run : std::as_const(m_runs))
        running = running || run.status == QLatin1String("running");
    m_poll.start(running ? m_runningMs : m_idleMs);
}

void RunMetricsSource::renameRun(std::int64_t id, const QString &name)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    m_writes.append(watcher);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, id] {
        m_writes.removeOne(watcher);
        watcher->deleteLater();
        emit runChanged(id, watcher->result());
        refresh();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [path = m_databasePath, id, name]() -> QString {
        Result<store::Database> db = store::Database::open(path);
        if (!db)
            return db.error();
        Status renamed = store::renameRun(*db, id, name);
        return renamed ? QString() : renamed.error();
    }));
}

void RunMetricsSource::deleteRun(std::int64_t id, const QString &projectDirectory)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    m_writes.append(watcher);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, id] {
        m_writes.removeOne(watcher);
        watcher->deleteLater();
        m_watched.remove(id);
        m_metrics.remove(id);
        m_startTimes.remove(id);
        m_readStatus.remove(id);
        emit runChanged(id, watcher->result());
        refresh();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [path = m_databasePath, id, projectDirectory]() -> QString {
        Result<store::Database> db = store::Database::open(path);
        if (!db)
            return db.error();
        if (Status deleted = store::deleteRun(*db, id); !deleted)
            return deleted.error();
        // The rows are gone; a folder that cannot be removed is said, not undone.
        QDir folder(QDir(projectDirectory).filePath(QStringLiteral("runs/%1").arg(id)));
        if (folder.exists() && !folder.removeRecursively())
            return tr("The run was deleted, but its folder %1 could not be removed.").arg(folder.path());
        return {};
    }));
}

} // namespace sieve::ui
