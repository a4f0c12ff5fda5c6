#pragma once

#include "jobs/job_store.h"

#include <QAbstractTableModel>
#include <QList>

#include <cstdint>

namespace sieve::ui {

// The project's jobs as a table, newest first: what ran, its state, progress, when it started
// and ended, and the last error. Filled with whole listings (jobs::listJobs, read off the GUI
// thread); an unchanged listing changes nothing, a changed one updates rows in place when the
// same jobs are listed, so the selection stays. GUI thread only.
class JobHistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Job, State, Progress, Started, Ended, LastError, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, DoneRole, TotalRole, StatusRole };

    explicit JobHistoryModel(QObject *parent = nullptr);

    void setJobs(const QList<jobs::JobListing> &jobs);
    const QList<jobs::JobListing> &jobs() const { return m_jobs; }
    bool anyRunning() const;
    // The job of ROW, or nullptr.
    const jobs::JobListing *job(int row) const;

    // For people: "Quality scan", "Import" …; a kind this version does not know, as it is.
    static QString kindTitle(const QString &kind);
    static QString statusTitle(const QString &status);
    // An ISO-8601 UTC time of the jobs table in local time, for people; SHORT leaves out the
    // date of today.
    static QString timeText(const QString &iso, bool shortToday = true);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<jobs::JobListing> m_jobs;
};

} // namespace sieve::ui
