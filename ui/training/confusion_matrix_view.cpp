#include "training/confusion_matrix_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace sieve::ui {

namespace {

constexpr int kMaxCell = 96;
constexpr int kMargin = 8;

QColor heat(double share)
{
    // White to a deep blue, as TensorBoard's and scikit-learn's "Blues".
    share = std::clamp(share, 0.0, 1.0);
    const QColor low(0xf7, 0xfb, 0xff), high(0x08, 0x30, 0x6b);
    return QColor(int(low.red() + (high.red() - low.red()) * share), int(low.green() + (high.green() - low.green()) * share),
                  int(low.blue() + (high.blue() - low.blue()) * share));
}

} // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("confusionMatrix"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionMatrixView::setMatrix(const QStringList &classes, const std::vector<std::vector<double>> &counts)
{
    m_classes = classes;
    m_counts = counts;
    updateGeometry();
    update();
}

int ConfusionMatrixView::labelWidth() const
{
    int width = fontMetrics().horizontalAdvance(tr("True"));
    for (const QString &name : m_classes)
        width = std::max(width, fontMetrics().horizontalAdvance(name));
    return std::min(width, 160) + kMargin;
}

QRect ConfusionMatrixView::gridRect() const
{
    const int n = int(m_counts.size());
    if (n == 0)
        return {};
    const int top = fontMetrics().height() * 2 + kMargin;   // "Predicted" and the class names
    const int left = labelWidth() + kMargin;
    const int cell = std::clamp(std::min((width() - left - kMargin) / n, (height() - top - kMargin) / n), 8, kMaxCell);
    return QRect(left, top, cell * n, cell * n);
}

QRect ConfusionMatrixView::cellRect(int trueClass, int predicted) const
{
    const QRect grid = gridRect();
    const int n = int(m_counts.size());
    if (n == 0)
        return {};
    const int cell = grid.width() / n;
    return QRect(grid.left() + predicted * cell, grid.top() + trueClass * cell, cell, cell);
}

QPoint ConfusionMatrixView::cellAt(QPoint position) const
{
    const QRect grid = gridRect();
    if (!grid.contains(position))
        return {-1, -1};
    const int cell = grid.width() / int(m_counts.size());
    return {(position.y() - grid.top()) / cell, (position.x() - grid.left()) / cell};
}

QSize ConfusionMatrixView::sizeHint() const
{
    const int n = std::max<int>(int(m_counts.size()), 4);
    return QSize(labelWidth() + 2 * kMargin + n * 40, fontMetrics().height() * 2 + 2 * kMargin + n * 40);
}

QSize ConfusionMatrixView::minimumSizeHint() const { return QSize(200, 160); }

void ConfusionMatrixView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const int n = int(m_counts.size());
    if (n == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No validation results for this run yet."));
        return;
    }
    const QRect grid = gridRect();
    const int cell = grid.width() / n;
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(grid.left(), kMargin / 2, grid.width(), fontMetrics().height()), Qt::AlignCenter, tr("Predicted"));
    painter.drawText(QRect(kMargin / 2, kMargin / 2, labelWidth(), fontMetrics().height()), Qt::AlignLeft, tr("True"));
    for (int i = 0; i < n; ++i) {
        const QString name = i < m_classes.size() ? m_classes[i] : QString::number(i);
        const QRect column(grid.left() + i * cell, grid.top() - fontMetrics().height() - 2, cell, fontMetrics().height());
        painter.drawText(column, Qt::AlignCenter, fontMetrics().elidedText(name, Qt::ElideRight, cell));
        const QRect row(kMargin, grid.top() + i * cell, labelWidth() - kMargin, cell);
        painter.drawText(row, Qt::AlignRight | Qt::AlignVCenter, fontMetrics().elidedText(name, Qt::ElideRight, row.width()));
    }
    QFont countFont = font();
    if (cell < 28)
        countFont.setPointSizeF(countFont.pointSizeF() * 0.75);
    painter.setFont(countFont);
    for (int t = 0; t < n; ++t) {
        double total = 0;
        for (double count : m_counts[std::size_t(t)])
            total += count;
        for (int p = 0; p < n; ++p) {
            const double count = m_counts[std::size_t(t)][std::size_t(p)];
            const double share = total > 0 ? count / total : 0;
            const QRect r = cellRect(t, p);
            painter.fillRect(r, heat(share));
            painter.setPen(share > 0.5 ? Qt::white : Qt::black);
            if (cell >= 18)
                painter.drawText(r, Qt::AlignCenter, QString::number(qint64(count)));
        }
    }
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawRect(grid.adjusted(0, 0, -1, -1));
    if (m_hover.x() >= 0) {
        painter.setPen(QPen(QColor(0xff7f0e), 2));
        painter.drawRect(cellRect(m_hover.x(), m_hover.y()).adjusted(1, 1, -1, -1));
    }
}

void ConfusionMatrixView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (cell != m_hover) {
        m_hover = cell;
        update();
    }
    if (cell.x() >= 0) {
        const auto name = [this](int i) { return i < m_classes.size() ? m_classes[i] : QString::number(i); };
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("%1 images of “%2” predicted as “%3”")
                               .arg(qint64(m_counts[std::size_t(cell.x())][std::size_t(cell.y())]))
                               .arg(name(cell.x()), name(cell.y())),
                           this);
    }
}

void ConfusionMatrixView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0)
        emit cellClicked(cell.x(), cell.y());
}

} // namespace sieve::ui
