#include "scan/group_query.h"

#include "store/database.h"

#include <tuple>

namespace sieve::scan {

using store::Statement;

bool betterKeeper(const KeeperTraits &a, const KeeperTraits &b)
{
    return std::tuple(-a.pixels, -a.fileSize, a.imageId) < std::tuple(-b.pixels, -b.fileSize, b.imageId);
}

Result<QHash<std::int64_t, GroupMembership>> duplicateMemberships(store::Database &db)
{
    Result<Statement> query = db.prepare(
        "SELECT d.image_id, d.group_id, d.keep, i.width * i.height, i.file_size, "
        "d.group_id IN (SELECT g.group_id FROM duplicate_groups g JOIN flags f ON f.image_id = g.image_id "
        "               WHERE f.kind = 'duplicate' AND f.state IN ('set', 'dismissed')) "
        "FROM duplicate_groups d JOIN images i ON i.id = d.image_id");
    if (!query)
        return query.takeError();
    QHash<std::int64_t, GroupMembership> members;
    Status read = query->forEachRow([&] {
        GroupMembership member;
        member.groupId = query->int64(1);
        member.suggestedKeeper = query->integer(2) != 0;
        member.traits = {query->int64(0), query->int64(3), query->int64(4)};
        member.resolved = query->integer(5) != 0;
        members.insert(member.traits.imageId, member);
    });
    if (!read)
        return read.takeError();
    return members;
}

Result<QList<DuplicateGroup>> duplicateGroups(store::Database &db, std::int64_t after, int limit)
{
    Result<Statement> query = db.prepare(
        "SELECT d.group_id, i.id, i.path, s.root || '/' || i.path, i.hash, i.width, i.height, i.orientation, "
        "i.file_size, d.kind, d.distance, d.keep, "
        "EXISTS (SELECT 1 FROM flags f WHERE f.image_id = i.id AND f.kind = 'duplicate' AND f.state = 'set') "
        "FROM duplicate_groups d JOIN images i ON i.id = d.image_id JOIN sources s ON s.id = i.source_id "
        "WHERE d.group_id IN (SELECT DISTINCT group_id FROM duplicate_groups WHERE group_id > ?1 ORDER BY group_id LIMIT ?2) "
        "ORDER BY d.group_id, d.keep DESC, d.distance, i.id");
    if (!query)
        return query.takeError();
    query->bind(1, after).bind(2, limit);
    QList<DuplicateGroup> groups;
    Status read = query->forEachRow([&] {
        const std::int64_t groupId = query->int64(0);
        if (groups.isEmpty() || groups.back().groupId != groupId)
            groups.append(DuplicateGroup{groupId, {}});
        DuplicateMember member;
        member.imageId = query->int64(1);
        member.path = query->text(2);
        member.absolutePath = query->text(3);
        member.hash = query->text(4);
        const bool swap = query->integer(7) >= 5;
        member.width = swap ? query->integer(6) : query->integer(5);
        member.height = swap ? query->integer(5) : query->integer(6);
        member.fileSize = query->int64(8);
        member.kind = query->text(9);
        member.distance = query->integer(10);
        member.keep = query->integer(11) != 0;
        member.flaggedDuplicate = query->integer(12) != 0;
        groups.back().members.append(member);
    });
    if (!read)
        return read.takeError();
    return groups;
}

Result<qint64> duplicateGroupCount(store::Database &db)
{
    Result<std::int64_t> count = db.queryInt("SELECT count(DISTINCT group_id) FROM duplicate_groups");
    if (!count)
        return count.takeError();
    return qint64(*count);
}

} // namespace sieve::scan
