#include "cluster/cluster_training_job.h"

#include "cluster/cluster_activity.h"
#include "cluster_training.h"
#include "jobs/job_runner.h"
#include "local_cluster.h"
#include "session/project_session.h"
#include "store/project.h"
#include "train/trainer.h"
#include "worker_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QThread>

namespace sieve::ui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::ProjectJobs)
};

QString outcomeSummary(const cluster::ClusterSummary &s)
{
    if (s.cancelled)
        return Tr::tr("Run %1 cancelled after %2 of %3 epochs").arg(s.runId).arg(s.epochsDone).arg(s.epochs);
    QString text = Tr::tr("Run %1 on %n worker(s): %2 epochs, best validation accuracy %3 % (epoch %4)", nullptr, int(s.workersAtEnd.size()))
                       .arg(s.runId).arg(s.epochsDone).arg(s.bestTop1 * 100, 0, 'f', 1).arg(s.bestEpoch);
    if (s.stoppedEarly)
        text += Tr::tr(", stopped early");
    if (s.restarts > 0)
        text += Tr::tr("; %n restart(s) after a lost worker", nullptr, s.restarts);
    text += Tr::tr("; %1 files sent, %2 already on the workers").arg(s.blobsUploaded).arg(s.blobsSkipped);
    return text;
}

} // namespace

JobRunner *makeClusterTrainingJob(ProjectSession *session, const train::TrainOptions &options, const train::TrainResources &resources,
                                  const TrainingPlacement &placement, std::shared_ptr<std::atomic<std::int64_t>> runId,
                                  ClusterActivity *activity)
{
    const QString model = options.pretrained.isEmpty() ? options.model : QFileInfo(options.pretrained).fileName();
    const QString title = placement.kind == TrainingPlacement::Kind::LocalCluster
                              ? Tr::tr("Train %1 on %n local worker(s)", nullptr, placement.localWorkers).arg(model)
                              : Tr::tr("Train %1 on %n worker(s)", nullptr, int(placement.workers.size())).arg(model);
    return new JobRunner(title, session->project().databasePath(),
                         [options, threads = resources.threads, placement, runId, activity,
                          directory = session->project().directory()](store::Database &, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<std::unique_ptr<store::Project>> project = store::Project::open(directory);
                             if (!project)
                                 return project.takeError();
                             cluster::ClusterOptions cluster;
                             cluster.maxRestarts = placement.maxRestarts;
                             cluster.checkpointEverySteps = std::uint64_t(std::max(0, placement.checkpointEverySteps));
                             std::unique_ptr<cluster::LocalCluster> local;
                             if (placement.kind == TrainingPlacement::Kind::LocalCluster) {
                                 cluster::LocalCluster::Options o;
                                 o.workers = placement.localWorkers;
                                 const int cores = threads > 0 ? threads : QThread::idealThreadCount();
                                 o.threadsPerWorker = std::max(1, cores / placement.localWorkers);
                                 o.cacheRoot = QDir(directory).filePath(QStringLiteral("cluster-cache"));
                                 context.setPhase(Tr::tr("Starting %n local worker(s)", nullptr, placement.localWorkers));
                                 Result<std::unique_ptr<cluster::LocalCluster>> started = cluster::LocalCluster::start(o);
                                 if (!started)
                                     return started.takeError();
                                 local = std::move(*started);
                                 cluster.workers = local->endpoints();
                             } else {
                                 for (const store::ClusterWorker &worker : placement.workers) {
                                     Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker);
                                     if (!endpoint)
                                         return endpoint.takeError();
                                     cluster.workers.append(*endpoint);
                                 }
                             }
                             const QString localKey = local ? local->tokenFile() : QString();
                             if (local && activity)
                                 activity->addLocalCluster(localKey, cluster.workers);
                             cluster.onAttempt = [runId, activity](std::int64_t id, int attempt, const QStringList &ranks) {
                                 runId->store(id);
                                 if (activity)
                                     activity->setAttempt(id, attempt, ranks);
                             };
                             Result<cluster::ClusterSummary> summary = cluster::runClusterTraining(**project, options, cluster, context);
                             if (activity && runId->load() != 0)
                                 activity->endRun(runId->load());
                             if (local) {
                                 local->stop();
                                 if (activity)
                                     activity->removeLocalCluster(localKey);
                             }
                             if (!summary)
                                 return summary.takeError();
                             runId->store(summary->runId);
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             outcome.summary = outcomeSummary(*summary);
                             return outcome;
                         });
}

} // namespace sieve::ui
