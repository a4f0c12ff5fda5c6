#include "training/training_actions.h"

#include "cluster/cluster_training_job.h"
#include "jobs/job_runner.h"
#include "jobs/jobs_panel.h"
#include "jobs/project_jobs.h"
#include "session/project_session.h"
#include "store/project.h"
#include "train/trainer.h"
#include "training/new_run_dialog.h"
#include "training/training_panel.h"

#include <QMessageBox>

#include <algorithm>

namespace sieve::ui {

TrainingActions::TrainingActions(ProjectSession *session, JobsPanel *jobs, QWidget *window, QObject *parent)
    : QObject(parent), m_session(session), m_jobs(jobs), m_window(window)
{
}

void TrainingActions::attach(TrainingPanel *panel)
{
    connect(panel, &TrainingPanel::newRunRequested, this, &TrainingActions::newRun);
    connect(panel, &TrainingPanel::cancelRunRequested, this, &TrainingActions::cancel);
    connect(panel, &TrainingPanel::resumeRunRequested, this, &TrainingActions::resume);
}

void TrainingActions::forgetFinished()
{
    m_running.removeIf([](const Job &job) { return !job.first || !job.first->isRunning(); });
}

bool TrainingActions::isTraining(std::int64_t runId) const
{
    return std::any_of(m_running.begin(), m_running.end(), [runId](const Job &job) {
        return job.first && job.first->isRunning() && job.second->load() == runId;
    });
}

void TrainingActions::newRun()
{
    auto *dialog = new NewRunDialog(m_session->project().databasePath(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_filter)
        dialog->setGalleryFilter(m_filter());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        auto runId = std::make_shared<std::atomic<std::int64_t>>(0);
        const TrainingPlacement placement = dialog->placement();
        JobRunner *runner = placement.kind == TrainingPlacement::Kind::ThisComputer
                                ? makeTrainingJob(m_session, dialog->options(), dialog->resources(), runId)
                                : makeClusterTrainingJob(m_session, dialog->options(), dialog->resources(), placement, runId, m_activity);
        forgetFinished();
        m_running.append({runner, runId});
        m_jobs->run(runner);
        emit runStarted();
    });
    dialog->open();
}

void TrainingActions::resume(std::int64_t runId)
{
    if (isTraining(runId)) {
        QMessageBox::information(m_window, tr("Resume run"), tr("Run %1 is being trained already.").arg(runId));
        return;
    }
    auto id = std::make_shared<std::atomic<std::int64_t>>(runId);
    // The run keeps its own options; the machine's threads are this one's.
    JobRunner *runner = makeTrainingJob(m_session, {}, {}, id, runId);
    forgetFinished();
    m_running.append({runner, id});
    m_jobs->run(runner);
    emit runStarted();
}

void TrainingActions::cancel(std::int64_t runId)
{
    forgetFinished();
    for (const auto &[runner, id] : std::as_const(m_running)) {
        if (id->load() == runId) {
            runner->cancel();
            return;
        }
    }
    // A job still choosing its images has no run yet; when it is the only one, the running
    // run asked for can only be its own.
    JobRunner *unknown = nullptr;
    int unknownCount = 0;
    for (const auto &[runner, id] : std::as_const(m_running))
        if (id->load() == 0) {
            unknown = runner;
            ++unknownCount;
        }
    if (unknownCount == 1) {
        unknown->cancel();
        return;
    }
    QMessageBox::information(m_window, tr("Cancel run"),
                             tr("Run %1 is not being trained by this window. Stop it where it was started (sieve-cli: Ctrl+C).").arg(runId));
}

} // namespace sieve::ui
