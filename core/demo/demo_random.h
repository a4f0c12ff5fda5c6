#pragma once

#include <QtGlobal>

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <span>

namespace sieve::demo {

// splitmix64: turns any 64-bit value into a well-mixed one. Used to derive independent seeds
// from (dataset seed, image index, purpose), so that an image's content depends on nothing else.
constexpr quint64 mixSeed(quint64 value)
{
    value += 0x9E3779B97F4A7C15ull;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ull;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBull;
    return value ^ (value >> 31);
}

constexpr quint64 mixSeed(quint64 a, quint64 b) { return mixSeed(mixSeed(a) ^ (b * 0xD1342543DE82EF95ull)); }

constexpr quint64 mixSeed(quint64 a, quint64 b, quint64 c) { return mixSeed(mixSeed(a, b), c); }

// xoshiro256** with its own distributions: std::uniform_*_distribution differ between standard
// libraries, and the generator promises the same bytes for the same options.
//
// Never draw twice in one expression whose evaluation order C++ leaves open (the arguments of
// a call, the operands of +): compilers and optimisation levels order them differently. Draw
// into named variables first; braced lists, ?: and chained calls are ordered and safe.
class Rng {
public:
    explicit Rng(quint64 seed)
    {
        for (quint64 &word : m_state) {
            seed = mixSeed(seed);
            word = seed;
        }
    }

    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // [0, 1)
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    // [low, high)
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // [low, high], both inclusive.
    int range(int low, int high) { return low + int(next() % quint64(high - low + 1)); }
    bool chance(double probability) { return uniform() < probability; }
    double sign() { return chance(0.5) ? 1.0 : -1.0; }

    double normal()
    {
        const double u = 1.0 - uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
    }

    // Index drawn with probability proportional to its weight.
    std::size_t weighted(std::span<const double> weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double x = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i])
                return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }
    std::size_t weighted(std::initializer_list<double> weights)
    {
        return weighted(std::span<const double>(weights.begin(), weights.size()));
    }

    template <typename T>
    const T &pick(std::span<const T> items)
    {
        return items[std::size_t(next() % items.size())];
    }
    template <typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[std::size_t(next() % N)];
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

    quint64 m_state[4];
};

} // namespace sieve::demo
