#pragma once

#include "job_runner.h"

namespace sieve::worker {

// The whole of sieve-worker: parses the command line, opens the cache, serves
// sieve.cluster.v1 and grpc.health.v1 until SIGTERM or SIGINT, then cancels the job, waits for
// its runner, ends every open call and returns 0. Returns 2 on a bad command line and 1 when it
// cannot start (cache not writable, address in use, unusable certificate), after saying why on
// stderr. RUNNER trains the jobs; empty: StartJob validates specs and answers UNIMPLEMENTED.
// Call from main() before any other thread exists (it blocks SIGTERM and SIGINT in all threads).
int workerMain(int argc, char **argv, JobRunner runner);

} // namespace sieve::worker
