#pragma once

#include "base/result.h"
#include "store/categories.h"
#include "store/edit_log.h"

#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace sieve::store {
class Project;
}

namespace sieve::ui {

// The open project as the GUI sees it: the project, its edit log, the category list and the
// pinned categories (number keys). Every edit goes through here, is committed at once, and is
// announced with a signal so views refresh. GUI thread only.
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

    // Each returns false (after emitting errorOccurred) when the change could not be made.
    bool setLabel(const QList<std::int64_t> &images, std::optional<std::int64_t> categoryId);
    bool setReviewStatus(const QList<std::int64_t> &images, store::ReviewStatus status);
    // Sets the flag on all images unless all have it already, then clears it on all.
    bool toggleFlag(const QList<std::int64_t> &images, const QString &kind, const QString &note = {});
    bool undo();
    bool redo();
    QString undoText() const { return m_undoText; }
    QString redoText() const { return m_redoText; }

    Result<std::int64_t> addCategory(const QString &name, const QColor &color = {});
    bool renameCategory(std::int64_t id, const QString &name);
    bool setCategoryColor(std::int64_t id, const QColor &color);
    bool setCategoryArchived(std::int64_t id, bool archived);
    bool mergeCategories(std::int64_t from, std::int64_t into);
    bool importTaxonomy(const QString &file);

    Result<QList<store::HistoryEntry>> history(std::int64_t imageId);

    // Re-reads categories and undo state (after a job changed the project).
    void reload();

signals:
    // Labels, review status or flags of these images changed (empty list: possibly all).
    void imagesChanged(const QList<std::int64_t> &images);
    void categoriesChanged();
    void undoStateChanged();
    // A description for the status bar ("Label 3 images as “soap bar”", "Undo: ...").
    void actionApplied(const QString &description);
    void errorOccurred(const QString &message);

private:
    ProjectSession(std::unique_ptr<store::Project> project, QObject *parent);
    bool handle(const Result<store::ActionSummary> &result, const QList<std::int64_t> &images);
    void refreshUndoState();
    void reloadCategories();

    std::unique_ptr<store::Project> m_project;
    std::unique_ptr<store::EditLog> m_log;
    QList<store::Category> m_categories;
    QString m_undoText;
    QString m_redoText;
};

} // namespace sieve::ui
