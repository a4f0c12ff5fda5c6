#pragma once

#include "key_value_store.h"

#include <gloo/rendezvous/store.h>

#include <chrono>
#include <string>

namespace sieve::cluster {

// Gloo's rendezvous store over a KeyValueStore, every key under PREFIX. Gloo expects failures as
// exceptions: they are gloo::IoException with the store's message, which Collective turns back
// into an Error. Internal to cluster/collective.
class GlooStore final : public gloo::rendezvous::Store {
public:
    GlooStore(KeyValueStore &store, std::string prefix, std::chrono::milliseconds timeout)
        : m_store(store), m_prefix(std::move(prefix)), m_timeout(timeout)
    {
    }

    void set(const std::string &key, const std::vector<char> &data) override;
    std::vector<char> get(const std::string &key) override;
    void wait(const std::vector<std::string> &keys) override { wait(keys, m_timeout); }
    void wait(const std::vector<std::string> &keys, const std::chrono::milliseconds &timeout) override;

private:
    KeyValueStore &m_store;
    std::string m_prefix;
    std::chrono::milliseconds m_timeout;
};

} // namespace sieve::cluster
