#pragma once

#include "store/label_issue_queue.h"

#include <QFutureWatcher>
#include <QHash>
#include <QThreadPool>
#include <QWidget>

#include <cstdint>

class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;
class QTabWidget;

namespace sieve::ui {

class ImageViewer;
class JobsPanel;
class LabelIssueModel;
class LabelIssueRankingBar;
class LabelNoiseTable;
class ProjectSession;
class ThumbnailLoader;

// The "Likely Mislabeled" review window. Choose a registered model and how its probabilities
// are obtained (its own, in-sample, or by k-fold cross-validation of its head: slower, finds
// more), then Find runs the label-issues job in the jobs panel (progress and Cancel here too).
// The ranked queue shows thumbnail, label, suggestion with probabilities, score and file; the
// current image is shown large. Keys: Y accepts the suggestion (relabels, one undoable action
// with the model's reason in the audit trail), N keeps the label (recorded; the image leaves the
// queue for good while it keeps that label, whichever model ranks it later), Space or S skips,
// Up/Down move, Ctrl+Z / Ctrl+Shift+Z undo and redo through the project's edit log. A second tab
// shows the estimated label-noise rate per category. GUI thread only.
class LabelIssueWindow : public QWidget {
    Q_OBJECT

public:
    LabelIssueWindow(ProjectSession *session, JobsPanel *jobs, QWidget *parent = nullptr);
    ~LabelIssueWindow() override;

    QComboBox *modelBox() const;
    QRadioButton *crossValidationButton() const;
    QSpinBox *foldsBox() const;
    QPushButton *findButton() const;
    QTableView *queueView() const { return m_view; }
    LabelIssueModel *queueModel() const { return m_model; }
    LabelNoiseTable *noiseTable() const { return m_noise; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *countsLabel() const { return m_counts; }
    QLabel *messageLabel() const { return m_message; }
    ImageViewer *preview() const { return m_preview; }
    std::int64_t modelId() const;
    // Remaining, accepted and kept: adjusted at once for a decision made here, recounted off the
    // GUI thread after every change (countsChanged when a recount arrives).
    const store::LabelIssueCounts &counts() const { return m_countsNow; }

    void acceptSuggestion();
    void keepLabel();
    void skip();
    // Re-reads the models list (a training run or an import added one).
    void reloadModels();

signals:
    // The label-issues job this window started has ended (OK false: failed or cancelled) and
    // the queue shows its result.
    void rankingFinished(bool ok);
    void countsChanged();

private:
    void modelChanged();
    void reloadQueue();
    // Starts a recount on m_countPool (one pass over the model's flagged images: about half a
    // second for 50,000 of them), or asks for another when one is under way.
    void refreshCounts();
    void countsArrived();
    void showCounts();
    void showCurrent();
    void selectRow(int row);
    void imagesChanged(const QList<std::int64_t> &images);
    // The category the model's class NAME stands for: same name ignoring case, following
    // merges; 0 when there is none or it is archived.
    std::int64_t categoryFor(const QString &name) const;

    ProjectSession *m_session;
    ThumbnailLoader *m_thumbnails;
    LabelIssueModel *m_model;
    LabelIssueRankingBar *m_bar;
    QLabel *m_ranking;
    QLabel *m_counts;
    QTabWidget *m_tabs;
    QTableView *m_view;
    LabelNoiseTable *m_noise;
    QLabel *m_noiseSummary;
    ImageViewer *m_preview;
    QLabel *m_details;
    QLabel *m_message;
    QPushButton *m_accept;
    QPushButton *m_keep;
    QPushButton *m_skip;
    QHash<std::int64_t, bool> m_pending;   // decided here, edit not yet committed: accepted (true) or kept
    store::LabelIssueCounts m_countsNow;
    bool m_recountAgain = false;
    QThreadPool m_countPool;                // before the watcher: destroyed after it, waiting for the count
    QFutureWatcher<Result<store::LabelIssueCounts>> m_countWatcher;
};

} // namespace sieve::ui
