#include "train/batch_loader.h"

#include "nn/random.h"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace sieve::train {

BatchLoader::BatchLoader(std::vector<int> labels, std::size_t sampleFloats, const Options &options, MakeSample makeSample)
    : m_labels(std::move(labels)), m_sampleFloats(sampleFloats), m_options(options), m_makeSample(std::move(makeSample))
{
    const int n = int(m_labels.size());
    const int batch = std::max(1, m_options.batchSize);
    if (n == 0)
        m_batches = 0;
    else if (m_options.dropLast)
        m_batches = n < batch ? 1 : n / batch;
    else
        m_batches = (n + batch - 1) / batch;
    for (int i = 0; i < std::max(1, m_options.threads); ++i)
        m_threads.emplace_back([this] { work(); });
}

BatchLoader::~BatchLoader()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

std::vector<std::size_t> BatchLoader::order(std::int64_t epoch) const
{
    std::vector<std::size_t> order(m_labels.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    if (m_options.shuffle) {
        nn::Random random(nn::mix64(m_options.seed ^ nn::mix64(0x0a11ce ^ std::uint64_t(epoch))));
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[std::size_t(random.next() % i)]);
    }
    return order;
}

void BatchLoader::startEpoch(std::int64_t epoch, int first)
{
    std::vector<std::size_t> newOrder = order(epoch);
    {
        const std::lock_guard lock(m_mutex);
        ++m_generation;
        m_epoch = epoch;
        m_started = true;
        m_order = std::move(newOrder);
        m_claimed = m_taken = std::clamp(first, 0, m_batches);
        m_ready.clear();
    }
    m_changed.notify_all();
}

Batch BatchLoader::next()
{
    std::unique_lock lock(m_mutex);
    const auto start = std::chrono::steady_clock::now();
    m_changed.wait(lock, [&] { return m_ready.contains(m_taken); });
    m_waitSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Batch batch = std::move(m_ready.at(m_taken));
    m_ready.erase(m_taken);
    ++m_taken;
    lock.unlock();
    m_changed.notify_all();
    return batch;
}

double BatchLoader::takeWaitSeconds()
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_waitSeconds, 0.0);
}

void BatchLoader::work()
{
    const int batchSize = std::max(1, m_options.batchSize);
    const int depth = std::max(1, m_options.queueDepth);
    for (;;) {
        std::vector<std::size_t> samples;
        std::uint64_t generation = 0;
        std::int64_t epoch = 0;
        int index = 0;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stop || (m_started && m_claimed < m_batches && m_claimed < m_taken + depth); });
            if (m_stop)
                return;
            index = m_claimed++;
            generation = m_generation;
            epoch = m_epoch;
            const std::size_t begin = std::size_t(index) * std::size_t(batchSize);
            const bool last = index == m_batches - 1;
            const std::size_t end = m_options.dropLast ? (last && m_order.size() < std::size_t(batchSize)
                                                               ? m_order.size()
                                                               : begin + std::size_t(batchSize))
                                                       : std::min(m_order.size(), begin + std::size_t(batchSize));
            samples.assign(m_order.begin() + std::ptrdiff_t(begin), m_order.begin() + std::ptrdiff_t(end));
        }
        Batch batch;
        batch.size = int(samples.size());
        batch.inputs.resize(samples.size() * m_sampleFloats);
        batch.labels.resize(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i) {
            batch.labels[i] = m_labels[samples[i]];
            m_makeSample(samples[i], epoch, std::span<float>(batch.inputs).subspan(i * m_sampleFloats, m_sampleFloats));
        }
        {
            const std::lock_guard lock(m_mutex);
            if (generation != m_generation || m_stop)
                continue;
            m_ready.emplace(index, std::move(batch));
        }
        m_changed.notify_all();
    }
}

} // namespace sieve::train
