#pragma once

#include <QList>
#include <QTableWidget>

#include <cstdint>

namespace sieve::ui {

class RunMetricsSource;

// The runs being compared side by side, one row each: their hyper-parameters (the options in
// their config) and their final metrics (last train and validation loss, last and best
// validation top-1 and top-5). Options all runs share are listed once above the table, so the
// columns show what differs. GUI thread only.
class HyperParameterTable : public QTableWidget {
    Q_OBJECT

public:
    explicit HyperParameterTable(QWidget *parent = nullptr);

    void showRuns(const RunMetricsSource &source, const QList<std::int64_t> &runs);
    // The options every shown run has alike, "name = value" each.
    QStringList shared() const { return m_shared; }

signals:
    void sharedChanged(const QString &text);

private:
    QStringList m_shared;
};

} // namespace sieve::ui
