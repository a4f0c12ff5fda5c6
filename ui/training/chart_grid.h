#pragma once

#include "training/scalar_chart.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <cstdint>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QSlider;

namespace sieve::ui {

class RunMetricsSource;

// The training monitor's Charts page: the smoothing, x axis, log scale and zoom controls over a
// grid of scalar charts, one per group of tags the charted runs have written (loss, accuracy,
// learning rate, images/s, data wait, a cluster run's per-worker series one chart per kind,
// then any other tag alone), every run in its colour, its restarts marked on each chart.
// GUI thread only.
class ChartGrid : public QWidget {
    Q_OBJECT

public:
    ChartGrid(RunMetricsSource *source, QWidget *parent = nullptr);

    // Charts RUNS; LINESMAYCHANGE: runs or tags may have come or gone (else only new points).
    // The charts' data is updated one chart per turn of the event loop.
    void showRuns(const QList<std::int64_t> &runs, bool linesMayChange);

    QList<ScalarChart *> charts() const { return m_charts; }
    ScalarChart *chart(const QString &title) const;
    QSlider *smoothingSlider() const { return m_smoothing; }

private:
    void updateNextChart();
    void layoutCharts(const QStringList &titles);

    RunMetricsSource *m_source;
    QSlider *m_smoothing;
    QLabel *m_smoothingValue;
    QComboBox *m_xAxis;
    QCheckBox *m_logY;
    QWidget *m_chartArea;
    QGridLayout *m_chartGrid;
    QLabel *m_empty;
    QList<ScalarChart *> m_charts;
    QList<QPointer<ScalarChart>> m_pending;   // to update, one per event-loop turn
    bool m_pendingScheduled = false;
};

} // namespace sieve::ui
