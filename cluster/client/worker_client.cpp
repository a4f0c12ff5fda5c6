#include "worker_client.h"

#include "proto_conversion.h"

#include "grpc/health/v1/health.grpc.pb.h"
#include "sieve/cluster/protocol.h"
#include "sieve/cluster/v1/worker.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace sieve::cluster {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster::WorkerClient)
};

} // namespace

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Running: return QStringLiteral("running");
    case JobState::Succeeded: return QStringLiteral("succeeded");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: return QStringLiteral("cancelled");
    case JobState::None: break;
    }
    return QStringLiteral("none");
}

QJsonObject WorkerInfo::toJson() const
{
    return QJsonObject{{QStringLiteral("version"), version},
                       {QStringLiteral("protocolVersion"), qint64(protocolVersion)},
                       {QStringLiteral("hostname"), hostname},
                       {QStringLiteral("cores"), cores},
                       {QStringLiteral("threads"), threads},
                       {QStringLiteral("isa"), isa},
                       {QStringLiteral("bf16"), bf16},
                       {QStringLiteral("memoryTotalBytes"), qint64(memoryTotalBytes)},
                       {QStringLiteral("memoryAvailableBytes"), qint64(memoryAvailableBytes)},
                       {QStringLiteral("busy"), busy},
                       {QStringLiteral("jobId"), jobId},
                       {QStringLiteral("jobState"), jobStateName(jobState)},
                       {QStringLiteral("cacheBlobs"), qint64(cacheBlobs)},
                       {QStringLiteral("cacheBytes"), qint64(cacheBytes)},
                       {QStringLiteral("loadAverage"), loadAverage}};
}

struct WorkerClient::Impl {
    WorkerEndpoint endpoint;
    std::chrono::milliseconds callDeadline;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<v1::Worker::Stub> stub;

    void prepare(grpc::ClientContext &context, std::chrono::milliseconds deadline) const
    {
        context.set_deadline(std::chrono::system_clock::now() + deadline);
        if (!endpoint.token.isEmpty())
            context.AddMetadata(kAuthorizationKey, kBearerPrefix + endpoint.token.toStdString());
        context.AddMetadata(kProtocolVersionKey,
                            std::to_string(endpoint.protocolVersion ? endpoint.protocolVersion : kProtocolVersion));
    }

    Error error(const grpc::Status &status, std::chrono::milliseconds deadline) const
    {
        QString what = QString::fromStdString(status.error_message());
        switch (status.error_code()) {
        case grpc::StatusCode::UNAVAILABLE:
            what = Tr::tr("not reachable (%1)%2")
                       .arg(what, endpoint.caPem.isEmpty() ? QString()
                                                           : Tr::tr("; with TLS, check that the CA is the one that "
                                                                    "signed the worker's certificate"));
            break;
        case grpc::StatusCode::DEADLINE_EXCEEDED:
            what = Tr::tr("no answer within %1 s (%2)").arg(double(deadline.count()) / 1000.0).arg(what);
            break;
        case grpc::StatusCode::UNAUTHENTICATED:
            what = Tr::tr("the token was refused (%1); check the token file").arg(what);
            break;
        default:
            break;
        }
        return fail(Tr::tr("worker %1: %2 [%3]").arg(endpoint.address, what, QLatin1String(statusCodeName(status.error_code()))));
    }
};

WorkerClient::WorkerClient(WorkerEndpoint endpoint, std::chrono::milliseconds callDeadline) : d(std::make_unique<Impl>())
{
    d->endpoint = std::move(endpoint);
    d->callDeadline = callDeadline;
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (d->endpoint.caPem.isEmpty()) {
        credentials = grpc::InsecureChannelCredentials();
    } else {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = d->endpoint.caPem.toStdString();
        ssl.pem_cert_chain = d->endpoint.clientCertPem.toStdString();
        ssl.pem_private_key = d->endpoint.clientKeyPem.toStdString();
        credentials = grpc::SslCredentials(ssl);
    }
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(int(kMaxMessageBytes));
    // Each client its own connection: a shared subchannel would outlive a failed TLS setup.
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    d->channel = grpc::CreateCustomChannel(d->endpoint.address.toStdString(), credentials, arguments);
    d->stub = v1::Worker::NewStub(d->channel);
}

