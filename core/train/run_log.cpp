#include "train/run_log.h"

#include "base/clock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

Result<RunLog> RunLog::start(store::Database &db, const QString &name, const QJsonObject &config)
{
    // The row and its directory in one transaction: no run without a directory, even after a crash.
    store::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().takeError();
    Result<store::Statement> insert = db.prepare(
        "INSERT INTO runs(name, status, config, directory, started_at) VALUES(?, 'running', ?, '', ?)");
    if (!insert)
        return insert.takeError();
    insert->bind(1, name).bind(2, compact(config)).bind(3, nowIso());
    if (Status status = insert->exec(); !status)
        return status.takeError();
    RunLog log(db, db.lastInsertId(), config);
    if (Status prepared = log.prepareInsert(); !prepared)
        return prepared.takeError();
    Result<store::Statement> directory = db.prepare("UPDATE runs SET directory=? WHERE id=?");
    if (!directory)
        return directory.takeError();
    directory->bind(1, log.directory()).bind(2, log.id());
    if (Status status = directory->exec(); !status)
        return status.takeError();
    if (Status committed = transaction.commit(); !committed)
        return committed.takeError();
    return log;
}

Result<RunLog> RunLog::resume(store::Database &db, std::int64_t id)
{
    Result<store::Statement> query = db.prepare("SELECT status, config FROM runs WHERE id=?");
    if (!query)
        return query.takeError();
    query->bind(1, id);
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return fail(Tr::tr("There is no training run %1 in this project.").arg(id));
    const QString status = query->text(0);
    const QJsonObject config = QJsonDocument::fromJson(query->text(1).toUtf8()).object();
    query->reset();
    if (status == QLatin1String("done"))
        return fail(Tr::tr("Run %1 has finished; there is nothing to resume.").arg(id));
    Result<store::Statement> update = db.prepare("UPDATE runs SET status='running', error='', finished_at=NULL WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, id);
    if (Status done = update->exec(); !done)
        return done.takeError();
    RunLog log(db, id, config);
    if (Status prepared = log.prepareInsert(); !prepared)
        return prepared.takeError();
    return log;
}

Status RunLog::prepareInsert()
{
    Result<store::Statement> insert = m_db->prepare(
        "INSERT OR REPLACE INTO run_metrics(run_id, tag, step, wall_time, value) VALUES(?, ?, ?, ?, ?)");
    if (!insert)
        return insert.takeError();
    m_insert = std::move(*insert);
    Result<store::Statement> clear = m_db->prepare("DELETE FROM run_predictions WHERE run_id=? AND epoch=?");
    if (!clear)
        return clear.takeError();
    m_clearResults = std::move(*clear);
    Result<store::Statement> result = m_db->prepare(
        "INSERT OR REPLACE INTO run_predictions(run_id, epoch, image_id, true_index, predicted_index, probability) "
        "VALUES(?, ?, ?, ?, ?, ?)");
    if (!result)
        return result.takeError();
    m_insertResult = std::move(*result);
    return {};
}

QString RunLog::directory() const { return QStringLiteral("runs/%1").arg(m_id); }

Status RunLog::setConfig(const QJsonObject &config)
{
    Result<store::Statement> update = m_db->prepare("UPDATE runs SET config=? WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, compact(config)).bind(2, m_id);
    if (Status status = update->exec(); !status)
        return status;
    m_config = config;
    return {};
}

void RunLog::writeEventFile(const QString &directory)
{
    m_events.reset();
    Result<std::unique_ptr<EventFileWriter>> writer =
        EventFileWriter::create(directory, double(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
    if (writer)
        m_events = std::move(*writer);
    else
        eventFileFailed(writer.error());
}

void RunLog::eventFileFailed(const QString &message)
{
    m_events.reset();
    if (!m_eventError.isEmpty())
        return;
    m_eventError = message;
    qWarning("%s", qPrintable(Tr::tr("%1 The run goes on; its metrics are kept in the project.").arg(message)));
}

void RunLog::add(const QString &tag, std::int64_t step, double value)
{
    const double wallTime = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    m_pending.push_back({tag, step, wallTime, value});
    if (m_events) {
        if (Status written = m_events->addScalar(tag, step, wallTime, value); !written)
            eventFileFailed(written.error());
    }
}

void RunLog::setValidationResults(int epoch, std::vector<ValidationResult> results)
{
    m_resultsEpoch = epoch;
    m_results = std::move(results);
}

Status RunLog::flush()
{
    if (m_events) {
        if (Status flushed = m_events->flush(); !flushed)
            eventFileFailed(flushed.error());
    }
    if (m_pending.empty() && m_resultsEpoch == 0)
        return {};
    store::Transaction transaction(*m_db);
    if (!transaction.begun())
        return transaction.begun();
    for (const Row &row : m_pending) {
        m_insert.bind(1, m_id).bind(2, row.tag).bind(3, row.step).bind(4, row.wallTime).bind(5, row.value);
        if (Status status = m_insert.exec(); !status)
            return status;
    }
    if (m_resultsEpoch > 0) {
        m_clearResults.bind(1, m_id).bind(2, std::int64_t(m_resultsEpoch));
        if (Status status = m_clearResults.exec(); !status)
            return status;
        for (const ValidationResult &result : m_results) {
            m_insertResult.bind(1, m_id).bind(2, std::int64_t(m_resultsEpoch)).bind(3, result.imageId)
                .bind(4, std::int64_t(result.trueIndex)).bind(5, std::int64_t(result.predictedIndex)).bind(6, result.probability);
            if (Status status = m_insertResult.exec(); !status)
                return status;
        }
    }
    if (Status status = transaction.commit(); !status)
        return status;
    m_pending.clear();
    m_resultsEpoch = 0;
    m_results.clear();
    return {};
}

Status RunLog::finish(const QString &status, const QString &error, const QJsonObject &summary)
{
    if (Status flushed = flush(); !flushed)
        return flushed;
    Result<store::Statement> update =
        m_db->prepare("UPDATE runs SET status=?, error=?, summary=?, finished_at=? WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, status).bind(2, error).bind(3, compact(summary)).bind(4, nowIso()).bind(5, m_id);
    return update->exec();
}

} // namespace sieve::train
