#pragma once

#include "store/image_query.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

class QWidget;

namespace sieve::ui {

class ClusterActivity;
class JobRunner;
class JobsPanel;
class ProjectSession;
class TrainingPanel;

// Training as the user starts and stops it from the window: the "New training run" dialog
// (offering the gallery's current filter, saved or not), cancelling and resuming runs from
// the runs list. Runs are jobs of JOBS; this object remembers which run each of its jobs
// trains, so that the runs list can cancel one even before its first epoch ends. Dialogs are
// parented to WINDOW. One per open project; GUI thread only.
class TrainingActions : public QObject {
    Q_OBJECT

public:
    TrainingActions(ProjectSession *session, JobsPanel *jobs, QWidget *window, QObject *parent = nullptr);

    // The gallery's filter, which the dialog offers as "the images shown in the gallery".
    void setFilterProvider(std::function<store::ImageFilter()> provider) { m_filter = std::move(provider); }
    // Where cluster runs report their workers (for the cluster view); it must outlive the jobs.
    void setClusterActivity(ClusterActivity *activity) { m_activity = activity; }
    // Connects PANEL's New Run, Cancel and Resume buttons to this.
    void attach(TrainingPanel *panel);

    // Opens the dialog (non-modal); Start runs the training as a job, on this computer or on the
    // workers the dialog names.
    void newRun();
    // Stops run RUNID if a job of this window trains it; otherwise says where to stop it.
    void cancel(std::int64_t runId);
    // Continues run RUNID from its last checkpoint as a job. Refused with a message when this
    // window is training it already.
    void resume(std::int64_t runId);
    // Whether a job of this window is training run RUNID.
    bool isTraining(std::int64_t runId) const;

signals:
    // A run was started or resumed: the monitor should be shown.
    void runStarted();

private:
    using Job = std::pair<QPointer<JobRunner>, std::shared_ptr<std::atomic<std::int64_t>>>;
    void forgetFinished();

    ProjectSession *m_session;
    JobsPanel *m_jobs;
    QWidget *m_window;
    ClusterActivity *m_activity = nullptr;
    std::function<store::ImageFilter()> m_filter;
    QList<Job> m_running;   // each with the run id it reports once the run's row exists
};

} // namespace sieve::ui
