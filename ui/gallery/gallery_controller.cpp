#include "gallery/gallery_controller.h"

#include "gallery/image_list_model.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/project.h"

#include <QtConcurrent>

namespace sieve::ui {

GalleryController::GalleryController(ProjectSession *session, ImageListModel *model, QObject *parent)
    : QObject(parent), m_session(session), m_model(model)
{
    m_pool.setObjectName(QStringLiteral("sieve-gallery-queries"));
    m_pool.setMaxThreadCount(2);
    connect(&m_queryWatcher, &QFutureWatcher<QueryResult>::finished, this, [this] {
        const quint64 generation = m_queryWatcher.property("generation").toULongLong();
        if (generation != m_generation || m_queryWatcher.isCanceled())
            return;
        QueryResult result = m_queryWatcher.result();
        m_querying = false;
        if (!result.error.isEmpty()) {
            emit errorOccurred(result.error);
            return;
        }
        const qint64 count = qint64(result.ids.size());
        m_model->setIds(std::move(result.ids));
        m_lastQueryMs = m_clock.elapsed();
        emit queryFinished(count, m_lastQueryMs);
    });
    connect(&m_facetWatcher, &QFutureWatcher<Result<store::Facets>>::finished, this, [this] {
        if (m_facetsOwed) {
            // Edits arrived during the count: this result is already stale.
            m_facetsOwed = false;
            refreshFacets();
            return;
        }
        const Result<store::Facets> facets = m_facetWatcher.result();
        if (!facets) {
            emit errorOccurred(facets.error());
            return;
        }
        m_facets = *facets;
        emit facetsChanged();
    });
    connect(m_session, &ProjectSession::imagesChanged, this, [this] { refreshFacets(); });
}

GalleryController::~GalleryController()
{
    if (m_cancelQuery)
        m_cancelQuery->store(true);
    m_pool.waitForDone();
}

void GalleryController::setFilter(const store::ImageFilter &filter)
{
    const bool newModel = filter.predictionModel != m_filter.predictionModel;
    m_filter = filter;
    m_model->setPredictionModel(filter.predictionModel);
    refresh();
    if (newModel)
        refreshFacets();   // the prediction counts are the active model's
}

void GalleryController::refresh()
{
    if (m_cancelQuery)
        m_cancelQuery->store(true);
    m_cancelQuery = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    m_querying = true;
    m_clock.start();
    emit queryStarted();
    const QString databasePath = m_session->project().databasePath();
    const store::ImageFilter filter = m_filter;
    std::shared_ptr<std::atomic<bool>> cancel = m_cancelQuery;
    m_queryWatcher.setProperty("generation", generation);
    m_queryWatcher.setFuture(QtConcurrent::run(&m_pool, [databasePath, filter, cancel] {
        QueryResult result;
        Result<store::Database> db = store::Database::open(databasePath, store::Database::Mode::ReadOnly);
        if (!db) {
            result.error = db.error();
            return result;
        }
        Result<std::vector<std::int64_t>> ids = store::queryImageIds(*db, filter, cancel.get());
        if (ids)
            result.ids = std::move(*ids);
        else if (!cancel->load())
            result.error = ids.error();
        return result;
    }));
}

void GalleryController::refreshFacets()
{
    // A count scans every image; while one runs, further requests (a burst of edits) coalesce
    // into one more count after it, so they never queue up in front of gallery queries.
    if (m_facetWatcher.isRunning()) {
        m_facetsOwed = true;
        return;
    }
    const QString databasePath = m_session->project().databasePath();
    const std::int64_t model = m_filter.predictionModel;
    m_facetWatcher.setFuture(QtConcurrent::run(&m_pool, [databasePath, model]() -> Result<store::Facets> {
        Result<store::Database> db = store::Database::open(databasePath, store::Database::Mode::ReadOnly);
        if (!db)
            return db.takeError();
        return store::countFacets(*db, 100, model);
    }));
}

} // namespace sieve::ui
