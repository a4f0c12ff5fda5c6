// sieve-cli train --workers …: cluster training from the command line.

#include "commands_train_cluster.h"
#include "run_summary_json.h"

#include "cli.h"

#include "cluster_training.h"
#include "local_cluster.h"
#include "store/cluster_workers.h"
#include "store/project.h"
#include "worker_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QThread>

#include <memory>

namespace sieve::cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

} // namespace

void addClusterTrainOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("workers"), Tr::tr("Train on sieve-worker nodes instead of this machine: local:N starts N workers on this "
                                           "machine (threads split), project uses the project's workers (sieve-cli workers), or "
                                           "HOST:PORT,HOST:PORT,… (rank 0 first)."), QStringLiteral("LIST")},
        {QStringLiteral("token-file"), Tr::tr("With --workers HOST:PORT,…: the file holding the workers' token."), QStringLiteral("FILE")},
        {QStringLiteral("tls-ca"), Tr::tr("With --workers HOST:PORT,…: connect with TLS, trusting this PEM CA."), QStringLiteral("FILE")},
        {QStringLiteral("max-restarts"), Tr::tr("With --workers: restarts on the workers left after one is lost (default 3)."), QStringLiteral("K")},
        {QStringLiteral("worker-timeout"), Tr::tr("With --workers: seconds a worker may stop answering before it is dropped (default 30)."), QStringLiteral("S")},
        {QStringLiteral("checkpoint-every"), Tr::tr("With --workers: a checkpoint every STEPS steps besides each epoch's, so that a restart "
                                                    "after a lost worker loses less work (default: epochs only)."), QStringLiteral("STEPS")},
    });
}

