#include "workspace/workspace.h"

#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/inspector_panel.h"
#include "gallery/prediction_actions.h"
#include "gallery/thumbnail_loader.h"
#include "gallery/view_actions.h"
#include "moderation/moderation_actions.h"
#include "session/project_session.h"
#include "store/project.h"
#include "store/regions.h"
#include "training/training_panel.h"
#include "viewer/image_viewer.h"

#include <QItemSelectionModel>
#include <QPointer>
#include <QStackedWidget>

namespace sieve::ui {

Workspace::Workspace(std::unique_ptr<ProjectSession> session, QWidget *window)
    : QObject(window), m_session(std::move(session))
{
    m_session->setParent(nullptr);
    m_thumbnails = new ThumbnailLoader(m_session->project().thumbnailCachePath(), this);
    m_model = new ImageListModel(m_session.get(), m_thumbnails, this);
    m_controller = new GalleryController(m_session.get(), m_model, this);
    m_center = new QStackedWidget;
    m_view = new GalleryView(m_thumbnails, m_center);
    m_view->setModel(m_model);
    m_viewer = new ImageViewer(m_center);
    m_center->addWidget(m_view);
    m_center->addWidget(m_viewer);
    m_facets = new FacetPanel(m_session.get());
    m_inspector = new InspectorPanel(m_session.get());
    m_moderation = new ModerationActions(m_session.get(), window);
    m_moderation->setTargetProvider([this] { return targets(); });
    m_views = new ViewActions(m_session.get(), window, this);
    m_views->setFilterProvider([this] { return m_controller->filter(); });
    m_predictions = new PredictionActions(m_session.get(), m_controller, m_model, m_facets, m_view, m_inspector, window, this);
    m_training = new TrainingPanel;
    m_training->setProject(m_session->project().databasePath(), m_session->project().directory());

    connect(m_facets, &FacetPanel::filterChanged, this, [this](const store::ImageFilter &filter) {
        store::ImageFilter next = filter;
        next.sort = m_controller->filter().sort;
        next.descending = m_controller->filter().descending;
        m_keepId = currentId();
        m_controller->setFilter(next);
    });
    connect(m_views, &ViewActions::applyRequested, this, [this](const store::ImageFilter &filter) {
        m_keepId = currentId();
        // A view saved without a model (before any classification) keeps the one shown.
        store::ImageFilter next = filter;
        if (next.predictionModel == 0)
            next.predictionModel = m_controller->filter().predictionModel;
        m_facets->setFilter(next);
        m_controller->setFilter(next);
    });
    connect(m_facets, &FacetPanel::viewChosen, m_views, &ViewActions::applyView);
    connect(m_facets, &FacetPanel::viewRenameRequested, m_views, &ViewActions::renameView);
    connect(m_facets, &FacetPanel::viewDeleteRequested, m_views, &ViewActions::deleteView);
    connect(m_controller, &GalleryController::facetsChanged, this, [this] { m_facets->setFacets(m_controller->facets()); });
    connect(m_controller, &GalleryController::queryFinished, this, [this] { restoreCurrent(m_keepId); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const int count = int(m_view->selectionModel()->selectedIndexes().size());
        if (count > 1)
            m_inspector->showSelectionCount(count);
        else
            m_inspector->showImage(currentId());
        emit selectionChanged(count);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        if (m_view->selectionModel()->selectedIndexes().size() <= 1)
            m_inspector->showImage(currentId());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_inspector->showImage(0); });
    connect(m_view, &GalleryView::activatedForViewing, this, &Workspace::openViewer);
    connect(m_viewer, &ImageViewer::nextRequested, this, [this] { step(1); });
    connect(m_viewer, &ImageViewer::previousRequested, this, [this] { step(-1); });
    connect(m_viewer, &ImageViewer::closeRequested, this, &Workspace::closeViewer);
    connect(m_viewer, &ImageViewer::regionDecisionRequested, this, [this](std::int64_t region, const QString &decision) {
        m_session->decideRegions(currentId(), {region}, decision);
    });
    connect(m_viewer, &ImageViewer::regionMoveRequested, this, [this](std::int64_t region, const QRect &box) {
        m_session->moveRegion(currentId(), region, box);
    });
    connect(m_viewer, &ImageViewer::regionDrawRequested, this, [this](const QRect &box, const QString &type) {
        m_session->addRegion(currentId(), box, type);
    });
    connect(m_viewer, &ImageViewer::regionRemoveRequested, this, [this](std::int64_t region) {
        m_session->removeRegion(currentId(), region);
    });
    connect(m_viewer, &ImageViewer::regionTypeRequested, this, [this](std::int64_t region, const QString &type) {
        m_session->setRegionType(currentId(), region, type);
    });
    connect(m_session.get(), &ProjectSession::regionAdded, this, [this](std::int64_t image, std::int64_t region) {
        if (isViewing() && image == currentId())
            m_viewer->adoptDrawnRegion(region);
    });
    // The viewer shows a dropped or drawn box at once; a refused edit puts back what is stored.
    connect(m_session.get(), &ProjectSession::errorOccurred, this, [this] {
        if (isViewing())
            loadRegions();
    });
    connect(m_moderation, &ModerationActions::advanceRequested, this, [this] { step(1); });
    connect(m_session.get(), &ProjectSession::imagesChanged, this, [this] {
        m_model->invalidate();
        if (isViewing()) {
            m_viewer->setCaption(captionOf(m_view->currentIndex()));
            loadRegions();
        }
    });
    connect(m_session.get(), &ProjectSession::categoriesChanged, this, [this] { m_model->invalidate(); });

    // The first query already shows the active model's predictions.
    store::ImageFilter initial;
    initial.predictionModel = m_predictions->initialModel();
    m_facets->setFilter(initial);
    m_controller->setFilter(initial);
    if (initial.predictionModel == 0)
        m_controller->refreshFacets();   // otherwise setFilter() counted them for the model
}

Workspace::~Workspace()
{
    // Queued edits finish and are shown while every widget is still alive; after that the
    // session talks to no one.
    m_session->waitForEdits();
    m_session->disconnect(this);
    // The moderation actions live in the window (for their shortcuts) but act on this session.
    delete m_moderation;
    // Widgets placed in the window's docks and centre are deleted with the workspace, unless
    // the window got there first.
    for (QPointer<QWidget> widget : {QPointer<QWidget>(m_center), QPointer<QWidget>(m_facets), QPointer<QWidget>(m_inspector),
                                        QPointer<QWidget>(m_training)})
        delete widget.data();
}

void Workspace::showImages(const store::ImageFilter &filter)
{
    if (isViewing())
        closeViewer();
    m_keepId = 0;
    m_facets->setFilter(filter);
    m_controller->setFilter(filter);
    m_view->setFocus();
}

bool Workspace::isViewing() const { return m_center->currentWidget() == m_viewer; }

std::int64_t Workspace::currentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(ImageListModel::IdRole).toLongLong() : 0;
}

