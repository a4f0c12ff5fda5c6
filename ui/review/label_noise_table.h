#pragma once

#include "store/label_issue_queue.h"

#include <QTableWidget>

namespace sieve::ui {

class RateBarDelegate;

// The estimated share of wrong labels per category from a model's last ranking (confident
// learning's calibrated joint, train::ClassNoise): category, images labelled with it, how many
// of them are estimated wrong, and the rate with a bar. Click a header to sort.
class LabelNoiseTable : public QTableWidget {
    Q_OBJECT

public:
    enum Column { CategoryColumn, LabelledColumn, EstimatedColumn, RateColumn, ColumnCount };

    explicit LabelNoiseTable(QWidget *parent = nullptr);

    void setRows(const QList<store::LabelNoiseRow> &rows);

private:
    RateBarDelegate *m_bars;
};

} // namespace sieve::ui
