#pragma once

#include "base/result.h"
#include "key_value_store.h"

#include <QString>

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace sieve::cluster {

struct CollectiveOptions {
    int rank = 0;
    int size = 1;
    // Prefix of every rendezvous key: fresh for each attempt of a job (a restarted job must not
    // read the addresses of the previous attempt's processes).
    std::string prefix;
    // The address this rank listens on and tells its peers: 127.0.0.1 for a local cluster, the
    // node's address on the cluster network otherwise.
    std::string host = "127.0.0.1";
    // Bound on the rendezvous (connecting takes up to five times this, as Gloo allows) and on
    // every operation, end to end.
    std::chrono::milliseconds timeout{30000};
};

// The data path between the ranks of a data-parallel job: a Gloo context over TCP, full mesh,
// and the few collective operations training needs. Every operation is under the timeout, so
// a peer that died (connection closed) or stopped answering (SIGSTOP, a cut network) ends it
// with an error on every other rank instead of a hang. Errors name the operation, this rank and,
// where Gloo's message says which connection failed, the peer's rank — which may be a rank
// that gave up because of the first failure (ranks that fail close their connections), so the
// worker that really died is known to the coordinator, not to Gloo. After the first failure
// the context is unusable (Gloo's pairs are closed): every later call fails with that error at
// once, and the job must rendezvous again under a fresh prefix.
//
// Every rank must call the same operations in the same order with the same sizes. A world of
// size 1 needs no Gloo and no store traffic: operations return at once. One thread at a time.
class Collective {
public:
    // Rendezvous through STORE (which must outlive the call only) and connect to every peer.
    // The first connect() with more than one rank sets SIGPIPE to be ignored in the process
    // (Gloo's writes to a dead peer would otherwise kill it; network daemons do the same).
    // Fails on invalid options, when the address cannot be bound, or when the peers do not all
    // arrive within the timeout (naming the ranks that did not).
    static Result<std::unique_ptr<Collective>> connect(const CollectiveOptions &options, KeyValueStore &store);
    ~Collective();
    Collective(const Collective &) = delete;
    Collective &operator=(const Collective &) = delete;

    int rank() const;
    int size() const;
    std::chrono::milliseconds timeout() const;

    // DATA becomes the element-wise sum over the ranks: Gloo's ring all-reduce (reduce-scatter
    // then all-gather) in segments of up to 1 MiB, two in flight, so large buffers pipeline.
    Status allReduceSum(std::span<float> data);
    Status allReduceSum(std::span<double> data);
    // DATA becomes ROOT's DATA on every rank.
    Status broadcast(std::span<float> data, int root);
    Status broadcast(std::span<double> data, int root);
    Status barrier();
    // Every rank's MINE (the same size on every rank), concatenated in rank order.
    Result<std::vector<double>> allGather(std::span<const double> mine);
    // The ranks whose CHECKSUM differs from rank 0's (empty: all agree), the same answer on
    // every rank.
    Result<std::vector<int>> checksumMismatches(std::uint64_t checksum);

    // Bytes this rank has sent so far, counted from each algorithm's traffic (a ring all-reduce
    // of n bytes sends 2·(size − 1)/size · n; a broadcast root (size − 1) · n), not measured on
    // the sockets: Gloo keeps no counters.
    std::uint64_t bytesSent() const;

private:
    struct Impl;
    explicit Collective(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace sieve::cluster
