#pragma once

#include "base/result.h"

#include <QList>
#include <QRect>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace sieve::store {

class Database;

enum class ReviewStatus { Unreviewed = 0, Accepted = 1, Rejected = 2 };
QString reviewStatusName(ReviewStatus status);   // "unreviewed", "accepted", "rejected"
QString reviewStatusTitle(ReviewStatus status);  // translated, for people

// The flag kinds an analyst sets; detectors later add suggestions of the same kinds.
inline const QStringList &flagKinds()
{
    static const QStringList kinds{QStringLiteral("pii"), QStringLiteral("quality"),
                                   QStringLiteral("duplicate"), QStringLiteral("other")};
    return kinds;
}
QString flagTitle(const QString &kind); // translated: "PII", "Poor quality", ...

// One change of one field. Fields and their values (NULL = nullopt):
//   label                    images.category_id as decimal text; NULL = unlabeled
//   status                   images.review_status: unreviewed, accepted, rejected
//   flag:<kind>              flags row as JSON {"state","note","source"}; NULL = no flag
//   category:<id>:name       categories.name
//   category:<id>:color      categories.color
//   category:<id>:archived   "0" or "1"
//   category:<id>:merged_into  category id or NULL
//   region:<id>:decision     undecided, accepted, rejected, removed (see store/regions.h)
//   region:<id>:box          "x,y,w,h" in the image's pixels as shown
//   region:<id>:pii_type     regions.pii_type
//   label_check              label_checks row as JSON {"category","model"}: the analyst kept the
//                            label against a model's suggestion (store/label_issue_queue.h)
// image-less changes (categories) have no imageId.
struct FieldChange {
    std::optional<std::int64_t> imageId;
    QString field;
    std::optional<QString> value;
};

struct ActionSummary {
    std::int64_t id = 0;      // 0 when nothing changed and so no action was recorded
    QString description;
    int changed = 0;          // how many fields actually changed
};

// What addRegion() did: the action (the unit of undo) and the new region's id.
struct AddedRegion {
    ActionSummary action;
    std::int64_t regionId = 0;
};

struct HistoryEntry {
    QString at;
    QString actor;
    QString description;      // of the action, e.g. "Label 3 images as “soap bar”"
    QString phase;            // apply, undo, redo
    QString field;
    QString oldText;          // values rendered for people (category names, ...)
    QString newText;
    QString reason;
};

// Every user edit goes through here: applied and committed at once, with one label_events row
// per changed field (the audit trail) under one actions row (the unit of undo). Undo and redo
// are driven by those tables, so they work across restarts and for any number of images.
//
// Works on the Database it is given (one thread at a time). On failure nothing is changed:
// each call is one transaction.
class EditLog {
public:
    EditLog(Database &db, QString actor);

    void setActor(const QString &actor) { m_actor = actor; }
    const QString &actor() const { return m_actor; }

    Result<ActionSummary> setLabel(const QList<std::int64_t> &images,
                                   std::optional<std::int64_t> categoryId, const QString &reason = {});
    Result<ActionSummary> setReviewStatus(const QList<std::int64_t> &images, ReviewStatus status,
                                          const QString &reason = {});
    // on=false removes the flag. note is kept with the flag ("other" flags need one).
    Result<ActionSummary> setFlag(const QList<std::int64_t> &images, const QString &kind, bool on,
                                  const QString &note = {}, const QString &reason = {});

    // Sets the review decision of regions (accepted, rejected, undecided), one action. Fails,
    // changing nothing, when a region does not exist or was removed.
    Result<ActionSummary> decideRegions(const QList<std::int64_t> &regions, const QString &decision,
                                        const QString &reason = {});
    // Accepts every undecided region whose confidence is at least MINIMUM, on the regions
    // table's scale of 0…1 (the auto-accept policy), as one action.
    Result<ActionSummary> acceptRegionsAbove(double minimum);
    // Moves or resizes a region to BOX (image pixels as shown; the caller keeps it inside the
    // image, redaction clips it anyway). Fails for boxes under 2 × 2 pixels and removed regions.
    Result<ActionSummary> moveRegion(std::int64_t region, const QRect &box);

    // A region the analyst drew on IMAGE: kind 'manual', source 'user', confidence 1, accepted
    // (redacted on export), PII type TYPE (one of drawnRegionTypes()). One undoable action: the
    // row is inserted as 'removed' and the action's one change takes it to 'accepted', so undo
    // removes it (hidden everywhere, kept for the audit trail) and redo brings it back with the
    // same id. Fails for boxes under 2 × 2 pixels, unknown types and images that do not exist.
    Result<AddedRegion> addRegion(std::int64_t imageId, const QRect &box, const QString &type = QStringLiteral("other"),
                                  const QString &reason = {});
    // Removes a region the analyst drew (decision 'removed'), undoably. Detected regions are
    // rejected, not removed: this fails for them.
    Result<ActionSummary> removeRegion(std::int64_t region);
    // Sets the PII type of a region drawn by hand (one of drawnRegionTypes()).
    Result<ActionSummary> setRegionType(std::int64_t region, const QString &type);

    // Marks undecided detector suggestions of KIND on IMAGES as dismissed (kept, so a re-scan
    // does not suggest them again); images without such a suggestion are left alone.
    Result<ActionSummary> dismissSuggestions(const QList<std::int64_t> &images, const QString &kind,
                                             const QString &reason = {});

    // Applies a list of changes as one action. Changes whose value equals the current one are
    // skipped; when none is left, nothing is recorded and the summary's id is 0.
    Result<ActionSummary> apply(const QString &kind, const QString &description,
                                const std::vector<FieldChange> &changes, const QString &reason = {},
                                bool undoable = true);

    // The action undo() or redo() would act on, if any.
    Result<std::optional<ActionSummary>> nextUndo();
    Result<std::optional<ActionSummary>> nextRedo();
    // Reverts the newest undoable action / re-applies the action undone last. nullopt when
    // there is nothing to do.
    Result<std::optional<ActionSummary>> undo();
    Result<std::optional<ActionSummary>> redo();

    Result<QList<HistoryEntry>> history(std::int64_t imageId, int limit = 200);

private:
    // apply() inside a transaction the caller holds.
    Result<ActionSummary> record(const QString &kind, const QString &description, const std::vector<FieldChange> &changes,
                                 const QString &reason, bool undoable);
    Result<std::optional<QString>> read(const FieldChange &change);
    Status write(const FieldChange &change);
    Result<std::optional<ActionSummary>> replay(bool undo);

    Database &m_db;
    QString m_actor;
};

} // namespace sieve::store
