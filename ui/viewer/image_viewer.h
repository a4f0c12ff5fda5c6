#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QPixmap>
#include <QPointF>
#include <QWidget>

#include "store/regions.h"

namespace sieve::ui {

// A large view of one image: fit to window (F), actual pixels (Z or double-click), wheel zoom
// around the cursor, drag to pan. The image is decoded off the GUI thread at full size, with
// EXIF orientation; the thumbnail is shown until it arrives. Left/Right ask for the previous or
// next image, Escape for the grid; moderation keys are handled by the window's actions.
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
    // selects one; Y accepts it, N rejects it; R toggles the redaction preview (every region not
    // rejected pixelated, as an export will do).
    void setRegions(const QList<store::Region> &regions);
    const QList<store::Region> &regions() const { return m_regions; }
    std::int64_t selectedRegion() const;
    void selectRegion(std::int64_t id);
    bool redactionPreview() const { return m_redactionPreview; }
    void setRedactionPreview(bool on);

signals:
    void nextRequested();
    void previousRequested();
    void closeRequested();
    void imageLoaded();
    void regionDecisionRequested(std::int64_t regionId, const QString &decision);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    // Tab cycles regions instead of moving the focus.
    bool focusNextPrevChild(bool) override { return false; }

private:
    struct Decoded {
        QImage image;
        QString error;
        QString path;
    };
    QSizeF imageSize() const;
    QRectF widgetRect(const QRect &imageBox) const;
    void paintRegions(QPainter &painter);
    double fitScale() const;
    void clampCenter();

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
    QPoint m_dragStart;
    QPointF m_dragCenter;
    bool m_dragging = false;
    QList<store::Region> m_regions;
    int m_selected = -1;
    bool m_redactionPreview = false;
};

} // namespace sieve::ui