WorkerClient::~WorkerClient() = default;

const QString &WorkerClient::address() const { return d->endpoint.address; }

Result<WorkerInfo> WorkerClient::info()
{
    grpc::ClientContext context;
    d->prepare(context, d->callDeadline);
    v1::InfoReply reply;
    const grpc::Status status = d->stub->Info(&context, v1::InfoRequest(), &reply);
    if (!status.ok())
        return d->error(status, d->callDeadline);
    WorkerInfo info;
    info.version = QString::fromStdString(reply.version());
    info.protocolVersion = reply.protocol_version();
    info.cores = int(reply.cores());
    info.threads = int(reply.threads());
    info.isa = QString::fromStdString(reply.isa());
    info.bf16 = reply.bf16();
    info.memoryTotalBytes = reply.memory_total_bytes();
    info.memoryAvailableBytes = reply.memory_available_bytes();
    info.busy = reply.busy();
    info.jobId = QString::fromStdString(reply.job_id());
    info.jobState = fromProto(reply.job_state());
    info.hostname = QString::fromStdString(reply.hostname());
    info.cacheBytes = reply.cache_bytes();
    info.cacheBlobs = reply.cache_blobs();
    info.loadAverage = reply.load_average();
    return info;
}

Result<QStringList> WorkerClient::missingBlobs(const QStringList &hashes)
{
    grpc::ClientContext context;
    d->prepare(context, d->callDeadline);
    v1::HasBlobsRequest request;
    for (const QString &hash : hashes)
        request.add_hashes(hash.toStdString());
    v1::HasBlobsReply reply;
    const grpc::Status status = d->stub->HasBlobs(&context, request, &reply);
    if (!status.ok())
        return d->error(status, d->callDeadline);
    QStringList missing;
    for (const std::string &hash : reply.missing())
        missing.append(QString::fromStdString(hash));
    return missing;
}

Result<UploadSummary> WorkerClient::uploadBlobs(const QList<BlobFile> &files,
                                                const std::function<bool(const UploadProgress &)> &progress,
                                                std::chrono::milliseconds transferDeadline)
{
    QStringList hashes;
    for (const BlobFile &file : files)
        hashes.append(file.hash);
    auto missing = missingBlobs(hashes);
    if (!missing)
        return missing.takeError();
    const QSet<QString> wanted(missing->begin(), missing->end());
    UploadSummary summary;
    UploadProgress state;
    QList<BlobFile> toSend;
    for (const BlobFile &file : files) {
        if (wanted.contains(file.hash) && !std::any_of(toSend.begin(), toSend.end(), [&](const BlobFile &f) { return f.hash == file.hash; })) {
            toSend.append(file);
            state.bytesToSend += QFileInfo(file.path).size();
        }
    }
    summary.skipped = files.size() - toSend.size();
    state.filesToSend = toSend.size();
    if (toSend.isEmpty())
        return summary;

    grpc::ClientContext context;
    d->prepare(context, transferDeadline);
    v1::PutShardReply reply;
    std::unique_ptr<grpc::ClientWriter<v1::ShardChunk>> writer = d->stub->PutShard(&context, &reply);
    QString localError;
    bool stopped = false;
    for (const BlobFile &blob : toSend) {
        QFile file(blob.path);
        if (!file.open(QIODevice::ReadOnly)) {
            localError = Tr::tr("cannot read %1 (%2)").arg(blob.path, file.errorString());
            break;
        }
        v1::ShardChunk chunk;
        chunk.set_hash(blob.hash.toStdString());
        chunk.set_size(std::uint64_t(file.size()));
        bool streamOk = true;
        do {
            const QByteArray bytes = file.read(qint64(kChunkBytes));
            if (bytes.isEmpty() && !file.atEnd()) {
                localError = Tr::tr("cannot read %1 (%2)").arg(blob.path, file.errorString());
                break;
            }
            chunk.set_data(bytes.constData(), std::size_t(bytes.size()));
            chunk.set_last(file.atEnd());
            streamOk = writer->Write(chunk);
            chunk.clear_hash();
            chunk.clear_size();
            state.bytesSent += bytes.size();
            if (progress && !progress(state))
                stopped = true;
        } while (streamOk && !stopped && !file.atEnd());
        if (!streamOk || !localError.isEmpty() || stopped)
            break;
        ++state.filesDone;
        ++summary.uploaded;
    }
    if (!localError.isEmpty() || stopped)
        context.TryCancel(); // the worker drops the unfinished blob
    else
        writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (!localError.isEmpty())
        return fail(Tr::tr("worker %1: upload stopped: %2").arg(d->endpoint.address, localError));
    if (stopped) {
        summary.uploaded = reply.blobs_stored();
        summary.bytesSent = qint64(reply.bytes_stored());
        return summary;
    }
    if (!status.ok())
        return d->error(status, transferDeadline);
    summary.uploaded = reply.blobs_stored();
    summary.bytesSent = qint64(reply.bytes_stored());
    return summary;
}

