#pragma once

#include "base/result.h"

#include <QHash>
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

// The keeper rule of the duplicate scan, which the duplicate-groups dialog preselects and export
// applies: the most pixels, then the largest file, then the oldest import (smallest id).
struct KeeperTraits {
    std::int64_t imageId = 0;
    std::int64_t pixels = 0;
    std::int64_t fileSize = 0;
};
// True when A is the better image to keep than B.
bool betterKeeper(const KeeperTraits &a, const KeeperTraits &b);

// An image's place in the last duplicate scan's groups, for export.
struct GroupMembership {
    std::int64_t groupId = 0;
    bool suggestedKeeper = false;
    // The analyst decided about this group: set or dismissed a duplicate flag on one of its
    // images (Review Duplicate Groups flags all but the chosen keeper). Then the analyst's
    // flags, not the scan's suggestion, say which images are duplicates.
    bool resolved = false;
    KeeperTraits traits;
};
// Every image in a duplicate group, by image id. One pass over the groups (memory: a few dozen
// bytes per grouped image); any thread, on the caller's connection.
Result<QHash<std::int64_t, GroupMembership>> duplicateMemberships(store::Database &db);

// Groups of the last duplicate scan, in pages: those with groupId > AFTER, at most LIMIT.
// A page is a few hundred indexed rows; fine on the GUI thread.
Result<QList<DuplicateGroup>> duplicateGroups(store::Database &db, std::int64_t after = 0, int limit = 200);
Result<qint64> duplicateGroupCount(store::Database &db);

} // namespace sieve::scan