int trainOnCluster(Command &command, store::Project &project, const train::TrainOptions &options, int threads)
{
    QCommandLineParser &parser = command.parser();
    const QString list = parser.value(QStringLiteral("workers")).trimmed();
    cluster::ClusterOptions cluster;
    bool ok = true;
    if (parser.isSet(QStringLiteral("max-restarts"))) {
        cluster.maxRestarts = parser.value(QStringLiteral("max-restarts")).toInt(&ok);
        if (!ok || cluster.maxRestarts < 0 || cluster.maxRestarts > 1000)
            return command.error(Tr::tr("--max-restarts must be a whole number from 0 to 1000, not “%1”.")
                                     .arg(parser.value(QStringLiteral("max-restarts"))), Usage);
    }
    if (parser.isSet(QStringLiteral("worker-timeout"))) {
        const int seconds = parser.value(QStringLiteral("worker-timeout")).toInt(&ok);
        if (!ok || seconds < 2 || seconds > 600)
            return command.error(Tr::tr("--worker-timeout must be a whole number of seconds from 2 to 600, not “%1”.")
                                     .arg(parser.value(QStringLiteral("worker-timeout"))), Usage);
        cluster.collectiveTimeout = std::chrono::seconds(seconds);
    }
    if (parser.isSet(QStringLiteral("checkpoint-every"))) {
        const qlonglong steps = parser.value(QStringLiteral("checkpoint-every")).toLongLong(&ok);
        if (!ok || steps < 1 || steps > 100000000)
            return command.error(Tr::tr("--checkpoint-every must be a whole number of steps from 1 to 100000000, not “%1”.")
                                     .arg(parser.value(QStringLiteral("checkpoint-every"))), Usage);
        cluster.checkpointEverySteps = std::uint64_t(steps);
    }
    if (options.headOnly)
        return command.error(Tr::tr("--head-only trains on this machine only; leave out --workers."), Usage);
    std::unique_ptr<cluster::LocalCluster> local;
    if (list.startsWith(QLatin1String("local:"))) {
        const int count = list.mid(6).toInt(&ok);
        if (!ok || count < 1 || count > 64)
            return command.error(Tr::tr("--workers local:N needs N from 1 to 64, not “%1”.").arg(list), Usage);
        if (parser.isSet(QStringLiteral("token-file")) || parser.isSet(QStringLiteral("tls-ca")))
            return command.error(Tr::tr("--token-file and --tls-ca are for remote workers; local:N makes its own token."), Usage);
        cluster::LocalCluster::Options localOptions;
        localOptions.workers = count;
        const int cores = threads > 0 ? threads : QThread::idealThreadCount();
        localOptions.threadsPerWorker = std::max(1, cores / count);
        // Kept in the project, so that the next run sends no image twice.
        localOptions.cacheRoot = QDir(project.directory()).filePath(QStringLiteral("cluster-cache"));
        command.context().setPhase(Tr::tr("Starting %n local worker(s)", nullptr, count));
        Result<std::unique_ptr<cluster::LocalCluster>> started = cluster::LocalCluster::start(localOptions);
        if (!started)
            return command.error(started.error());
        local = std::move(*started);
        cluster.workers = local->endpoints();
    } else {
        // The project's workers, or those listed with one token file: their secrets read as
        // the app reads them (cluster::endpointFor: a token file others can read is refused).
        QList<store::ClusterWorker> workers;
        if (list == QLatin1String("project")) {
            if (parser.isSet(QStringLiteral("token-file")) || parser.isSet(QStringLiteral("tls-ca")))
                return command.error(Tr::tr("--workers project reads each worker's token and TLS files from the project's list; "
                                            "leave out --token-file and --tls-ca."), Usage);
            Result<QList<store::ClusterWorker>> listed = store::listClusterWorkers(project.db());
            if (!listed)
                return command.error(listed.error());
            if (listed->isEmpty())
                return command.error(Tr::tr("The project has no workers; add them with sieve-cli workers PROJECT --add HOST:PORT --token-file F."), Usage);
            workers = *listed;
        } else {
            if (!parser.isSet(QStringLiteral("token-file")))
                return command.error(Tr::tr("--workers HOST:PORT,… needs --token-file FILE (the workers' token)."), Usage);
            for (const QString &address : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                Result<QString> valid = store::validWorkerAddress(address);
                if (!valid)
                    return command.error(Tr::tr("--workers: %1 Or use local:N or project.").arg(valid.error()), Usage);
                workers.append({0, *valid, {}, parser.value(QStringLiteral("token-file")), parser.value(QStringLiteral("tls-ca")), {}, {}});
            }
            if (workers.isEmpty())
                return command.error(Tr::tr("--workers lists no worker."), Usage);
        }
        for (const store::ClusterWorker &worker : std::as_const(workers)) {
            Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker);
            if (!endpoint)
                return command.error(endpoint.error(), Usage);
            cluster.workers.append(*endpoint);
        }
    }

    Result<cluster::ClusterSummary> result = cluster::runClusterTraining(project, options, cluster, command.context(),
                                                                         [&command](const QString &line) {
                                                                             if (!command.json())
                                                                                 std::fprintf(stderr, "%s\n", qPrintable(line));
                                                                         });
    if (local)
        local->stop();
    command.finishProgress();
    if (!result)
        return command.error(result.error());
    const cluster::ClusterSummary &s = *result;
    if (command.json()) {
        QJsonObject json = runSummaryJson(s);
        json.insert(QStringLiteral("restarts"), s.restarts);
        json.insert(QStringLiteral("workers"), QJsonArray::fromStringList(s.workersAtEnd));
        json.insert(QStringLiteral("blobs_uploaded"), s.blobsUploaded);
        json.insert(QStringLiteral("blobs_skipped"), s.blobsSkipped);
        json.insert(QStringLiteral("bytes_uploaded"), s.bytesUploaded);
        command.printJson(json);
    } else {
        for (const QString &excluded : s.excludedClasses)
            command.print(excluded);
        command.print(Tr::tr("Run %1 on %2: %3 classes, %4 training and %5 validation images; epochs done: %6 of %7 (%8 steps)%9, %n restart(s).", nullptr, s.restarts)
                          .arg(s.runId).arg(s.workersAtEnd.join(QStringLiteral(", "))).arg(s.classes.size())
                          .arg(s.trainImages).arg(s.validationImages).arg(s.epochsDone).arg(s.epochs).arg(s.steps)
                          .arg(s.stoppedEarly ? Tr::tr(", stopped early") : QString()));
        command.print(Tr::tr("Validation: top-1 %1, top-5 %2, loss %3 (last epoch); best top-1 %4 at epoch %5.")
                          .arg(percent(s.finalTop1), percent(s.finalTop5)).arg(s.finalLoss, 0, 'f', 4)
                          .arg(percent(s.bestTop1)).arg(s.bestEpoch));
        command.print(Tr::tr("Sent %1 files (%2 bytes); %3 were in the workers' caches.")
                          .arg(s.blobsUploaded).arg(s.bytesUploaded).arg(s.blobsSkipped));
        if (!s.modelPath.isEmpty())
            command.print(Tr::tr("Model: %1").arg(s.modelPath));
    }
    return s.cancelled ? Interrupted : Ok;
}

} // namespace sieve::cli
