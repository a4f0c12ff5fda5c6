#pragma once

#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QSlider;
class QTableWidget;

namespace sieve::ui {

class ConfusionMatrixView;
class RunMetricsSource;

// The validation results of one run at any epoch it finished: the confusion matrix as a heat
// map and the per-class precision and recall, from the run's val/confusion/<t>/<p> and
// val/class/<i>/… metrics, class names from its config. The slider picks the epoch; it
// follows the newest epoch while left at the end. GUI thread only.
class ConfusionPage : public QWidget {
    Q_OBJECT

public:
    ConfusionPage(RunMetricsSource *source, QWidget *parent = nullptr);

    // Shows run ID (0: none).
    void setRun(std::int64_t id);
    std::int64_t runId() const { return m_runId; }
    // The source has new points for the run.
    void updateData();
    // Epochs with validation results, and which one is shown (0-based into them).
    int epochCount() const { return int(m_steps.size()); }
    void setEpochIndex(int index);
    // The epoch shown (1-based); 0 when none.
    int shownEpoch() const;
    ConfusionMatrixView *matrix() const { return m_matrix; }
    QTableWidget *classTable() const { return m_classes; }

signals:
    // A cell was clicked: the validation images of class TRUECLASS predicted as PREDICTED at
    // EPOCH (1-based, the epoch shown).
    void cellActivated(std::int64_t runId, int epoch, int trueClass, int predicted);

private:
    void showEpoch();

    RunMetricsSource *m_source;
    std::int64_t m_runId = 0;
    std::vector<std::int64_t> m_steps;   // the step of each validated epoch
    QLabel *m_title;
    QSlider *m_epoch;
    QLabel *m_epochLabel;
    ConfusionMatrixView *m_matrix;
    QTableWidget *m_classes;
    QLabel *m_note;
};

} // namespace sieve::ui
