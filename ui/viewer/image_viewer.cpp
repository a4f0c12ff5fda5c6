#include "viewer/image_viewer.h"

#include "imaging/redaction.h"
#include "imaging/thumbnailer.h"
#include "viewer/box_geometry.h"
#include "viewer/region_painter.h"

#include <QActionGroup>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtConcurrent>

#include <cmath>

namespace sieve::ui {

namespace {

// A press that moves less than this (widget pixels, Manhattan length) is a click, not a drag:
// a hand is never perfectly still, and a jittery click must not move a box.
constexpr int kClickDistance = 4;

// The line of text under the image.
constexpr int kStatusBarHeight = 28;

} // namespace

ImageViewer::ImageViewer(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("viewer"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    // Hovering changes the cursor over boxes and their handles.
    setMouseTracking(true);
    connect(&m_watcher, &QFutureWatcher<Decoded>::finished, this, [this] {
        const Decoded decoded = m_watcher.result();
        if (decoded.path != m_path)
            return;   // the user moved on
        m_loading = false;
        m_image = decoded.image;
        m_error = decoded.error;
        m_pixmap = m_image.isNull() ? QPixmap() : QPixmap::fromImage(m_image);
        if (m_fit)
            m_center = QPointF(imageSize().width() / 2, imageSize().height() / 2);
        update();
        emit imageLoaded();
    });
}

ImageViewer::~ImageViewer() { m_watcher.waitForFinished(); }

void ImageViewer::showImage(const QString &path, const QPixmap &placeholder, const QString &caption)
{
    cancelDrag();
    m_path = path;
    m_caption = caption;
    m_error.clear();
    m_placeholder = placeholder;
    m_image = QImage();
    m_pixmap = QPixmap();
    m_loading = true;
    m_fit = true;
    m_watcher.setFuture(QtConcurrent::run([path] {
        Decoded decoded;
        decoded.path = path;
        Result<QImage> image = imaging::decodeScaled(path, 0);
        if (image)
            decoded.image = *image;
        else
            decoded.error = image.error();
        return decoded;
    }));
    update();
}

void ImageViewer::setRegions(const QList<store::Region> &regions)
{
    const std::int64_t selected = selectedRegion();
    // The stand-in of a drawing goes; adoptDrawnRegion() selects what replaces it.
    m_adoptDrawn = m_selected >= 0 && selected == 0;
    m_regions = regions;
    m_selected = -1;
    selectRegion(selected);
    // A region being moved that is gone now (undone, another image) ends the drag.
    if ((m_drag.kind == DragKind::Move || m_drag.kind == DragKind::Resize) && indexOf(m_drag.region) < 0)
        cancelDrag();
    update();
}

std::int64_t ImageViewer::selectedRegion() const
{
    return m_selected >= 0 && m_selected < m_regions.size() ? m_regions[m_selected].id : 0;
}

void ImageViewer::selectRegion(std::int64_t id)
{
    m_selected = id ? indexOf(id) : -1;
    update();
}

void ImageViewer::adoptDrawnRegion(std::int64_t id)
{
    if (m_adoptDrawn)
        selectRegion(id);
    m_adoptDrawn = false;
}

int ImageViewer::indexOf(std::int64_t id) const
{
    for (int i = 0; i < m_regions.size(); ++i)
        if (m_regions[i].id == id)
            return i;
    return -1;
}

void ImageViewer::setRedactionPreview(bool on)
{
    m_redactionPreview = on;
    update();
}

void ImageViewer::setRegionEditing(bool on)
{
    m_regionEditing = on;
    if (!on)
        setDrawMode(false);
    update();
}

void ImageViewer::setDrawMode(bool on)
{
    m_drawMode = on && m_regionEditing;
    updateCursor(mapFromGlobal(QCursor::pos()), Qt::NoModifier);
    update();
}

QPointF ImageViewer::origin() const
{
    // On whole widget pixels, so that at 100 % every image pixel is one screen pixel (crisp) and
    // a point the mouse gives maps to a whole image pixel.
    const QSizeF size = imageSize();
    const QPointF center = m_fit ? QPointF(size.width() / 2, size.height() / 2) : m_center;
    const QPointF origin = QPointF(width() / 2.0, height() / 2.0) - center * zoom();
    return QPointF(std::round(origin.x()), std::round(origin.y()));
}

QPointF ImageViewer::widgetPoint(QPointF imagePoint) const { return origin() + imagePoint * zoom(); }

QPointF ImageViewer::imagePoint(QPointF widgetPoint) const { return (widgetPoint - origin()) / zoom(); }

QRectF ImageViewer::widgetRect(const QRect &imageBox) const
{
    return QRectF(widgetPoint(imageBox.topLeft()), QSizeF(imageBox.size()) * zoom());
}

int ImageViewer::regionAt(QPointF pos) const
{
    // The smallest on top, as drawn last.
    for (int i = int(m_regions.size()) - 1; i >= 0; --i)
        if (widgetRect(shownBox(i)).contains(pos))
            return i;
    return -1;
}

QRect ImageViewer::shownBox(int i) const
{
    if (m_drag.started && (m_drag.kind == DragKind::Move || m_drag.kind == DragKind::Resize) && m_regions[i].id == m_drag.region)
        return m_drag.box;
    return m_regions[i].box;
}

void ImageViewer::paintRegions(QPainter &painter)
{
    // Boxes are in the full image's pixels: wait for it (the placeholder is a thumbnail).
    if (m_image.isNull())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    RegionPainter regions(painter, statusFreeArea());
    for (int i = 0; i < m_regions.size(); ++i) {
        const store::Region &region = m_regions[i];
        const QRect box = shownBox(i);
        // Plain OCR text is context, not work: redacted only once accepted (how the analyst
        // marks a name the recognizers missed).
        const bool plainText = region.kind == QLatin1String("text") && region.decision != QLatin1String("accepted");
        if (m_redactionPreview && region.decision != QLatin1String("rejected") && !plainText) {
            // Exactly what an export writes: the core's redaction, applied to this region's patch.
            const imaging::RedactionOptions options;
            const QRect padded = imaging::paddedBox(box, options.padding, m_image.rect());
            if (!padded.isEmpty()) {
                const QImage patch = imaging::redact(m_image.copy(padded), {box.translated(-padded.topLeft())}, options);
                painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
                painter.drawImage(widgetRect(padded), patch);
            }
        }
        regions.paintRegion(region, widgetRect(box), i == m_selected, m_redactionPreview);
        if (region.id == m_drag.region && m_drag.started && (m_drag.kind == DragKind::Move || m_drag.kind == DragKind::Resize))
            regions.paintSize(widgetRect(box), box.size());
    }
    if (m_drag.kind == DragKind::Draw && m_drag.started)
        regions.paintDrawing(widgetRect(m_drag.box), m_drag.box.size());
}

QRectF ImageViewer::statusFreeArea() const { return QRectF(4, 4, width() - 8, height() - kStatusBarHeight - 8); }

void ImageViewer::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void ImageViewer::clear()
{
    m_path.clear();
    m_image = QImage();
    m_pixmap = QPixmap();
    m_placeholder = QPixmap();
    m_loading = false;
    update();
}

QSizeF ImageViewer::imageSize() const
{
    if (!m_image.isNull())
        return m_image.size();
    return m_placeholder.size();
}

double ImageViewer::fitScale() const
{
    const QSizeF size = imageSize();
    if (size.isEmpty())
        return 1.0;
    const double scale = std::min((width() - 24) / size.width(), (height() - 48) / size.height());
    return std::min(scale, !m_image.isNull() ? 1.0 : 8.0);
}

double ImageViewer::zoom() const { return m_fit ? fitScale() : m_scale; }

void ImageViewer::setFitToWindow()
{
    m_fit = true;
    m_center = QPointF(imageSize().width() / 2, imageSize().height() / 2);
    update();
}

void ImageViewer::setActualSize()
{
    if (m_fit)
        m_center = QPointF(imageSize().width() / 2, imageSize().height() / 2);
    m_fit = false;
    m_scale = 1.0;
    clampCenter();
    update();
}

void ImageViewer::zoomBy(double factor, QPointF anchor)
{
    if (imageSize().isEmpty())
        return;
    const double before = zoom();
    const double after = std::clamp(before * factor, 0.02, 32.0);
    if (anchor.x() < 0)
        anchor = QPointF(width() / 2.0, height() / 2.0);
    // Keep the image point under the anchor where it is.
    const QPointF widgetCenter(width() / 2.0, height() / 2.0);
    const QPointF center = m_fit ? QPointF(imageSize().width() / 2, imageSize().height() / 2) : m_center;
    const QPointF underAnchor = center + (anchor - widgetCenter) / before;
    m_fit = false;
    m_scale = after;
    m_center = underAnchor - (anchor - widgetCenter) / after;
    clampCenter();
    update();
}

void ImageViewer::clampCenter()
{
    const QSizeF size = imageSize();
    m_center.setX(std::clamp(m_center.x(), 0.0, size.width()));
    m_center.setY(std::clamp(m_center.y(), 0.0, size.height()));
}

void ImageViewer::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x20, 0x21, 0x24));
    const QSizeF size = imageSize();
    const double scale = zoom();
    if (!size.isEmpty()) {
        const QRectF target(origin(), size * scale);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0 || m_image.isNull());
        painter.drawPixmap(target, m_pixmap.isNull() ? m_placeholder : m_pixmap, QRectF(QPointF(0, 0), size));
    }
    paintRegions(painter);
    if (m_drawMode)
        RegionPainter(painter, statusFreeArea())
            .paintTag(QPointF(8, 8), tr("Drawing regions: drag over personal information (B or Esc to stop)"), QColor(0x2e, 0x7d, 0x32, 230));
    painter.setPen(QColor(0xe8, 0xea, 0xed));
    QString status = m_caption;
    if (!m_regions.isEmpty())
        status += QStringLiteral("   ·   ") + tr("%n region(s) (Tab, Y accept, N reject, drag to move, B draw, R redaction preview)", nullptr,
                                                 int(m_regions.size()));
    else if (canEditRegions())
        status += QStringLiteral("   ·   ") + tr("B or Shift+drag draws a region");
    if (!m_error.isEmpty())
        status = m_error;
    else if (m_loading)
        status += QStringLiteral("   ") + tr("Loading…");
    else if (!m_image.isNull())
        status += QStringLiteral("   %1 × %2   %3%").arg(m_image.width()).arg(m_image.height()).arg(qRound(scale * 100));
    const QRect bar(0, height() - kStatusBarHeight, width(), kStatusBarHeight);
    painter.fillRect(bar, QColor(0, 0, 0, 150));
    painter.drawText(bar.adjusted(10, 0, -10, 0), Qt::AlignVCenter | Qt::AlignLeft,
                     painter.fontMetrics().elidedText(status, Qt::ElideMiddle, bar.width() - 20));
}

