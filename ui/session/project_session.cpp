#include "session/project_session.h"

#include "jobs/job_store.h"
#include "store/database.h"
#include "store/image_query.h"
#include "store/project.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sieve::ui {

ProjectSession::ProjectSession(std::unique_ptr<store::Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project)),
      m_log(std::make_unique<store::EditLog>(m_project->db(), m_project->actor()))
{
}

ProjectSession::~ProjectSession() = default;

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
    m_log->setActor(actor);
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

bool ProjectSession::handle(const Result<store::ActionSummary> &result, const QList<std::int64_t> &images)
{
    if (!result) {
        emit errorOccurred(result.error());
        return false;
    }
    if (result->id != 0) {
        reloadCategories(); // names, colours or counts per category changed
        emit imagesChanged(images);
        emit actionApplied(result->description);
    }
    refreshUndoState();
    return true;
}

bool ProjectSession::setLabel(const QList<std::int64_t> &images, std::optional<std::int64_t> categoryId)
{
    if (images.isEmpty())
        return false;
    return handle(m_log->setLabel(images, categoryId), images);
}

bool ProjectSession::setReviewStatus(const QList<std::int64_t> &images, store::ReviewStatus status)
{
    if (images.isEmpty())
        return false;
    return handle(m_log->setReviewStatus(images, status), images);
}

bool ProjectSession::toggleFlag(const QList<std::int64_t> &images, const QString &kind, const QString &note)
{
    if (images.isEmpty())
        return false;
    Result<std::vector<store::ImageRow>> rows = store::fetchImageRows(m_project->db(), std::vector<std::int64_t>(images.begin(), images.end()));
    if (!rows) {
        emit errorOccurred(rows.error());
        return false;
    }
    bool allHave = !rows->empty();
    for (const store::ImageRow &row : *rows)
        allHave = allHave && row.flags.contains(kind);
    return handle(m_log->setFlag(images, kind, !allHave, note), images);
}

bool ProjectSession::undo()
{
    Result<std::optional<store::ActionSummary>> undone = m_log->undo();
    if (!undone) {
        emit errorOccurred(undone.error());
        return false;
    }
    if (undone->has_value()) {
        reloadCategories();
        emit imagesChanged({});
        emit actionApplied(tr("Undo: %1").arg((*undone)->description));
    }
    refreshUndoState();
    return undone->has_value();
}

bool ProjectSession::redo()
{
    Result<std::optional<store::ActionSummary>> redone = m_log->redo();
    if (!redone) {
        emit errorOccurred(redone.error());
        return false;
    }
    if (redone->has_value()) {
        reloadCategories();
        emit imagesChanged({});
        emit actionApplied(tr("Redo: %1").arg((*redone)->description));
    }
    refreshUndoState();
    return redone->has_value();
}

Result<std::int64_t> ProjectSession::addCategory(const QString &name, const QColor &color)
{
    Result<std::int64_t> id = store::addCategory(m_project->db(), name, color);
    if (id)
        reloadCategories();
    return id;
}

bool ProjectSession::renameCategory(std::int64_t id, const QString &name)
{
    return handle(store::renameCategory(*m_log, m_project->db(), id, name), {});
}

bool ProjectSession::setCategoryColor(std::int64_t id, const QColor &color)
{
    return handle(store::setCategoryColor(*m_log, id, color), {});
}

bool ProjectSession::setCategoryArchived(std::int64_t id, bool archived)
{
    return handle(store::setCategoryArchived(*m_log, id, archived), {});
}

bool ProjectSession::mergeCategories(std::int64_t from, std::int64_t into)
{
    return handle(store::mergeCategories(*m_log, m_project->db(), from, into), {});
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

Result<QList<store::HistoryEntry>> ProjectSession::history(std::int64_t imageId) { return m_log->history(imageId); }

void ProjectSession::reload()
{
    reloadCategories();
    refreshUndoState();
}

void ProjectSession::reloadCategories()
{
    Result<QList<store::Category>> categories = store::listCategories(m_project->db());
    if (!categories) {
        emit errorOccurred(categories.error());
        return;
    }
    m_categories = *categories;
    emit categoriesChanged();
}

void ProjectSession::refreshUndoState()
{
    Result<std::optional<store::ActionSummary>> undo = m_log->nextUndo();
    Result<std::optional<store::ActionSummary>> redo = m_log->nextRedo();
    m_undoText = undo && undo->has_value() ? (*undo)->description : QString();
    m_redoText = redo && redo->has_value() ? (*redo)->description : QString();
    emit undoStateChanged();
}

} // namespace sieve::ui
