#include "session/project_session.h"

#include "jobs/job_store.h"
#include "session/edit_queue.h"
#include "store/database.h"
#include "store/image_query.h"
#include "store/label_issue_queue.h"
#include "store/project.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace sieve::ui {

ProjectSession::ProjectSession(std::unique_ptr<store::Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project)),
      m_reader(std::make_unique<store::EditLog>(m_project->db(), m_project->actor())),
      m_edits(std::make_unique<EditQueue>(m_project->databasePath(), m_project->actor()))
{
}

ProjectSession::~ProjectSession()
{
    // What the user did is committed before the project closes; the views are going away, so
    // nobody is told.
    blockSignals(true);
    m_edits->waitForIdle();
}

Result<std::unique_ptr<ProjectSession>> ProjectSession::open(const QString &directory, QObject *parent)
{
    Result<std::unique_ptr<store::Project>> project = store::Project::open(directory);
    if (!project)
        return project.takeError();
    (void)jobs::markInterruptedJobs((*project)->db());
    std::unique_ptr<ProjectSession> session(new ProjectSession(std::move(*project), parent));
    session->reload();
    return session;
}

QString ProjectSession::directory() const { return m_project->directory(); }

QString ProjectSession::name() const { return m_project->name(); }

void ProjectSession::setActor(const QString &actor)
{
    m_project->setActor(actor);
    m_reader->setActor(actor);
    m_edits->setActor(actor);
}

QList<store::Category> ProjectSession::activeCategories() const
{
    QList<store::Category> active;
    for (const store::Category &category : m_categories)
        if (!category.archived)
            active.append(category);
    return active;
}

std::optional<store::Category> ProjectSession::category(std::int64_t id) const
{
    for (const store::Category &category : m_categories)
        if (category.id == id)
            return category;
    return std::nullopt;
}

QList<std::int64_t> ProjectSession::pinnedCategories() const
{
    QList<std::int64_t> pinned;
    Result<QString> stored = m_project->meta(QStringLiteral("pinned_categories"));
    if (stored && !stored->isEmpty()) {
        for (const QJsonValue &value : QJsonDocument::fromJson(stored->toUtf8()).array()) {
            const std::optional<store::Category> found = category(value.toInteger());
            if (found && !found->archived)
                pinned.append(found->id);
        }
        return pinned;
    }
    for (const store::Category &active : activeCategories()) {
        if (pinned.size() == 10)
            break;
        pinned.append(active.id);
    }
    return pinned;
}

