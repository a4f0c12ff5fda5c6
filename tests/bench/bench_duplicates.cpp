// Groups 1,000,000 random perceptual hashes with planted near-duplicate pairs and prints the
// time. Usage: bench_duplicates [COUNT] [THRESHOLD] [THREADS]

#include "scan/duplicate_groups.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>

int main(int argc, char **argv)
{
    const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const int threshold = argc > 2 ? std::atoi(argv[2]) : sieve::scan::kNearDuplicateThreshold;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 0;
    std::mt19937_64 rng(42);
    std::vector<std::uint64_t> hashes(count);
    for (std::uint64_t &h : hashes)
        h = rng();
    // Every 100th hash gets a partner at distance 1..threshold, placed at a random index.
    const std::size_t planted = count / 100;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    std::vector<bool> used(count, false);
    for (std::size_t p = 0; p < planted; ++p) {
        const std::uint32_t a = std::uint32_t(rng() % count);
        const std::uint32_t b = std::uint32_t(rng() % count);
        if (a == b || used[a] || used[b])
            continue;
        used[a] = used[b] = true;
        std::uint64_t h = hashes[a];
        std::set<int> bits;
        const int flips = 1 + int(rng() % std::uint64_t(std::max(1, threshold)));
        while (int(bits.size()) < flips)
            bits.insert(int(rng() % 64));
        for (int bit : bits)
            h ^= std::uint64_t(1) << bit;
        hashes[b] = h;
        pairs.emplace_back(a, b);
    }
    const auto start = std::chrono::steady_clock::now();
    const sieve::scan::HashGroups result = sieve::scan::groupNearHashes(hashes, threshold, threads);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::vector<std::int64_t> groupOf(count, -1);
    for (std::size_t g = 0; g < result.groups.size(); ++g)
        for (std::uint32_t i : result.groups[g])
            groupOf[i] = std::int64_t(g);
    std::size_t found = 0;
    for (const auto &[a, b] : pairs)
        found += groupOf[a] >= 0 && groupOf[a] == groupOf[b];
    std::printf("grouped %zu hashes (threshold %d) in %.2f s: %zu groups; planted pairs found %zu of %zu\n",
                count, threshold, seconds, result.groups.size(), found, pairs.size());
    return found == pairs.size() ? 0 : 1;
}
