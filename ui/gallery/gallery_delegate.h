#pragma once

#include <QStyledItemDelegate>

namespace sieve::ui {

// Paints one gallery tile: the thumbnail, the label on a strip of its category's colour, and
// badges for review status, flags and a missing file. paint() only paints; the size is the
// view's fixed grid.
class GalleryDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit GalleryDelegate(QObject *parent = nullptr);

    void setTileSize(QSize size) { m_tile = size; }
    QSize tileSize() const { return m_tile; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const override { return m_tile; }

private:
    QSize m_tile{176, 204};
};

} // namespace sieve::ui
