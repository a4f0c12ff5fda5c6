#pragma once

#include <cstddef>
#include <cstdint>

// What both ends of sieve.cluster.v1 agree on beyond the messages in worker.proto.
namespace sieve::cluster {

// Sent by every client as the "sieve-protocol-version" metadata; a worker refuses any other.
// 2: early stopping in HyperParameters, FetchModelRequest.best (a version-1 worker would ignore
// both and train every epoch, serving its last model as the best).
inline constexpr std::uint32_t kProtocolVersion = 2;
inline constexpr char kProtocolVersionKey[] = "sieve-protocol-version";
inline constexpr char kAuthorizationKey[] = "authorization";
inline constexpr char kBearerPrefix[] = "Bearer ";

// Largest message either side accepts. A job spec lists its shard by hash (about 40 bytes an
// image), so this fits well over a million images; blob and model bytes travel in chunks.
inline constexpr std::size_t kMaxMessageBytes = 64u << 20;
// Upload and download chunks: large enough that per-message overhead vanishes, small enough
// that a stream's memory stays bounded.
inline constexpr std::size_t kChunkBytes = 1u << 20;

// Key-value store bounds (Gloo's rendezvous exchanges a few hundred bytes per rank).
inline constexpr std::size_t kMaxKvKeyBytes = 1024;
inline constexpr std::size_t kMaxKvValueBytes = 1u << 20;
// Every KV wait ends by then, whatever the client asked.
inline constexpr std::uint32_t kMaxKvTimeoutMs = 300'000;

// Content hashes: XXH3-128 of the bytes as 32 lowercase hex digits (ingest::contentHash, the
// images.hash column).
inline constexpr int kContentHashLength = 32;

} // namespace sieve::cluster