Result<QString> WorkerClient::startJob(const JobSpec &spec)
{
    grpc::ClientContext context;
    d->prepare(context, d->callDeadline);
    v1::StartJobRequest request;
    toProto(spec, request.mutable_spec());
    v1::StartJobReply reply;
    const grpc::Status status = d->stub->StartJob(&context, request, &reply);
    if (!status.ok())
        return d->error(status, d->callDeadline);
    return QString::fromStdString(reply.job_id());
}

Status WorkerClient::watch(const QString &jobId, std::uint64_t from, const std::function<bool(const JobEvent &)> &onEvent,
                           std::chrono::milliseconds maxDuration)
{
    grpc::ClientContext context;
    d->prepare(context, maxDuration);
    v1::WatchRequest request;
    request.set_job_id(jobId.toStdString());
    request.set_from_sequence(from);
    std::unique_ptr<grpc::ClientReader<v1::JobEvent>> reader = d->stub->Watch(&context, request);
    v1::JobEvent event;
    bool stopped = false;
    while (reader->Read(&event)) {
        if (!onEvent(fromProto(event))) {
            stopped = true;
            context.TryCancel();
            break;
        }
    }
    const grpc::Status status = reader->Finish();
    if (stopped || status.ok())
        return {};
    return d->error(status, maxDuration);
}

Result<JobState> WorkerClient::cancel(const QString &jobId)
{
    grpc::ClientContext context;
    d->prepare(context, d->callDeadline);
    v1::CancelRequest request;
    request.set_job_id(jobId.toStdString());
    v1::CancelReply reply;
    const grpc::Status status = d->stub->Cancel(&context, request, &reply);
    if (!status.ok())
        return d->error(status, d->callDeadline);
    return fromProto(reply.state());
}

Status WorkerClient::fetchModel(const QString &jobId, const QString &destination, std::chrono::milliseconds transferDeadline)
{
    return fetchFile(jobId, destination, transferDeadline, FetchedFile::Model);
}

Status WorkerClient::fetchCheckpoint(const QString &jobId, const QString &destination,
                                     std::chrono::milliseconds transferDeadline)
{
    return fetchFile(jobId, destination, transferDeadline, FetchedFile::Checkpoint);
}

Status WorkerClient::fetchBestModel(const QString &jobId, const QString &destination,
                                    std::chrono::milliseconds transferDeadline)
{
    return fetchFile(jobId, destination, transferDeadline, FetchedFile::BestModel);
}

