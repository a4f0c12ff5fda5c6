#pragma once

#include "base/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace sieve::store {
class Database;
}

namespace sieve::scan {

struct DuplicateMember {
    std::int64_t imageId = 0;
    QString path;              // relative to its source
    QString absolutePath;
    QString hash;
    int width = 0;             // as shown (EXIF orientation applied)
    int height = 0;
    qint64 fileSize = 0;
    QString kind;              // exact, near
    int distance = 0;          // Hamming distance of perceptual hashes to the keeper
    bool keep = false;         // the scan's suggestion
    bool flaggedDuplicate = false;   // the analyst already flagged it as a duplicate
};

struct DuplicateGroup {
    std::int64_t groupId = 0;
    QList<DuplicateMember> members;   // the suggested keeper first, then by distance
};

// Groups of the last duplicate scan, in pages: those with groupId > AFTER, at most LIMIT.
// A page is a few hundred indexed rows; fine on the GUI thread.
Result<QList<DuplicateGroup>> duplicateGroups(store::Database &db, std::int64_t after = 0, int limit = 200);
Result<qint64> duplicateGroupCount(store::Database &db);

} // namespace sieve::scan