void ProjectSession::setPinnedCategories(const QList<std::int64_t> &ids)
{
    QJsonArray array;
    for (std::int64_t id : ids.mid(0, 10))
        array.append(qint64(id));
    if (Status status = m_project->setMeta(QStringLiteral("pinned_categories"),
                                           QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
        !status)
        emit errorOccurred(status.error());
    emit categoriesChanged();
}

void ProjectSession::queue(std::function<Result<store::ActionSummary>(store::EditLog &, store::Database &)> edit,
                           const QList<std::int64_t> &images, std::function<void()> onApplied)
{
    m_edits->post(
        [edit = std::move(edit)](store::EditLog &log, store::Database &db) -> EditQueue::Outcome {
            Result<store::ActionSummary> applied = edit(log, db);
            if (!applied)
                return applied.takeError();
            return applied->id ? std::optional(*applied) : std::nullopt;
        },
        [this, images, onApplied = std::move(onApplied)](const EditQueue::Outcome &outcome, const EditQueue::UndoState &state) {
            m_undoText = state.undo;
            m_redoText = state.redo;
            if (!outcome) {
                emit errorOccurred(outcome.error());
            } else if (outcome->has_value()) {
                reloadCategories(); // names, colours, archived flags
                emit imagesChanged(images);
                if (onApplied)
                    onApplied();
                emit actionApplied((*outcome)->description);
            }
            emit undoStateChanged();
        });
}

bool ProjectSession::setLabel(const QList<std::int64_t> &images, std::optional<std::int64_t> categoryId, const QString &reason)
{
    if (images.isEmpty())
        return false;
    queue([images, categoryId, reason](store::EditLog &log, store::Database &) { return log.setLabel(images, categoryId, reason); },
          images);
    return true;
}

bool ProjectSession::keepLabel(std::int64_t image, std::int64_t modelId, const QString &reason)
{
    queue([image, modelId, reason](store::EditLog &log, store::Database &db) { return store::keepLabel(log, db, image, modelId, reason); },
          {image});
    return true;
}

bool ProjectSession::setReviewStatus(const QList<std::int64_t> &images, store::ReviewStatus status)
{
    if (images.isEmpty())
        return false;
    queue([images, status](store::EditLog &log, store::Database &) { return log.setReviewStatus(images, status); }, images);
    return true;
}

bool ProjectSession::toggleFlag(const QList<std::int64_t> &images, const QString &kind, const QString &note)
{
    if (images.isEmpty())
        return false;
    queue(
        [images, kind, note](store::EditLog &log, store::Database &db) -> Result<store::ActionSummary> {
            // Whether all have it is decided where the edit runs: after the edits before it.
            Result<std::vector<store::ImageRow>> rows =
                store::fetchImageRows(db, std::vector<std::int64_t>(images.begin(), images.end()));
            if (!rows)
                return rows.takeError();
            bool allHave = !rows->empty();
            for (const store::ImageRow &row : *rows)
                allHave = allHave && row.flags.contains(kind);
            return log.setFlag(images, kind, !allHave, note);
        },
        images);
    return true;
}

bool ProjectSession::setFlag(const QList<std::int64_t> &images, const QString &kind, bool on, const QString &note)
{
    if (images.isEmpty())
        return false;
    queue([images, kind, on, note](store::EditLog &log, store::Database &) { return log.setFlag(images, kind, on, note); }, images);
    return true;
}

bool ProjectSession::decideRegions(std::int64_t image, const QList<std::int64_t> &regions, const QString &decision)
{
    if (regions.isEmpty())
        return false;
    queue([regions, decision](store::EditLog &log, store::Database &) { return log.decideRegions(regions, decision); }, {image});
    return true;
}

bool ProjectSession::moveRegion(std::int64_t image, std::int64_t region, const QRect &box)
{
    queue([region, box](store::EditLog &log, store::Database &) { return log.moveRegion(region, box); }, {image});
    return true;
}

bool ProjectSession::addRegion(std::int64_t image, const QRect &box, const QString &type)
{
    // Written on the edit thread, read on the GUI thread after the edit's result arrived there.
    auto added = std::make_shared<std::int64_t>(0);
    queue(
        [image, box, type, added](store::EditLog &log, store::Database &) -> Result<store::ActionSummary> {
            Result<store::AddedRegion> region = log.addRegion(image, box, type);
            if (!region)
                return region.takeError();
            *added = region->regionId;
            return region->action;
        },
        {image}, [this, image, added] { emit regionAdded(image, *added); });
    return true;
}

bool ProjectSession::removeRegion(std::int64_t image, std::int64_t region)
{
    queue([region](store::EditLog &log, store::Database &) { return log.removeRegion(region); }, {image});
    return true;
}

bool ProjectSession::setRegionType(std::int64_t image, std::int64_t region, const QString &type)
{
    queue([region, type](store::EditLog &log, store::Database &) { return log.setRegionType(region, type); }, {image});
    return true;
}

bool ProjectSession::acceptRegionsAbove(double minimum)
{
    queue([minimum](store::EditLog &log, store::Database &) { return log.acceptRegionsAbove(minimum); }, {});
    return true;
}

bool ProjectSession::dismissSuggestion(const QList<std::int64_t> &images, const QString &kind)
{
    if (images.isEmpty())
        return false;
    queue([images, kind](store::EditLog &log, store::Database &) { return log.dismissSuggestions(images, kind); }, images);
    return true;
}

void ProjectSession::undo() { replay(true); }

void ProjectSession::redo() { replay(false); }

void ProjectSession::replay(bool undo)
{
    m_edits->post([undo](store::EditLog &log, store::Database &) { return undo ? log.undo() : log.redo(); },
                  [this, undo](const EditQueue::Outcome &outcome, const EditQueue::UndoState &state) {
                      m_undoText = state.undo;
                      m_redoText = state.redo;
                      if (!outcome) {
                          emit errorOccurred(outcome.error());
                      } else if (outcome->has_value()) {
                          reloadCategories();
                          emit imagesChanged({});
                          emit actionApplied(undo ? tr("Undo: %1").arg((*outcome)->description)
                                                  : tr("Redo: %1").arg((*outcome)->description));
                      }
                      emit undoStateChanged();
                  });
}

int ProjectSession::pendingEdits() const { return m_edits->pending(); }

void ProjectSession::waitForEdits() { m_edits->waitForIdle(); }

Result<std::int64_t> ProjectSession::addCategory(const QString &name, const QColor &color)
{
    Result<std::int64_t> id = store::addCategory(m_project->db(), name, color);
    if (id)
        reloadCategories();
    return id;
}

bool ProjectSession::renameCategory(std::int64_t id, const QString &name)
{
    queue([id, name](store::EditLog &log, store::Database &db) { return store::renameCategory(log, db, id, name); }, {});
    return true;
}

bool ProjectSession::setCategoryColor(std::int64_t id, const QColor &color)
{
    queue([id, color](store::EditLog &log, store::Database &) { return store::setCategoryColor(log, id, color); }, {});
    return true;
}

bool ProjectSession::setCategoryArchived(std::int64_t id, bool archived)
{
    queue([id, archived](store::EditLog &log, store::Database &) { return store::setCategoryArchived(log, id, archived); }, {});
    return true;
}

bool ProjectSession::mergeCategories(std::int64_t from, std::int64_t into)
{
    queue([from, into](store::EditLog &log, store::Database &db) { return store::mergeCategories(log, db, from, into); }, {});
    return true;
}

bool ProjectSession::importTaxonomy(const QString &file)
{
    Result<store::TaxonomyImport> imported = store::importTaxonomy(m_project->db(), file);
    if (!imported) {
        emit errorOccurred(imported.error());
        return false;
    }
    reloadCategories();
    emit actionApplied(tr("Imported %1 new categories (%2 existed already).").arg(imported->added).arg(imported->existing));
    if (!imported->problems.isEmpty())
        emit errorOccurred(imported->problems.join(QLatin1Char('\n')));
    return true;
}

std::optional<store::SavedView> ProjectSession::savedView(const QString &name) const
{
    for (const store::SavedView &view : m_views)
        if (view.name.compare(name.simplified(), Qt::CaseInsensitive) == 0)
            return view;
    return std::nullopt;
}

void ProjectSession::saveView(const QString &name, const store::ImageFilter &filter, bool replace)
{
    changeViews([name, filter, replace](store::Database &db) -> Status {
        Result<std::int64_t> saved = store::saveView(db, name, filter, replace ? store::IfViewExists::Replace : store::IfViewExists::Fail);
        if (!saved)
            return saved.takeError();
        return {};
    });
}

void ProjectSession::renameView(std::int64_t id, const QString &name)
{
    changeViews([id, name](store::Database &db) { return store::renameView(db, id, name); });
}

void ProjectSession::deleteView(std::int64_t id)
{
    changeViews([id](store::Database &db) { return store::deleteView(db, id); });
}

void ProjectSession::changeViews(std::function<Status(store::Database &)> change)
{
    m_edits->post(
        [change = std::move(change)](store::EditLog &, store::Database &db) -> EditQueue::Outcome {
            if (Status status = change(db); !status)
                return status.takeError();
            return std::optional<store::ActionSummary>();   // nothing for the undo history
        },
        [this](const EditQueue::Outcome &outcome, const EditQueue::UndoState &state) {
            m_undoText = state.undo;
            m_redoText = state.redo;
            if (!outcome)
                emit errorOccurred(outcome.error());
            reloadViews();
        });
}

Result<QList<store::HistoryEntry>> ProjectSession::history(std::int64_t imageId) { return m_reader->history(imageId); }

void ProjectSession::reload()
{
    reloadCategories();
    reloadViews();
    refreshUndoState();
}

void ProjectSession::reloadViews()
{
    Result<QList<store::SavedView>> views = store::listViews(m_project->db());
    if (!views) {
        emit errorOccurred(views.error());
        return;
    }
    if (*views == m_views)   // reload() runs after every job: only tell when something changed
        return;
    m_views = *views;
    emit viewsChanged();
}

void ProjectSession::reloadCategories()
{
    // Without counts: those come from the facet counts, off this thread.
    Result<QList<store::Category>> categories = store::listCategories(m_project->db(), true, false);
    if (!categories) {
        emit errorOccurred(categories.error());
        return;
    }
    m_categories = *categories;
    emit categoriesChanged();
}

void ProjectSession::refreshUndoState()
{
    Result<std::optional<store::ActionSummary>> undo = m_reader->nextUndo();
    Result<std::optional<store::ActionSummary>> redo = m_reader->nextRedo();
    m_undoText = undo && undo->has_value() ? (*undo)->description : QString();
    m_redoText = redo && redo->has_value() ? (*redo)->description : QString();
    emit undoStateChanged();
}

} // namespace sieve::ui
