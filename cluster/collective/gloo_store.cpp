#include "gloo_store.h"

#include <gloo/common/error.h>

namespace sieve::cluster {

void GlooStore::set(const std::string &key, const std::vector<char> &data)
{
    if (Status stored = m_store.set(m_prefix + key, data); !stored)
        throw gloo::IoException(stored.error().toStdString());
}

std::vector<char> GlooStore::get(const std::string &key)
{
    Result<std::vector<char>> value = m_store.get(m_prefix + key, m_timeout);
    if (!value)
        throw gloo::IoException(value.error().toStdString());
    return std::move(*value);
}

void GlooStore::wait(const std::vector<std::string> &keys, const std::chrono::milliseconds &timeout)
{
    std::vector<std::string> prefixed;
    prefixed.reserve(keys.size());
    for (const std::string &key : keys)
        prefixed.push_back(m_prefix + key);
    if (Status ready = m_store.wait(prefixed, timeout); !ready)
        throw gloo::IoException(ready.error().toStdString());
}

} // namespace sieve::cluster
