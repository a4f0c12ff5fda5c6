#include "review/label_issue_model.h"

#include "gallery/thumbnail_loader.h"

#include <QColor>
#include <QFileInfo>
#include <QLocale>
#include <QPalette>
#include <QSet>

namespace sieve::ui {

namespace {

QString percent(double probability)
{
    return QStringLiteral("%1 %").arg(QLocale().toString(100.0 * probability, 'f', probability < 0.1 ? 1 : 0));
}

} // namespace

LabelIssueModel::LabelIssueModel(store::Database &db, ThumbnailLoader *thumbnails, QObject *parent)
    : QAbstractTableModel(parent), m_db(db), m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailLoader::thumbnailsReady, this, &LabelIssueModel::thumbnailsReady);
}

Status LabelIssueModel::setModelId(std::int64_t modelId, int minimumRows)
{
    beginResetModel();
    m_modelId = modelId;
    m_rows.clear();
    m_complete = modelId == 0;
    Status fetched;
    if (modelId != 0) {
        Result<QList<store::LabelIssueRow>> page = nextPage(std::max(minimumRows, int(kPageSize)));
        if (page)
            m_rows = std::move(*page);
        else
            fetched = page.takeError();
    }
    endResetModel();
    return fetched;
}

Status LabelIssueModel::reload() { return setModelId(m_modelId, int(m_rows.size())); }

Result<QList<store::LabelIssueRow>> LabelIssueModel::nextPage(int limit)
{
    std::optional<store::LabelIssueCursor> after;
    if (!m_rows.isEmpty())
        after = store::LabelIssueCursor{m_rows.last().score, m_rows.last().imageId};
    Result<QList<store::LabelIssueRow>> page = store::labelIssuePage(m_db, m_modelId, after, limit);
    m_complete = !page || page->size() < limit;
    return page;
}

int LabelIssueModel::rowOf(std::int64_t imageId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].imageId == imageId)
            return row;
    return -1;
}

void LabelIssueModel::removeImage(std::int64_t imageId)
{
    const int row = rowOf(imageId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int LabelIssueModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int LabelIssueModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LabelIssueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const store::LabelIssueRow &row = m_rows[index.row()];
    switch (role) {
    case Qt::DecorationRole:
        if (index.column() == ImageColumn) {
            const QPixmap pixmap = m_thumbnails->pixmap(row.hash, row.absolutePath);
            return pixmap.isNull() ? QVariant() : QVariant(pixmap);
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case ImageColumn:
            return m_thumbnails->failed(row.hash) ? tr("Cannot be shown") : QVariant();
        case LabelColumn:
            return QStringLiteral("%1\n%2").arg(row.label, percent(row.givenProbability));
        case SuggestedColumn:
            return QStringLiteral("%1\n%2").arg(row.suggested, percent(row.suggestedProbability));
        case ScoreColumn:
            return QLocale().toString(row.score, 'f', 3);
        case PathColumn:
            return QStringLiteral("%1\n%2").arg(QFileInfo(row.path).fileName(), QFileInfo(row.path).path());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ScoreColumn)
            return tr("How surely the model takes the label for wrong: (1 + p(suggested) − p(label)) / 2");
        return row.absolutePath;
    case Qt::TextAlignmentRole:
        return index.column() == ScoreColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (index.column() == SuggestedColumn)
            return QColor(0x1b, 0x5e, 0x20);
        return {};
    }
    return {};
}

QVariant LabelIssueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImageColumn: return tr("Image");
    case LabelColumn: return tr("Label (p)");
    case SuggestedColumn: return tr("Suggested (p)");
    case ScoreColumn: return tr("Score");
    case PathColumn: return tr("File");
    }
    return {};
}

bool LabelIssueModel::canFetchMore(const QModelIndex &parent) const { return !parent.isValid() && !m_complete; }

void LabelIssueModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_complete)
        return;
    Result<QList<store::LabelIssueRow>> page = nextPage(kPageSize);
    if (!page || page->isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_rows.append(*page);
    endInsertRows();
}

void LabelIssueModel::thumbnailsReady(const QStringList &hashes)
{
    const QSet<QString> ready(hashes.begin(), hashes.end());
    for (int row = 0; row < m_rows.size(); ++row)
        if (ready.contains(m_rows[row].hash)) {
            const QModelIndex cell = index(row, ImageColumn);
            emit dataChanged(cell, cell, {Qt::DecorationRole, Qt::DisplayRole});
        }
}

} // namespace sieve::ui
