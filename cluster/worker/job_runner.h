#pragma once

#include "base/result.h"
#include "nn/model_definition.h"

#include <QList>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

namespace sieve::cluster::v1 {
class JobSpec;
}

namespace sieve::worker {

class BlobStore;

struct Metric {
    QString tag;   // e.g. "train/loss", "worker/1/compute_ms"
    double value = 0;
};

enum class LogLevel { Info, Warning, Error };

// Where a runner reports what happens; every call becomes a JobEvent that Watch streams to the
// coordinator. Any thread; cheap (the events are kept in memory, the oldest dropped past
// JobManager::kMaxEvents).
class JobEvents {
public:
    virtual ~JobEvents() = default;
    virtual void step(std::uint64_t step, const QList<Metric> &metrics) = 0;
    virtual void epoch(int epoch, std::uint64_t step, const QList<Metric> &metrics) = 0;
    virtual void log(LogLevel level, const QString &text) = 0;
};

// What a runner gets for one job. Everything stays valid until the runner returns.
struct JobEnvironment {
    const cluster::v1::JobSpec &spec;  // validated by validateJobSpec
    const nn::ModelDefinition &model;  // parsed from spec.model_definition_json()
    const BlobStore &blobs;            // blobs.path(hash): the shard's images, the initial weights
    QString workDir;                   // CACHEDIR/jobs/<job id>/, exists: checkpoints and scratch
    QString modelPath;                 // where the trained model goes; FetchModel serves that file
    int threads = 1;                   // threads the job may use (--threads, or one per core)
    const std::atomic<bool> &cancelled; // set by Cancel and on SIGTERM: stop at the next step boundary
    JobEvents &events;
};

// Runs one job to its end on a thread of its own (JobManager's). Returns OK when it finished or
// stopped because `cancelled` was set (the state is then CANCELLED), else an error whose message
// becomes the FAILED state's message. It reads only blobs and writes only under workDir and
// modelPath. The training runner is plugged in by whoever builds the worker; without one,
// StartJob answers UNIMPLEMENTED.
using JobRunner = std::function<Status(const JobEnvironment &environment)>;

} // namespace sieve::worker
