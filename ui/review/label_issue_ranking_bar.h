#pragma once

#include <QPointer>
#include <QWidget>

#include <cstdint>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace sieve::ui {

class JobRunner;
class JobsPanel;
class ProjectSession;
struct JobOutcome;

// The top of the "Likely Mislabeled" window: which registered model, how its probabilities are
// obtained (its own, or k-fold cross-validation of its head: slower, finds more, with a line
// that says so), and Find, which runs the label-issues job in the jobs panel with its progress
// and a Cancel button here as well. One ranking at a time. GUI thread only.
class LabelIssueRankingBar : public QWidget {
    Q_OBJECT

public:
    LabelIssueRankingBar(ProjectSession *session, JobsPanel *jobs, QWidget *parent = nullptr);

    QComboBox *modelBox() const { return m_models; }
    QRadioButton *crossValidationButton() const { return m_crossValidated; }
    QSpinBox *foldsBox() const { return m_folds; }
    QPushButton *findButton() const { return m_find; }
    std::int64_t modelId() const;   // 0 when there is no model
    QString modelName() const;
    bool isRanking() const;

    // Re-reads the project's models, keeping the chosen one; fails only on a database error.
    QString reloadModels();

signals:
    void modelChanged();
    // The job ended; MESSAGE says why when it failed or was cancelled (OK false).
    void rankingFinished(bool ok, const QString &message);

private:
    void find();
    void done(bool ok, const JobOutcome &outcome, const QString &error);

    ProjectSession *m_session;
    JobsPanel *m_jobs;
    QComboBox *m_models;
    QRadioButton *m_inSample;
    QRadioButton *m_crossValidated;
    QSpinBox *m_folds;
    QPushButton *m_find;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QPointer<JobRunner> m_runner;
};

} // namespace sieve::ui
