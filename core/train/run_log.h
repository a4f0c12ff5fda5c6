#pragma once

#include "base/result.h"
#include "store/database.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace sieve::train {

// A training run's rows: its `runs` row (status, config, directory runs/<id>, error, summary)
// and its `run_metrics`, the only thing the training charts read. Metrics are buffered by
// add() and written by flush() in one transaction with one prepared statement; a row of the
// same (tag, step) replaces the old one, so a resumed run overwrites the steps it repeats.
//
// Uses the caller's connection, on its thread only. The Database must outlive the log.
class RunLog {
public:
    // Inserts a run with status "running" and directory "runs/<id>". Fails when the database
    // cannot be written.
    static Result<RunLog> start(store::Database &db, const QString &name, const QJsonObject &config);
    // Takes up run ID again (resume): status back to "running", error cleared. Fails when there
    // is no such run or it finished successfully ("done" runs are not resumed).
    static Result<RunLog> resume(store::Database &db, std::int64_t id);

    std::int64_t id() const { return m_id; }
    const QJsonObject &config() const { return m_config; }
    QString directory() const; // relative to the project: "runs/<id>"
    Status setConfig(const QJsonObject &config);

    void add(const QString &tag, std::int64_t step, double value);
    Status flush();
    // Flushes, then records the end: status done, failed or cancelled, ERROR and SUMMARY.
    Status finish(const QString &status, const QString &error, const QJsonObject &summary);

private:
    RunLog(store::Database &db, std::int64_t id, QJsonObject config) : m_db(&db), m_id(id), m_config(std::move(config)) {}
    Status prepareInsert();

    struct Row {
        QString tag;
        std::int64_t step;
        double wallTime;
        double value;
    };
    store::Database *m_db;
    std::int64_t m_id;
    QJsonObject m_config;
    store::Statement m_insert;
    std::vector<Row> m_pending;
};

} // namespace sieve::train
