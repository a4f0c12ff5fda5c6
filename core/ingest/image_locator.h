#pragma once

#include "base/result.h"
#include "store/database.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace sieve::ingest {

// Finds the image a path in a metadata or label file means. Tried in order: the path relative
// to a source root (or absolute, under one), the same without leading folders
// ("images/a/b.jpg" → "a/b.jpg" → "b.jpg"), then a file name unique in the project. Paths are
// normalised first (trimmed, '\' → '/', no leading "./").
//
// Uses the connection it is given, on that connection's thread.
class ImageLocator {
public:
    enum class Kind { None, Image, Copy, Ambiguous };
    struct Match {
        Kind kind = Kind::None;
        std::int64_t imageId = 0;     // for Image, and for Copy the image it duplicates
    };

    // SOURCEID 0 searches every source of the project.
    static Result<ImageLocator> create(store::Database &db, std::int64_t sourceId = 0);

    Result<Match> locate(const QString &path);

    static QString normalise(QString path);

private:
    ImageLocator() = default;
    Result<QList<std::int64_t>> lookup(store::Statement &statement, std::int64_t sourceId, const QString &key);

    struct Source {
        std::int64_t id;
        QString root;
    };
    QList<Source> m_sources;
    store::Statement m_byPath, m_byCopy, m_byName;
};

} // namespace sieve::ingest
