#pragma once

#include "base/result.h"

#include <QString>
#include <QStringView>

#include <atomic>
#include <cstdint>
#include <memory>

namespace sieve::worker {

// The worker's content-addressed cache of uploaded blobs (images, initial weights) under
// CACHEDIR/blobs/<first two hex digits>/<hash>. A blob's name is its content hash, validated
// as hex before any path is made from it, so no client-supplied text ever becomes a path.
// Uploads go to CACHEDIR/tmp and are renamed into place once their bytes hash to the claimed
// value, so a blob either is complete or is not there. Any thread.
class BlobStore {
public:
    explicit BlobStore(QString cacheDir);

    // Creates the folders and removes what interrupted uploads of an earlier run left in tmp/.
    Status open();

    const QString &cacheDir() const { return m_cacheDir; }

    // Whether HASH is a content hash: 32 lowercase hex digits (XXH3-128, as images.hash).
    static bool isValidHash(QStringView hash);
    // Precondition for has() and path(): isValidHash(hash).
    bool has(const QString &hash) const;
    // Where the blob is (or would be); the runner reads images from there.
    QString path(const QString &hash) const;

    struct Usage {
        std::uint64_t blobs = 0;
        std::uint64_t bytes = 0;
    };
    // Counted when the store opens and updated by each upload; for Info.
    Usage usage() const;

    // One blob being uploaded. Destroying it before finish() succeeded removes what was written.
    class Upload {
    public:
        ~Upload();
        // Appends bytes; fails (and the upload is void) past the announced size or on a write error.
        Status append(const char *data, std::size_t size);
        // Checks size and hash, then moves the blob into place. Fails naming the expected and
        // actual hash when the bytes do not match.
        Status finish();
        const QString &hash() const;

    private:
        friend class BlobStore;
        struct Impl;
        explicit Upload(std::unique_ptr<Impl> impl);
        std::unique_ptr<Impl> d;
    };
    // Starts an upload of SIZE bytes claimed to hash to HASH. Fails on an invalid hash, a size
    // over kMaxBlobBytes or a temporary file that cannot be made.
    Result<std::unique_ptr<Upload>> beginUpload(const QString &hash, std::uint64_t size) const;

    // A blob larger than this is refused (no photo or model comes near it).
    static constexpr std::uint64_t kMaxBlobBytes = 4ull << 30;

private:
    QString m_cacheDir;
    mutable std::atomic<std::uint64_t> m_blobs{0};
    mutable std::atomic<std::uint64_t> m_bytes{0};
};

} // namespace sieve::worker