QList<std::int64_t> Workspace::targets() const
{
    if (isViewing()) {
        const std::int64_t id = currentId();
        return id ? QList<std::int64_t>{id} : QList<std::int64_t>{};
    }
    QList<std::int64_t> ids = m_view->selectedIds();
    if (ids.isEmpty() && currentId())
        ids.append(currentId());
    return ids;
}

void Workspace::openViewer(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_center->setCurrentWidget(m_viewer);
    m_viewer->setFocus();
    showCurrentInViewer();
}

void Workspace::closeViewer()
{
    m_center->setCurrentWidget(m_view);
    m_view->scrollTo(m_view->currentIndex());
    m_view->setFocus();
}

bool Workspace::step(int delta)
{
    const QModelIndex current = m_view->currentIndex();
    const int row = (current.isValid() ? current.row() : -1) + delta;
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const QModelIndex next = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(next);
    if (isViewing())
        showCurrentInViewer();
    return true;
}

void Workspace::showCurrentInViewer()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    m_viewer->showImage(current.data(ImageListModel::AbsolutePathRole).toString(),
                        current.data(ImageListModel::ThumbnailRole).value<QPixmap>(), captionOf(current));
    m_viewer->setRegions({});
    loadRegions();
}

void Workspace::loadRegions()
{
    // A handful of rows by index.
    Result<QList<store::Region>> regions = store::regionsOf(m_session->project().db(), currentId());
    m_viewer->setRegions(regions ? *regions : QList<store::Region>());
}

QString Workspace::captionOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    QString caption = QStringLiteral("%1   ·   %2").arg(index.data(ImageListModel::PathRole).toString(),
                                                      index.data(Qt::DisplayRole).toString());
    const auto status = store::ReviewStatus(index.data(ImageListModel::StatusRole).toInt());
    if (status != store::ReviewStatus::Unreviewed)
        caption += QStringLiteral("   ·   ") + store::reviewStatusTitle(status);
    for (const QString &flag : index.data(ImageListModel::FlagsRole).toStringList())
        caption += QStringLiteral("   ·   ") + store::flagTitle(flag);
    return caption;
}

void Workspace::restoreCurrent(std::int64_t id)
{
    const int row = id ? m_model->rowOf(id) : -1;
    if (row >= 0) {
        const QModelIndex index = m_model->index(row);
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    } else if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid()) {
        m_view->selectionModel()->setCurrentIndex(m_model->index(0), QItemSelectionModel::NoUpdate);
    }
}

} // namespace sieve::ui
