#pragma once

#include "base/result.h"
#include "store/categories.h"
#include "store/edit_log.h"
#include "store/views.h"

#include <QList>
#include <QObject>
#include <QRect>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace sieve::store {
class Project;
}

namespace sieve::ui {

class EditQueue;

// The open project as the GUI sees it: the project, the category list and the pinned
// categories (number keys). Every edit goes through here: it runs on the edit queue's thread
// (in order, committed at once) and is announced with a signal when it is done, so views
// refresh and nothing is shown as done before it is. GUI thread only.
class ProjectSession : public QObject {
    Q_OBJECT

public:
    static Result<std::unique_ptr<ProjectSession>> open(const QString &directory, QObject *parent = nullptr);
    ~ProjectSession() override;

    store::Project &project() { return *m_project; }
    QString directory() const;
    QString name() const;

    void setActor(const QString &actor);

    const QList<store::Category> &categories() const { return m_categories; }
    // Active (not archived) categories, in their order.
    QList<store::Category> activeCategories() const;
    std::optional<store::Category> category(std::int64_t id) const;
    // Up to ten categories bound to the keys 1..9, 0. Defaults to the first ten active ones.
    QList<std::int64_t> pinnedCategories() const;
    void setPinnedCategories(const QList<std::int64_t> &ids);

    // Each queues the change and returns false only when there is nothing to change (no
    // images); a change that fails is reported with errorOccurred.
    // REASON goes to the audit trail with the change.
    bool setLabel(const QList<std::int64_t> &images, std::optional<std::int64_t> categoryId, const QString &reason = {});
    // Records that the analyst keeps IMAGE's label against model MODELID's suggestion
    // (store::keepLabel: undoable, in the audit trail with REASON).
    bool keepLabel(std::int64_t image, std::int64_t modelId, const QString &reason);
    bool setReviewStatus(const QList<std::int64_t> &images, store::ReviewStatus status);
    // Sets the flag on all images unless all have it already, then clears it on all.
    bool toggleFlag(const QList<std::int64_t> &images, const QString &kind, const QString &note = {});
    // Sets (ON) or clears the flag KIND on all the images.
    bool setFlag(const QList<std::int64_t> &images, const QString &kind, bool on = true, const QString &note = {});
    // Accepts or rejects regions of IMAGE (decision: accepted, rejected, undecided).
    bool decideRegions(std::int64_t image, const QList<std::int64_t> &regions, const QString &decision);
    // Moves or resizes REGION of IMAGE to BOX (image pixels as shown).
    bool moveRegion(std::int64_t image, std::int64_t region, const QRect &box);
    // Adds a region drawn by the analyst on IMAGE (accepted, PII type TYPE); regionAdded says
    // its id once it is committed.
    bool addRegion(std::int64_t image, const QRect &box, const QString &type);
    // Removes a region the analyst drew (undoably).
    bool removeRegion(std::int64_t image, std::int64_t region);
    // Sets the PII type of a region the analyst drew.
    bool setRegionType(std::int64_t image, std::int64_t region, const QString &type);
    // Accepts every undecided region with a confidence (0…100) of at least MINIMUM.
    bool acceptRegionsAbove(double minimum);
    // Dismisses undecided detector suggestions of KIND on the images.
    bool dismissSuggestion(const QList<std::int64_t> &images, const QString &kind);
    void undo();
    void redo();
    QString undoText() const { return m_undoText; }
    QString redoText() const { return m_redoText; }

    Result<std::int64_t> addCategory(const QString &name, const QColor &color = {});
    bool renameCategory(std::int64_t id, const QString &name);
    bool setCategoryColor(std::int64_t id, const QColor &color);
    bool setCategoryArchived(std::int64_t id, bool archived);
    bool mergeCategories(std::int64_t from, std::int64_t into);
    bool importTaxonomy(const QString &file);

    Result<QList<store::HistoryEntry>> history(std::int64_t imageId);

    // The saved views, by name: a handful of rows, read on this thread. Changing them is not an
    // edit of images (no audit trail, no undo) but runs on the edit queue all the same, in
    // order with the edits and never blocking the window; viewsChanged says when it is done,
    // errorOccurred when it failed (e.g. a name taken meanwhile by sieve-cli).
    const QList<store::SavedView> &savedViews() const { return m_views; }
    // The view named NAME, ignoring case.
    std::optional<store::SavedView> savedView(const QString &name) const;
    // Saves FILTER under NAME; REPLACE overwrites a view of that name (ask the user first).
    void saveView(const QString &name, const store::ImageFilter &filter, bool replace);
    void renameView(std::int64_t id, const QString &name);
    void deleteView(std::int64_t id);

    // Re-reads categories and undo state (after a job changed the project).
    void reload();
    // Edits queued and not yet done.
    int pendingEdits() const;
    // Blocks until every queued edit is done and announced (tests, closing).
    void waitForEdits();

signals:
    // Labels, review status or flags of these images changed (empty list: possibly all).
    void imagesChanged(const QList<std::int64_t> &images);
    void categoriesChanged();
    // A region drawn with addRegion() is committed (after imagesChanged for its image).
    void regionAdded(std::int64_t image, std::int64_t region);
    void undoStateChanged();
    void viewsChanged();
    // A description for the status bar ("Label 3 images as “soap bar”", "Undo: ...").
    void actionApplied(const QString &description);
    void errorOccurred(const QString &message);

private:
    ProjectSession(std::unique_ptr<store::Project> project, QObject *parent);
    // ONAPPLIED runs on the GUI thread after imagesChanged when the edit changed something.
    void queue(std::function<Result<store::ActionSummary>(store::EditLog &, store::Database &)> edit,
               const QList<std::int64_t> &images, std::function<void()> onApplied = {});
    void replay(bool undo);
    void refreshUndoState();
    void reloadCategories();
    void reloadViews();
    // Runs CHANGE (a setting, not an image edit) on the edit queue, then re-reads the views.
    void changeViews(std::function<Status(store::Database &)> change);

    std::unique_ptr<store::Project> m_project;
    std::unique_ptr<store::EditLog> m_reader;   // history, on the GUI connection
    std::unique_ptr<EditQueue> m_edits;
    QList<store::Category> m_categories;
    QList<store::SavedView> m_views;
    QString m_undoText;
    QString m_redoText;
};

} // namespace sieve::ui
