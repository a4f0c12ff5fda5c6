#pragma once

#include <QStyledItemDelegate>

namespace sieve::ui {

// Paints one gallery tile: the thumbnail, the label on a strip of its category's colour,
// badges for review status, flags and a missing file, and (when shown) the active model's
// prediction with its confidence, amber where it disagrees with the label. paint() only paints; the size is the
// view's fixed grid.
class GalleryDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit GalleryDelegate(QObject *parent = nullptr);

    void setTileSize(QSize size) { m_tile = size; }
    QSize tileSize() const { return m_tile; }
    void setShowPredictions(bool show) { m_showPredictions = show; }
    bool showsPredictions() const { return m_showPredictions; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const override { return m_tile; }

private:
    void paintPrediction(QPainter *painter, const QRect &imageArea, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const;

    QSize m_tile{176, 204};
    bool m_showPredictions = true;
};

} // namespace sieve::ui
