#pragma once

#include "store/label_issue_queue.h"

#include <QAbstractTableModel>
#include <QList>

#include <cstdint>

namespace sieve::store {
class Database;
}

namespace sieve::ui {

class ThumbnailLoader;

// The "likely mislabeled" queue of one model as a table: thumbnail, label, suggestion, score,
// path. Rows come in pages of the ranked query (store::labelIssuePage, keyset), fetched as the
// view scrolls; thumbnails come from THUMBNAILS, which loads them off the GUI thread. Reads the
// given connection on the GUI thread, a page (a few hundred indexed rows) at a time.
class LabelIssueModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { ImageColumn, LabelColumn, SuggestedColumn, ScoreColumn, PathColumn, ColumnCount };
    static constexpr int kPageSize = 200;

    LabelIssueModel(store::Database &db, ThumbnailLoader *thumbnails, QObject *parent = nullptr);

    // Shows MODELID's queue from the top, at least MINIMUMROWS rows when there are (so a reload
    // keeps what the view had). 0 shows nothing. Returns the error of the first page, if any.
    Status setModelId(std::int64_t modelId, int minimumRows = kPageSize);
    std::int64_t modelId() const { return m_modelId; }
    Status reload();

    const store::LabelIssueRow &issue(int row) const { return m_rows.at(row); }
    int rowOf(std::int64_t imageId) const;
    // Takes a decided image out of the queue.
    void removeImage(std::int64_t imageId);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    // The LIMIT rows after the loaded ones; sets m_complete.
    Result<QList<store::LabelIssueRow>> nextPage(int limit);
    void thumbnailsReady(const QStringList &hashes);

    store::Database &m_db;
    ThumbnailLoader *m_thumbnails;
    std::int64_t m_modelId = 0;
    QList<store::LabelIssueRow> m_rows;
    bool m_complete = true;   // no row after the last fetched one
};

} // namespace sieve::ui
