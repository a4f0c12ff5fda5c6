#pragma once

#include "store/image_query.h"
#include "store/predictions.h"

#include <QAbstractListModel>
#include <QHash>

#include <cstdint>
#include <vector>

namespace sieve::ui {

class ProjectSession;
class ThumbnailLoader;

// The gallery's model: the ordered ids of the current filter (8 bytes an image, so a million
// images cost 8 MB) and row data fetched a page at a time by primary key and kept in a small
// page cache. Sorting and filtering happen in SQL before setIds(); this model never scans.
// GUI thread only.
class ImageListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PathRole,             // relative path
        AbsolutePathRole,
        HashRole,
        LabelRole,            // category name, empty when unlabeled
        LabelColorRole,       // QColor of the category
        StatusRole,           // int(store::ReviewStatus)
        FlagsRole,            // QStringList of flag kinds
        SuggestedFlagsRole,   // QStringList of detector suggestions
        MissingRole,          // bool
        ThumbnailRole,        // QPixmap, null while loading
        ThumbnailFailedRole,  // bool: the thumbnail cannot be made
        DimensionsRole,       // QSize as displayed
        PredictionLabelRole,  // the prediction model's top class, empty without a prediction
        PredictionConfidenceRole, // its probability (double 0…1), invalid without a prediction
        PredictionDisagreesRole,  // bool: the image is labelled and predicted as another category
    };

    ImageListModel(ProjectSession *session, ThumbnailLoader *thumbnails, QObject *parent = nullptr);

    void setIds(std::vector<std::int64_t> ids);
    const std::vector<std::int64_t> &ids() const { return m_ids; }
    std::int64_t idAt(int row) const;
    // -1 when the id is not in the list. Linear, but only over the ids (a few ms for a million).
    int rowOf(std::int64_t id) const;

    // Row data changed in the database: forget cached pages and repaint.
    void invalidate();
    // The model whose predictions the Prediction roles give (0: none); fetched with each page.
    void setPredictionModel(std::int64_t modelId);
    std::int64_t predictionModel() const { return m_predictionModel; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    static constexpr int kPageSize = 64;

private:
    const store::ImageRow *row(int index) const;
    const store::TopPrediction *prediction(int index) const;   // nullptr without one
    void onThumbnailsReady(const QStringList &hashes);

    ProjectSession *m_session;
    ThumbnailLoader *m_thumbnails;
    std::vector<std::int64_t> m_ids;
    std::int64_t m_predictionModel = 0;

    struct Page {
        std::vector<store::ImageRow> rows;
        QHash<std::int64_t, store::TopPrediction> predictions;   // by image id
        quint64 lastUse = 0;
    };
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_useClock = 0;
};

} // namespace sieve::ui
