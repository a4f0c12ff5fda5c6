#pragma once

#include "base/result.h"
#include "worker_endpoint.h"

#include <QList>
#include <QString>

#include <chrono>
#include <memory>

namespace sieve::cluster {

// N sieve-worker processes on 127.0.0.1 with a random token, for the "local cluster" default
// and for tests: each listens on a port the system picks, keeps its blobs in its own folder
// under the cache root and logs to a file next to the token. Destroying it stops them: SIGTERM,
// then SIGKILL for any still running after the grace period. Use from one thread (it owns
// QProcess objects).
class LocalCluster {
public:
    struct Options {
        int workers = 1;
        // sieve-worker to run; empty: $SIEVE_WORKER, else sieve-worker next to this program.
        QString executable;
        int threadsPerWorker = 0;      // --threads; 0: the worker's default (one per core)
        // Blob caches (worker-<i>/ in it); empty: a temporary folder removed with the cluster.
        // Give a lasting one (e.g. in the project) so that a second run sends nothing again.
        QString cacheRoot;
        std::chrono::milliseconds startTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds stopGrace = std::chrono::seconds(10);
    };

    // Starts the workers and waits until each answers the health check. Fails naming the
    // worker that did not start and the last lines of its log; started ones are stopped.
    static Result<std::unique_ptr<LocalCluster>> start(const Options &options);
    ~LocalCluster();

    // The workers' addresses with the token.
    const QList<WorkerEndpoint> &endpoints() const;
    // Process ids, in the endpoints' order (tests kill them).
    QList<qint64> processIds() const;
    // The file holding the token (mode 0600) and the folder of the workers' logs.
    QString tokenFile() const;
    QString logFile(int worker) const;
    // SIGTERM to all, then SIGKILL after the grace period. Returns each worker's exit code
    // (-1: killed or crashed). Idempotent.
    QList<int> stop();

private:
    struct Impl;
    explicit LocalCluster(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace sieve::cluster
