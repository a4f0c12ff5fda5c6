#pragma once

#include "job_runner.h"

#include "sieve/cluster/v1/worker.pb.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sieve::worker {

class BlobStore;

// The worker's one job at a time: validates and starts it on a thread of its own with the
// injected JobRunner, keeps its events for Watch, cancels it, and knows its model file. Keeps
// the current (or last) job only. Any thread; subscribers are called without the lock held.
class JobManager {
public:
    JobManager(const BlobStore &blobs, int threads, JobRunner runner);
    ~JobManager(); // shutdown()
    JobManager(const JobManager &) = delete;
    JobManager &operator=(const JobManager &) = delete;

    enum class Refusal { None, Invalid, Busy, NoRunner, ShuttingDown, Internal };
    struct StartResult {
        Refusal refusal = Refusal::None;
        QString message; // for people: what is wrong and what to do
    };
    StartResult start(const cluster::v1::JobSpec &spec);

    // Sets the job's cancel flag. Returns the state it had; NOT found: JOB_STATE_NONE.
    cluster::v1::JobState cancel(const std::string &jobId);

    struct Current {
        std::string jobId;
        cluster::v1::JobState state = cluster::v1::JOB_STATE_NONE;
    };
    Current current() const;

    struct Events {
        bool found = false;
        std::vector<cluster::v1::JobEvent> events; // from the asked sequence (or the oldest kept)
        bool ended = false;                        // the job ended and EVENTS reaches its last event
    };
    // Up to MAX events of job JOBID with sequence >= FROM.
    Events events(const std::string &jobId, std::uint64_t from, std::size_t max) const;

    // CALLBACK runs (on the thread that added the event) after every new event and on shutdown.
    std::uint64_t subscribe(std::function<void()> callback);
    void unsubscribe(std::uint64_t id);

    // The finished job's model file; fails while it runs, when it failed or made no model.
    Result<QString> modelPath(const std::string &jobId) const;
    // The job's latest checkpoint (the runner writes JobEnvironment::workDir/checkpoint.sieveckpt),
    // in any state; fails when it is not this worker's current (or last) job or has none yet.
    Result<QString> checkpointPath(const std::string &jobId) const;
    static constexpr const char *kCheckpointFile = "checkpoint.sieveckpt";
    // The model of the job's best epoch so far (the runner writes workDir/best.sievemodel when
    // an epoch improves), in any state; fails like checkpointPath.
    Result<QString> bestModelPath(const std::string &jobId) const;
    static constexpr const char *kBestModelFile = "best.sievemodel";

    // Cancels the job, waits for its runner to return, and refuses new jobs. Idempotent.
    void shutdown();
    bool isShutDown() const;

    static constexpr std::size_t kMaxEvents = 100'000;

private:
    class Sink;
    void append(cluster::v1::JobEvent event);
    void run(std::shared_ptr<const cluster::v1::JobSpec> spec, nn::ModelDefinition model);
    void notify();
    // FILE in the folder of job JOBID, which must be the current (or last) job; MISSING when absent.
    Result<QString> workFile(const std::string &jobId, const char *file, const QString &missing) const;

    const BlobStore &m_blobs;
    const int m_threads;
    const JobRunner m_runner;

    std::mutex m_startMutex;  // serialises start() and shutdown(); taken before m_mutex
    mutable std::mutex m_mutex;
    std::string m_jobId;                            // guarded by m_mutex
    cluster::v1::JobState m_state = cluster::v1::JOB_STATE_NONE; // guarded by m_mutex
    QString m_modelPath;                            // guarded by m_mutex
    std::deque<cluster::v1::JobEvent> m_events;     // guarded by m_mutex
    std::uint64_t m_nextSequence = 0;               // guarded by m_mutex
    std::map<std::uint64_t, std::function<void()>> m_subscribers; // guarded by m_mutex
    std::uint64_t m_nextSubscriber = 1;             // guarded by m_mutex
    bool m_shutDown = false;                        // guarded by m_mutex
    std::shared_ptr<std::atomic<bool>> m_cancelled; // guarded by m_mutex; the current job's flag
    std::thread m_thread;                           // guarded by m_mutex; joined by start() and shutdown()
};

} // namespace sieve::worker
