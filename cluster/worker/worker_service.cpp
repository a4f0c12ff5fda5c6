#include "worker_service.h"

#include "blob_store.h"
#include "job_manager.h"
#include "kv_store.h"
#include "worker_log.h"
#include "worker_streams.h"

#include "sieve/cluster/protocol.h"

#include <QCoreApplication>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::WorkerService)
};

namespace v1 = cluster::v1;

grpc::ServerUnaryReactor *finished(grpc::CallbackServerContext *context, const grpc::Status &status)
{
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    reactor->Finish(status);
    return reactor;
}

grpc::Status status(grpc::StatusCode code, const QString &message) { return {code, message.toStdString()}; }

QString shown(const std::string &key)
{
    return QString::fromUtf8(key.data(), qsizetype(std::min<std::size_t>(key.size(), 200)));
}

grpc::Status checkKey(const std::string &key)
{
    if (key.empty() || key.size() > cluster::kMaxKvKeyBytes)
        return status(grpc::StatusCode::INVALID_ARGUMENT,
                      Tr::tr("a key must have 1 to %1 bytes; this one has %2").arg(cluster::kMaxKvKeyBytes).arg(key.size()));
    return grpc::Status::OK;
}

KvStore::Done kvDone(grpc::ServerUnaryReactor *reactor, std::string *valueOut)
{
    return [reactor, valueOut](KvStore::Outcome outcome, const std::string &value, const std::string &missing) {
        switch (outcome) {
        case KvStore::Outcome::Ready:
            if (valueOut)
                *valueOut = value;
            reactor->Finish(grpc::Status::OK);
            break;
        case KvStore::Outcome::TimedOut:
            reactor->Finish(status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                   Tr::tr("key \"%1\" was not set before the timeout").arg(shown(missing))));
            break;
        case KvStore::Outcome::Closed:
            reactor->Finish(status(grpc::StatusCode::UNAVAILABLE, Tr::tr("the worker is shutting down")));
            break;
        }
    };
}

} // namespace

WorkerService::WorkerService(CallGuard guard, int threads, BlobStore &blobs, JobManager &jobs, KvStore &kv)
    : m_guard(std::move(guard)), m_threads(threads), m_machine(MachineInfo::current()), m_blobs(blobs), m_jobs(jobs), m_kv(kv)
{
}

grpc::ServerUnaryReactor *WorkerService::Info(grpc::CallbackServerContext *context, const v1::InfoRequest *,
                                              v1::InfoReply *reply)
{
    if (const grpc::Status refused = m_guard.check(context, "Info"); !refused.ok())
        return finished(context, refused);
    const MachineInfo memory = MachineInfo::current();
    reply->set_version(SIEVE_VERSION);
    reply->set_protocol_version(cluster::kProtocolVersion);
    reply->set_cores(m_machine.cores);
    reply->set_threads(std::uint32_t(m_threads > 0 ? m_threads : int(m_machine.cores)));
    reply->set_isa(m_machine.isa.toStdString());
    reply->set_bf16(m_machine.bf16);
    reply->set_memory_total_bytes(memory.memoryTotal);
    reply->set_memory_available_bytes(memory.memoryAvailable);
    reply->set_load_average(memory.loadAverage);
    const JobManager::Current job = m_jobs.current();
    reply->set_busy(job.state == v1::JOB_STATE_RUNNING);
    reply->set_job_id(job.jobId);
    reply->set_job_state(job.state);
    reply->set_hostname(m_machine.hostname.toStdString());
    const BlobStore::Usage usage = m_blobs.usage();
    reply->set_cache_blobs(usage.blobs);
    reply->set_cache_bytes(usage.bytes);
    return finished(context, grpc::Status::OK);
}

grpc::ServerUnaryReactor *WorkerService::HasBlobs(grpc::CallbackServerContext *context,
                                                  const v1::HasBlobsRequest *request, v1::HasBlobsReply *reply)
{
    if (const grpc::Status refused = m_guard.check(context, "HasBlobs"); !refused.ok())
        return finished(context, refused);
    for (const std::string &hash : request->hashes()) {
        const QString text = QString::fromStdString(hash);
        if (!BlobStore::isValidHash(text))
            return finished(context, status(grpc::StatusCode::INVALID_ARGUMENT,
                                            Tr::tr("\"%1\" is not a content hash (32 lowercase hex digits)").arg(shown(hash))));
        if (!m_blobs.has(text))
            reply->add_missing(hash);
    }
    return finished(context, grpc::Status::OK);
}

grpc::ServerReadReactor<v1::ShardChunk> *WorkerService::PutShard(grpc::CallbackServerContext *context,
                                                                 v1::PutShardReply *reply)
{
    if (const grpc::Status refused = m_guard.check(context, "PutShard"); !refused.ok())
        return new RefusedRead<v1::ShardChunk>(refused);
    return newPutShardReactor(m_blobs, reply, context->peer());
}

