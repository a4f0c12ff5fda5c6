#pragma once

#include "base/result.h"

#include <chrono>
#include <string>
#include <vector>

namespace sieve::cluster {

// The key-value store the ranks of a job meet through before they connect to each other (Gloo's
// rendezvous: each rank publishes its addresses and reads the others'). The worker daemon backs
// it with the key-value RPCs of rank 0's worker; tests use FileKeyValueStore. Keys are opaque
// strings (Collective prefixes them with the job's rendezvous prefix, so one store serves many
// rendezvous); values are bytes.
//
// Implementations must be safe to call from several threads at once (Gloo calls it from the
// thread that connects; the worker's RPC threads may serve other jobs meanwhile). No call may
// wait longer than its timeout.
class KeyValueStore {
public:
    virtual ~KeyValueStore() = default;

    // Stores VALUE under KEY, replacing any earlier value. Fails when the store cannot be reached
    // or written, saying which.
    virtual Status set(const std::string &key, const std::vector<char> &value) = 0;
    // The value of KEY, waiting up to TIMEOUT for it to be set. Fails on timeout (naming the
    // key) or when the store cannot be reached.
    virtual Result<std::vector<char>> get(const std::string &key, std::chrono::milliseconds timeout) = 0;
    // Returns once every one of KEYS is set. Fails on timeout, naming the keys still missing.
    virtual Status wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout) = 0;
};

} // namespace sieve::cluster
