#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace sieve::store {
class Database;
}

namespace sieve::jobs {

struct JobRecord {
    std::int64_t id = 0;
    QString kind;
    QJsonObject params;
    QString status;           // running, done, failed, cancelled, interrupted
    qint64 total = 0;
    qint64 done = 0;
    QString error;
    QString createdAt;
    QString finishedAt;
};

struct JobIssue {
    QString path;
    QString reason;
};

// Persistence of jobs in the project database (table jobs and job_issues). Every function
// works on the caller's connection and commits at once (or joins the caller's transaction).

Result<std::int64_t> startJob(store::Database &db, const QString &kind, const QJsonObject &params);
Status updateJob(store::Database &db, std::int64_t id, qint64 done, qint64 total);
// status: done, failed or cancelled.
Status finishJob(store::Database &db, std::int64_t id, const QString &status, const QString &error = {});
// Records how a job ended: 'failed' with FAILURE's message, else 'cancelled' or 'done', with its
// final counts. Returns FAILURE itself, or the error of recording the end.
Status endJob(store::Database &db, std::int64_t id, const Status &failure, bool cancelled, qint64 done, qint64 total);
Status addJobIssue(store::Database &db, std::int64_t id, const QString &path, const QString &reason);
// Jobs left 'running' by a process that no longer exists become 'interrupted'. Returns how many.
Result<int> markInterruptedJobs(store::Database &db);

// Jobs of KIND whose latest run (per identical parameters, e.g. per imported folder) was
// interrupted: the ones worth offering to resume. Newest first.
Result<QList<JobRecord>> interruptedJobs(store::Database &db, const QString &kind);

// ISSUES for people, one "path: reason" line each (the first LIMIT), and how many more of TOTAL
// there are (all are kept in the project).
QString issueReport(const QList<JobIssue> &issues, qint64 total, int limit = 1000);

Result<QList<JobRecord>> recentJobs(store::Database &db, const QString &kind = {}, int limit = 20);

// A job as a list of the project's jobs shows it.
struct JobListing {
    JobRecord job;            // status 'interrupted' also for a job still marked running whose
                              // process is gone (what markInterruptedJobs would record)
    QString updatedAt;
    QString lastError;        // the job's error, else its newest issue ("path: reason"), else empty
    qint64 issueCount = 0;

    bool operator==(const JobListing &other) const;
};
// The project's newest LIMIT jobs, newest first, whoever ran them: this process, sieve-cli, an
// earlier session. Writes nothing. A few indexed reads per job: cheap enough to poll every
// couple of seconds, off the GUI thread.
Result<QList<JobListing>> listJobs(store::Database &db, int limit = 200);
Result<QList<JobIssue>> jobIssues(store::Database &db, std::int64_t id, int limit = 10000);

} // namespace sieve::jobs