grpc::ServerUnaryReactor *WorkerService::StartJob(grpc::CallbackServerContext *context,
                                                  const v1::StartJobRequest *request, v1::StartJobReply *reply)
{
    if (const grpc::Status refused = m_guard.check(context, "StartJob"); !refused.ok())
        return finished(context, refused);
    const JobManager::StartResult result = m_jobs.start(request->spec());
    switch (result.refusal) {
    case JobManager::Refusal::None:
        reply->set_job_id(request->spec().job_id());
        return finished(context, grpc::Status::OK);
    case JobManager::Refusal::Invalid:
        log::warning(Tr::tr("StartJob from %1 refused: %2").arg(QString::fromStdString(context->peer()), result.message));
        return finished(context, status(grpc::StatusCode::INVALID_ARGUMENT, result.message));
    case JobManager::Refusal::Busy:
        return finished(context, status(grpc::StatusCode::FAILED_PRECONDITION, result.message));
    case JobManager::Refusal::NoRunner:
        return finished(context, status(grpc::StatusCode::UNIMPLEMENTED, result.message));
    case JobManager::Refusal::ShuttingDown:
        return finished(context, status(grpc::StatusCode::UNAVAILABLE, result.message));
    case JobManager::Refusal::Internal:
        break;
    }
    log::error(Tr::tr("StartJob: %1").arg(result.message));
    return finished(context, status(grpc::StatusCode::INTERNAL, result.message));
}

grpc::ServerWriteReactor<v1::JobEvent> *WorkerService::Watch(grpc::CallbackServerContext *context,
                                                             const v1::WatchRequest *request)
{
    if (const grpc::Status refused = m_guard.check(context, "Watch"); !refused.ok())
        return new RefusedWrite<v1::JobEvent>(refused);
    if (!m_jobs.events(request->job_id(), 0, 0).found)
        return new RefusedWrite<v1::JobEvent>(
            status(grpc::StatusCode::NOT_FOUND, Tr::tr("no job %1 on this worker").arg(shown(request->job_id()))));
    return newWatchReactor(m_jobs, request->job_id(), request->from_sequence());
}

grpc::ServerUnaryReactor *WorkerService::Cancel(grpc::CallbackServerContext *context, const v1::CancelRequest *request,
                                                v1::CancelReply *reply)
{
    if (const grpc::Status refused = m_guard.check(context, "Cancel"); !refused.ok())
        return finished(context, refused);
    const v1::JobState state = m_jobs.cancel(request->job_id());
    if (state == v1::JOB_STATE_NONE)
        return finished(context, status(grpc::StatusCode::NOT_FOUND,
                                        Tr::tr("no job %1 on this worker").arg(shown(request->job_id()))));
    reply->set_state(state);
    return finished(context, grpc::Status::OK);
}

grpc::ServerWriteReactor<v1::ModelChunk> *WorkerService::FetchModel(grpc::CallbackServerContext *context,
                                                                    const v1::FetchModelRequest *request)
{
    if (const grpc::Status refused = m_guard.check(context, "FetchModel"); !refused.ok())
        return new RefusedWrite<v1::ModelChunk>(refused);
    if (request->checkpoint() && request->best())
        return new RefusedWrite<v1::ModelChunk>(
            status(grpc::StatusCode::INVALID_ARGUMENT, Tr::tr("ask for the checkpoint or the best model, not both")));
    auto path = request->checkpoint() ? m_jobs.checkpointPath(request->job_id())
                : request->best()     ? m_jobs.bestModelPath(request->job_id())
                                      : m_jobs.modelPath(request->job_id());
    if (!path)
        return new RefusedWrite<v1::ModelChunk>(status(grpc::StatusCode::FAILED_PRECONDITION, path.error()));
    return newFetchModelReactor(*path);
}

grpc::ServerUnaryReactor *WorkerService::KvSet(grpc::CallbackServerContext *context, const v1::KvSetRequest *request,
                                               v1::KvSetReply *)
{
    if (const grpc::Status refused = m_guard.check(context, "KvSet"); !refused.ok())
        return finished(context, refused);
    if (const Status stored = m_kv.set(request->key(), request->value()); !stored)
        return finished(context, status(grpc::StatusCode::INVALID_ARGUMENT, stored.error()));
    return finished(context, grpc::Status::OK);
}

grpc::ServerUnaryReactor *WorkerService::KvGet(grpc::CallbackServerContext *context, const v1::KvGetRequest *request,
                                               v1::KvGetReply *reply)
{
    if (const grpc::Status refused = m_guard.check(context, "KvGet"); !refused.ok())
        return finished(context, refused);
    if (const grpc::Status bad = checkKey(request->key()); !bad.ok())
        return finished(context, bad);
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    m_kv.get(request->key(), std::chrono::milliseconds(request->timeout_ms()), kvDone(reactor, reply->mutable_value()));
    return reactor;
}

grpc::ServerUnaryReactor *WorkerService::KvWait(grpc::CallbackServerContext *context, const v1::KvWaitRequest *request,
                                                v1::KvWaitReply *)
{
    if (const grpc::Status refused = m_guard.check(context, "KvWait"); !refused.ok())
        return finished(context, refused);
    if (request->keys_size() == 0 || request->keys_size() > 4096)
        return finished(context, status(grpc::StatusCode::INVALID_ARGUMENT, Tr::tr("KvWait takes 1 to 4096 keys")));
    for (const std::string &key : request->keys()) {
        if (const grpc::Status bad = checkKey(key); !bad.ok())
            return finished(context, bad);
    }
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    m_kv.wait({request->keys().begin(), request->keys().end()}, std::chrono::milliseconds(request->timeout_ms()),
              kvDone(reactor, nullptr));
    return reactor;
}

} // namespace sieve::worker
