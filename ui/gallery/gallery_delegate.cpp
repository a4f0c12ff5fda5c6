#include "gallery/gallery_delegate.h"

#include "gallery/image_list_model.h"
#include "store/edit_log.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace sieve::ui {

namespace {

constexpr int kMargin = 6;
constexpr int kLabelHeight = 22;

QColor flagColor(const QString &kind)
{
    if (kind == QLatin1String("pii"))
        return QColor(0xc6, 0x28, 0x28);
    if (kind == QLatin1String("quality"))
        return QColor(0xef, 0x6c, 0x00);
    if (kind == QLatin1String("duplicate"))
        return QColor(0x6a, 0x1b, 0x9a);
    return QColor(0x45, 0x5a, 0x64);
}

QString flagLetter(const QString &kind)
{
    if (kind == QLatin1String("pii"))
        return QStringLiteral("P");
    if (kind == QLatin1String("quality"))
        return QStringLiteral("Q");
    if (kind == QLatin1String("duplicate"))
        return QStringLiteral("D");
    return QStringLiteral("O");
}

void drawBadge(QPainter *painter, const QRectF &rect, const QColor &fill, const QString &text, bool outlined = false)
{
    painter->setPen(outlined ? QPen(fill, 1.5) : QPen(Qt::white, 1));
    painter->setBrush(outlined ? QBrush(QColor(255, 255, 255, 220)) : QBrush(fill));
    painter->drawEllipse(rect);
    painter->setPen(outlined ? fill : Qt::white);
    painter->drawText(rect, Qt::AlignCenter, text);
}

} // namespace

GalleryDelegate::GalleryDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void GalleryDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect tile = option.rect.adjusted(3, 3, -3, -3);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool current = option.state & QStyle::State_HasFocus;

    painter->setPen(Qt::NoPen);
    painter->setBrush(selected ? palette.color(QPalette::Highlight).lighter(160) : palette.color(QPalette::Base).darker(104));
    painter->drawRoundedRect(tile, 6, 6);
    if (selected || current) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), selected ? 2.5 : 1.2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(tile).adjusted(1, 1, -1, -1), 6, 6);
    }

    const QRect imageArea(tile.left() + kMargin, tile.top() + kMargin, tile.width() - 2 * kMargin,
                          tile.height() - 2 * kMargin - kLabelHeight - 2);
    const QPixmap thumbnail = index.data(ImageListModel::ThumbnailRole).value<QPixmap>();
    const bool missing = index.data(ImageListModel::MissingRole).toBool();
    if (!thumbnail.isNull()) {
        const QSize fitted = thumbnail.size().scaled(imageArea.size(), Qt::KeepAspectRatio);
        const QRect target(imageArea.center().x() - fitted.width() / 2 + 1, imageArea.center().y() - fitted.height() / 2 + 1,
                           fitted.width(), fitted.height());
        painter->setRenderHint(QPainter::SmoothPixmapTransform, fitted != thumbnail.size());
        painter->drawPixmap(target, thumbnail);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette.color(QPalette::Window).darker(108));
        painter->drawRoundedRect(imageArea, 4, 4);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const bool failed = index.data(ImageListModel::ThumbnailFailedRole).toBool();
        painter->drawText(imageArea, Qt::AlignCenter | Qt::TextWordWrap,
                          missing ? tr("File missing") : failed ? tr("Cannot be shown") : QString());
    }

    // Label strip in the category's colour.
    const QString label = index.data(ImageListModel::LabelRole).toString();
    const QRect strip(tile.left() + kMargin, tile.bottom() - kMargin - kLabelHeight + 1, tile.width() - 2 * kMargin, kLabelHeight);
    const QColor labelColor = label.isEmpty() ? palette.color(QPalette::Mid) : index.data(ImageListModel::LabelColorRole).value<QColor>();
    painter->setPen(Qt::NoPen);
    painter->setBrush(labelColor);
    painter->drawRoundedRect(strip, 4, 4);
    QFont font = option.font;
    font.setBold(!label.isEmpty());
    painter->setFont(font);
    painter->setPen(labelColor.lightnessF() > 0.62 ? Qt::black : Qt::white);
    const QString text = label.isEmpty() ? tr("unlabeled") : label;
    painter->drawText(strip.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(font).elidedText(text, Qt::ElideRight, strip.width() - 12));

    // Badges: review status top-left, flags top-right.
    QFont badgeFont = option.font;
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(std::max(6.0, option.font.pointSizeF() * 0.8));
    painter->setFont(badgeFont);
    const int badge = 20;
    const auto status = store::ReviewStatus(index.data(ImageListModel::StatusRole).toInt());
    const QRectF statusRect(imageArea.left() + 3, imageArea.top() + 3, badge, badge);
    if (status == store::ReviewStatus::Accepted)
        drawBadge(painter, statusRect, QColor(0x2e, 0x7d, 0x32), QStringLiteral("✓"));
    else if (status == store::ReviewStatus::Rejected)
        drawBadge(painter, statusRect, QColor(0xb7, 0x1c, 0x1c), QStringLiteral("✕"));

    qreal x = imageArea.right() - 3 - badge;
    const QStringList flags = index.data(ImageListModel::FlagsRole).toStringList();
    for (const QString &kind : flags) {
        drawBadge(painter, QRectF(x, imageArea.top() + 3, badge, badge), flagColor(kind), flagLetter(kind));
        x -= badge + 3;
    }
    for (const QString &kind : index.data(ImageListModel::SuggestedFlagsRole).toStringList()) {
        if (flags.contains(kind))
            continue;
        drawBadge(painter, QRectF(x, imageArea.top() + 3, badge, badge), flagColor(kind), flagLetter(kind), true);
        x -= badge + 3;
    }
    if (missing)
        drawBadge(painter, QRectF(imageArea.left() + 3, imageArea.bottom() - badge - 3, badge, badge), QColor(0x37, 0x47, 0x4f), QStringLiteral("!"));
    if (m_showPredictions)
        paintPrediction(painter, imageArea, option, index);
    painter->restore();
}

