#pragma once

#include <QStringView>

#include <cstdint>

namespace sieve::nn {

// A small deterministic generator (xoshiro256**, seeded through SplitMix64). Unlike the
// distributions of <random>, whose algorithms differ between standard libraries, every number
// it draws is fixed by the seed, so initial weights and dropout masks are the same on every
// machine. Not thread-safe; cheap to copy.
class Random {
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, 1), 53 bits.
    double uniform();
    // Uniform in [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Standard normal (Box–Muller; the second value of each pair is kept for the next call).
    double normal();

private:
    std::uint64_t m_state[4];
    double m_spare = 0;
    bool m_hasSpare = false;
};

// SplitMix64's finaliser: a well-mixed 64-bit hash of one 64-bit value.
std::uint64_t mix64(std::uint64_t value);

// FNV-1a of a name's UTF-16 code units, mixed; stable across runs and machines. Used to derive
// one generator per parameter, so adding a layer does not change the others' initial values.
std::uint64_t hashName(QStringView name);

} // namespace sieve::nn
