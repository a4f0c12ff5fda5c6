#pragma once

#include <QObject>
#include <QPointer>

#include <cstdint>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace sieve::ui {

class FacetPanel;
class GalleryController;
class GalleryView;
class ImageListModel;
class InspectorPanel;
class JobRunner;
class ProjectSession;

// Model predictions in the gallery, as the "Model" menu offers them: "Classify All…" (a dialog,
// then the classify job for the jobs panel), the active model whose predictions the tiles, the
// inspector, the prediction filters and the confidence sort use (a radio list kept in step with
// the filter panel's choice, remembered per project), and the overlay toggle. The active model
// lives in the gallery filter (ImageFilter::predictionModel); this object follows it. Actions
// are parented to WINDOW for their shortcuts; owned by the workspace; GUI thread only.
class PredictionActions : public QObject {
    Q_OBJECT

public:
    PredictionActions(ProjectSession *session, GalleryController *gallery, ImageListModel *model, FacetPanel *facets,
                      GalleryView *view, InspectorPanel *inspector, QWidget *window, QObject *parent = nullptr);
    ~PredictionActions() override;

    QAction *classifyAction() const { return m_classify; }
    QAction *showPredictionsAction() const { return m_show; }
    // "Show Predictions Of": one entry per model, and none; owned by this object.
    QMenu *modelMenu() const { return m_menu; }

    // The model to show when the project opens: the one remembered for it if it still exists,
    // else the newest model with predictions, else 0.
    std::int64_t initialModel() const;
    // Makes MODELID the active model (0: none).
    void setActiveModel(std::int64_t modelId);
    std::int64_t activeModel() const;
    // Opens the Classify All dialog (non-modal) with model MODELID chosen (0: the first);
    // Classify emits jobRequested.
    void classifyAll(std::int64_t modelId = 0);
    // Reads the model list again (after a run or an import).
    void reloadModels();

signals:
    void jobRequested(sieve::ui::JobRunner *runner);

private:
    void follow();
    QString settingsKey() const;

    ProjectSession *m_session;
    GalleryController *m_gallery;
    ImageListModel *m_model;
    FacetPanel *m_facets;
    GalleryView *m_view;
    InspectorPanel *m_inspector;
    QWidget *m_window;
    QAction *m_classify;
    QAction *m_show;
    QMenu *m_menu;
    QActionGroup *m_group;
    std::int64_t m_followed = -1;
};

} // namespace sieve::ui
