// sieve-cli worker-info

#include "cli.h"

#include "worker_client.h"

#include <QCoreApplication>
#include <QFile>

namespace sieve::cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

Result<QByteArray> readSmallFile(const QString &option, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("--%1 %2: cannot read it (%3)").arg(option, path, file.errorString()));
    return file.read(1 << 20);
}

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

    cluster::WorkerEndpoint endpoint;
    endpoint.address = command.positional().at(0);
    const std::pair<const char *, QByteArray *> files[] = {{"token-file", &endpoint.token},
                                                           {"tls-ca", &endpoint.caPem},
                                                           {"tls-cert", &endpoint.clientCertPem},
                                                           {"tls-key", &endpoint.clientKeyPem}};
    for (const auto &[option, target] : files) {
        const QString name = QLatin1String(option);
        if (!parser.isSet(name))
            continue;
        auto bytes = readSmallFile(name, parser.value(name));
        if (!bytes)
            return command.error(bytes.error(), Usage);
        *target = name == QLatin1String("token-file") ? bytes->trimmed() : *bytes;
    }
    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key")))
        return command.error(Tr::tr("--tls-cert and --tls-key go together"), Usage);
    if (parser.isSet(QStringLiteral("tls-cert")) && !parser.isSet(QStringLiteral("tls-ca")))
        return command.error(Tr::tr("--tls-cert needs --tls-ca: client certificates are sent over TLS only"), Usage);

    cluster::WorkerClient client(endpoint, std::chrono::seconds(10));
    Result<cluster::WorkerInfo> info = client.info();
    if (!info)
        return command.error(info.error());
    if (command.json()) {
        QJsonObject object = info->toJson();
        object.insert(QStringLiteral("address"), endpoint.address);
        command.printJson(object);
        return Ok;
    }
    const cluster::WorkerInfo &i = *info;
    command.print(Tr::tr("Worker:     %1 (%2)").arg(endpoint.address, i.hostname));
    command.print(Tr::tr("Version:    Sieve %1, protocol %2").arg(i.version).arg(i.protocolVersion));
    command.print(Tr::tr("CPU:        %1 cores, %2 for jobs, %3%4")
                      .arg(i.cores).arg(i.threads).arg(i.isa, i.bf16 ? Tr::tr(", native bf16") : QString()));
    command.print(Tr::tr("Memory:     %1 GiB available of %2 GiB").arg(gibibytes(i.memoryAvailableBytes), gibibytes(i.memoryTotalBytes)));
    command.print(Tr::tr("Cache:      %1 blobs, %2 GiB").arg(i.cacheBlobs).arg(gibibytes(i.cacheBytes)));
    command.print(i.busy ? Tr::tr("State:      busy, job %1").arg(i.jobId)
                  : i.jobId.isEmpty() ? Tr::tr("State:      idle")
                                      : Tr::tr("State:      idle (last job %1: %2)").arg(i.jobId, cluster::jobStateName(i.jobState)));
    return Ok;
}

} // namespace sieve::cli
