#include "review/label_issue_actions.h"

#include "review/label_issue_window.h"

#include <QAction>
#include <QWidget>

namespace sieve::ui {

LabelIssueActions::LabelIssueActions(ProjectSession *session, JobsPanel *jobs, QWidget *window, QObject *parent)
    : QObject(parent), m_session(session), m_jobs(jobs), m_window(window), m_open(new QAction(tr("Likely &Mislabeled…"), this))
{
    m_open->setObjectName(QStringLiteral("openLabelIssues"));
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_open->setToolTip(tr("Rank the labelled images a model confidently puts in another class, and review them with the keyboard."));
    // In the main window, so the shortcut works wherever its focus is.
    m_window->addAction(m_open);
    connect(m_open, &QAction::triggered, this, [this] { open(); });
}

LabelIssueActions::~LabelIssueActions()
{
    delete m_labelIssues.data();
}

LabelIssueWindow *LabelIssueActions::open()
{
    if (!m_labelIssues)
        m_labelIssues = new LabelIssueWindow(m_session, m_jobs, m_window);
    else
        m_labelIssues->reloadModels();
    m_labelIssues->show();
    m_labelIssues->raise();
    m_labelIssues->activateWindow();
    return m_labelIssues;
}

} // namespace sieve::ui
