#pragma once

#include "call_guard.h"
#include "machine_info.h"

#include "sieve/cluster/v1/worker.grpc.pb.h"

namespace sieve::worker {

class BlobStore;
class JobManager;
class KvStore;

// sieve.cluster.v1.Worker on gRPC's callback API. Every method first passes the CallGuard
// (token, protocol version), then works on the blob store, the job manager or the KV store,
// which outlive the server. Methods run on gRPC's threads.
class WorkerService final : public cluster::v1::Worker::CallbackService {
public:
    WorkerService(CallGuard guard, int threads, BlobStore &blobs, JobManager &jobs, KvStore &kv);

    grpc::ServerUnaryReactor *Info(grpc::CallbackServerContext *context, const cluster::v1::InfoRequest *request,
                                   cluster::v1::InfoReply *reply) override;
    grpc::ServerUnaryReactor *HasBlobs(grpc::CallbackServerContext *context, const cluster::v1::HasBlobsRequest *request,
                                       cluster::v1::HasBlobsReply *reply) override;
    grpc::ServerReadReactor<cluster::v1::ShardChunk> *PutShard(grpc::CallbackServerContext *context,
                                                               cluster::v1::PutShardReply *reply) override;
    grpc::ServerUnaryReactor *StartJob(grpc::CallbackServerContext *context, const cluster::v1::StartJobRequest *request,
                                       cluster::v1::StartJobReply *reply) override;
    grpc::ServerWriteReactor<cluster::v1::JobEvent> *Watch(grpc::CallbackServerContext *context,
                                                           const cluster::v1::WatchRequest *request) override;
    grpc::ServerUnaryReactor *Cancel(grpc::CallbackServerContext *context, const cluster::v1::CancelRequest *request,
                                     cluster::v1::CancelReply *reply) override;
    grpc::ServerWriteReactor<cluster::v1::ModelChunk> *FetchModel(grpc::CallbackServerContext *context,
                                                                  const cluster::v1::FetchModelRequest *request) override;
    grpc::ServerUnaryReactor *KvSet(grpc::CallbackServerContext *context, const cluster::v1::KvSetRequest *request,
                                    cluster::v1::KvSetReply *reply) override;
    grpc::ServerUnaryReactor *KvGet(grpc::CallbackServerContext *context, const cluster::v1::KvGetRequest *request,
                                    cluster::v1::KvGetReply *reply) override;
    grpc::ServerUnaryReactor *KvWait(grpc::CallbackServerContext *context, const cluster::v1::KvWaitRequest *request,
                                     cluster::v1::KvWaitReply *reply) override;

private:
    CallGuard m_guard;
    const int m_threads;
    const MachineInfo m_machine; // what does not change while the worker runs
    BlobStore &m_blobs;
    JobManager &m_jobs;
    KvStore &m_kv;
};

} // namespace sieve::worker
