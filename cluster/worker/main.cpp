#include "training_runner.h"
#include "worker_main.h"

// sieve-worker, the cluster training node: trains the data-parallel jobs it is given.
int main(int argc, char **argv)
{
    return sieve::worker::workerMain(argc, argv, sieve::worker::runTrainingJob);
}
