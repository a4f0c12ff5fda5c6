#pragma once

#include "base/result.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace sieve::store {

class Database;

// The sieve-worker nodes an analyst added to the project (table cluster_workers), for the
// cluster view and the New Training Run dialog. A row holds where a worker listens and where
// its secrets are; never a secret itself: the token lives in a file readable only by the user
// (see cluster::storeWorkerToken), so that a project folder can be copied or shared without
// giving its workers away. Settings, not edits: not in the audit trail, not undoable. Every
// function works on the caller's connection and commits at once.
struct ClusterWorker {
    std::int64_t id = 0;
    QString address;      // HOST:PORT, [IPv6]:PORT
    QString name;         // optional label shown beside the address
    QString tokenFile;    // absolute path of the file holding the worker's token
    QString tlsCaFile;    // PEM to trust; empty: plaintext
    QString tlsCertFile;  // client certificate and key, for workers started with --tls-ca
    QString tlsKeyFile;

    bool operator==(const ClusterWorker &) const = default;
};

// ADDRESS trimmed when it is HOST:PORT with a port from 1 to 65535 (IPv6 hosts in brackets);
// otherwise a message saying what is wrong with it.
Result<QString> validWorkerAddress(const QString &address);

// Every worker, in the order they were added.
Result<QList<ClusterWorker>> listClusterWorkers(Database &db);
// Adds WORKER (its id is ignored) and returns its id. Fails, adding nothing, on an invalid
// address, an address the project has already, or no token file.
Result<std::int64_t> addClusterWorker(Database &db, const ClusterWorker &worker);
// Replaces row WORKER.id with WORKER, under the same checks.
Status updateClusterWorker(Database &db, const ClusterWorker &worker);
// Removes worker ID; removing one that does not exist is not an error.
Status removeClusterWorker(Database &db, std::int64_t id);

} // namespace sieve::store
