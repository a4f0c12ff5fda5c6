#pragma once

#include "sieve/cluster/v1/worker.pb.h"

#include <QString>

#include <grpcpp/grpcpp.h>

#include <string>

namespace sieve::worker {

class BlobStore;
class JobManager;

// The streaming calls' reactors. Each deletes itself when gRPC is done with it (OnDone).

// PutShard: writes each blob of the stream through BlobStore::Upload; a blob that does not
// hash to its claim, or a stream that ends in the middle of one, leaves nothing of it.
grpc::ServerReadReactor<cluster::v1::ShardChunk> *newPutShardReactor(const BlobStore &blobs,
                                                                     cluster::v1::PutShardReply *reply,
                                                                     std::string peer);

// Watch: the job's events from FROM on, then each new one; ends after the last event of a job
// that has ended (OK), when a new job replaces it (ABORTED) or the worker shuts down (UNAVAILABLE).
grpc::ServerWriteReactor<cluster::v1::JobEvent> *newWatchReactor(JobManager &jobs, const std::string &jobId,
                                                                 std::uint64_t from);

// FetchModel: the file in kChunkBytes chunks, the total size in the first.
grpc::ServerWriteReactor<cluster::v1::ModelChunk> *newFetchModelReactor(const QString &path);

// A stream refused before it started: finishes with STATUS at once.
template <typename Message>
class RefusedWrite final : public grpc::ServerWriteReactor<Message> {
public:
    explicit RefusedWrite(const grpc::Status &status) { this->Finish(status); }
    void OnDone() override { delete this; }
};

template <typename Message>
class RefusedRead final : public grpc::ServerReadReactor<Message> {
public:
    explicit RefusedRead(const grpc::Status &status) { this->Finish(status); }
    void OnDone() override { delete this; }
};

} // namespace sieve::worker
