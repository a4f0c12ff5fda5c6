#include "worker_main.h"

// sieve-worker, the cluster training node. Without a training runner linked in, it serves
// everything but StartJob, which validates the spec and answers UNIMPLEMENTED.
int main(int argc, char **argv)
{
    return sieve::worker::workerMain(argc, argv, {});
}