void ImageViewer::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y();
    if (steps != 0)
        zoomBy(std::pow(1.0015, steps), event->position());
    event->accept();
}

void ImageViewer::mousePressEvent(QMouseEvent *event)
{
    setFocus();
    if (m_drag.kind != DragKind::None)
        return;   // a second button during a drag
    const QPointF pos = event->position();
    Drag drag;
    drag.pressPos = event->pos();
    drag.pressCenter = m_center;
    if (event->button() == Qt::MiddleButton && !m_fit) {
        drag.kind = DragKind::Pan;
    } else if (event->button() == Qt::LeftButton) {
        const bool drawing = canEditRegions() && (m_drawMode || event->modifiers() & Qt::ShiftModifier);
        const bool onImage = widgetRect(m_image.rect()).contains(pos);
        const Qt::Edges edges = canEditRegions() && m_selected >= 0 ? grabbedEdges(widgetRect(m_regions[m_selected].box), pos) : Qt::Edges();
        const int hit = canEditRegions() ? regionAt(pos) : -1;
        if (drawing && onImage) {
            drag.kind = DragKind::Draw;
        } else if (edges && m_regions[m_selected].id != 0) {
            drag.kind = DragKind::Resize;
            drag.region = m_regions[m_selected].id;
            drag.edges = edges;
            drag.original = m_regions[m_selected].box;
        } else if (hit >= 0) {
            m_selected = hit;
            if (m_regions[hit].id != 0) {
                drag.kind = DragKind::Move;
                drag.region = m_regions[hit].id;
                drag.original = m_regions[hit].box;
            }
            update();
        } else {
            // An empty spot: a click there clears the selection, a drag pans (when zoomed in).
            drag.pressedOnEmpty = true;
            drag.kind = !m_fit ? DragKind::Pan : DragKind::None;
            if (drag.kind == DragKind::None && m_selected >= 0) {
                m_selected = -1;
                update();
            }
        }
    }
    drag.box = drag.original;
    m_drag = drag;
    updateCursor(pos, event->modifiers());
}

