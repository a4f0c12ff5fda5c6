#include "gallery/image_list_model.h"

#include "base/check.h"
#include "gallery/thumbnail_loader.h"
#include "imaging/image_probe.h"
#include "session/project_session.h"
#include "store/project.h"

#include <QColor>
#include <QSize>

namespace sieve::ui {

namespace {
constexpr int kMaxPages = 96;   // about 6,000 rows of cached data: several screens either way
}

ImageListModel::ImageListModel(ProjectSession *session, ThumbnailLoader *thumbnails, QObject *parent)
    : QAbstractListModel(parent), m_session(session), m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailLoader::thumbnailsReady, this, &ImageListModel::onThumbnailsReady);
}

void ImageListModel::setIds(std::vector<std::int64_t> ids)
{
    beginResetModel();
    m_ids = std::move(ids);
    m_pages.clear();
    endResetModel();
}

std::int64_t ImageListModel::idAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_ids.size() ? m_ids[std::size_t(row)] : 0;
}

int ImageListModel::rowOf(std::int64_t id) const
{
    const auto it = std::find(m_ids.begin(), m_ids.end(), id);
    return it == m_ids.end() ? -1 : int(it - m_ids.begin());
}

void ImageListModel::invalidate()
{
    m_pages.clear();
    if (!m_ids.empty())
        emit dataChanged(index(0), index(int(m_ids.size()) - 1));
}

void ImageListModel::setPredictionModel(std::int64_t modelId)
{
    if (modelId == m_predictionModel)
        return;
    m_predictionModel = modelId;
    invalidate();
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

Qt::ItemFlags ImageListModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren : Qt::NoItemFlags;
}

QHash<int, QByteArray> ImageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"}, {PathRole, "path"}, {LabelRole, "label"}, {StatusRole, "status"},
                  {FlagsRole, "flags"}, {MissingRole, "missing"}, {ThumbnailRole, "thumbnail"}});
    return names;
}

const store::ImageRow *ImageListModel::row(int index) const
{
    SIEVE_CHECK(index >= 0 && std::size_t(index) < m_ids.size(), return nullptr);
    const int pageIndex = index / kPageSize;
    auto it = m_pages.find(pageIndex);
    if (it == m_pages.end()) {
        if (m_pages.size() >= kMaxPages) {
            auto oldest = m_pages.begin();
            for (auto p = m_pages.begin(); p != m_pages.end(); ++p)
                if (p->lastUse < oldest->lastUse)
                    oldest = p;
            m_pages.erase(oldest);
        }
        const std::size_t first = std::size_t(pageIndex) * kPageSize;
        const std::size_t last = std::min(m_ids.size(), first + kPageSize);
        std::vector<std::int64_t> ids(m_ids.begin() + qsizetype(first), m_ids.begin() + qsizetype(last));
        Page page;
        page.rows.resize(ids.size());
        // A page is a primary-key lookup of 64 rows: well under a millisecond.
        Result<std::vector<store::ImageRow>> fetched = store::fetchImageRows(m_session->project().db(), ids);
        std::size_t next = 0;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (fetched && next < fetched->size() && (*fetched)[next].id == ids[i])
                page.rows[i] = (*fetched)[next++];
            else
                page.rows[i].id = ids[i];   // deleted since the query: shown empty
        }
        // The same page's predictions: another primary-key lookup per row.
        if (m_predictionModel > 0) {
            Result<QHash<std::int64_t, store::TopPrediction>> predictions =
                store::fetchTopPredictions(m_session->project().db(), m_predictionModel, ids);
            if (predictions)
                page.predictions = std::move(*predictions);
        }
        it = m_pages.insert(pageIndex, std::move(page));
    }
    it->lastUse = ++m_useClock;
    return &it->rows[std::size_t(index % kPageSize)];
}

const store::TopPrediction *ImageListModel::prediction(int index) const
{
    if (!row(index))   // loads the page
        return nullptr;
    const auto page = m_pages.constFind(index / kPageSize);
    const auto found = page->predictions.constFind(m_ids[std::size_t(index)]);
    return found == page->predictions.constEnd() ? nullptr : &*found;
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_ids.size()))
        return {};
    if (role == IdRole)
        return QVariant::fromValue(qint64(m_ids[std::size_t(index.row())]));
    const store::ImageRow *r = row(index.row());
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return r->label.isEmpty() ? tr("(unlabeled)") : r->label;
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1\n%2 × %3 · %4").arg(r->path).arg(r->width).arg(r->height).arg(r->format.toUpper());
        // Small tiles show the prediction's percentage only.
        if (const store::TopPrediction *p = prediction(index.row()))
            tip += QLatin1Char('\n') + tr("Predicted: %1 (%2 %)").arg(p->label).arg(qRound(p->probability * 100));
        return tip;
    }
    case PathRole:
        return r->path;
    case AbsolutePathRole:
        return r->absolutePath;
    case HashRole:
        return r->hash;
    case LabelRole:
        return r->label;
    case LabelColorRole:
        if (r->categoryId)
            if (const auto category = m_session->category(*r->categoryId))
                return category->color;
        return QColor(Qt::gray);
    case StatusRole:
        return int(r->status);
    case FlagsRole:
        return r->flags;
    case SuggestedFlagsRole:
        return r->suggestedFlags;
    case MissingRole:
        return r->missing;
    case ThumbnailRole:
        return r->missing ? QPixmap() : m_thumbnails->pixmap(r->hash, r->absolutePath);
    case ThumbnailFailedRole:
        return r->missing || m_thumbnails->failed(r->hash);
    case PredictionLabelRole:
        if (const store::TopPrediction *p = prediction(index.row()))
            return p->label;
        return QString();
    case PredictionConfidenceRole:
        if (const store::TopPrediction *p = prediction(index.row()))
            return p->probability;
        return {};
    case PredictionDisagreesRole:
        if (const store::TopPrediction *p = prediction(index.row()))
            return r->categoryId.has_value() && p->categoryId != r->categoryId;
        return false;
    case DimensionsRole:
        return imaging::orientationSwapsAxes(r->orientation) ? QSize(r->height, r->width) : QSize(r->width, r->height);
    default:
        return {};
    }
}

void ImageListModel::onThumbnailsReady(const QStringList &hashes)
{
    const QSet<QString> ready(hashes.begin(), hashes.end());
    for (auto page = m_pages.cbegin(); page != m_pages.cend(); ++page) {
        for (std::size_t i = 0; i < page->rows.size(); ++i) {
            if (ready.contains(page->rows[i].hash)) {
                const QModelIndex changed = index(page.key() * kPageSize + int(i));
                emit dataChanged(changed, changed, {ThumbnailRole, ThumbnailFailedRole});
            }
        }
    }
}

} // namespace sieve::ui
