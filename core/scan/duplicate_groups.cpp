#include "scan/duplicate_groups.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <numeric>
#include <thread>
#include <utility>

namespace sieve::scan {

namespace {

constexpr int kChunks = 4;
constexpr int kChunkBits = 16;
constexpr std::uint32_t kChunkValues = 1u << kChunkBits;

std::uint32_t chunk(std::uint64_t hash, int c) { return std::uint32_t(hash >> (c * kChunkBits)) & 0xFFFF; }

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x)
    {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::uint32_t> m_parent;
};

HashGroups components(std::size_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>> &edges)
{
    UnionFind sets(n);
    for (const auto &[a, b] : edges)
        sets.unite(a, b);
    // The root is the smallest index of its set, so groups come out ordered by first index.
    std::vector<std::int64_t> slot(n, -1);
    std::vector<std::uint32_t> size(n, 0);
    for (std::uint32_t i = 0; i < n; ++i)
        ++size[sets.find(i)];
    HashGroups result;
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t root = sets.find(i);
        if (size[root] < 2)
            continue;
        if (slot[root] < 0) {
            slot[root] = std::int64_t(result.groups.size());
            result.groups.emplace_back();
            result.groups.back().reserve(size[root]);
        }
        result.groups[std::size_t(slot[root])].push_back(i);
    }
    return result;
}

// One table per chunk in compressed form: offsets by chunk value, then the hashes (and their
// indexes) in that order, so a lookup reads one contiguous run.
struct Table {
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint64_t> values;
    std::vector<std::uint32_t> indexes;
};

using Edges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Chunk values a worker takes at a time: consecutive values probe neighbouring buckets.
constexpr std::uint32_t kValueBlock = 64;

// The hot loop. Queries are taken in the order of a chunk's table, bucket by bucket, so the
// buckets they probe (their value XOR a few bits) are read from memory once and then reused by
// the other hashes of the bucket and of the buckets next to it: probing in index order missed
// the cache on almost every probe. Worker FIRST takes blocks FIRST, FIRST + STEP, … of chunk
// values in every chunk. Compiled twice: with the POPCNT instruction, which every x86-64
// processor since 2008 has, and without for any other, chosen once at load time (GCC
// target_clones). Without it std::popcount is a dozen instructions and the search several
// times slower.
__attribute__((target_clones("popcnt", "default")))
void scanSlice(const std::vector<Table> &tables, const std::vector<std::vector<std::uint32_t>> &masks, int threshold,
               std::uint32_t first, std::uint32_t step, std::size_t n, std::atomic<bool> &cancelled,
               const GroupingProgress *progress, Edges &edges)
{
    const std::uint32_t blocks = kChunkValues / kValueBlock;
    for (int c = 0; c < kChunks; ++c) {
        const Table &t = tables[std::size_t(c)];
        const std::vector<std::uint32_t> &probes = masks[std::size_t(c)];
        for (std::uint32_t block = first; block < blocks; block += step) {
            if (cancelled.load(std::memory_order_relaxed))
                return;
            // The first worker speaks for all: they advance in step.
            if (progress && *progress) {
                const std::size_t done = (std::size_t(c) * blocks + block) * n / (std::size_t(kChunks) * blocks);
                if (!(*progress)(done, n)) {
                    cancelled = true;
                    return;
                }
            }
            for (std::uint32_t own = block * kValueBlock; own < (block + 1) * kValueBlock; ++own) {
                for (std::uint32_t q = t.offsets[own]; q < t.offsets[own + 1]; ++q) {
                    const std::uint64_t h = t.values[q];
                    const std::uint32_t i = t.indexes[q];
                    for (std::uint32_t mask : probes) {
                        const std::uint32_t key = own ^ mask;
                        // Each pair once, from its smaller index: a bucket lists its hashes by
                        // index, so it is read from the end down to I. A pair found through
                        // several chunks only repeats a union.
                        const std::uint32_t begin = t.offsets[key];
                        for (std::uint32_t at = t.offsets[key + 1]; at > begin && t.indexes[at - 1] > i; --at) {
                            if (std::popcount(t.values[at - 1] ^ h) <= threshold)
                                edges.emplace_back(i, t.indexes[at - 1]);
                        }
                    }
                }
            }
        }
    }
}

// All 16-bit values within RADIUS bits of zero: XOR masks to probe.
std::vector<std::uint32_t> masksWithin(int radius)
{
    std::vector<std::uint32_t> masks;
    for (std::uint32_t m = 0; m < kChunkValues; ++m)
        if (std::popcount(m) <= radius)
            masks.push_back(m);
    return masks;
}

} // namespace

HashGroups groupNearHashes(const std::vector<std::uint64_t> &hashes, int threshold, int threads,
                           const GroupingProgress &progress)
{
    const std::size_t n = hashes.size();
    if (n < 2 || threshold < 0)
        return {};
    std::vector<Table> tables(kChunks);
    for (int c = 0; c < kChunks; ++c) {
        Table &t = tables[std::size_t(c)];
        t.offsets.assign(kChunkValues + 1, 0);
        for (std::uint64_t h : hashes)
            ++t.offsets[chunk(h, c) + 1];
        std::partial_sum(t.offsets.begin(), t.offsets.end(), t.offsets.begin());
        std::vector<std::uint32_t> next(t.offsets.begin(), t.offsets.end() - 1);
        t.values.resize(n);
        t.indexes.resize(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::uint32_t at = next[chunk(hashes[i], c)]++;
            t.values[at] = hashes[i];
            t.indexes[at] = i;
        }
    }
    // Pigeonhole over chunks: two hashes within THRESHOLD differ by at most r_c bits in some
    // chunk c whenever the radii satisfy sum(r_c + 1) > threshold. Equal radii floor(t/4) are
    // enough but wasteful: lowering some by one keeps the sum above t and cuts the probes
    // (t = 10: 428 instead of 548; t = 8: 188 instead of 548).
    std::vector<std::vector<std::uint32_t>> masks(kChunks);
    {
        const int base = threshold / kChunks;
        int spare = kChunks * (base + 1) - (threshold + 1);   // how many chunks may use base - 1
        for (int c = kChunks - 1; c >= 0; --c) {
            const int radius = spare > 0 && base > 0 ? base - 1 : base;
            if (radius < base)
                --spare;
            masks[std::size_t(c)] = masksWithin(radius);
        }
    }

    const int workers = std::max(1, threads > 0 ? threads : int(std::thread::hardware_concurrency()));
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> found(static_cast<std::size_t>(workers));
    std::atomic<bool> cancelled{false};
    auto work = [&](int worker) {
        scanSlice(tables, masks, threshold, std::uint32_t(worker), std::uint32_t(workers), n, cancelled,
                  worker == 0 ? &progress : nullptr, found[std::size_t(worker)]);
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < workers; ++w)
        pool.emplace_back(work, w);
    work(0);
    for (std::thread &t : pool)
        t.join();

    if (cancelled)
        return {};
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (auto &part : found)
        edges.insert(edges.end(), part.begin(), part.end());
    return components(n, edges);
}

HashGroups groupNearHashesBruteForce(const std::vector<std::uint64_t> &hashes, int threshold)
{
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::uint32_t i = 0; i < hashes.size(); ++i)
        for (std::uint32_t j = i + 1; j < hashes.size(); ++j)
            if (std::popcount(hashes[i] ^ hashes[j]) <= threshold)
                edges.emplace_back(i, j);
    return components(hashes.size(), edges);
}

} // namespace sieve::scan
