#pragma once

#include "base/result.h"
#include "store/edit_log.h"

#include <QColor>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace sieve::store {

class Database;

struct Category {
    std::int64_t id = 0;
    QString name;
    QColor color;
    int position = 0;
    bool archived = false;
    std::optional<std::int64_t> mergedInto;
    qint64 imageCount = 0;
};

// Category names are unique ignoring case, trimmed, non-empty, at most 200 characters.
// Functions taking an EditLog record their change as an undoable action.

// WITHCOUNTS fills imageCount (an index scan over all images: off the GUI thread for big
// projects); otherwise it is 0.
Result<QList<Category>> listCategories(Database &db, bool includeArchived = true, bool withCounts = true);
Result<std::optional<Category>> findCategory(Database &db, const QString &name);
// Returns the id of the category named NAME (ignoring case), creating it when there is none.
Result<std::int64_t> ensureCategory(Database &db, const QString &name);
// Fails when the name is taken or invalid.
Result<std::int64_t> addCategory(Database &db, const QString &name, const QColor &color = {});

Result<ActionSummary> renameCategory(EditLog &log, Database &db, std::int64_t id, const QString &name);
Result<ActionSummary> setCategoryColor(EditLog &log, std::int64_t id, const QColor &color);
Result<ActionSummary> setCategoryArchived(EditLog &log, std::int64_t id, bool archived);
// Relabels every image of FROM as INTO, archives FROM and records where it went; one action.
Result<ActionSummary> mergeCategories(EditLog &log, Database &db, std::int64_t from, std::int64_t into);

struct TaxonomyImport {
    int added = 0;
    int existing = 0;
    QStringList problems;  // "line 4: empty name; skipped", ...
};
// Reads a taxonomy file: one category per line, CSV with an optional header row whose first
// cell is "name" or "category", an optional second column with a colour (#rrggbb or an SVG
// colour name). Existing categories are kept (their colour updated when one is given).
Result<TaxonomyImport> importTaxonomy(Database &db, const QString &path);

// A distinct colour for the category at POSITION, from a palette readable on light and dark.
QColor defaultCategoryColor(int position);

} // namespace sieve::store
