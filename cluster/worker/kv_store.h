#pragma once

#include "base/result.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sieve::worker {

// The key-value store behind KvSet / KvGet / KvWait, which Gloo's rendezvous uses: ranks set
// their addresses under a fresh key prefix and wait for each other's. Every wait ends, at the
// latest at its timeout (a thread of the store's own finishes expired waits), so a rank that
// never comes cannot hang the others. Values are never overwritten by a wait; set() replaces.
// Any thread; callbacks run on the thread that completes them (a caller of set(), the store's
// timer thread, or the caller of get()/wait() when it can answer at once), never under the lock.
class KvStore {
public:
    enum class Outcome {
        Ready,    // get(): the value is there; wait(): all keys are set
        TimedOut, // `missing` names the first key still missing
        Closed,   // the store was closed (the worker is shutting down)
    };
    using Done = std::function<void(Outcome outcome, const std::string &value, const std::string &missing)>;

    KvStore();
    ~KvStore(); // close(), then joins the timer thread
    KvStore(const KvStore &) = delete;
    KvStore &operator=(const KvStore &) = delete;

    // Fails on a key over kMaxKvKeyBytes, a value over kMaxKvValueBytes, or when the store
    // would hold more than kMaxTotalBytes.
    Status set(const std::string &key, const std::string &value);
    // DONE gets the value once KEY is set, or TimedOut after TIMEOUT (capped at kMaxKvTimeoutMs).
    void get(const std::string &key, std::chrono::milliseconds timeout, Done done);
    // DONE gets Ready once all KEYS are set, or TimedOut after TIMEOUT (capped likewise).
    void wait(std::vector<std::string> keys, std::chrono::milliseconds timeout, Done done);
    // Finishes every pending wait with Closed; later waits finish Closed at once. Idempotent.
    void close();

    static constexpr std::size_t kMaxTotalBytes = 64u << 20;

private:
    struct Waiter {
        std::vector<std::string> keys;
        std::chrono::steady_clock::time_point deadline;
        Done done;
    };
    using Completion = std::function<void()>;

    void add(std::vector<std::string> keys, std::chrono::milliseconds timeout, Done done);
    // Precondition: m_mutex held. Moves satisfied waiters' completions into OUT.
    void collectReady(std::vector<Completion> &out);
    std::string firstMissing(const Waiter &waiter) const;
    void timerLoop();

    std::mutex m_mutex;
    std::condition_variable m_changed;          // guarded by m_mutex: new waiter or closing
    std::map<std::string, std::string> m_values; // guarded by m_mutex
    std::size_t m_totalBytes = 0;                // guarded by m_mutex
    std::list<Waiter> m_waiters;                 // guarded by m_mutex
    bool m_closed = false;                       // guarded by m_mutex
    std::thread m_timer;
};

} // namespace sieve::worker
