#pragma once

#include "base/result.h"
#include "store/database.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <vector>

namespace sieve::imaging {

// thumbs.db: encoded thumbnails keyed by content hash and size. Disposable: a damaged file is
// replaced by an empty one. One object per thread (it owns a connection); several threads and
// processes may use the same file at once (WAL).
class ThumbnailCache {
public:
    static Result<ThumbnailCache> open(const QString &path);

    // The encoded thumbnail, or an empty array when there is none.
    Result<QByteArray> find(const QString &hash, int size);
    // Of HASHES, those that have a thumbnail of SIZE.
    Result<QSet<QString>> present(const QStringList &hashes, int size);

    struct Entry {
        QString hash;
        QByteArray data;
    };
    // Stores all entries in one transaction.
    Status store(const std::vector<Entry> &entries, int size);

private:
    explicit ThumbnailCache(store::Database db) : m_db(std::move(db)) {}

    store::Database m_db;
    store::Statement m_find;
};

} // namespace sieve::imaging
