#pragma once

#include "jobs/job_runner.h"

#include <QWidget>

#include <functional>

class QTabWidget;
class QVBoxLayout;

namespace sieve::ui {

class JobHistoryView;

// The jobs panel. "This session": one row per job started in this window with its phase, a
// progress bar, the ETA and a Cancel button; finished jobs keep their summary, with "Details…"
// for the report of problems. "All jobs": every job of the project, also those sieve-cli ran
// or that were interrupted (JobHistoryView). Owns the runners. GUI thread only.
class JobsPanel : public QWidget {
    Q_OBJECT

public:
    explicit JobsPanel(QWidget *parent = nullptr);

    // The open project's database, whose jobs "All jobs" lists; empty when none is open.
    void setProjectDatabase(const QString &path);
    JobHistoryView *history() const { return m_history; }
    QTabWidget *tabs() const { return m_tabs; }

    // Starts RUNNER and shows it; the panel takes ownership.
    void run(JobRunner *runner);
    // A row offering to do something about an earlier job ("Import … was interrupted" /
    // Resume). Clicking runs ACTION and removes the row.
    void offer(const QString &text, const QString &button, std::function<void()> action);
    void clearOffers();
    int runningCount() const;
    void cancelAll();

signals:
    void jobFinished(const QString &title, bool ok, const sieve::ui::JobOutcome &outcome, const QString &error);
    void runningCountChanged(int count);

private:
    QTabWidget *m_tabs;
    JobHistoryView *m_history;
    QVBoxLayout *m_rows;
    QList<JobRunner *> m_runners;
};

} // namespace sieve::ui
