#include "viewer/image_viewer.h"

#include "imaging/redaction.h"
#include "imaging/thumbnailer.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtConcurrent>

namespace sieve::ui {

ImageViewer::ImageViewer(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("viewer"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
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

namespace {

QColor regionColor(const store::Region &region)
{
    if (region.kind == QLatin1String("face"))
        return QColor(0xd8, 0x1b, 0x60);
    if (region.kind == QLatin1String("manual"))
        return QColor(0x2e, 0x7d, 0x32);
    if (region.piiType == QLatin1String("phone"))
        return QColor(0xf5, 0x7c, 0x00);
    if (region.piiType == QLatin1String("email"))
        return QColor(0x15, 0x65, 0xc0);
    if (region.piiType == QLatin1String("name") || region.piiType == QLatin1String("address"))
        return QColor(0x8e, 0x24, 0xaa);
    if (!region.piiType.isEmpty())
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x78, 0x90, 0x9c);
}

} // namespace

void ImageViewer::setRegions(const QList<store::Region> &regions)
{
    const std::int64_t selected = selectedRegion();
    m_regions = regions;
    m_selected = -1;
    selectRegion(selected);
    update();
}

std::int64_t ImageViewer::selectedRegion() const
{
    return m_selected >= 0 && m_selected < m_regions.size() ? m_regions[m_selected].id : 0;
}

void ImageViewer::selectRegion(std::int64_t id)
{
    m_selected = -1;
    for (int i = 0; i < m_regions.size(); ++i)
        if (m_regions[i].id == id)
            m_selected = i;
    update();
}

void ImageViewer::setRedactionPreview(bool on)
{
    m_redactionPreview = on;
    update();
}

QRectF ImageViewer::widgetRect(const QRect &imageBox) const
{
    const double scale = zoom();
    const QSizeF size = imageSize();
    const QPointF center = m_fit ? QPointF(size.width() / 2, size.height() / 2) : m_center;
    const QPointF topLeft = QPointF(width() / 2.0, height() / 2.0) - center * scale;
    return QRectF(topLeft + QPointF(imageBox.topLeft()) * scale, QSizeF(imageBox.size()) * scale);
}

void ImageViewer::paintRegions(QPainter &painter)
{
    // Boxes are in the full image's pixels: wait for it (the placeholder is a thumbnail).
    if (m_image.isNull())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < m_regions.size(); ++i) {
        const store::Region &region = m_regions[i];
        const QRectF target = widgetRect(region.box);
        const bool rejected = region.decision == QLatin1String("rejected");
        // Plain OCR text is context, not work: faint, and redacted only once accepted (how the
        // analyst marks a name the recognizers missed).
        const bool plainText = region.kind == QLatin1String("text") && region.decision != QLatin1String("accepted");
        if (m_redactionPreview && !rejected && !plainText) {
            // Exactly what an export writes: the core's redaction, applied to this region's patch.
            const imaging::RedactionOptions options;
            const QRect padded = imaging::paddedBox(region.box, options.padding, m_image.rect());
            if (!padded.isEmpty()) {
                const QImage patch = imaging::redact(m_image.copy(padded), {region.box.translated(-padded.topLeft())}, options);
                painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
                painter.drawImage(widgetRect(padded), patch);
            }
        }
        QColor color = rejected ? QColor(0x9e, 0x9e, 0x9e) : regionColor(region);
        QPen pen(color, region.decision == QLatin1String("accepted") ? 3 : rejected ? 1 : 2);
        if (region.decision == QLatin1String("undecided"))
            pen.setStyle(Qt::DashLine);
        if (plainText) {
            color = QColor(255, 255, 255, 110);
            pen = QPen(color, 1, Qt::DotLine);
        }
        if (i == m_selected) {
            painter.setPen(QPen(Qt::white, pen.widthF() + 4));
            painter.drawRect(target.adjusted(-2, -2, 2, 2));
        }
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(target);
        // Labels for the selected region, and for others where there is room for them.
        if (i != m_selected && (target.height() < 14 || plainText))
            continue;
        const QString label = (region.piiType.isEmpty() ? region.kind : region.piiType)
                              + (region.text.isEmpty() || m_redactionPreview ? QString() : QStringLiteral(": ") + region.text);
        const QRectF labelRect(target.left(), target.top() - 18, std::max(80.0, target.width()), 17);
        painter.fillRect(QRectF(labelRect.topLeft(), QSizeF(painter.fontMetrics().horizontalAdvance(label) + 8, 17)).intersected(labelRect),
                         QColor(color.red(), color.green(), color.blue(), 210));
        painter.setPen(Qt::white);
        painter.drawText(labelRect.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(label, Qt::ElideRight, int(labelRect.width()) - 8));
    }
}

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
    const QPointF center = m_fit ? QPointF(size.width() / 2, size.height() / 2) : m_center;
    if (!size.isEmpty()) {
        const QPointF topLeft = QPointF(width() / 2.0, height() / 2.0) - center * scale;
        const QRectF target(topLeft, size * scale);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0 || m_image.isNull());
        painter.drawPixmap(target, m_pixmap.isNull() ? m_placeholder : m_pixmap, QRectF(QPointF(0, 0), size));
    }
    paintRegions(painter);
    painter.setPen(QColor(0xe8, 0xea, 0xed));
    QString status = m_caption;
    if (!m_regions.isEmpty())
        status += QStringLiteral("   ·   ") + tr("%1 regions (Tab, Y accept, N reject, R redaction preview)").arg(m_regions.size());
    if (!m_error.isEmpty())
        status = m_error;
    else if (m_loading)
        status += QStringLiteral("   ") + tr("Loading…");
    else if (!m_image.isNull())
        status += QStringLiteral("   %1 × %2   %3%").arg(m_image.width()).arg(m_image.height()).arg(qRound(scale * 100));
    const QRect bar(0, height() - 28, width(), 28);
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
    // A click on a region selects it (the smallest on top, as drawn last).
    if (event->button() == Qt::LeftButton && !m_image.isNull()) {
        for (int i = int(m_regions.size()) - 1; i >= 0; --i) {
            if (widgetRect(m_regions[i].box).contains(event->position())) {
                m_selected = i;
                update();
                setFocus();
                return;
            }
        }
    }
    if (event->button() == Qt::LeftButton && !m_fit) {
        m_dragging = true;
        m_dragStart = event->pos();
        m_dragCenter = m_center;
        setCursor(Qt::ClosedHandCursor);
    }
    setFocus();
}

void ImageViewer::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    m_center = m_dragCenter - QPointF(event->pos() - m_dragStart) / zoom();
    clampCenter();
    update();
}

void ImageViewer::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    unsetCursor();
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
        if (m_selected >= 0)
            emit regionDecisionRequested(m_regions[m_selected].id,
                                         event->key() == Qt::Key_Y ? QStringLiteral("accepted") : QStringLiteral("rejected"));
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

void ImageViewer::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    update();
}

} // namespace sieve::ui
