#include "worker_streams.h"

#include "blob_store.h"
#include "job_manager.h"
#include "worker_log.h"

#include "sieve/cluster/protocol.h"

#include <QCoreApplication>
#include <QFile>

#include <deque>
#include <memory>
#include <mutex>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::WorkerStreams)
};

namespace v1 = cluster::v1;

grpc::Status invalid(const QString &message) { return {grpc::StatusCode::INVALID_ARGUMENT, message.toStdString()}; }

class PutShardReactor final : public grpc::ServerReadReactor<v1::ShardChunk> {
public:
    PutShardReactor(const BlobStore &blobs, v1::PutShardReply *reply, std::string peer)
        : m_blobs(blobs), m_reply(reply), m_peer(std::move(peer))
    {
        StartRead(&m_chunk);
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            if (m_upload) {
                const QString hash = m_upload->hash();
                m_upload.reset(); // removes the partial blob
                Finish(invalid(Tr::tr("the upload stream ended in the middle of blob %1; it was not stored").arg(hash)));
            } else {
                Finish(grpc::Status::OK);
            }
            return;
        }
        const grpc::Status status = take();
        if (!status.ok()) {
            log::warning(Tr::tr("PutShard from %1 refused: %2")
                             .arg(QString::fromStdString(m_peer), QString::fromStdString(status.error_message())));
            m_upload.reset();
            Finish(status);
            return;
        }
        StartRead(&m_chunk);
    }

    void OnDone() override { delete this; }

private:
    grpc::Status take()
    {
        if (!m_upload) {
            if (m_chunk.hash().empty())
                return invalid(Tr::tr("the first chunk of a blob must name its content hash"));
            auto upload = m_blobs.beginUpload(QString::fromStdString(m_chunk.hash()), m_chunk.size());
            if (!upload)
                return invalid(upload.error());
            m_upload = std::move(*upload);
            m_blobSize = m_chunk.size();
        } else if (!m_chunk.hash().empty() && QString::fromStdString(m_chunk.hash()) != m_upload->hash()) {
            return invalid(Tr::tr("blob %1 is not finished, but a chunk names %2; end a blob with `last` first")
                               .arg(m_upload->hash(), QString::fromStdString(m_chunk.hash()).left(80)));
        }
        if (const Status appended = m_upload->append(m_chunk.data().data(), m_chunk.data().size()); !appended)
            return invalid(appended.error());
        if (m_chunk.last()) {
            if (const Status finished = m_upload->finish(); !finished)
                return invalid(finished.error());
            m_reply->set_blobs_stored(m_reply->blobs_stored() + 1);
            m_reply->set_bytes_stored(m_reply->bytes_stored() + m_blobSize);
            m_upload.reset();
        }
        return grpc::Status::OK;
    }

    const BlobStore &m_blobs;
    v1::PutShardReply *m_reply;
    const std::string m_peer;
    v1::ShardChunk m_chunk;
    std::unique_ptr<BlobStore::Upload> m_upload;
    std::uint64_t m_blobSize = 0; // of the blob being uploaded
};

class WatchReactor final : public grpc::ServerWriteReactor<v1::JobEvent> {
public:
    WatchReactor(JobManager &jobs, std::string jobId, std::uint64_t from)
        : m_jobs(jobs), m_jobId(std::move(jobId)), m_next(from), m_shared(std::make_shared<Shared>())
    {
        m_shared->reactor = this;
        // The manager may call this after OnDone began; the shared part outlives the reactor.
        m_subscription = m_jobs.subscribe([shared = m_shared] {
            const std::lock_guard lock(shared->mutex);
            if (shared->reactor)
                shared->reactor->pump();
        });
        const std::lock_guard lock(m_shared->mutex);
        pump();
    }

    void OnWriteDone(bool ok) override
    {
        const auto shared = m_shared;
        const std::lock_guard lock(shared->mutex);
        m_writing = false;
        if (!ok) {
            finish(grpc::Status(grpc::StatusCode::CANCELLED, "the watcher went away"));
            return;
        }
        pump();
    }

    void OnCancel() override
    {
        const auto shared = m_shared;
        const std::lock_guard lock(shared->mutex);
        if (!m_writing)
            finish(grpc::Status(grpc::StatusCode::CANCELLED, "the watcher went away"));
    }

