#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>

namespace sieve::nn {

// A zero-filled float array on a 64-byte boundary (one cache line, one AVX-512 vector), so
// oneDNN memories created over it and the optimizer's loops see aligned data. Its size is fixed
// at construction: pointers into it stay valid for its whole life. Not thread-safe.
class AlignedBuffer {
public:
    AlignedBuffer() = default;
    explicit AlignedBuffer(std::size_t count) : m_count(count)
    {
        if (count == 0)
            return;
        const std::size_t bytes = (count * sizeof(float) + 63) / 64 * 64;
        m_data.reset(static_cast<float *>(std::aligned_alloc(64, bytes)));
        if (!m_data)
            throw std::bad_alloc();
        std::memset(m_data.get(), 0, bytes);
    }

    float *data() { return m_data.get(); }
    const float *data() const { return m_data.get(); }
    std::size_t size() const { return m_count; }
    std::span<float> span() { return {m_data.get(), m_count}; }
    std::span<const float> span() const { return {m_data.get(), m_count}; }

private:
    struct Free {
        void operator()(float *p) const { std::free(p); }
    };
    std::unique_ptr<float, Free> m_data;
    std::size_t m_count = 0;
};

} // namespace sieve::nn
