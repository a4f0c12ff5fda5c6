#pragma once

#include "base/result.h"
#include "worker_endpoint.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace sieve::cluster {

class WorkerClient;

// The key-value store a rendezvous needs (Gloo's gloo::rendezvous::Store maps onto it: set,
// get that waits, wait for keys), as a plain interface. Every wait ends at its timeout.
class RendezvousStore {
public:
    virtual ~RendezvousStore() = default;
    virtual Status set(const std::string &key, const std::vector<char> &value) = 0;
    // The value, once some rank has set KEY; fails after TIMEOUT.
    virtual Result<std::vector<char>> get(const std::string &key, std::chrono::milliseconds timeout) = 0;
    // Returns once all KEYS are set; fails after TIMEOUT naming a missing key.
    virtual Status wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout) = 0;
};

// RendezvousStore on a worker's KvSet / KvGet / KvWait (rank 0's worker holds the store), every
// key under PREFIX, which must be fresh for each rendezvous so that an earlier attempt's keys
// are never read. Thread-safe.
class WorkerRendezvousStore final : public RendezvousStore {
public:
    WorkerRendezvousStore(WorkerEndpoint endpoint, std::string prefix);
    ~WorkerRendezvousStore() override;

    Status set(const std::string &key, const std::vector<char> &value) override;
    Result<std::vector<char>> get(const std::string &key, std::chrono::milliseconds timeout) override;
    Status wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout) override;

private:
    QByteArray prefixed(const std::string &key) const;

    std::unique_ptr<WorkerClient> m_client;
    std::string m_prefix;
};

} // namespace sieve::cluster