void ImageViewer::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag.kind == DragKind::None) {
        updateCursor(event->position(), event->modifiers());
        return;
    }
    dragTo(event->pos());
}

void ImageViewer::dragTo(QPoint pos)
{
    if (!m_drag.started) {
        if ((pos - m_drag.pressPos).manhattanLength() < kClickDistance)
            return;
        m_drag.started = true;
    }
    const double scale = zoom();
    const QPoint delta((QPointF(pos - m_drag.pressPos) / scale).toPoint());
    switch (m_drag.kind) {
    case DragKind::None:
        return;
    case DragKind::Pan:
        m_center = m_drag.pressCenter - QPointF(pos - m_drag.pressPos) / scale;
        clampCenter();
        break;
    case DragKind::Move:
        m_drag.box = movedBox(m_drag.original, delta, m_image.rect());
        break;
    case DragKind::Resize:
        m_drag.box = resizedBox(m_drag.original, m_drag.edges, delta, m_image.rect());
        break;
    case DragKind::Draw:
        m_drag.box = spannedBox(imagePoint(m_drag.pressPos), imagePoint(pos), m_image.rect());
        break;
    }
    update();
}

void ImageViewer::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag.kind == DragKind::None)
        return;
    if ((event->button() == Qt::LeftButton && m_drag.kind != DragKind::Pan)
        || (m_drag.kind == DragKind::Pan && event->button() == (m_drag.pressedOnEmpty ? Qt::LeftButton : Qt::MiddleButton))) {
        dragTo(event->pos());
        const bool clickOnEmpty = m_drag.pressedOnEmpty && !m_drag.started;
        finishDrag();
        if (clickOnEmpty && m_selected >= 0) {
            m_selected = -1;
            update();
        }
        updateCursor(event->position(), event->modifiers());
    }
}

