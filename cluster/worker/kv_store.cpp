#include "kv_store.h"

#include "sieve/cluster/protocol.h"

#include <QCoreApplication>

#include <algorithm>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::KvStore)
};

} // namespace

KvStore::KvStore() : m_timer([this] { timerLoop(); }) {}

KvStore::~KvStore()
{
    close();
    m_timer.join();
}

Status KvStore::set(const std::string &key, const std::string &value)
{
    if (key.empty() || key.size() > cluster::kMaxKvKeyBytes)
        return fail(Tr::tr("a key must have 1 to %1 bytes; this one has %2").arg(cluster::kMaxKvKeyBytes).arg(key.size()));
    if (value.size() > cluster::kMaxKvValueBytes)
        return fail(Tr::tr("a value may have up to %1 bytes; this one has %2").arg(cluster::kMaxKvValueBytes).arg(value.size()));
    std::vector<Completion> ready;
    {
        const std::lock_guard lock(m_mutex);
        const auto old = m_values.find(key);
        const std::size_t oldBytes = old == m_values.end() ? 0 : old->first.size() + old->second.size();
        if (m_totalBytes - oldBytes + key.size() + value.size() > kMaxTotalBytes)
            return fail(Tr::tr("the key-value store is full (%1 bytes); restart the worker to empty it").arg(kMaxTotalBytes));
        m_totalBytes = m_totalBytes - oldBytes + key.size() + value.size();
        m_values[key] = value;
        collectReady(ready);
    }
    for (const Completion &completion : ready)
        completion();
    return {};
}

void KvStore::get(const std::string &key, std::chrono::milliseconds timeout, Done done)
{
    add({key}, timeout, std::move(done));
}

void KvStore::wait(std::vector<std::string> keys, std::chrono::milliseconds timeout, Done done)
{
    add(std::move(keys), timeout, std::move(done));
}

void KvStore::add(std::vector<std::string> keys, std::chrono::milliseconds timeout, Done done)
{
    timeout = std::clamp(timeout, std::chrono::milliseconds(0), std::chrono::milliseconds(cluster::kMaxKvTimeoutMs));
    std::vector<Completion> ready;
    {
        const std::lock_guard lock(m_mutex);
        if (m_closed) {
            ready.push_back([done = std::move(done)] { done(Outcome::Closed, {}, {}); });
        } else {
            m_waiters.push_back(Waiter{std::move(keys), std::chrono::steady_clock::now() + timeout, std::move(done)});
            collectReady(ready);
            if (ready.empty())
                m_changed.notify_all();
        }
    }
    for (const Completion &completion : ready)
        completion();
}

void KvStore::close()
{
    std::list<Waiter> waiters;
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
        waiters.swap(m_waiters);
        m_changed.notify_all();
    }
    for (const Waiter &waiter : waiters)
        waiter.done(Outcome::Closed, {}, {});
}

std::string KvStore::firstMissing(const Waiter &waiter) const
{
    for (const std::string &key : waiter.keys) {
        if (!m_values.contains(key))
            return key;
    }
    return {};
}

void KvStore::collectReady(std::vector<Completion> &out)
{
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        const bool allSet = std::all_of(it->keys.begin(), it->keys.end(),
                                        [this](const std::string &key) { return m_values.contains(key); });
        if (!allSet) {
            ++it;
            continue;
        }
        // A single-key wait is a get(): it answers with the value.
        std::string value = it->keys.size() == 1 ? m_values.at(it->keys.front()) : std::string();
        out.push_back([done = std::move(it->done), value = std::move(value)] { done(Outcome::Ready, value, {}); });
        it = m_waiters.erase(it);
    }
}

void KvStore::timerLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_closed) {
        const auto now = std::chrono::steady_clock::now();
        std::vector<Completion> expired;
        auto next = std::chrono::steady_clock::time_point::max();
        for (auto it = m_waiters.begin(); it != m_waiters.end();) {
            if (it->deadline <= now) {
                expired.push_back([done = std::move(it->done), missing = firstMissing(*it)] {
                    done(Outcome::TimedOut, {}, missing);
                });
                it = m_waiters.erase(it);
            } else {
                next = std::min(next, it->deadline);
                ++it;
            }
        }
        if (!expired.empty()) {
            lock.unlock();
            for (const Completion &completion : expired)
                completion();
            lock.lock();
            continue;
        }
        if (next == std::chrono::steady_clock::time_point::max())
            m_changed.wait(lock);
        else
            m_changed.wait_until(lock, next);
    }
}

} // namespace sieve::worker
