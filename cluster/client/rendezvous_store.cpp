#include "rendezvous_store.h"

#include "worker_client.h"

namespace sieve::cluster {

WorkerRendezvousStore::WorkerRendezvousStore(WorkerEndpoint endpoint, std::string prefix)
    : m_client(std::make_unique<WorkerClient>(std::move(endpoint))), m_prefix(std::move(prefix))
{
}

WorkerRendezvousStore::~WorkerRendezvousStore() = default;

QByteArray WorkerRendezvousStore::prefixed(const std::string &key) const
{
    return QByteArray::fromStdString(m_prefix + '/' + key);
}

Status WorkerRendezvousStore::set(const std::string &key, const std::vector<char> &value)
{
    return m_client->kvSet(prefixed(key), QByteArray(value.data(), qsizetype(value.size())));
}

Result<std::vector<char>> WorkerRendezvousStore::get(const std::string &key, std::chrono::milliseconds timeout)
{
    auto value = m_client->kvGet(prefixed(key), timeout);
    if (!value)
        return value.takeError();
    return std::vector<char>(value->begin(), value->end());
}

Status WorkerRendezvousStore::wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout)
{
    QList<QByteArray> all;
    for (const std::string &key : keys)
        all.append(prefixed(key));
    return m_client->kvWait(all, timeout);
}

} // namespace sieve::cluster