void ImageViewer::finishDrag()
{
    const Drag drag = m_drag;
    m_drag = Drag();
    if (!drag.started)
        return;
    if (drag.kind == DragKind::Move || drag.kind == DragKind::Resize) {
        const int index = indexOf(drag.region);
        if (index < 0 || drag.box == drag.original)
            return;
        // Shown where it was dropped until the edit is committed and the regions reloaded.
        m_regions[index].box = drag.box;
        update();
        emit regionMoveRequested(drag.region, drag.box);
    } else if (drag.kind == DragKind::Draw) {
        update();
        if (drag.box.width() < kMinimumBoxSide || drag.box.height() < kMinimumBoxSide)
            return;
        // A stand-in (id 0) until the new region is committed and selected.
        store::Region drawn;
        drawn.kind = QStringLiteral("manual");
        drawn.box = drag.box;
        drawn.piiType = store::drawnRegionTypes().first();
        drawn.confidence = 1;
        drawn.source = QStringLiteral("user");
        drawn.decision = QStringLiteral("accepted");
        m_regions.append(drawn);
        m_selected = int(m_regions.size()) - 1;
        emit regionDrawRequested(drag.box, drawn.piiType);
    }
}

void ImageViewer::cancelDrag()
{
    if (m_drag.kind == DragKind::Pan && m_drag.started) {
        m_center = m_drag.pressCenter;
        clampCenter();
    }
    m_drag = Drag();
    update();
}

