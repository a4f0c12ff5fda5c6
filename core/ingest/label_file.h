#pragma once

#include "base/result.h"

#include <QString>
#include <QStringList>

namespace sieve::store {
class Database;
class EditLog;
}

namespace sieve::ingest {

struct LabelFileOptions {
    bool createCategories = false;   // unknown labels create categories instead of being reported
    QString reason;                  // recorded with every change
};

struct LabelFileSummary {
    qint64 rows = 0;
    qint64 changed = 0;              // images whose label changed
    qint64 unchanged = 0;            // already had that label
    QStringList createdCategories;
    QStringList problems;            // "labels.csv line 4: ...", all of them
    std::int64_t actionId = 0;       // the undoable action, 0 when nothing changed
};

// Sets labels from a CSV or JSON-lines file with a path column and a label column (an empty
// label removes the label). All changes are one undoable action in the audit trail. Rows that
// match no image, or name an unknown category (unless createCategories), are reported and
// skipped; the rest are applied. Fails, changing nothing, when the file cannot be read or has
// no label column.
Result<LabelFileSummary> applyLabelFile(store::Database &db, store::EditLog &log, const QString &path,
                                        const LabelFileOptions &options = {});

// Writes one CSV row per image: path (relative to its source folder), source, label,
// claimed_label, review_status, flags, missing, hash, then every attribute as a column.
// Written to a temporary file and renamed, so OUT is complete or untouched. Returns the rows.
Result<qint64> exportLabels(store::Database &db, const QString &out);

} // namespace sieve::ingest
