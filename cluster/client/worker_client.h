#pragma once

#include "base/result.h"
#include "job_spec.h"
#include "worker_endpoint.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace sieve::cluster {

enum class JobState { None, Running, Succeeded, Failed, Cancelled };
QString jobStateName(JobState state); // "none", "running", …

// A worker's Info.
struct WorkerInfo {
    QString version;
    std::uint32_t protocolVersion = 0;
    int cores = 0;
    int threads = 0;
    QString isa;
    bool bf16 = false;
    std::uint64_t memoryTotalBytes = 0;
    std::uint64_t memoryAvailableBytes = 0;
    bool busy = false;
    QString jobId;
    JobState jobState = JobState::None;
    QString hostname;
    std::uint64_t cacheBytes = 0;
    std::uint64_t cacheBlobs = 0;
    double loadAverage = -1;        // 1-minute load average of the node; -1: unknown

    QJsonObject toJson() const;
};

// One event of a job's Watch stream.
struct JobEvent {
    enum class Kind { Step, Epoch, Log, State };
    Kind kind = Kind::Log;
    std::uint64_t sequence = 0;
    qint64 wallTimeMs = 0;
    std::uint64_t step = 0;                   // Step, Epoch
    int epoch = 0;                            // Epoch, 1-based
    QList<QPair<QString, double>> metrics;    // Step, Epoch: (tag, value)
    int logLevel = 0;                         // Log: 0 info, 1 warning, 2 error
    QString text;                             // Log: the line; State: why it failed, or a summary
    JobState state = JobState::None;          // State
};

// A file to upload by its content hash.
struct BlobFile {
    QString hash;
    QString path;
};

struct UploadProgress {
    qint64 filesDone = 0;
    qint64 filesToSend = 0;  // the files the worker lacked
    qint64 bytesSent = 0;
    qint64 bytesToSend = 0;
};

struct UploadSummary {
    qint64 skipped = 0;      // already in the worker's cache
    qint64 uploaded = 0;
    qint64 bytesSent = 0;
};

// A connection to one sieve-worker. Every call is blocking and bounded by a deadline, so run
// it off the GUI thread (a QtConcurrent task or a thread of the caller's). Failures are
// messages naming the worker's address and what went wrong (unreachable, wrong token, TLS,
// protocol version, the worker's own refusal). Thread-safe: calls may run concurrently.
class WorkerClient {
public:
    // Does not connect yet; the first call does. CALLDEADLINE bounds each unary call.
    explicit WorkerClient(WorkerEndpoint endpoint,
                          std::chrono::milliseconds callDeadline = std::chrono::seconds(15));
    ~WorkerClient();
    WorkerClient(const WorkerClient &) = delete;
    WorkerClient &operator=(const WorkerClient &) = delete;

    const QString &address() const;

    Result<WorkerInfo> info();
    // Which of HASHES the worker's cache lacks, in their order.
    Result<QStringList> missingBlobs(const QStringList &hashes);
    // Uploads the FILES the worker lacks (asks HasBlobs first) in ~1 MiB chunks, each file
    // checked against its hash by the worker. PROGRESS (optional) is called on this thread
    // after each chunk; returning false stops the upload (files finished so far stay). Bounded
    // by TRANSFERDEADLINE in all. Fails naming the file that could not be read or was refused.
    Result<UploadSummary> uploadBlobs(const QList<BlobFile> &files,
                                      const std::function<bool(const UploadProgress &)> &progress = {},
                                      std::chrono::milliseconds transferDeadline = std::chrono::hours(2));

    Result<QString> startJob(const JobSpec &spec);
    // Streams the job's events from FROM on to ONEVENT (on this thread) until the job has
    // ended (OK), ONEVENT returns false (OK), or MAXDURATION passes (an error).
    Status watch(const QString &jobId, std::uint64_t from, const std::function<bool(const JobEvent &)> &onEvent,
                 std::chrono::milliseconds maxDuration = std::chrono::hours(72));
    // The state the job had when the cancel arrived.
    Result<JobState> cancel(const QString &jobId);
    // Writes the finished job's model to DESTINATION (whole or not at all).
    Status fetchModel(const QString &jobId, const QString &destination,
                      std::chrono::milliseconds transferDeadline = std::chrono::minutes(30));
    // Writes the job's latest checkpoint to DESTINATION (whole or not at all), in any state of
    // the job: what a restart continues from.
    Status fetchCheckpoint(const QString &jobId, const QString &destination,
                           std::chrono::milliseconds transferDeadline = std::chrono::minutes(30));
    // Writes the model of the job's best epoch so far (its metadata's "best_epoch" says which) to
    // DESTINATION (whole or not at all), in any state of the job.
    Status fetchBestModel(const QString &jobId, const QString &destination,
                          std::chrono::milliseconds transferDeadline = std::chrono::minutes(30));

    // The rendezvous key-value store (see RendezvousStore for the plain interface Gloo uses).
    Status kvSet(const QByteArray &key, const QByteArray &value);
    // Waits up to TIMEOUT for the key (the call's deadline is TIMEOUT plus CALLDEADLINE).
    Result<QByteArray> kvGet(const QByteArray &key, std::chrono::milliseconds timeout);
    Status kvWait(const QList<QByteArray> &keys, std::chrono::milliseconds timeout);

    // grpc.health.v1 Check: whether the worker is up and serving. Needs no token.
    Status checkHealth();

private:
    enum class FetchedFile { Model, Checkpoint, BestModel };
    Status fetchFile(const QString &jobId, const QString &destination, std::chrono::milliseconds transferDeadline,
                     FetchedFile what);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sieve::cluster
