// sieve-cli worker-info, sieve-cli workers

#include "cli.h"

#include "store/cluster_workers.h"
#include "store/project.h"
#include "worker_client.h"
#include "worker_registry.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <future>

namespace sieve::cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

QString gibibytes(std::uint64_t bytes) { return QString::number(double(bytes) / double(1ull << 30), 'f', 1); }

} // namespace

int runWorkerInfo(const QStringList &args)
{
    Command command(QStringLiteral("worker-info"),
                    Tr::tr("Asks a sieve-worker node what it is: version, protocol, cores, instruction set, "
                           "memory, cache and whether it is busy. Checks the address, token and TLS setup."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("HOST:PORT"), Tr::tr("The worker's address."));
    parser.addOption({QStringLiteral("token-file"), Tr::tr("File holding the worker's token."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-ca"),
                      Tr::tr("Connect with TLS, trusting this PEM CA (or the worker's self-signed certificate)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-cert"), Tr::tr("Client certificate (PEM), for a worker started with --tls-ca."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-key"), Tr::tr("The client certificate's private key (PEM)."), QStringLiteral("FILE")});
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;

    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key")))
        return command.error(Tr::tr("--tls-cert and --tls-key go together"), Usage);
    if (parser.isSet(QStringLiteral("tls-cert")) && !parser.isSet(QStringLiteral("tls-ca")))
        return command.error(Tr::tr("--tls-cert needs --tls-ca: client certificates are sent over TLS only"), Usage);
    // The files read as the app reads a project worker's (a token or key others can read is refused).
    const store::ClusterWorker worker{0, command.positional().at(0), {}, parser.value(QStringLiteral("token-file")),
                                      parser.value(QStringLiteral("tls-ca")), parser.value(QStringLiteral("tls-cert")),
                                      parser.value(QStringLiteral("tls-key"))};
    Result<cluster::WorkerEndpoint> endpoint =
        parser.isSet(QStringLiteral("token-file")) ? cluster::endpointFor(worker)
                                                   : Result<cluster::WorkerEndpoint>(cluster::WorkerEndpoint{worker.address, {}, {}, {}, {}, 0});
    if (!endpoint)
        return command.error(endpoint.error(), Usage);

    cluster::WorkerClient client(*endpoint, std::chrono::seconds(10));
    Result<cluster::WorkerInfo> info = client.info();
    if (!info)
        return command.error(info.error());
    if (command.json()) {
        QJsonObject object = info->toJson();
        object.insert(QStringLiteral("address"), endpoint->address);
        command.printJson(object);
        return Ok;
    }
    const cluster::WorkerInfo &i = *info;
    command.print(Tr::tr("Worker:     %1 (%2)").arg(endpoint->address, i.hostname));
    command.print(Tr::tr("Version:    Sieve %1, protocol %2").arg(i.version).arg(i.protocolVersion));
    command.print(Tr::tr("CPU:        %1 cores, %2 for jobs, %3%4")
                      .arg(i.cores).arg(i.threads).arg(i.isa, i.bf16 ? Tr::tr(", native bf16") : QString()));
    if (i.loadAverage >= 0)
        command.print(Tr::tr("Load:       %1 (1-minute average, %2 cores)").arg(i.loadAverage, 0, 'f', 2).arg(i.cores));
    command.print(Tr::tr("Memory:     %1 GiB available of %2 GiB").arg(gibibytes(i.memoryAvailableBytes), gibibytes(i.memoryTotalBytes)));
    command.print(Tr::tr("Cache:      %1 blobs, %2 GiB").arg(i.cacheBlobs).arg(gibibytes(i.cacheBytes)));
    command.print(i.busy ? Tr::tr("State:      busy, job %1").arg(i.jobId)
                  : i.jobId.isEmpty() ? Tr::tr("State:      idle")
                                      : Tr::tr("State:      idle (last job %1: %2)").arg(i.jobId, cluster::jobStateName(i.jobState)));
    return Ok;
}

int runWorkers(const QStringList &args)
{
    Command command(QStringLiteral("workers"),
                    Tr::tr("Lists the sieve-worker nodes added to the project, asking each whether it answers; or adds or "
                           "removes one. Training uses them with train --workers project. Tokens stay in their files "
                           "(which must be readable by you alone); the project stores only where they are."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    parser.addOption({QStringLiteral("add"), Tr::tr("Add the worker listening on HOST:PORT (with --token-file)."), QStringLiteral("HOST:PORT")});
    parser.addOption({QStringLiteral("name"), Tr::tr("With --add: a label for it."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("token-file"), Tr::tr("With --add: the file holding its token (mode 600)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-ca"), Tr::tr("With --add: connect with TLS, trusting this PEM CA."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-cert"), Tr::tr("With --add: client certificate (PEM)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-key"), Tr::tr("With --add: the client certificate's key (PEM, mode 600)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("remove"), Tr::tr("Remove the worker with this address from the project."), QStringLiteral("HOST:PORT")});
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    if (parser.isSet(QStringLiteral("add")) && parser.isSet(QStringLiteral("remove")))
        return command.error(Tr::tr("Use --add or --remove, not both."), Usage);
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    store::Database &db = (*project)->db();

    if (parser.isSet(QStringLiteral("add"))) {
        store::ClusterWorker worker;
        worker.address = parser.value(QStringLiteral("add"));
        worker.name = parser.value(QStringLiteral("name"));
        worker.tokenFile = parser.value(QStringLiteral("token-file"));
        worker.tlsCaFile = parser.value(QStringLiteral("tls-ca"));
        worker.tlsCertFile = parser.value(QStringLiteral("tls-cert"));
        worker.tlsKeyFile = parser.value(QStringLiteral("tls-key"));
        if (worker.tokenFile.isEmpty())
            return command.error(Tr::tr("--add needs --token-file FILE (the worker's token)."), Usage);
        // The files are read now, so that a token others can read is refused here, not at the first run.
        if (Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker); !endpoint)
            return command.error(endpoint.error(), Usage);
        Result<std::int64_t> added = store::addClusterWorker(db, worker);
        if (!added)
            return command.error(added.error());
        command.print(Tr::tr("Added worker %1.").arg(worker.address.trimmed()));
        return Ok;
    }
    Result<QList<store::ClusterWorker>> workers = store::listClusterWorkers(db);
    if (!workers)
        return command.error(workers.error());
    if (parser.isSet(QStringLiteral("remove"))) {
        const QString address = parser.value(QStringLiteral("remove")).trimmed();
        for (const store::ClusterWorker &worker : *workers) {
            if (worker.address.compare(address, Qt::CaseInsensitive) != 0)
                continue;
            if (Status removed = store::removeClusterWorker(db, worker.id); !removed)
                return command.error(removed.error());
            cluster::forgetStoredToken(worker.tokenFile);
            command.print(Tr::tr("Removed worker %1.").arg(worker.address));
            return Ok;
        }
        return command.error(Tr::tr("The project has no worker %1.").arg(address));
    }

    // Every worker asked at once: an unreachable one costs one deadline, not one each.
    std::vector<std::future<Result<cluster::WorkerInfo>>> answers;
    for (const store::ClusterWorker &worker : *workers)
        answers.push_back(std::async(std::launch::async, [worker]() -> Result<cluster::WorkerInfo> {
            Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker);
            if (!endpoint)
                return endpoint.takeError();
            return cluster::WorkerClient(*endpoint, std::chrono::seconds(5)).info();
        }));
    QJsonArray list;
    int answering = 0;
    for (int i = 0; i < workers->size(); ++i) {
        const store::ClusterWorker &worker = workers->at(i);
        const Result<cluster::WorkerInfo> info = answers[std::size_t(i)].get();
        answering += info.ok() ? 1 : 0;
        if (command.json()) {
            QJsonObject object{{QStringLiteral("address"), worker.address}, {QStringLiteral("name"), worker.name},
                               {QStringLiteral("token_file"), worker.tokenFile}, {QStringLiteral("tls_ca"), worker.tlsCaFile},
                               {QStringLiteral("answering"), info.ok()}};
            if (info)
                object.insert(QStringLiteral("info"), info->toJson());
            else
                object.insert(QStringLiteral("error"), info.error());
            list.append(object);
            continue;
        }
        const QString label = worker.name.isEmpty() ? worker.address : QStringLiteral("%1 (%2)").arg(worker.address, worker.name);
        command.print(info ? Tr::tr("%1: %2 cores, %3 threads, %4, load %5, %6").arg(label).arg(info->cores).arg(info->threads)
                                 .arg(info->isa).arg(info->loadAverage, 0, 'f', 2)
                                 .arg(info->busy ? Tr::tr("busy with job %1").arg(info->jobId) : Tr::tr("idle"))
                           : Tr::tr("%1: %2").arg(label, info.error()));
    }
    if (command.json())
        command.printJson({{QStringLiteral("workers"), list}});
    else if (workers->isEmpty())
        command.print(Tr::tr("The project has no workers; add one with --add HOST:PORT --token-file FILE."));
    return answering == workers->size() ? Ok : Failed;
}

} // namespace sieve::cli