void ImageViewer::updateCursor(QPointF pos, Qt::KeyboardModifiers modifiers)
{
    Qt::CursorShape shape = Qt::ArrowCursor;
    switch (m_drag.kind) {
    case DragKind::Pan: shape = Qt::ClosedHandCursor; break;
    case DragKind::Move: shape = Qt::SizeAllCursor; break;
    case DragKind::Resize: shape = resizeCursor(m_drag.edges); break;
    case DragKind::Draw: shape = Qt::CrossCursor; break;
    case DragKind::None: {
        const bool drawing = m_drawMode || modifiers & Qt::ShiftModifier;
        const Qt::Edges edges = canEditRegions() && m_selected >= 0 && m_regions[m_selected].id != 0
                                    ? grabbedEdges(widgetRect(m_regions[m_selected].box), pos)
                                    : Qt::Edges();
        const int hit = canEditRegions() ? regionAt(pos) : -1;
        if (drawing && canEditRegions() && widgetRect(m_image.rect()).contains(pos))
            shape = Qt::CrossCursor;
        else if (edges)
            shape = resizeCursor(edges);
        else if (hit >= 0)
            shape = hit == m_selected ? Qt::SizeAllCursor : Qt::PointingHandCursor;
        else if (!m_fit)
            shape = Qt::OpenHandCursor;
        break;
    }
    }
    if (shape == Qt::ArrowCursor)
        unsetCursor();
    else
        setCursor(shape);
}

void ImageViewer::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (m_fit)
        zoomBy(1.0 / fitScale(), event->position());
    else
        setFitToWindow();
}

void ImageViewer::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        emit nextRequested();
        return;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        emit previousRequested();
        return;
    case Qt::Key_Escape:
        if (m_drag.kind != DragKind::None) {
            cancelDrag();
            updateCursor(mapFromGlobal(QCursor::pos()), event->modifiers());
            return;
        }
        if (m_drawMode) {
            setDrawMode(false);
            return;
        }
        if (m_selected >= 0) {
            m_selected = -1;
            update();
            return;
        }
        emit closeRequested();
        return;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        if (!m_regions.isEmpty()) {
            const int step = event->key() == Qt::Key_Tab ? 1 : -1;
            m_selected = int((m_selected + step + m_regions.size()) % m_regions.size());
            update();
        }
        return;
    case Qt::Key_Y:
    case Qt::Key_N:
        if (m_selected >= 0 && m_regions[m_selected].id != 0)
            emit regionDecisionRequested(m_regions[m_selected].id,
                                         event->key() == Qt::Key_Y ? QStringLiteral("accepted") : QStringLiteral("rejected"));
        return;
    case Qt::Key_Delete:
        if (m_selected >= 0 && m_regions[m_selected].id != 0) {
            const store::Region &region = m_regions[m_selected];
            if (region.isDrawn())
                emit regionRemoveRequested(region.id);
            else
                emit regionDecisionRequested(region.id, QStringLiteral("rejected"));
        }
        return;
    case Qt::Key_B:
        setDrawMode(!m_drawMode);
        return;
    case Qt::Key_Shift:
        updateCursor(mapFromGlobal(QCursor::pos()), event->modifiers());
        return;
    case Qt::Key_R:
        setRedactionPreview(!m_redactionPreview);
        return;
    case Qt::Key_F:
        setFitToWindow();
        return;
    case Qt::Key_Z:
        if (m_fit)
            setActualSize();
        else
            setFitToWindow();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void ImageViewer::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Shift)
        updateCursor(mapFromGlobal(QCursor::pos()), event->modifiers());
    QWidget::keyReleaseEvent(event);
}

