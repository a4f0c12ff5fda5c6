#pragma once

#include <QMainWindow>

#include <QList>
#include <QPointer>


class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace sieve::ui {

class ClusterActivity;
class ClusterPanel;
class JobsPanel;
class TrainingActions;
class Workspace;

// The main window. It builds menus, toolbar, docks and status bar and wires them to the open
// project's Workspace; it owns no project state itself.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the project in DIRECTORY, closing the current one. Shows the error and returns
    // false when it cannot be opened.
    bool openProject(const QString &directory);
    Workspace *workspace() const { return m_workspace; }
    JobsPanel *jobsPanel() const { return m_jobs; }
    QDockWidget *trainingDock() const { return m_trainingDock; }
    void startImport(const QString &folder, const QString &metadataFile);
    // Opens the "New training run" dialog (non-modal); Start runs the training as a job.
    void newTrainingRun();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // The name edits are recorded under: the one the user set, else the system's.
    static QString actorName();
    // main_window_actions.cpp: the actions, docks and menus.
    void createActions();
    void createMenus();
    void createDocks();
    void updateTitle();
    void updateActions();
    void updateStatus();
    void updateRecentMenu();
    void rememberRecent(const QString &directory);
    void showError(const QString &message);
    void newProject();
    void chooseProject();
    void importFolder(const QString &folder = {});
    void exportLabels();
    void setSort(int sort, bool descending);
    void updateSortActions();

    Workspace *m_workspace = nullptr;
    JobsPanel *m_jobs;
    QDockWidget *m_facetDock;
    QDockWidget *m_inspectorDock;
    QDockWidget *m_jobsDock;
    QDockWidget *m_trainingDock;
    QDockWidget *m_clusterDock;
    ClusterActivity *m_clusterActivity;   // after m_jobs: outlives every job
    QLabel *m_countLabel;
    QLabel *m_selectionLabel;
    QLabel *m_messageLabel;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_labelMenu = nullptr;
    QMenu *m_reviewMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_modelMenu = nullptr;
    QAction *m_savedViewsAnchor = nullptr;   // the workspace's saved-view entries go above it
    QList<QAction *> m_projectActions;   // enabled only with an open project
    QAction *m_import = nullptr;
    QAction *m_thumbnails = nullptr;
    QAction *m_exportLabels = nullptr;
    QAction *m_exportDataset = nullptr;
    QAction *m_qualityScan = nullptr;
    QAction *m_duplicateScan = nullptr;
    QAction *m_piiScan = nullptr;
    QAction *m_faceScan = nullptr;
    QAction *m_duplicateGroups = nullptr;
    QAction *m_piiQueue = nullptr;
    QAction *m_acceptConfident = nullptr;
    QAction *m_categories = nullptr;
    QAction *m_find = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_clearFilters = nullptr;
    QAction *m_viewer = nullptr;
    QAction *m_shortcuts = nullptr;
    QAction *m_trainingMonitor = nullptr;
    QAction *m_clusterWorkers = nullptr;
    QAction *m_newTrainingRun = nullptr;
    QPointer<TrainingActions> m_training;   // the open project's; deleted with its workspace
    QPointer<ClusterPanel> m_clusterPanel;  // the open project's; deleted before its workspace
    QActionGroup *m_sortGroup = nullptr;
    QAction *m_sortDescending = nullptr;
    bool m_stateRestored = false;
};

} // namespace sieve::ui