    void OnDone() override
    {
        {
            const std::lock_guard lock(m_shared->mutex);
            m_shared->reactor = nullptr;
        }
        m_jobs.unsubscribe(m_subscription);
        delete this;
    }

private:
    struct Shared {
        // Recursive: a reaction gRPC runs inline from StartWrite or Finish locks it again.
        std::recursive_mutex mutex;
        WatchReactor *reactor = nullptr;
    };

    // Precondition: m_shared->mutex held.
    void pump()
    {
        if (m_writing || m_finished)
            return;
        if (m_buffer.empty()) {
            JobManager::Events batch = m_jobs.events(m_jobId, m_next, 64);
            if (!batch.found) {
                finish(grpc::Status(grpc::StatusCode::ABORTED,
                                    Tr::tr("job %1 is no longer this worker's job").arg(QString::fromStdString(m_jobId)).toStdString()));
                return;
            }
            if (batch.events.empty()) {
                if (batch.ended)
                    finish(grpc::Status::OK);
                else if (m_jobs.isShutDown())
                    finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the worker is shutting down"));
                return;
            }
            m_buffer.assign(std::make_move_iterator(batch.events.begin()), std::make_move_iterator(batch.events.end()));
        }
        m_current = std::move(m_buffer.front());
        m_buffer.pop_front();
        m_next = m_current.sequence() + 1;
        m_writing = true;
        StartWrite(&m_current);
    }

    void finish(const grpc::Status &status)
    {
        if (m_finished)
            return;
        m_finished = true;
        Finish(status);
    }

    JobManager &m_jobs;
    const std::string m_jobId;
    std::uint64_t m_next;                  // guarded by m_shared->mutex, as all below
    std::shared_ptr<Shared> m_shared;
    std::uint64_t m_subscription = 0;
    std::deque<v1::JobEvent> m_buffer;
    v1::JobEvent m_current;
    bool m_writing = false;
    bool m_finished = false;
};

class FetchModelReactor final : public grpc::ServerWriteReactor<v1::ModelChunk> {
public:
    explicit FetchModelReactor(const QString &path) : m_file(path)
    {
        if (!m_file.open(QIODevice::ReadOnly)) {
            Finish(grpc::Status(grpc::StatusCode::INTERNAL,
                                Tr::tr("cannot read the model file: %1").arg(m_file.errorString()).toStdString()));
            return;
        }
        m_chunk.set_total_size(std::uint64_t(m_file.size()));
        next();
    }

    void OnWriteDone(bool ok) override
    {
        if (!ok) {
            Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
            return;
        }
        m_chunk.clear_total_size();
        next();
    }

    void OnDone() override { delete this; }

private:
    void next()
    {
        if (m_file.atEnd() && m_sent > 0) {
            Finish(grpc::Status::OK);
            return;
        }
        const QByteArray bytes = m_file.read(qint64(cluster::kChunkBytes));
        if (bytes.isEmpty() && !m_file.atEnd()) {
            Finish(grpc::Status(grpc::StatusCode::INTERNAL,
                                Tr::tr("cannot read the model file: %1").arg(m_file.errorString()).toStdString()));
            return;
        }
        m_chunk.set_data(bytes.constData(), std::size_t(bytes.size()));
        ++m_sent;
        StartWrite(&m_chunk);
    }

    QFile m_file;
    v1::ModelChunk m_chunk;
    int m_sent = 0;
};

} // namespace

grpc::ServerReadReactor<v1::ShardChunk> *newPutShardReactor(const BlobStore &blobs, v1::PutShardReply *reply,
                                                            std::string peer)
{
    return new PutShardReactor(blobs, reply, std::move(peer));
}

grpc::ServerWriteReactor<v1::JobEvent> *newWatchReactor(JobManager &jobs, const std::string &jobId, std::uint64_t from)
{
    return new WatchReactor(jobs, jobId, from);
}

grpc::ServerWriteReactor<v1::ModelChunk> *newFetchModelReactor(const QString &path)
{
    return new FetchModelReactor(path);
}

} // namespace sieve::worker
