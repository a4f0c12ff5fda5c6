#pragma once

#include "base/result.h"
#include "jobs/job_store.h"

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace sieve::jobs {
class JobContext;
}

namespace sieve::train {

// Every image of a training run decoded ONCE, at reduced scale (decodeShortSide to `side`,
// then the centre side × side), and kept as packed RGB bytes, so no epoch decodes a JPEG again.
// At side 256 an image takes 192 KiB: the default budget of 2 GiB holds about 10,900 images
// in memory; a larger set goes to a file (spillPath, deleted with the cache) mapped into
// memory, which the OS pages in and out. The file is a cache of this run only.
//
// fill() writes each slot once from the pool's threads; afterwards image() may be read from
// any number of threads at once. Not copyable.
class ImageCache {
public:
    static constexpr qint64 kDefaultMemoryBudget = qint64(2) << 30;

    // Room for `count` images of side × side. Fails naming spillPath when the file cannot be
    // created or mapped, or when memory for the in-memory cache cannot be had.
    static Result<std::unique_ptr<ImageCache>> create(qsizetype count, int side, const QString &spillPath,
                                                      qint64 memoryBudget = kDefaultMemoryBudget);
    ~ImageCache();
    ImageCache(const ImageCache &) = delete;
    ImageCache &operator=(const ImageCache &) = delete;

    // Decodes PATHS (one per slot, in order) on `threads` threads (0: one per core),
    // reporting progress to CONTEXT and stopping early when it is cancelled. Images that
    // cannot be decoded leave their slot invalid and are returned as issues (path, reason);
    // they never stop the fill.
    QList<jobs::JobIssue> fill(const QStringList &paths, int threads, jobs::JobContext &context);

    qsizetype count() const { return m_count; }
    int side() const { return m_side; }
    bool onDisk() const { return m_file != nullptr; }
    // Whether slot I holds an image (filled and decoded).
    bool isValid(qsizetype i) const { return m_valid[std::size_t(i)] != 0; }
    // Slot I's side × side × 3 bytes. Precondition: isValid(i).
    const unsigned char *image(qsizetype i) const { return m_data + std::size_t(i) * slotBytes(); }
    // Images decoded by fill() so far: what tests count to prove later epochs decode nothing.
    qint64 decodes() const { return m_decodes.load(); }

private:
    ImageCache(qsizetype count, int side) : m_count(count), m_side(side), m_valid(std::size_t(count), 0) {}
    std::size_t slotBytes() const { return std::size_t(m_side) * std::size_t(m_side) * 3; }

    qsizetype m_count;
    int m_side;
    std::vector<unsigned char> m_memory;  // the slots when in memory
    std::unique_ptr<QFile> m_file;        // the slots when on disk (mapped)
    unsigned char *m_data = nullptr;
    std::vector<char> m_valid;            // written by fill() only, each slot by one thread
    std::atomic<qint64> m_decodes{0};
};

} // namespace sieve::train
