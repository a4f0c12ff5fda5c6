// sieve-worker without a training runner, so that tests see StartJob validate a spec and answer
// UNIMPLEMENTED (the real sieve-worker trains).

#include "worker_main.h"

int main(int argc, char **argv)
{
    return sieve::worker::workerMain(argc, argv, {});
}