void ImageViewer::contextMenuEvent(QContextMenuEvent *event)
{
    if (m_drag.kind != DragKind::None)
        return;
    const int index = canEditRegions() ? regionAt(event->pos()) : -1;
    if (index >= 0 && m_regions[index].id != 0) {
        m_selected = index;
        update();
        showRegionMenu(index, event->globalPos());
    } else {
        showViewerMenu(event->globalPos());
    }
    event->accept();
}

void ImageViewer::showRegionMenu(int index, const QPoint &globalPos)
{
    // A copy: an edit finishing while the menu is open may reload the regions.
    const store::Region region = m_regions[index];
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("regionMenu"));
    auto *decisions = new QActionGroup(&menu);
    auto addDecision = [&](const QString &text, const char *name, const QString &decision) {
        QAction *action = menu.addAction(text);
        action->setObjectName(QLatin1String(name));
        action->setCheckable(true);
        action->setChecked(region.decision == decision);
        decisions->addAction(action);
        connect(action, &QAction::triggered, this, [this, id = region.id, decision] { emit regionDecisionRequested(id, decision); });
    };
    addDecision(tr("&Accept (redact)\tY"), "acceptRegion", QStringLiteral("accepted"));
    addDecision(tr("&Reject (not personal)\tN"), "rejectRegion", QStringLiteral("rejected"));
    if (!region.isDrawn())
        addDecision(tr("&Undecided"), "reopenRegion", QStringLiteral("undecided"));
    if (region.isDrawn()) {
        menu.addSeparator();
        QMenu *types = menu.addMenu(tr("&Type"));
        types->setObjectName(QStringLiteral("regionTypeMenu"));
        auto *group = new QActionGroup(types);
        for (const QString &type : store::drawnRegionTypes()) {
            QAction *action = types->addAction(store::regionTypeTitle(type));
            action->setObjectName(QStringLiteral("regionType_") + type);
            action->setCheckable(true);
            action->setChecked(region.piiType == type);
            group->addAction(action);
            connect(action, &QAction::triggered, this, [this, id = region.id, type] { emit regionTypeRequested(id, type); });
        }
        QAction *remove = menu.addAction(tr("Re&move\tDelete"));
        remove->setObjectName(QStringLiteral("removeRegion"));
        connect(remove, &QAction::triggered, this, [this, id = region.id] { emit regionRemoveRequested(id); });
    }
    menu.exec(globalPos);
}

void ImageViewer::showViewerMenu(const QPoint &globalPos)
{
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("viewerMenu"));
    QAction *draw = menu.addAction(tr("&Draw Regions\tB"));
    draw->setObjectName(QStringLiteral("drawMode"));
    draw->setCheckable(true);
    draw->setChecked(m_drawMode);
    draw->setEnabled(canEditRegions());
    connect(draw, &QAction::toggled, this, &ImageViewer::setDrawMode);
    QAction *preview = menu.addAction(tr("Redaction &Preview\tR"));
    preview->setObjectName(QStringLiteral("redactionPreview"));
    preview->setCheckable(true);
    preview->setChecked(m_redactionPreview);
    connect(preview, &QAction::toggled, this, &ImageViewer::setRedactionPreview);
    menu.addSeparator();
    connect(menu.addAction(tr("&Fit to Window\tF")), &QAction::triggered, this, &ImageViewer::setFitToWindow);
    connect(menu.addAction(tr("&Actual Pixels\tZ")), &QAction::triggered, this, &ImageViewer::setActualSize);
    menu.exec(globalPos);
}

void ImageViewer::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    update();
}

} // namespace sieve::ui
