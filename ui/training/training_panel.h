#pragma once

#include "store/image_query.h"
#include "store/runs.h"
#include "training/scalar_chart.h"

#include <QSet>
#include <QWidget>

#include <cstdint>

class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;
class QTableView;

namespace sieve::ui {

class ChartGrid;
class ConfusionPage;
class HyperParameterTable;
class RunListModel;
class RunMetricsSource;

// The training monitor: the project's runs (checked ones are charted, overlaid in a colour
// each), TensorBoard-style scalar charts of every metric they write, a table comparing their
// hyper-parameters and final metrics, and the confusion matrix and per-class results of the
// current run at any epoch. Everything comes from `runs` and `run_metrics` through a
// RunMetricsSource, which polls while the panel is visible. GUI thread only.
class TrainingPanel : public QWidget {
    Q_OBJECT

public:
    explicit TrainingPanel(QWidget *parent = nullptr);
    ~TrainingPanel() override;

    // The project: its database and folder (for the runs' folders). Empty paths show nothing.
    void setProject(const QString &databasePath, const QString &directory);

    RunMetricsSource *source() const { return m_source; }
    RunListModel *runs() const { return m_runs; }
    QTableView *runTable() const { return m_table; }
    QList<ScalarChart *> charts() const;
    ScalarChart *chart(const QString &title) const;
    HyperParameterTable *comparison() const { return m_comparison; }
    ConfusionPage *confusion() const { return m_confusion; }
    QTabWidget *tabs() const { return m_tabs; }
    QSlider *smoothingSlider() const;

    QPushButton *newRunButton() const { return m_newRun; }
    QPushButton *cancelRunButton() const { return m_cancel; }
    QPushButton *resumeRunButton() const { return m_resume; }
    QPushButton *modelButton() const { return m_model; }

    void renameCurrent();
    void deleteCurrent();
    void showConfiguration();
    // Selects run ID in the list (and so shows its details).
    void selectRun(std::int64_t id);

signals:
    // The user asked for a new run, or to cancel run RUNID (a running one); whoever starts
    // training jobs handles these.
    void newRunRequested();
    void cancelRunRequested(std::int64_t runId);
    // Continue run RUNID (cancelled or failed) from its last checkpoint.
    void resumeRunRequested(std::int64_t runId);
    // Classify the project's images with model MODELID (Model > Classify All With This Model…).
    void classifyRequested(std::int64_t modelId);
    // Show the images FILTER selects in the gallery (a confusion-matrix cell was clicked).
    void imagesRequested(const sieve::store::ImageFilter &filter);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onRunsChanged();
    void onMetrics(const QSet<std::int64_t> &runs);
    void updateWatched();
    void updateCharts(bool linesMayChange);
    void updateComparison();
    std::int64_t currentRunId() const;
    void updateButtons();
    QString modelPath(const store::RunRecord &run) const;
    QList<std::int64_t> chartedRuns() const;

    RunMetricsSource *m_source;
    RunListModel *m_runs;
    QTableView *m_table;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_config;
    QPushButton *m_newRun;
    QPushButton *m_cancel;
    QPushButton *m_resume;
    QPushButton *m_model;
    QTabWidget *m_tabs;
    ChartGrid *m_charts;
    HyperParameterTable *m_comparison;
    QLabel *m_shared;
    ConfusionPage *m_confusion;
    QString m_directory;
    bool m_autoChecked = false;   // the newest run was checked for the user once
    QSet<std::int64_t> m_known;   // runs listed so far: one that appears running is followed
};

} // namespace sieve::ui
