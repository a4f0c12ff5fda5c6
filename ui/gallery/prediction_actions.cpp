#include "gallery/prediction_actions.h"

#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/inspector_panel.h"
#include "gallery/prediction_filter_box.h"
#include "jobs/job_runner.h"
#include "jobs/project_jobs.h"
#include "session/project_session.h"
#include "store/models.h"
#include "store/predictions.h"
#include "store/project.h"
#include "training/classify_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QMenu>
#include <QSet>
#include <QSettings>

#include <memory>

namespace sieve::ui {

PredictionActions::PredictionActions(ProjectSession *session, GalleryController *gallery, ImageListModel *model,
                                     FacetPanel *facets, GalleryView *view, InspectorPanel *inspector, QWidget *window,
                                     QObject *parent)
    : QObject(parent), m_session(session), m_gallery(gallery), m_model(model), m_facets(facets), m_view(view),
      m_inspector(inspector), m_window(window), m_menu(new QMenu(tr("Show Predictions &Of"))), m_group(new QActionGroup(this))
{
    m_classify = new QAction(tr("&Classify All…"), window);
    m_classify->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_classify->setObjectName(QStringLiteral("classifyAll"));
    window->addAction(m_classify);
    connect(m_classify, &QAction::triggered, this, &PredictionActions::classifyAll);

    m_show = new QAction(tr("Show &Predictions on Thumbnails"), window);
    m_show->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_show->setObjectName(QStringLiteral("showPredictions"));
    m_show->setCheckable(true);
    m_show->setChecked(QSettings().value(QStringLiteral("gallery/showPredictions"), true).toBool());
    m_view->setShowPredictions(m_show->isChecked());
    window->addAction(m_show);
    connect(m_show, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("gallery/showPredictions"), on);
        m_view->setShowPredictions(on);
    });

    m_group->setExclusive(true);
    connect(m_group, &QActionGroup::triggered, this, [this](QAction *a) { setActiveModel(a->data().toLongLong()); });
    // The filter panel's model choice and a saved view's model both arrive as a new filter.
    connect(m_gallery, &GalleryController::queryStarted, this, &PredictionActions::follow);
    connect(m_gallery, &GalleryController::facetsChanged, this, &PredictionActions::reloadModels);
    reloadModels();
}

PredictionActions::~PredictionActions()
{
    // In the window until the workspace goes; the menu is this object's.
    delete m_classify;
    delete m_show;
    delete m_menu;
}

QString PredictionActions::settingsKey() const
{
    const QByteArray project = QCryptographicHash::hash(m_session->directory().toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QStringLiteral("projects/%1/activeModel").arg(QString::fromLatin1(project));
}

std::int64_t PredictionActions::initialModel() const
{
    store::Database &db = m_session->project().db();
    Result<QList<std::int64_t>> classified = store::modelsWithPredictions(db);
    const QVariant remembered = QSettings().value(settingsKey());
    if (remembered.isValid()) {
        const std::int64_t id = remembered.toLongLong();
        if (id == 0)
            return 0;   // the user chose to show none
        if (Result<std::optional<store::ModelRecord>> model = store::findModel(db, id); model && *model)
            return id;
    }
    return classified && !classified->isEmpty() ? classified->front() : 0;
}

std::int64_t PredictionActions::activeModel() const { return m_gallery->filter().predictionModel; }

void PredictionActions::setActiveModel(std::int64_t modelId)
{
    if (modelId == activeModel())
        return;
    store::ImageFilter filter = m_gallery->filter();
    filter.predictionModel = modelId;
    m_facets->setFilter(filter);
    m_gallery->setFilter(filter);
}

void PredictionActions::follow()
{
    const std::int64_t id = activeModel();
    m_inspector->setPredictionModel(id);
    for (QAction *a : m_group->actions())
        if (a->data().toLongLong() == id)
            a->setChecked(true);
    if (id != m_followed && m_followed >= 0)
        QSettings().setValue(settingsKey(), qint64(id));
    m_followed = id;
}

void PredictionActions::reloadModels()
{
    // A handful of rows, and one primary-key probe per model.
    store::Database &db = m_session->project().db();
    Result<QList<store::ModelRecord>> models = store::listModels(db);
    Result<QList<std::int64_t>> classified = store::modelsWithPredictions(db);
    if (!models || !classified)
        return;
    const QSet<std::int64_t> done(classified->begin(), classified->end());
    m_facets->predictions()->setModels(*models, done);
    m_menu->clear();
    for (QAction *a : m_group->actions())
        m_group->removeAction(a);
    auto add = [this](const QString &text, std::int64_t id) {
        QAction *a = m_menu->addAction(text);
        a->setCheckable(true);
        a->setData(qint64(id));
        a->setChecked(id == activeModel());
        m_group->addAction(a);
    };
    add(tr("&None"), 0);
    m_menu->addSeparator();
    for (const store::ModelRecord &model : *models)
        add(done.contains(model.id) ? model.name : tr("%1 (not run)").arg(model.name), model.id);
}

void PredictionActions::classifyAll(std::int64_t modelId)
{
    auto *dialog = new ClassifyDialog(m_session, m_gallery->filter(), m_model->rowCount(), m_gallery->facets().total, m_window);
    if (modelId > 0)
        dialog->selectModel(modelId);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClassifyDialog::importFinished, this, &PredictionActions::reloadModels);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const train::ClassifyOptions options = dialog->options();
        if (options.modelId <= 0)
            return;
        JobRunner *runner = makeClassifyJob(m_session, options, dialog->modelName());
        // Show what the job writes: its model becomes the active one, and the visible tiles pick
        // up new predictions every couple of seconds while it runs.
        setActiveModel(options.modelId);
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        const std::int64_t model = options.modelId;
        connect(runner, &JobRunner::progressChanged, this, [this, clock, model] {
            if (clock->elapsed() < 2000 || activeModel() != model)
                return;
            clock->restart();
            m_model->invalidate();
        });
        emit jobRequested(runner);
    });
    dialog->open();
}

} // namespace sieve::ui