Status WorkerClient::fetchFile(const QString &jobId, const QString &destination, std::chrono::milliseconds transferDeadline,
                               FetchedFile what)
{
    QSaveFile file(destination);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Tr::tr("cannot write %1 (%2)").arg(destination, file.errorString()));
    grpc::ClientContext context;
    d->prepare(context, transferDeadline);
    v1::FetchModelRequest request;
    request.set_job_id(jobId.toStdString());
    request.set_checkpoint(what == FetchedFile::Checkpoint);
    request.set_best(what == FetchedFile::BestModel);
    std::unique_ptr<grpc::ClientReader<v1::ModelChunk>> reader = d->stub->FetchModel(&context, request);
    v1::ModelChunk chunk;
    std::uint64_t expected = 0;
    std::uint64_t received = 0;
    bool writeOk = true;
    while (reader->Read(&chunk)) {
        if (chunk.total_size() > 0)
            expected = chunk.total_size();
        received += chunk.data().size();
        if (writeOk && file.write(chunk.data().data(), qint64(chunk.data().size())) != qint64(chunk.data().size()))
            writeOk = false;
    }
    const grpc::Status status = reader->Finish();
    if (!status.ok())
        return d->error(status, transferDeadline);
    if (!writeOk)
        return fail(Tr::tr("cannot write %1 (%2)").arg(destination, file.errorString()));
    if (received != expected)
        return fail((what == FetchedFile::Checkpoint  ? Tr::tr("worker %1: the checkpoint of job %2 arrived with %3 of its %4 bytes")
                     : what == FetchedFile::BestModel ? Tr::tr("worker %1: the best model of job %2 arrived with %3 of its %4 bytes")
                                                      : Tr::tr("worker %1: the model of job %2 arrived with %3 of its %4 bytes"))
                        .arg(d->endpoint.address, jobId).arg(received).arg(expected));
    if (!file.commit())
        return fail(Tr::tr("cannot write %1 (%2)").arg(destination, file.errorString()));
    return {};
}

Status WorkerClient::kvSet(const QByteArray &key, const QByteArray &value)
{
    grpc::ClientContext context;
    d->prepare(context, d->callDeadline);
    v1::KvSetRequest request;
    request.set_key(key.constData(), std::size_t(key.size()));
    request.set_value(value.constData(), std::size_t(value.size()));
    v1::KvSetReply reply;
    const grpc::Status status = d->stub->KvSet(&context, request, &reply);
    if (!status.ok())
        return d->error(status, d->callDeadline);
    return {};
}

Result<QByteArray> WorkerClient::kvGet(const QByteArray &key, std::chrono::milliseconds timeout)
{
    grpc::ClientContext context;
    d->prepare(context, timeout + d->callDeadline);
    v1::KvGetRequest request;
    request.set_key(key.constData(), std::size_t(key.size()));
    request.set_timeout_ms(std::uint32_t(std::clamp<qint64>(timeout.count(), 0, kMaxKvTimeoutMs)));
    v1::KvGetReply reply;
    const grpc::Status status = d->stub->KvGet(&context, request, &reply);
    if (!status.ok())
        return d->error(status, timeout + d->callDeadline);
    return QByteArray::fromStdString(reply.value());
}

Status WorkerClient::kvWait(const QList<QByteArray> &keys, std::chrono::milliseconds timeout)
{
    grpc::ClientContext context;
    d->prepare(context, timeout + d->callDeadline);
    v1::KvWaitRequest request;
    for (const QByteArray &key : keys)
        request.add_keys(key.constData(), std::size_t(key.size()));
    request.set_timeout_ms(std::uint32_t(std::clamp<qint64>(timeout.count(), 0, kMaxKvTimeoutMs)));
    v1::KvWaitReply reply;
    const grpc::Status status = d->stub->KvWait(&context, request, &reply);
    if (!status.ok())
        return d->error(status, timeout + d->callDeadline);
    return {};
}

Status WorkerClient::checkHealth()
{
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + d->callDeadline);
    auto health = grpc::health::v1::Health::NewStub(d->channel);
    grpc::health::v1::HealthCheckResponse reply;
    const grpc::Status status = health->Check(&context, grpc::health::v1::HealthCheckRequest(), &reply);
    if (!status.ok())
        return d->error(status, d->callDeadline);
    if (reply.status() != grpc::health::v1::HealthCheckResponse::SERVING)
        return fail(Tr::tr("worker %1: not serving").arg(d->endpoint.address));
    return {};
}

} // namespace sieve::cluster
