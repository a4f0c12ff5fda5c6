// The main window's actions, docks and menus (MainWindow::createActions, createDocks, createMenus).

#include "main_window.h"

#include "dialogs/category_manager.h"
#include "dialogs/export_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "gallery/facet_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_view.h"
#include "gallery/image_list_model.h"
#include "gallery/inspector_panel.h"
#include "gallery/prediction_actions.h"
#include "gallery/view_actions.h"
#include "review/duplicate_groups_dialog.h"
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
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>

namespace sieve::ui {

void MainWindow::createActions()
{
    auto action = [this](const QString &text, const QKeySequence &key, auto slot, bool needsProject = true) {
        auto *a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        if (needsProject)
            m_projectActions.append(a);
        return a;
    };
    m_import = action(tr("&Import Folder…"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { importFolder(); });
    m_thumbnails = action(tr("Build &Thumbnails"), {}, [this] { m_jobs->run(makeThumbnailJob(m_workspace->session())); });
    m_exportLabels = action(tr("&Export Labels to CSV…"), {}, [this] { exportLabels(); });
    m_exportDataset = action(tr("Export Cleaned &Dataset…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
        ExportDialog dialog(m_workspace->gallery()->filter(), m_workspace->model()->rowCount(),
                            m_workspace->session()->savedViews(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_jobsDock->show();
        m_jobs->run(makeExportJob(m_workspace->session(), dialog.options()));
    });
    m_qualityScan = action(tr("Scan Image &Quality"), {}, [this] {
        m_jobsDock->show();
        m_jobs->run(makeQualityScanJob(m_workspace->session()));
    });
    m_piiScan = action(tr("Find &Personal Information"), {}, [this] {
        m_jobsDock->show();
        m_jobs->run(makePiiScanJob(m_workspace->session()));
    });
    m_faceScan = action(tr("Find &Faces"), {}, [this] {
        m_jobsDock->show();
        m_jobs->run(makeFaceScanJob(m_workspace->session()));
    });
    m_duplicateScan = action(tr("Find &Duplicates"), {}, [this] {
        m_jobsDock->show();
        m_jobs->run(makeDuplicateScanJob(m_workspace->session()));
    });
    m_piiQueue = action(tr("&PII Review Queue"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] {
        // Images with regions still to review, most confident detections first; Enter opens the
        // viewer, where Tab/Y/N decide and Right moves on.
        store::ImageFilter filter;
        filter.undecidedRegions = true;
        filter.sort = store::ImageSort::RegionConfidence;
        filter.predictionModel = m_workspace->gallery()->filter().predictionModel;
        m_workspace->facets()->setFilter(filter);
        m_workspace->gallery()->setFilter(filter);
        m_facetDock->show();
    });
    m_acceptConfident = action(tr("Accept Regions Above Confidence…"), {}, [this] {
        bool ok = false;
        const double minimum = QInputDialog::getDouble(this, tr("Auto-accept"),
                                                       tr("Accept every undecided region detected with a confidence of at least (0–100):"),
                                                       QSettings().value(QStringLiteral("review/autoAccept"), 90.0).toDouble(), 0, 100, 0, &ok);
        if (!ok)
            return;
        QSettings().setValue(QStringLiteral("review/autoAccept"), minimum);
        m_workspace->session()->acceptRegionsAbove(minimum / 100.0);   // regions store 0…1
    });
    m_duplicateGroups = action(tr("Review Duplicate &Groups…"), {}, [this] {
        DuplicateGroupsDialog dialog(m_workspace->session(), m_workspace->thumbnails(), this);
        dialog.exec();
    });
    m_categories = action(tr("&Categories…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
        CategoryManager manager(m_workspace->session(), this);
        manager.exec();
    });
    m_find = action(tr("&Find…"), QKeySequence::Find, [this] {
        m_facetDock->show();
        m_workspace->facets()->focusSearch();
    });
    m_refresh = action(tr("&Refresh"), QKeySequence::Refresh, [this] {
        m_workspace->gallery()->refresh();
        m_workspace->gallery()->refreshFacets();
    });
    m_clearFilters = action(tr("&Clear Filters"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] { m_workspace->facets()->clear(); });
    m_viewer = action(tr("Open &Viewer / Back to Grid"), QKeySequence(Qt::Key_V), [this] {
        if (m_workspace->isViewing())
            m_workspace->closeViewer();
        else
            m_workspace->openViewer(m_workspace->view()->currentIndex());
    });
    m_newTrainingRun = action(tr("&New Training Run…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { newTrainingRun(); });
    m_trainingMonitor = action(tr("&Training Monitor"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] {
        m_trainingDock->show();
        m_trainingDock->raise();
        // Charts want room; after the dock is laid out, or its size hint wins.
        QTimer::singleShot(0, this, [this] {
            if (m_trainingDock->height() < height() / 2)
                resizeDocks({m_trainingDock}, {height() * 3 / 5}, Qt::Vertical);
        });
    });
    m_clusterWorkers = action(tr("Cluster &Workers"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), [this] {
        m_clusterDock->show();
        m_clusterDock->raise();
        // Room for a handful of workers, after the dock is laid out.
        QTimer::singleShot(0, this, [this] {
            if (m_clusterDock->height() < 260)
                resizeDocks({m_clusterDock}, {280}, Qt::Vertical);
        });
    });
    m_shortcuts = action(tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), [this] {
        QList<QAction *> all = actions();
        ShortcutsDialog dialog(all, this);
        dialog.exec();
    }, false);

    m_sortGroup = new QActionGroup(this);
    const std::pair<QString, store::ImageSort> sorts[] = {
        {tr("By Import Order"), store::ImageSort::Imported}, {tr("By Path"), store::ImageSort::Path},
        {tr("By Label"), store::ImageSort::Label},           {tr("By File Size"), store::ImageSort::FileSize},
        {tr("By Resolution"), store::ImageSort::Pixels},     {tr("By Review Status"), store::ImageSort::ReviewStatus},
        {tr("By Sharpness (blurriest first)"), store::ImageSort::Sharpness},
        {tr("By PII Confidence"), store::ImageSort::RegionConfidence},
        {tr("By Model Confidence (least sure first)"), store::ImageSort::PredictionConfidence}};
    for (const auto &[text, sort] : sorts) {
        QAction *a = m_sortGroup->addAction(text);
        a->setCheckable(true);
        a->setData(int(sort));
        a->setChecked(sort == store::ImageSort::Imported);
        m_projectActions.append(a);
    }
    connect(m_sortGroup, &QActionGroup::triggered, this, [this](QAction *a) { setSort(a->data().toInt(), m_sortDescending->isChecked()); });
    m_sortDescending = new QAction(tr("Descending"), this);
    m_sortDescending->setCheckable(true);
    m_projectActions.append(m_sortDescending);
    connect(m_sortDescending, &QAction::toggled, this, [this](bool on) { setSort(m_sortGroup->checkedAction()->data().toInt(), on); });
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString &title, const QString &name, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setAllowedAreas(Qt::AllDockWidgetAreas);
        addDockWidget(area, d);
        return d;
    };
    m_facetDock = dock(tr("Filters"), QStringLiteral("facetDock"), Qt::LeftDockWidgetArea);
    m_inspectorDock = dock(tr("Inspector"), QStringLiteral("inspectorDock"), Qt::RightDockWidgetArea);
    m_jobsDock = dock(tr("Jobs"), QStringLiteral("jobsDock"), Qt::BottomDockWidgetArea);
    m_jobsDock->setWidget(m_jobs);
    // Charts want room: beside the jobs, as a tab, and hidden until asked for.
    m_trainingDock = dock(tr("Training"), QStringLiteral("trainingDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_jobsDock, m_trainingDock);
    m_trainingDock->hide();
    m_clusterDock = dock(tr("Cluster"), QStringLiteral("clusterDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_jobsDock, m_clusterDock);
    m_clusterDock->hide();
    m_facetDock->setMinimumWidth(200);
    m_inspectorDock->setMinimumWidth(260);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Project…"), QKeySequence::New, this, &MainWindow::newProject);
    QAction *openAction = file->addAction(tr("&Open Project…"), QKeySequence::Open, this, &MainWindow::chooseProject);
    addAction(newAction);
    addAction(openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_import);
    file->addAction(m_thumbnails);
    file->addAction(m_exportDataset);
    file->addAction(m_exportLabels);
    file->addSeparator();
    file->addAction(tr("Set Your &Name…"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Your name"), tr("Edits are recorded in the audit trail under:"),
                                                   QLineEdit::Normal, actorName(), &ok);
        if (ok && !name.trimmed().isEmpty()) {
            QSettings().setValue(QStringLiteral("actor"), name.trimmed());
            if (m_workspace)
                m_workspace->session()->setActor(name.trimmed());
        }
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    addAction(quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_find);
    edit->addAction(m_clearFilters);
    edit->addAction(m_categories);

    m_labelMenu = menuBar()->addMenu(tr("&Label"));
    m_reviewMenu = menuBar()->addMenu(tr("&Review"));
    QMenu *scans = menuBar()->addMenu(tr("&Scan"));
    scans->addAction(m_qualityScan);
    scans->addAction(m_piiScan);
    scans->addAction(m_faceScan);
    scans->addAction(m_duplicateScan);
    scans->addAction(m_duplicateGroups);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(m_viewer);
    view->addAction(m_refresh);
    QMenu *sort = view->addMenu(tr("&Sort"));
    sort->addActions(m_sortGroup->actions());
    sort->addSeparator();
    sort->addAction(m_sortDescending);
    view->addSeparator();
    m_savedViewsAnchor = view->addSeparator();
    view->addAction(m_facetDock->toggleViewAction());
    view->addAction(m_inspectorDock->toggleViewAction());
    view->addAction(m_jobsDock->toggleViewAction());

    // Below the separator: the workspace's prediction actions, while a project is open.
    m_modelMenu = menuBar()->addMenu(tr("&Model"));
    m_modelMenu->addAction(m_newTrainingRun);
    m_modelMenu->addAction(m_trainingMonitor);
    m_modelMenu->addAction(m_clusterWorkers);
    m_modelMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcuts);
    help->addAction(tr("&About Sieve"), this, [this] {
        QMessageBox::about(this, tr("About Sieve"),
                           tr("<b>Sieve %1</b><p>A workbench for moderating crowdsourced image datasets: browse, "
                              "relabel, flag personal information and export clean data. Offline: images never leave "
                              "this machine.</p>").arg(QApplication::applicationVersion()));
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(openAction);
    toolbar->addAction(m_import);
    toolbar->addSeparator();
    toolbar->addAction(m_viewer);
    toolbar->addAction(m_clearFilters);
}
} // namespace sieve::ui
