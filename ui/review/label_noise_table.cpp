#include "review/label_noise_table.h"

#include <QHeaderView>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>

#include <cmath>

namespace sieve::ui {

// Paints the rate (0…1, the item's UserRole) as a bar left of its text, scaled so the largest
// rate of the table fills the room: rates are mostly a few per cent, which on a 0…100 % scale
// would all look alike.
class RateBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setLargest(double largest) { m_largest = largest; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const double rate = std::clamp(index.data(Qt::UserRole).toDouble(), 0.0, 1.0);
        const int textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("100.0 %")) + 12;
        QRectF bar = QRectF(option.rect).adjusted(4, 5, -textWidth, -5);
        if (m_largest <= 0 || bar.width() <= 0)
            return;
        bar.setWidth(std::max(1.0, bar.width() * rate / m_largest));
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        // From a fifth wrong the category needs attention: the bar turns from amber to red.
        painter->setBrush(rate >= 0.2 ? QColor(0xe5, 0x73, 0x73) : QColor(0xff, 0xb7, 0x4d));
        painter->drawRoundedRect(bar, 2, 2);
        painter->restore();
    }

private:
    double m_largest = 0;
};

namespace {

// Sorts by the number in UserRole, not by the text.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString &text, double value) : QTableWidgetItem(text)
    {
        setData(Qt::UserRole, value);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
    }
};

} // namespace

LabelNoiseTable::LabelNoiseTable(QWidget *parent) : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("labelNoiseTable"));
    setHorizontalHeaderLabels({tr("Category"), tr("Labelled"), tr("Estimated wrong"), tr("Noise rate")});
    horizontalHeaderItem(EstimatedColumn)->setToolTip(
        tr("Images labelled with the category whose true class is estimated to be another (confident learning)."));
    horizontalHeaderItem(RateColumn)->setToolTip(tr("Estimated wrong ÷ labelled. Red from 20 %."));
    m_bars = new RateBarDelegate(this);
    setItemDelegateForColumn(RateColumn, m_bars);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(CategoryColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(LabelledColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(EstimatedColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(RateColumn, QHeaderView::Fixed);
    horizontalHeader()->resizeSection(RateColumn, 220);
    setSortingEnabled(true);
}

void LabelNoiseTable::setRows(const QList<store::LabelNoiseRow> &rows)
{
    setSortingEnabled(false);
    setRowCount(int(rows.size()));
    const QLocale locale;
    double largest = 0;
    for (const store::LabelNoiseRow &row : rows)
        largest = std::max(largest, row.noiseRate);
    m_bars->setLargest(largest);
    for (int r = 0; r < rows.size(); ++r) {
        const store::LabelNoiseRow &row = rows[r];
        setItem(r, CategoryColumn, new QTableWidgetItem(row.name));
        setItem(r, LabelledColumn, new NumberItem(locale.toString(row.labelled), double(row.labelled)));
        setItem(r, EstimatedColumn, new NumberItem(locale.toString(std::lround(row.estimated)), row.estimated));
        auto *rate = new NumberItem(QStringLiteral("%1 %").arg(locale.toString(100.0 * row.noiseRate, 'f', 1)), row.noiseRate);
        rate->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        rate->setToolTip(tr("%1 of the %2 images the model was confident about are confidently another class.")
                             .arg(row.issues).arg(row.counted));
        setItem(r, RateColumn, rate);
    }
    setSortingEnabled(true);
    sortByColumn(RateColumn, Qt::DescendingOrder);
}

} // namespace sieve::ui