void GalleryDelegate::paintPrediction(QPainter *painter, const QRect &imageArea, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    const QVariant confidence = index.data(ImageListModel::PredictionConfidenceRole);
    if (!confidence.isValid())
        return;
    const bool disagrees = index.data(ImageListModel::PredictionDisagreesRole).toBool();
    QFont font = option.font;
    font.setPointSizeF(std::max(6.5, option.font.pointSizeF() * 0.85));
    font.setBold(disagrees);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    // Bottom-right of the picture, right-aligned like the flag badges above it: the percentage
    // always shows, the class name is elided to what is left.
    const QString percent = QStringLiteral("%1 %").arg(qRound(confidence.toDouble() * 100));
    const QString prefix = disagrees ? QStringLiteral("≠ ") : QString();
    const int height = metrics.height() + 4;
    // Clear of the missing-file badge at the bottom left.
    const bool missing = index.data(ImageListModel::MissingRole).toBool();
    const int maxWidth = imageArea.width() - 6 - (missing ? 26 : 0);
    const int fixed = metrics.horizontalAdvance(prefix + QLatin1Char(' ') + percent) + 12;
    // A name cut to a letter or two says nothing: small tiles show the percentage alone.
    QString label = metrics.elidedText(index.data(ImageListModel::PredictionLabelRole).toString(), Qt::ElideRight,
                                       std::max(0, maxWidth - fixed));
    if (metrics.horizontalAdvance(label) < metrics.horizontalAdvance(QStringLiteral("Mmmm…")) && label.endsWith(QChar(0x2026)))
        label.clear();
    const QString text = prefix + (label.isEmpty() ? QString() : label + QLatin1Char(' ')) + percent;
    const int width = std::min(maxWidth, metrics.horizontalAdvance(text) + 12);
    const QRect pill(imageArea.right() - 3 - width, imageArea.bottom() - 3 - height, width, height);
    painter->setPen(disagrees ? QPen(Qt::white, 1) : Qt::NoPen);
    painter->setBrush(disagrees ? QColor(0xe6, 0x51, 0x00, 235) : QColor(0x1e, 0x1e, 0x1e, 190));
    painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->drawText(pill.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
}

} // namespace sieve::ui
