#pragma once

#include <QListView>

namespace sieve::ui {

class GalleryDelegate;
class ThumbnailLoader;

// The thumbnail grid: QListView in ListMode with wrapping, uniform item sizes and a fixed grid,
// which lays out a million rows in constant time per row (IconMode would position each item).
// Ctrl+wheel and Ctrl+plus/minus change the tile size. Scrolling drops thumbnail requests for
// tiles no longer visible.
class GalleryView : public QListView {
    Q_OBJECT

public:
    GalleryView(ThumbnailLoader *thumbnails, QWidget *parent = nullptr);

    int thumbnailSize() const { return m_thumbnailSize; }
    void setThumbnailSize(int side);
    static constexpr int kMinThumbnail = 80;
    static constexpr int kMaxThumbnail = 256;

    // Whether tiles show the active model's prediction (label and confidence).
    bool showsPredictions() const;
    void setShowPredictions(bool show);

    // The selected rows' ids in row order.
    QList<std::int64_t> selectedIds() const;

signals:
    void thumbnailSizeChanged(int side);
    void activatedForViewing(const QModelIndex &index);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    // Spreads the columns over the whole width: the tile keeps its height, the cell its share.
    void updateGrid();

    ThumbnailLoader *m_thumbnails;
    GalleryDelegate *m_delegate;
    int m_thumbnailSize = 160;
};

} // namespace sieve::ui
