#include "main_window.h"

#include "base/clock.h"
#include "cluster/cluster_activity.h"
#include "cluster/cluster_panel.h"
#include "dialogs/import_dialog.h"
#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/inspector_panel.h"
#include "gallery/prediction_actions.h"
#include "gallery/view_actions.h"
#include "ingest/label_file.h"
#include "review/label_issue_actions.h"
#include "jobs/job_store.h"
#include "jobs/jobs_panel.h"
#include "jobs/project_jobs.h"
#include "moderation/moderation_actions.h"
#include "session/project_session.h"
#include "training/training_actions.h"
#include "training/training_panel.h"
#include "store/project.h"
#include "viewer/image_viewer.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

namespace sieve::ui {

namespace {

constexpr int kMaxRecent = 8;

} // namespace

QString MainWindow::actorName()
{
    const QString configured = QSettings().value(QStringLiteral("actor")).toString();
    return configured.isEmpty() ? defaultActor() : configured;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_jobs(new JobsPanel(this)), m_clusterActivity(new ClusterActivity(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    createActions();
    createDocks();
    createMenus();

    m_countLabel = new QLabel(this);
    m_selectionLabel = new QLabel(this);
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("statusMessage"));
    statusBar()->addWidget(m_countLabel);
    statusBar()->addWidget(m_selectionLabel);
    statusBar()->addWidget(m_messageLabel, 1);

    auto *welcome = new QLabel(tr("<h2>Sieve</h2><p>Open a project (Ctrl+O) or create one (Ctrl+N),<br>"
                                  "then import a folder of images — or drop the folder here.</p>"),
                               this);
    welcome->setAlignment(Qt::AlignCenter);
    welcome->setObjectName(QStringLiteral("welcome"));
    setCentralWidget(welcome);

    connect(m_jobs, &JobsPanel::jobFinished, this, [this](const QString &title, bool ok, const JobOutcome &outcome, const QString &error) {
        m_messageLabel->setText(ok ? QStringLiteral("%1: %2").arg(title, outcome.summary) : tr("%1 failed: %2").arg(title, error));
        if (m_workspace) {
            m_workspace->session()->reload();
            m_workspace->gallery()->refresh();
            m_workspace->gallery()->refreshFacets();
        }
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First run: most of the screen, centred.
        const QRect available = screen()->availableGeometry();
        resize(available.size() * 0.9);
        move(available.center() - rect().center());
    }
    m_stateRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateRecentMenu();
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    delete m_clusterPanel.data();
    // Before QWidget's destructor deletes the docks that hold the workspace's panels.
    delete m_workspace;
}

bool MainWindow::openProject(const QString &directory)
{
    Result<std::unique_ptr<ProjectSession>> session = ProjectSession::open(directory);
    if (!session) {
        showError(session.error());
        return false;
    }
    if (m_workspace) {
        m_jobs->cancelAll();
        delete m_clusterPanel.data();
        delete m_workspace;
        m_workspace = nullptr;
    }
    (*session)->setActor(actorName());
    m_workspace = new Workspace(std::move(*session), this);
    ProjectSession *s = m_workspace->session();
    setCentralWidget(m_workspace->center());
    m_facetDock->setWidget(m_workspace->facets());
    m_inspectorDock->setWidget(m_workspace->inspector());
    m_trainingDock->setWidget(m_workspace->training());
    m_training = new TrainingActions(s, m_jobs, this, m_workspace);
    m_training->setFilterProvider([workspace = m_workspace] { return workspace->gallery()->filter(); });
    m_training->attach(m_workspace->training());
    m_training->setClusterActivity(m_clusterActivity);
    m_clusterPanel = new ClusterPanel(s->project().db(), m_clusterActivity);
    m_clusterDock->setWidget(m_clusterPanel);
    connect(m_training, &TrainingActions::runStarted, m_trainingMonitor, &QAction::trigger);
    // A confusion-matrix cell: its images in the grid, the facets naming why.
    connect(m_workspace->training(), &TrainingPanel::imagesRequested, this, [this](const store::ImageFilter &filter) {
        m_workspace->showImages(filter);
        m_facetDock->show();
        activateWindow();
    });
    m_jobs->setProjectDatabase(s->project().databasePath());
    if (!m_stateRestored) {
        // First run: the grid gets the room, the panels a comfortable reading width. After the
        // event loop has laid out the new dock contents, or their size hints win.
        m_stateRestored = true;
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_facetDock, m_inspectorDock}, {270, 340}, Qt::Horizontal);
            resizeDocks({m_jobsDock}, {140}, Qt::Vertical);   // a tab bar and three rows of jobs
        });
    }
    m_workspace->view()->setThumbnailSize(QSettings().value(QStringLiteral("gallery/thumbnailSize"), 160).toInt());
    connect(m_workspace->view(), &GalleryView::thumbnailSizeChanged, this,
            [](int side) { QSettings().setValue(QStringLiteral("gallery/thumbnailSize"), side); });

    ModerationActions *moderation = m_workspace->moderation();
    m_labelMenu->clear();
    m_labelMenu->addActions(moderation->labelActions());
    m_labelMenu->addSeparator();
    m_labelMenu->addAction(moderation->paletteAction());
    m_labelMenu->addAction(moderation->unlabelAction());
    m_labelMenu->addSeparator();
    m_labelMenu->addAction(moderation->autoAdvanceAction());
    m_reviewMenu->clear();
    m_reviewMenu->addActions(moderation->statusActions());
    m_reviewMenu->addSeparator();
    m_reviewMenu->addActions(moderation->flagActions());
    m_reviewMenu->addActions(moderation->dismissActions());
    m_reviewMenu->addSeparator();
    m_reviewMenu->addAction(m_piiQueue);
    m_reviewMenu->addAction(m_acceptConfident);
    m_reviewMenu->addSeparator();
    // Owned by the workspace: its window closes with the project.
    m_reviewMenu->addAction((new LabelIssueActions(s, m_jobs, this, m_workspace))->openAction());
    m_reviewMenu->addSeparator();
    m_reviewMenu->addAction(moderation->undoAction());
    m_reviewMenu->addAction(moderation->redoAction());
    // Deleted with the workspace, which takes them out of the menu.
    m_viewMenu->insertAction(m_savedViewsAnchor, m_workspace->views()->saveAction());
    m_viewMenu->insertMenu(m_savedViewsAnchor, m_workspace->views()->menu());
    PredictionActions *predictions = m_workspace->predictions();
    m_modelMenu->addAction(predictions->classifyAction());
    m_modelMenu->addMenu(predictions->modelMenu());
    m_modelMenu->addAction(predictions->showPredictionsAction());
    m_viewMenu->insertAction(m_savedViewsAnchor, predictions->showPredictionsAction());
    connect(m_workspace->training(), &TrainingPanel::classifyRequested, predictions, &PredictionActions::classifyAll);
    connect(predictions, &PredictionActions::jobRequested, this, [this](JobRunner *runner) {
        m_jobsDock->show();
        m_jobsDock->raise();
        m_jobs->run(runner);
    });

    connect(s, &ProjectSession::errorOccurred, this, &MainWindow::showError);
    connect(s, &ProjectSession::actionApplied, m_messageLabel, &QLabel::setText);
    connect(m_workspace->gallery(), &GalleryController::queryFinished, this, &MainWindow::updateStatus);
    // A saved view or the PII queue may bring another sort.
    connect(m_workspace->gallery(), &GalleryController::queryStarted, this, &MainWindow::updateSortActions);
    connect(m_workspace->gallery(), &GalleryController::facetsChanged, this, &MainWindow::updateStatus);
    connect(m_workspace->gallery(), &GalleryController::errorOccurred, this, &MainWindow::showError);
    connect(m_workspace, &Workspace::selectionChanged, this, &MainWindow::updateStatus);
    // An import killed half-way continues where it stopped when run again: offer that.
    m_jobs->clearOffers();
    if (Result<QList<jobs::JobRecord>> interrupted = jobs::interruptedJobs(s->project().db(), QStringLiteral("import")); interrupted) {
        for (const jobs::JobRecord &job : *interrupted) {
            const QString folder = job.params.value(QStringLiteral("images")).toString();
            const QString metadata = job.params.value(QStringLiteral("metadata")).toString();
            m_jobs->offer(tr("The import of %1 was interrupted (%2 of %3 files done).").arg(folder).arg(job.done).arg(job.total),
                          tr("Resume"), [this, folder, metadata] { startImport(folder, metadata); });
            m_jobsDock->show();
        }
    }
    rememberRecent(s->directory());
    updateActions();
    updateTitle();
    m_workspace->view()->setFocus();
    return true;
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_workspace ? tr("%1 — Sieve").arg(m_workspace->session()->name()) : tr("Sieve"));
}

