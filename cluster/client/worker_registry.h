#pragma once

#include "base/result.h"
#include "store/cluster_workers.h"
#include "worker_endpoint.h"

#include <QByteArray>
#include <QString>

namespace sieve::cluster {

// The secrets of the project's workers (store::ClusterWorker rows name files; these read and
// write them). Tokens the analyst types in are kept in files of mode 0600 in a folder of mode
// 0700 under the user's data folder (not in the project, which may be copied or shared). A
// token file the analyst names must be readable by its owner only, as ssh insists for keys:
// one that others can read is refused with the chmod that mends it. Plain files, any thread.

// The folder stored tokens go to: $XDG_DATA_HOME/sieve/worker-tokens (or SIEVE_TOKEN_DIR).
QString workerTokenFolder();
// Writes TOKEN (trimmed; not empty) to a new file of mode 0600 in workerTokenFolder() named
// after ADDRESS, whole or not at all, and returns its path.
Result<QString> storeWorkerToken(const QByteArray &token, const QString &address);
// Deletes PATH when it is a file storeWorkerToken wrote (inside workerTokenFolder()); a token
// file the analyst named elsewhere is theirs and stays.
void forgetStoredToken(const QString &path);
// Whether PATH is inside workerTokenFolder().
bool isStoredToken(const QString &path);

// WORKER's endpoint: its address, the token read from its token file (or TOKEN when given: one
// typed in and not stored yet), the TLS files read. Fails naming the worker and the file that
// is missing, unreadable, empty, too large, or (token, key) readable by other users.
Result<WorkerEndpoint> endpointFor(const store::ClusterWorker &worker, const QByteArray &token = {});

} // namespace sieve::cluster
