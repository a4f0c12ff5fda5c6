#pragma once

#include <QImage>

#include <bit>
#include <cstdint>

namespace sieve::scan {

// 64-bit DCT perceptual hash: the image in grayscale, area-averaged to 32 × 32, 2-D DCT-II,
// the 8 × 8 lowest frequencies after the DC term (rows and columns 1..8), one bit per
// coefficient above their median. Survives re-encoding, resizing and mild colour changes;
// different scenes differ in about half of the bits. A null image hashes to 0. Thread-safe.
std::uint64_t perceptualHash(const QImage &image);

inline int hammingDistance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

} // namespace sieve::scan
