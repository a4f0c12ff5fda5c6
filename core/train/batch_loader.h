#pragma once

#include <QString>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace sieve::train {

// One batch: `size` samples of sampleFloats each, and their labels.
struct Batch {
    std::vector<float> inputs;
    std::vector<int> labels;
    int size = 0;
};

// Makes the batches of an epoch on its own worker threads ahead of the trainer, a bounded
// number at a time (queueDepth), and hands them out in order.
//
// Deterministic: the sample order of epoch e is a permutation drawn from (seed, e) alone (or
// the given order without shuffling), and MAKESAMPLE receives (sample, epoch), from which it
// must derive any randomness. So the batches do not depend on the number of threads or their
// timing. With dropLast the epoch has ⌊n / batchSize⌋ full batches (one batch of all n when
// n < batchSize), which keeps the network's batch size fixed; otherwise the last is partial.
//
// MAKESAMPLE runs on the worker threads, several at once. The loader's own functions are for
// one consumer thread. Destroying the loader stops and joins its threads.
class BatchLoader {
public:
    using MakeSample = std::function<void(std::size_t sample, std::int64_t epoch, std::span<float> out)>;

    struct Options {
        int batchSize = 32;
        bool shuffle = true;
        bool dropLast = true;
        std::uint64_t seed = 1;
        int threads = 1;
        int queueDepth = 4;
    };

    BatchLoader(std::vector<int> labels, std::size_t sampleFloats, const Options &options, MakeSample makeSample);
    ~BatchLoader();
    BatchLoader(const BatchLoader &) = delete;
    BatchLoader &operator=(const BatchLoader &) = delete;

    int batchesPerEpoch() const { return m_batches; }
    std::size_t sampleCount() const { return m_labels.size(); }

    // Starts making epoch EPOCH (0-based) from batch FIRST; batches of an earlier epoch still
    // queued are dropped.
    void startEpoch(std::int64_t epoch, int first = 0);
    // The next batch of the current epoch, waiting for it when it is not ready; the wait is
    // added to waitSeconds(). Precondition: startEpoch() was called and the epoch has batches left.
    Batch next();
    // Seconds next() spent waiting since the last call to takeWaitSeconds().
    double takeWaitSeconds();

    // The sample order of EPOCH.
    std::vector<std::size_t> order(std::int64_t epoch) const;

private:
    void work();

    const std::vector<int> m_labels;
    const std::size_t m_sampleFloats;
    const Options m_options;
    const MakeSample m_makeSample;
    int m_batches = 0;

    std::mutex m_mutex; // guards everything below
    std::condition_variable m_changed;
    bool m_stop = false;
    bool m_started = false; // startEpoch() was called
    std::uint64_t m_generation = 0;
    std::int64_t m_epoch = 0;
    std::vector<std::size_t> m_order;
    int m_claimed = 0; // next batch index a worker may take
    int m_taken = 0;   // next batch index the consumer takes
    std::map<int, Batch> m_ready;
    double m_waitSeconds = 0;
    std::vector<std::thread> m_threads;
};

} // namespace sieve::train
