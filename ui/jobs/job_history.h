#pragma once

#include "base/result.h"
#include "jobs/job_store.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

class QPushButton;
class QTableView;

namespace sieve::ui {

class JobHistoryModel;

// Every job of the project — run in this window, by sieve-cli, or interrupted — newest first,
// with "Details…" for the selected one (its counts, error and the items that had problems).
// The jobs table is read off the GUI thread on a connection of its own: on refresh(), every
// two seconds while a job runs (here or in another process) and every five otherwise, only
// while the list is visible. GUI thread only; the destructor waits for a read in flight.
class JobHistoryView : public QWidget {
    Q_OBJECT

public:
    explicit JobHistoryView(QWidget *parent = nullptr);
    ~JobHistoryView() override;

    // The project's database; empty lists nothing.
    void setDatabase(const QString &path);
    // A job of this window runs: poll as often as while a listed job runs.
    void setBusy(bool busy);
    void refresh();
    // Reads the details of the job in ROW and shows them in a window of their own.
    void showDetails(int row);

    JobHistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *detailsButton() const { return m_details; }

signals:
    // A new listing is in the model.
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Listing {
        QString databasePath;
        Result<QList<jobs::JobListing>> jobs = QList<jobs::JobListing>();
    };
    void onListed();
    void schedule();

    JobHistoryModel *m_model;
    QTableView *m_table;
    QPushButton *m_details;
    QString m_databasePath;
    bool m_busy = false;
    bool m_refreshOwed = false;   // asked for while a read ran
    QThreadPool m_pool;
    QTimer m_poll;
    QFutureWatcher<Listing> m_listWatcher;
    QFutureWatcher<Result<QString>> m_detailsWatcher;   // the issue report of m_detailsJob
    jobs::JobListing m_detailsJob;
};

} // namespace sieve::ui