void MainWindow::updateActions()
{
    for (QAction *a : m_projectActions)
        a->setEnabled(m_workspace != nullptr);
    m_labelMenu->setEnabled(m_workspace != nullptr);
    m_reviewMenu->setEnabled(m_workspace != nullptr);
}

void MainWindow::updateStatus()
{
    if (!m_workspace)
        return;
    const qint64 shown = m_workspace->model()->rowCount();
    const qint64 total = m_workspace->gallery()->facets().total;
    m_countLabel->setText(shown == total ? tr("%1 images").arg(QLocale().toString(total))
                                         : tr("%1 of %2 images").arg(QLocale().toString(shown), QLocale().toString(total)));
    const int selected = int(m_workspace->view()->selectedIds().size());
    m_selectionLabel->setText(selected > 0 ? tr("· %1 selected").arg(QLocale().toString(selected)) : QString());
}

void MainWindow::rememberRecent(const QString &directory)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentProjects")).toStringList();
    recent.removeAll(directory);
    recent.prepend(directory);
    settings.setValue(QStringLiteral("recentProjects"), recent.mid(0, kMaxRecent));
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    for (const QString &directory : recent) {
        QAction *a = m_recentMenu->addAction(QFileInfo(directory).fileName() + QStringLiteral("   ") + directory);
        connect(a, &QAction::triggered, this, [this, directory] { openProject(directory); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showError(const QString &message)
{
    m_messageLabel->setText(message.section(QLatin1Char('\n'), 0, 0));
    QMessageBox::warning(this, tr("Sieve"), message);
}

void MainWindow::newProject()
{
    const QString directory = QFileDialog::getSaveFileName(this, tr("New project folder"), QString(), QString(), nullptr,
                                                           QFileDialog::ShowDirsOnly);
    if (directory.isEmpty())
        return;
    Result<std::unique_ptr<store::Project>> created = store::Project::create(directory);
    if (!created) {
        showError(created.error());
        return;
    }
    created->reset();
    if (openProject(directory))
        importFolder();
}

void MainWindow::chooseProject()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Open project folder"));
    if (!directory.isEmpty())
        openProject(directory);
}

void MainWindow::importFolder(const QString &folder)
{
    if (!m_workspace)
        return;
    ImportDialog dialog(folder, this);
    if (dialog.exec() == QDialog::Accepted)
        startImport(dialog.folder(), dialog.metadataFile());
}

void MainWindow::startImport(const QString &folder, const QString &metadataFile)
{
    m_jobsDock->show();
    m_jobs->run(makeImportJob(m_workspace->session(), folder, metadataFile));
}

void MainWindow::exportLabels()
{
    const QString out = QFileDialog::getSaveFileName(this, tr("Export labels"), QStringLiteral("labels.csv"), tr("CSV (*.csv)"));
    if (out.isEmpty())
        return;
    Result<qint64> rows = ingest::exportLabels(m_workspace->session()->project().db(), out);
    if (!rows)
        showError(rows.error());
    else
        m_messageLabel->setText(tr("Wrote %1 rows to %2").arg(*rows).arg(out));
}

void MainWindow::setSort(int sort, bool descending)
{
    store::ImageFilter filter = m_workspace->gallery()->filter();
    filter.sort = store::ImageSort(sort);
    filter.descending = descending;
    m_workspace->gallery()->setFilter(filter);
}

void MainWindow::updateSortActions()
{
    const store::ImageFilter &filter = m_workspace->gallery()->filter();
    for (QAction *a : m_sortGroup->actions())
        if (a->data().toInt() == int(filter.sort))
            a->setChecked(true);
    const QSignalBlocker blocker(m_sortDescending);
    m_sortDescending->setChecked(filter.descending);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_jobs->cancelAll();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_workspace || !event->mimeData()->hasUrls())
        return;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            event->acceptProposedAction();
            importFolder(url.toLocalFile());
            return;
        }
    }
}

void MainWindow::newTrainingRun()
{
    if (m_training)
        m_training->newRun();
}

} // namespace sieve::ui
