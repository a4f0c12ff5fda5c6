#pragma once

#include "base/result.h"
#include "store/database.h"
#include "train/event_file_writer.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace sieve::train {

// A training run's rows: its `runs` row (status, config, directory runs/<id>, error, summary)
// and its `run_metrics`, the only thing the training charts read. Metrics are buffered by
// add() and written by flush() in one transaction with one prepared statement; a row of the
// same (tag, step) replaces the old one, so a resumed run overwrites the steps it repeats.
//
// With writeEventFile(), every metric also goes to a TensorBoard event file in the run's folder.
//
// Uses the caller's connection, on its thread only. The Database must outlive the log.
class RunLog {
public:
    // One validation image's result at an epoch (run_predictions).
    struct ValidationResult {
        std::int64_t imageId = 0;
        int trueIndex = 0;
        int predictedIndex = 0;
        double probability = 0;
    };

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

    // Also writes every metric added from now on to a new TensorBoard event file in DIRECTORY
    // (the run's folder, absolute; EventFileWriter), flushed with the rows, so TensorBoard
    // follows a live run. A resumed run calls it again and gets a file of its own, as
    // TensorBoard's writers do. The event file is a copy for other tools: failing to create
    // or write it never fails the run; the first failure is logged (qWarning) and kept in
    // eventFileError(), and the metrics go on to the database alone.
    void writeEventFile(const QString &directory);
    QString eventFilePath() const { return m_events ? m_events->path() : QString(); }
    const QString &eventFileError() const { return m_eventError; }

    void add(const QString &tag, std::int64_t step, double value);
    // The per-image validation results of EPOCH; the next flush() replaces the epoch's rows with
    // them in the transaction of the metrics added meanwhile, so that the confusion matrix and
    // the images behind its cells always agree, also for an epoch a resumed run validates again.
    void setValidationResults(int epoch, std::vector<ValidationResult> results);
    Status flush();
    // Flushes, then records the end: status done, failed or cancelled, ERROR and SUMMARY.
    Status finish(const QString &status, const QString &error, const QJsonObject &summary);

private:
    RunLog(store::Database &db, std::int64_t id, QJsonObject config) : m_db(&db), m_id(id), m_config(std::move(config)) {}
    Status prepareInsert();
    void eventFileFailed(const QString &message);

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
    store::Statement m_clearResults;
    store::Statement m_insertResult;
    std::vector<Row> m_pending;
    int m_resultsEpoch = 0;                     // 0: no validation results pending
    std::vector<ValidationResult> m_results;
    std::unique_ptr<EventFileWriter> m_events; // null when not asked for or after a failure
    QString m_eventError;
};

} // namespace sieve::train
