#include "worker_main.h"

#include "blob_store.h"
#include "call_guard.h"
#include "job_manager.h"
#include "kv_store.h"
#include "worker_log.h"
#include "worker_options.h"
#include "worker_service.h"

#include "sieve/cluster/protocol.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::WorkerMain)
};

std::shared_ptr<grpc::ServerCredentials> credentials(const WorkerOptions &options)
{
    if (options.tlsCertPem.isEmpty())
        return grpc::InsecureServerCredentials();
    grpc::SslServerCredentialsOptions ssl(options.tlsCaPem.isEmpty()
                                              ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                              : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = options.tlsCaPem.toStdString();
    ssl.pem_key_cert_pairs.push_back({options.tlsKeyPem.toStdString(), options.tlsCertPem.toStdString()});
    return grpc::SslServerCredentials(ssl);
}

Status writePortFile(const QString &path, int port)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(port) + '\n') < 0 || !file.commit())
        return fail(Tr::tr("--port-file %1: cannot write it (%2)").arg(path, file.errorString()));
    return {};
}

int waitForSignal(const sigset_t &stopSignals)
{
    int received = 0;
    while (sigwait(&stopSignals, &received) != 0) {
    }
    return received;
}

} // namespace

int workerMain(int argc, char **argv, JobRunner runner)
{
    // Blocked here, before gRPC starts its threads, so that every thread inherits the mask and
    // the stopSignals wait for sigwait() below instead of killing the process mid-write.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    auto parsed = parseWorkerOptions(args);
    if (!parsed) {
        std::fprintf(stderr, "sieve-worker: %s\n%s", qPrintable(parsed.error()),
                     qPrintable(Tr::tr("Run sieve-worker --help for the options.\n")));
        return 2;
    }
    const WorkerOptions &options = *parsed;
    if (options.help) {
        std::fputs(qPrintable(workerUsage()), stdout);
        return 0;
    }

    BlobStore blobs(options.cacheDir);
    if (const Status opened = blobs.open(); !opened) {
        log::error(opened.error());
        return 1;
    }
    KvStore kv;
    JobManager jobs(blobs, options.threads, std::move(runner));
    WorkerService service(CallGuard(options.token), options.threads, blobs, jobs, kv);

    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(options.listenAddress.toStdString(), credentials(options), &port);
    // gRPC sets SO_REUSEPORT by default, which would let a second worker share a port in use.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetMaxReceiveMessageSize(int(cluster::kMaxMessageBytes));
    builder.SetMaxSendMessageSize(int(cluster::kMaxMessageBytes));
    builder.RegisterService(&service);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (!server || port == 0) {
        log::error(Tr::tr("cannot listen on %1: the port is in use, the host is not an address of this machine, or "
                          "the TLS certificate and key are unusable or do not match")
                       .arg(options.listenAddress));
        return 1;
    }
    if (!options.portFile.isEmpty()) {
        if (const Status written = writePortFile(options.portFile, port); !written) {
            log::error(written.error());
            server->Shutdown();
            return 1;
        }
    }
    const QString host = options.listenAddress.left(options.listenAddress.lastIndexOf(QLatin1Char(':')));
    log::info(Tr::tr("sieve-worker %1 (protocol %2) listening on %3:%4, %5, %6, cache %7")
                  .arg(QLatin1String(SIEVE_VERSION))
                  .arg(cluster::kProtocolVersion)
                  .arg(host)
                  .arg(port)
                  .arg(options.tlsCertPem.isEmpty() ? Tr::tr("plaintext")
                       : options.tlsCaPem.isEmpty() ? Tr::tr("TLS")
                                                    : Tr::tr("TLS with client certificates"),
                       options.token.isEmpty() ? Tr::tr("no token (loopback only)") : Tr::tr("token required"),
                       options.cacheDir));
    for (const QString &warning : options.warnings)
        log::warning(warning);
    if (options.tlsCertPem.isEmpty() && !isLoopbackAddress(options.listenAddress))
        log::warning(Tr::tr("listening beyond loopback without TLS: the token and the images cross the network in "
                            "clear; give --tls-cert and --tls-key"));

    const int received = waitForSignal(stopSignals);
    log::info(Tr::tr("%1 received: stopping").arg(received == SIGTERM ? QStringLiteral("SIGTERM") : QStringLiteral("SIGINT")));
    if (auto *health = server->GetHealthCheckService())
        health->Shutdown();
    jobs.shutdown(); // cancels the job and waits for the runner: Watch streams then end
    kv.close();      // pending KV waits end with UNAVAILABLE
    // Calls still open a second from now (an upload in progress) are cancelled: blobs are atomic.
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    server->Wait();
    log::info(Tr::tr("stopped"));
    return 0;
}

} // namespace sieve::worker
