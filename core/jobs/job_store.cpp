#include "jobs/job_store.h"

#include "base/clock.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

#include <csignal>
#include <cerrno>
#include <unistd.h>

namespace sieve::jobs {

using store::Database;
using store::Statement;

namespace {

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

QString interruptedMessage()
{
    return QCoreApplication::translate("sieve::jobs", "The process running this job stopped before it finished.");
}

} // namespace

Result<std::int64_t> startJob(Database &db, const QString &kind, const QJsonObject &params)
{
    Result<Statement> insert = db.prepare(
        "INSERT INTO jobs(kind, params, status, pid, created_at, updated_at) "
        "VALUES(?, ?, 'running', ?, ?, ?)");
    if (!insert)
        return insert.takeError();
    const QString now = nowIso();
    insert->bind(1, kind)
        .bind(2, QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)))
        .bind(3, std::int64_t(::getpid()))
        .bind(4, now)
        .bind(5, now);
    if (Status status = insert->exec(); !status)
        return status.takeError();
    return db.lastInsertId();
}

Status updateJob(Database &db, std::int64_t id, qint64 done, qint64 total)
{
    Result<Statement> update = db.prepare("UPDATE jobs SET done=?, total=?, updated_at=? WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, std::int64_t(done)).bind(2, std::int64_t(total)).bind(3, nowIso()).bind(4, id);
    return update->exec();
}

Status finishJob(Database &db, std::int64_t id, const QString &status, const QString &error)
{
    Result<Statement> update = db.prepare(
        "UPDATE jobs SET status=?, error=?, updated_at=?, finished_at=? WHERE id=?");
    if (!update)
        return update.takeError();
    const QString now = nowIso();
    update->bind(1, status).bind(2, error).bind(3, now).bind(4, now).bind(5, id);
    return update->exec();
}

Status endJob(Database &db, std::int64_t id, const Status &failure, bool cancelled, qint64 done, qint64 total)
{
    if (!failure) {
        (void)finishJob(db, id, QStringLiteral("failed"), failure.error());
        return failure;
    }
    if (Status status = updateJob(db, id, done, total); !status)
        return status;
    return finishJob(db, id, cancelled ? QStringLiteral("cancelled") : QStringLiteral("done"));
}

Status addJobIssue(Database &db, std::int64_t id, const QString &path, const QString &reason)
{
    Result<Statement> insert = db.prepare("INSERT INTO job_issues(job_id, path, reason, at) VALUES(?, ?, ?, ?)");
    if (!insert)
        return insert.takeError();
    insert->bind(1, id).bind(2, path).bind(3, reason).bind(4, nowIso());
    return insert->exec();
}

Result<int> markInterruptedJobs(Database &db)
{
    Result<Statement> running = db.prepare("SELECT id, pid FROM jobs WHERE status='running'");
    if (!running)
        return running.takeError();
    QList<std::int64_t> dead;
    Status scanned = running->forEachRow([&] {
        if (!processAlive(running->int64(1)))
            dead.append(running->int64(0));
    });
    if (!scanned)
        return scanned.takeError();
    for (std::int64_t id : dead) {
        if (Status status = finishJob(db, id, QStringLiteral("interrupted"), interruptedMessage()); !status)
            return status.takeError();
    }
    return int(dead.size());
}

Result<QList<JobRecord>> recentJobs(Database &db, const QString &kind, int limit)
{
    Result<Statement> query = db.prepare(
        "SELECT id, kind, params, status, total, done, error, created_at, coalesce(finished_at, '') "
        "FROM jobs WHERE ?1 = '' OR kind = ?1 ORDER BY id DESC LIMIT ?2");
    if (!query)
        return query.takeError();
    query->bind(1, kind).bind(2, limit);
    QList<JobRecord> jobs;
    Status read = query->forEachRow([&] {
        JobRecord job;
        job.id = query->int64(0);
        job.kind = query->text(1);
        job.params = QJsonDocument::fromJson(query->text(2).toUtf8()).object();
        job.status = query->text(3);
        job.total = query->int64(4);
        job.done = query->int64(5);
        job.error = query->text(6);
        job.createdAt = query->text(7);
        job.finishedAt = query->text(8);
        jobs.append(job);
    });
    if (!read)
        return read.takeError();
    return jobs;
}

bool JobListing::operator==(const JobListing &other) const
{
    return job.id == other.job.id && job.status == other.job.status && job.done == other.job.done && job.total == other.job.total
           && job.error == other.job.error && job.finishedAt == other.job.finishedAt && updatedAt == other.updatedAt
           && lastError == other.lastError && issueCount == other.issueCount;
}

Result<QList<JobListing>> listJobs(Database &db, int limit)
{
    Result<Statement> query = db.prepare(
        "SELECT j.id, j.kind, j.params, j.status, j.total, j.done, j.error, j.created_at, coalesce(j.finished_at, ''), "
        "j.updated_at, coalesce(j.pid, 0), "
        "(SELECT path || ': ' || reason FROM job_issues WHERE job_id = j.id ORDER BY id DESC LIMIT 1), "
        "(SELECT count(*) FROM job_issues WHERE job_id = j.id) "
        "FROM jobs j ORDER BY j.id DESC LIMIT ?");
    if (!query)
        return query.takeError();
    query->bind(1, limit);
    QList<JobListing> jobs;
    Status read = query->forEachRow([&] {
        JobListing listing;
        JobRecord &job = listing.job;
        job.id = query->int64(0);
        job.kind = query->text(1);
        job.params = QJsonDocument::fromJson(query->text(2).toUtf8()).object();
        job.status = query->text(3);
        job.total = query->int64(4);
        job.done = query->int64(5);
        job.error = query->text(6);
        job.createdAt = query->text(7);
        job.finishedAt = query->text(8);
        listing.updatedAt = query->text(9);
        if (job.status == QLatin1String("running") && !processAlive(query->int64(10))) {
            job.status = QStringLiteral("interrupted");
            job.error = interruptedMessage();
        }
        listing.lastError = job.error.isEmpty() ? query->text(11) : job.error;
        listing.issueCount = query->int64(12);
        jobs.append(listing);
    });
    if (!read)
        return read.takeError();
    return jobs;
}

QString issueReport(const QList<JobIssue> &issues, qint64 total, int limit)
{
    QString text;
    const int shown = int(std::min<qsizetype>(issues.size(), limit));
    for (int i = 0; i < shown; ++i)
        text += QStringLiteral("%1: %2\n").arg(issues[i].path, issues[i].reason);
    if (total > shown)
        text += QCoreApplication::translate("sieve::jobs", "… and %1 more, all kept in the project.\n").arg(total - shown);
    return text;
}

Result<QList<JobRecord>> interruptedJobs(Database &db, const QString &kind)
{
    Result<QList<JobRecord>> recent = recentJobs(db, kind, 200);
    if (!recent)
        return recent.takeError();
    QList<JobRecord> interrupted;
    QSet<QString> seen;
    for (const JobRecord &job : *recent) {
        const QString key = QString::fromUtf8(QJsonDocument(job.params).toJson(QJsonDocument::Compact));
        if (seen.contains(key))
            continue;
        seen.insert(key);
        if (job.status == QLatin1String("interrupted"))
            interrupted.append(job);
    }
    return interrupted;
}

Result<QList<JobIssue>> jobIssues(Database &db, std::int64_t id, int limit)
{
    Result<Statement> query = db.prepare("SELECT path, reason FROM job_issues WHERE job_id=? ORDER BY id LIMIT ?");
    if (!query)
        return query.takeError();
    query->bind(1, id).bind(2, limit);
    QList<JobIssue> issues;
    Status read = query->forEachRow([&] { issues.append({query->text(0), query->text(1)}); });
    if (!read)
        return read.takeError();
    return issues;
}

} // namespace sieve::jobs
