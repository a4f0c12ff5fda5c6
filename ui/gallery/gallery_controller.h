#pragma once

#include "store/image_query.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace sieve::ui {

class ImageListModel;
class ProjectSession;

// Owns the gallery's filter. Applying a filter runs its SQL on a background thread with a
// connection of its own and hands the id list to the model when done; a newer filter makes an
// older result stale (it is dropped, and the old query is interrupted). Facet counts are
// computed the same way. GUI thread only; the destructor waits for its queries.
class GalleryController : public QObject {
    Q_OBJECT

public:
    GalleryController(ProjectSession *session, ImageListModel *model, QObject *parent = nullptr);
    ~GalleryController() override;

    const store::ImageFilter &filter() const { return m_filter; }
    void setFilter(const store::ImageFilter &filter);
    // Runs the current filter again (after an import or when the user asks).
    void refresh();
    void refreshFacets();

    const store::Facets &facets() const { return m_facets; }
    bool isQuerying() const { return m_querying; }
    // Milliseconds the last query took, from setFilter() to the model holding the ids.
    qint64 lastQueryMs() const { return m_lastQueryMs; }

signals:
    void queryStarted();
    // The model now holds the result; selection and scroll position should be restored by
    // the view from KEEPID when it is still in the list.
    void queryFinished(qint64 count, qint64 milliseconds);
    void facetsChanged();
    void errorOccurred(const QString &message);

private:
    struct QueryResult {
        std::vector<std::int64_t> ids;
        QString error;
    };

    ProjectSession *m_session;
    ImageListModel *m_model;
    store::ImageFilter m_filter;
    store::Facets m_facets;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelQuery;
    bool m_querying = false;
    bool m_facetsOwed = false;   // counts were asked for while a count ran
    QElapsedTimer m_clock;
    qint64 m_lastQueryMs = 0;
    QFutureWatcher<QueryResult> m_queryWatcher;
    QFutureWatcher<Result<store::Facets>> m_facetWatcher;
};

} // namespace sieve::ui
