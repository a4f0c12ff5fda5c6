#pragma once

#include "base/result.h"
#include "store/image_query.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace sieve::store {

class Database;

// A named gallery filter and sort the analyst saved (table views), for the gallery, export
// and training. Names are trimmed, non-empty, at most 100 characters, and unique ignoring
// case. Views are settings, not edits of images: they are not in the audit trail and not
// undoable. Every function works on the caller's connection and commits at once; a view list
// is a handful of rows, so any of them is cheap.
struct SavedView {
    std::int64_t id = 0;
    QString name;
    ImageFilter filter;

    bool operator==(const SavedView &) const = default;
};

// All views, ordered by name (ignoring case).
Result<QList<SavedView>> listViews(Database &db);
// The view named NAME (ignoring case); nullopt when there is none.
Result<std::optional<SavedView>> findView(Database &db, const QString &name);

enum class IfViewExists { Fail, Replace };
// Saves FILTER under NAME and returns the view's id. When a view of that name exists, Fail
// leaves it and fails saying so; Replace overwrites its filter (and takes NAME's spelling).
// Fails, changing nothing, on an invalid name.
Result<std::int64_t> saveView(Database &db, const QString &name, const ImageFilter &filter,
                              IfViewExists ifExists = IfViewExists::Fail);
// Renames view ID. Fails, changing nothing, when NAME is invalid, taken by another view, or
// ID does not exist.
Status renameView(Database &db, std::int64_t id, const QString &name);
// Deletes view ID; deleting a view that does not exist is not an error.
Status deleteView(Database &db, std::int64_t id);

} // namespace sieve::store
