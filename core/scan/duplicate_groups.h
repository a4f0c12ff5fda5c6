#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace sieve::scan {

// Near-identical perceptual hashes (Hamming distance <= threshold) found through an index,
// not by comparing all pairs, then joined into groups (connected components: A~B and B~C put
// A, B and C in one group even when A and C differ more).
//
// The index is multi-index hashing: the 64 bits are cut into 4 chunks of 16 bits, one table
// per chunk. Two hashes within distance t agree within floor(t / 4) bits on at least one chunk,
// so each hash only looks up the chunks within that radius of its own: for t = 10, 137 lookups
// per chunk (tests/bench/bench_duplicates times 1,000,000 hashes).
//
// Memory: about 60 bytes per hash. Thread-safe, pure; THREADS 0 = one per core.
struct HashGroups {
    // Each group: indexes into the input, ascending, at least two. Groups ordered by their
    // first index.
    std::vector<std::vector<std::uint32_t>> groups;
};

// PROGRESS, when given, is called from one worker thread about every 16,384 hashes with how
// many are done; returning false cancels, and the result is then empty. A million random hashes
// at the default threshold take minutes on two cores (each hash probes 4 × 137 buckets), so
// callers show progress and allow cancelling.
using GroupingProgress = std::function<bool(std::size_t done, std::size_t total)>;
HashGroups groupNearHashes(const std::vector<std::uint64_t> &hashes, int threshold, int threads = 0,
                           const GroupingProgress &progress = {});

// The same result by comparing every pair: for tests on small inputs.
HashGroups groupNearHashesBruteForce(const std::vector<std::uint64_t> &hashes, int threshold);

// The default threshold of the duplicate scan, chosen on the demo set (tst_duplicates).
// Re-encoded, resized and slightly cropped copies of a demo photo lie at up to 10 bits; distinct
// scenes at about 32.
constexpr int kNearDuplicateThreshold = 10;

} // namespace sieve::scan
