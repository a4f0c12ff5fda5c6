#pragma once

#include "store/image_query.h"

#include <QList>
#include <QModelIndex>
#include <QObject>

#include <cstdint>
#include <memory>

class QStackedWidget;
class QWidget;

namespace sieve::ui {

class FacetPanel;
class GalleryController;
class GalleryView;
class ImageListModel;
class ImageViewer;
class InspectorPanel;
class ModerationActions;
class PredictionActions;
class ProjectSession;
class ThumbnailLoader;
class TrainingPanel;
class ViewActions;

// Everything shown for one open project — the grid and the viewer (stacked in the centre), the
// facet panel, the inspector, the training monitor, the moderation and saved-view actions — and the wiring between
// them. The main
// window places these widgets; closing the project deletes the workspace. GUI thread only.
class Workspace : public QObject {
    Q_OBJECT

public:
    Workspace(std::unique_ptr<ProjectSession> session, QWidget *window);
    ~Workspace() override;

    ProjectSession *session() const { return m_session.get(); }
    GalleryController *gallery() const { return m_controller; }
    ImageListModel *model() const { return m_model; }
    ThumbnailLoader *thumbnails() const { return m_thumbnails; }
    GalleryView *view() const { return m_view; }
    ImageViewer *viewer() const { return m_viewer; }
    FacetPanel *facets() const { return m_facets; }
    InspectorPanel *inspector() const { return m_inspector; }
    ModerationActions *moderation() const { return m_moderation; }
    ViewActions *views() const { return m_views; }
    PredictionActions *predictions() const { return m_predictions; }
    TrainingPanel *training() const { return m_training; }
    QStackedWidget *center() const { return m_center; }

    bool isViewing() const;
    void openViewer(const QModelIndex &index);
    void closeViewer();
    // Moves the current image by STEP rows (in the grid or the viewer); false at either end.
    bool step(int step);
    // The images an action applies to: the viewed image, else the grid's selection.
    QList<std::int64_t> targets() const;
    std::int64_t currentId() const;
    // Shows the images FILTER selects in the grid (closing the viewer), the facets set to it.
    void showImages(const store::ImageFilter &filter);

signals:
    void selectionChanged(int count);

private:
    void showCurrentInViewer();
    void loadRegions();
    QString captionOf(const QModelIndex &index) const;
    void restoreCurrent(std::int64_t id);

    std::unique_ptr<ProjectSession> m_session;
    ThumbnailLoader *m_thumbnails;
    ImageListModel *m_model;
    GalleryController *m_controller;
    QStackedWidget *m_center;
    GalleryView *m_view;
    ImageViewer *m_viewer;
    FacetPanel *m_facets;
    InspectorPanel *m_inspector;
    ModerationActions *m_moderation;
    ViewActions *m_views;
    PredictionActions *m_predictions;
    TrainingPanel *m_training;
    std::int64_t m_keepId = 0;
};

} // namespace sieve::ui
