#include "data_parallel_job.h"

#include "data_parallel_run.h"

#include <QCoreApplication>
#include <QDir>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

} // namespace

int localBatchSize(int globalBatch, int rank, int worldSize)
{
    if (worldSize < 1 || rank < 0 || rank >= worldSize)
        return 0;
    return globalBatch / worldSize + (rank < globalBatch % worldSize ? 1 : 0);
}

Status DataParallelJob::validate() const
{
    if (worldSize < 1 || worldSize > 1024)
        return fail(Tr::tr("The world size must be 1 to 1024, not %1.").arg(worldSize));
    if (rank < 0 || rank >= worldSize)
        return fail(Tr::tr("Rank %1 is not in a world of %2.").arg(rank).arg(worldSize));
    if (worldSize > 1 && rendezvousPrefix.empty())
        return fail(Tr::tr("A job of several ranks needs a rendezvous prefix."));
    if (timeout.count() <= 0)
        return fail(Tr::tr("The collective timeout must be positive."));
    if (model.classes.size() < 2)
        return fail(Tr::tr("The model must have at least two classes, not %1.").arg(model.classes.size()));
    if (Status valid = options.validate(); !valid)
        return valid;
    if (options.batchSize < worldSize)
        return fail(Tr::tr("A global batch of %1 cannot give each of %2 ranks an image.").arg(options.batchSize).arg(worldSize));
    if (train.empty())
        return fail(Tr::tr("Rank %1 has no training images.").arg(rank));
    if (outputDirectory.isEmpty())
        return fail(Tr::tr("The job has no output folder."));
    if (checkpointEverySteps < 0 || checksumEverySteps < 0 || maxSteps < 0 || threads < 0 || loaderThreads < 0)
        return fail(Tr::tr("Step counts and thread counts cannot be negative."));
    return {};
}

Result<DataParallelResult> runDataParallelJob(const DataParallelJob &job, KeyValueStore &store,
                                              const std::atomic<bool> &cancel, JobEventSink &events)
{
    Status status = job.validate();
    if (status && !QDir().mkpath(job.outputDirectory))
        status = fail(Tr::tr("%1: the output folder cannot be created.").arg(job.outputDirectory));
    DataParallelRun run(job, store, cancel, events);
    if (status)
        status = run.connect();
    if (status)
        status = run.prepare();
    if (status)
        status = run.start();
    if (status)
        status = run.train();
    if (status)
        status = run.finish();
    if (!status) {
        events.stateChanged(JobState::Failed, status.error());
        return status.takeError();
    }
    return std::move(run.result());
}

} // namespace sieve::cluster
