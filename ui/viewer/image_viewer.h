#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QPixmap>
#include <QPointF>
#include <QWidget>

#include "store/regions.h"

namespace sieve::ui {

// A large view of one image: fit to window (F), actual pixels (Z or double-click), wheel zoom
// around the cursor, drag an empty spot (or middle-drag anywhere) to pan. The image is decoded
// off the GUI thread at full size, with EXIF orientation; the thumbnail is shown until it
// arrives. Left/Right ask for the previous or next image, Escape for the grid; moderation keys
// are handled by the window's actions. GUI thread only.
class ImageViewer : public QWidget {
    Q_OBJECT

public:
    explicit ImageViewer(QWidget *parent = nullptr);
    ~ImageViewer() override;

    // PLACEHOLDER is shown (scaled) while PATH decodes.
    void showImage(const QString &path, const QPixmap &placeholder, const QString &caption);
    void clear();
    // The line under the image: path and label. Updated when the label changes.
    void setCaption(const QString &caption);
    const QString &caption() const { return m_caption; }

    bool fitToWindow() const { return m_fit; }
    double zoom() const;                 // displayed pixels per image pixel
    void setFitToWindow();
    void setActualSize();
    void zoomBy(double factor, QPointF anchor = {-1, -1});
    const QImage &image() const { return m_image; }
    bool isLoading() const { return m_loading; }

    // Regions of the shown image (boxes in its pixels as shown), drawn over it coloured by type:
    // dashed while undecided, solid when accepted, thin and grey when rejected. Click or Tab
    // selects one; Y accepts it, N rejects it (also from its right-click menu); R toggles the
    // redaction preview (every region not rejected pixelated, as an export will do).
    //
    // Editing with the mouse, once the full image is shown: dragging a region moves it, dragging
    // the selected one's edges or corner handles resizes it, and Shift+drag (or any drag in draw
    // mode, B) draws a new one. Boxes stay inside the image; a press that moves less than a few
    // pixels is a click; Escape cancels a drag. A finished drag is one request signal; the box is
    // shown where it was dropped at once and the next setRegions() confirms it. Delete removes a
    // drawn region (rejects a detected one).
    void setRegions(const QList<store::Region> &regions);
    const QList<store::Region> &regions() const { return m_regions; }
    std::int64_t selectedRegion() const;
    void selectRegion(std::int64_t id);
    // The box drawn last was stored as region ID (after the setRegions() that brought it):
    // selected, unless the analyst selected something else meanwhile.
    void adoptDrawnRegion(std::int64_t id);
    bool redactionPreview() const { return m_redactionPreview; }
    void setRedactionPreview(bool on);
    // Whether regions can be drawn, moved and resized (default). A preview that only shows the
    // image (the label-issue queue) turns it off, and with it the drawing hint.
    void setRegionEditing(bool on);
    bool drawMode() const { return m_drawMode; }
    void setDrawMode(bool on);
    // Whether a mouse drag (pan, move, resize, draw) is under way.
    bool isDragging() const { return m_drag.kind != DragKind::None; }

    // Where image pixels (as shown) are in the widget, and back.
    QRectF widgetRect(const QRect &imageBox) const;
    QPointF widgetPoint(QPointF imagePoint) const;
    QPointF imagePoint(QPointF widgetPoint) const;

signals:
    void nextRequested();
    void previousRequested();
    void closeRequested();
    void imageLoaded();
    void regionDecisionRequested(std::int64_t regionId, const QString &decision);
    void regionMoveRequested(std::int64_t regionId, const QRect &box);
    // A box drawn on the shown image, of the PII type TYPE.
    void regionDrawRequested(const QRect &box, const QString &type);
    void regionRemoveRequested(std::int64_t regionId);
    void regionTypeRequested(std::int64_t regionId, const QString &type);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    // Tab cycles regions instead of moving the focus.
    bool focusNextPrevChild(bool) override { return false; }

private:
    struct Decoded {
        QImage image;
        QString error;
        QString path;
    };
    enum class DragKind { None, Pan, Move, Resize, Draw };
    struct Drag {
        DragKind kind = DragKind::None;
        QPoint pressPos;          // widget
        QPointF pressCenter;      // m_center at the press (pan)
        std::int64_t region = 0;  // the region moved or resized
        Qt::Edges edges;          // the edges resized
        QRect original;           // its box at the press, image pixels
        QRect box;                // the box as the drag has it now
        bool started = false;     // moved further than a click
        bool pressedOnEmpty = false;
    };
    QSizeF imageSize() const;
    // Where the image's top-left corner is in the widget.
    QPointF origin() const;
    void paintRegions(QPainter &painter);
    // The view less the status bar and a margin.
    QRectF statusFreeArea() const;
    double fitScale() const;
    void clampCenter();
    bool canEditRegions() const { return m_regionEditing && !m_image.isNull(); }
    // The index of the topmost region under POS (widget), or -1.
    int regionAt(QPointF pos) const;
    int indexOf(std::int64_t id) const;
    // The box to draw for region I: where a drag has it, else its own.
    QRect shownBox(int i) const;
    void dragTo(QPoint pos);
    void finishDrag();
    void cancelDrag();
    void updateCursor(QPointF pos, Qt::KeyboardModifiers modifiers);
    void showRegionMenu(int index, const QPoint &globalPos);
    void showViewerMenu(const QPoint &globalPos);

    QFutureWatcher<Decoded> m_watcher;
    QString m_path;
    QString m_caption;
    QString m_error;
    QImage m_image;
    QPixmap m_pixmap;        // m_image converted once, on the GUI thread
    QPixmap m_placeholder;
    bool m_loading = false;
    bool m_fit = true;
    double m_scale = 1.0;
    QPointF m_center;        // image coordinates at the centre of the widget
    Drag m_drag;
    QList<store::Region> m_regions;
    int m_selected = -1;
    bool m_redactionPreview = false;
    bool m_drawMode = false;
    bool m_regionEditing = true;
    bool m_adoptDrawn = false;
};

} // namespace sieve::ui
