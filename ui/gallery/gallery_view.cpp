#include "gallery/gallery_view.h"

#include "gallery/gallery_delegate.h"
#include "gallery/image_list_model.h"
#include "gallery/thumbnail_loader.h"

#include <QKeyEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace sieve::ui {

GalleryView::GalleryView(ThumbnailLoader *thumbnails, QWidget *parent)
    : QListView(parent), m_thumbnails(thumbnails), m_delegate(new GalleryDelegate(this))
{
    setObjectName(QStringLiteral("gallery"));
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setMovement(QListView::Static);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setItemDelegate(m_delegate);
    setSpacing(0);
    setMouseTracking(false);
    setFrameShape(QFrame::NoFrame);
    setThumbnailSize(m_thumbnailSize);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { m_thumbnails->dropPending(); });
    connect(this, &QListView::doubleClicked, this, &GalleryView::activatedForViewing);
}

void GalleryView::setThumbnailSize(int side)
{
    side = std::clamp(side, kMinThumbnail, kMaxThumbnail);
    m_thumbnailSize = side;
    m_thumbnails->setSide(side);
    updateGrid();
    emit thumbnailSizeChanged(side);
}

void GalleryView::updateGrid()
{
    const QSize tile(m_thumbnailSize + 16, m_thumbnailSize + 44);
    // QListView wraps when an item passes the viewport's right(), i.e. width - 1.
    const int width = viewport()->width() - 2;
    const int columns = std::max(1, width / tile.width());
    const QSize cell(std::max(tile.width(), width / columns), tile.height());
    m_delegate->setTileSize(cell);
    if (gridSize() != cell)
        setGridSize(cell);
    viewport()->update();
}

bool GalleryView::viewportEvent(QEvent *event)
{
    // The viewport's own resize: its final width, after scroll bars came or went.
    if (event->type() == QEvent::Resize)
        updateGrid();
    return QListView::viewportEvent(event);
}

bool GalleryView::showsPredictions() const { return m_delegate->showsPredictions(); }

void GalleryView::setShowPredictions(bool show)
{
    m_delegate->setShowPredictions(show);
    viewport()->update();
}

QList<std::int64_t> GalleryView::selectedIds() const
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<std::int64_t> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &index : rows)
        ids.append(index.data(ImageListModel::IdRole).toLongLong());
    return ids;
}

void GalleryView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0)
            setThumbnailSize(m_thumbnailSize + steps * 16);
        event->accept();
        return;
    }
    QListView::wheelEvent(event);
}

void GalleryView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        if (currentIndex().isValid())
            emit activatedForViewing(currentIndex());
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            setThumbnailSize(m_thumbnailSize + 16);
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            setThumbnailSize(m_thumbnailSize - 16);
            return;
        }
    }
    QListView::keyPressEvent(event);
}

} // namespace sieve::ui
