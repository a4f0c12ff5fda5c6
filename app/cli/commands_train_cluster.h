#pragma once

#include "train/trainer.h"

class QCommandLineParser;

namespace sieve::store {
class Project;
}

namespace sieve::cli {

class Command;

// The cluster options of sieve-cli train (--workers, --token-file, --tls-ca, --max-restarts,
// --worker-timeout) added to PARSER.
void addClusterTrainOptions(QCommandLineParser &parser);
// sieve-cli train with --workers: OPTIONS trained on the workers (a local cluster of
// sieve-worker processes for local:N, whose caches stay in the project's cluster-cache/ folder).
// THREADS: --threads, split over local workers (0: the cores). Returns the exit code.
int trainOnCluster(Command &command, store::Project &project, const train::TrainOptions &options, int threads);

} // namespace sieve::cli
