#pragma once

#include <QByteArrayView>

#include <cstdint>

namespace sieve::train {

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as TFRecord files use: "123456789"
// gives 0xE3069283. Table-driven, a byte at a time (about 400 MB/s: event records are tens of
// bytes). Pure; any thread.
std::uint32_t crc32c(QByteArrayView data);

// TFRecord's masked CRC: ((crc >> 15) | (crc << 17)) + 0xa282ead8, so that a CRC over data
// that itself contains CRCs stays well distributed.
std::uint32_t maskedCrc32c(QByteArrayView data);

} // namespace sieve::train
