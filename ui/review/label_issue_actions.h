#pragma once

#include "review/label_issue_window.h"

#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace sieve::ui {

class JobsPanel;
class ProjectSession;

// Review > Likely Mislabeled… (Ctrl+Shift+M): opens the project's "Likely Mislabeled" window
// (one per project, raised when open again, its model list re-read). The window is a top-level
// window over WINDOW; it closes with this object, which the workspace owns. GUI thread only.
class LabelIssueActions : public QObject {
    Q_OBJECT

public:
    LabelIssueActions(ProjectSession *session, JobsPanel *jobs, QWidget *window, QObject *parent = nullptr);
    ~LabelIssueActions() override;

    QAction *openAction() const { return m_open; }
    // The window, opened (and shown) on first use.
    LabelIssueWindow *open();
    LabelIssueWindow *window() const { return m_labelIssues; }

private:
    ProjectSession *m_session;
    JobsPanel *m_jobs;
    QWidget *m_window;
    QAction *m_open;
    QPointer<LabelIssueWindow> m_labelIssues;
};

} // namespace sieve::ui
