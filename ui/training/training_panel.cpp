#include "training/training_panel.h"

#include "training/chart_grid.h"
#include "training/confusion_page.h"
#include "training/hyper_parameter_table.h"
#include "training/run_dialogs.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace sieve::ui {

TrainingPanel::TrainingPanel(QWidget *parent)
    : QWidget(parent), m_source(new RunMetricsSource(this)), m_runs(new RunListModel(this)), m_table(new QTableView(this)),
      m_rename(new QPushButton(tr("Rename…"), this)), m_delete(new QPushButton(tr("Delete…"), this)),
      m_config(new QPushButton(tr("Configuration…"), this)), m_newRun(new QPushButton(tr("New Run…"), this)),
      m_cancel(new QPushButton(tr("Cancel Run"), this)), m_resume(new QPushButton(tr("Resume"), this)),
      m_model(new QPushButton(tr("Model"), this)), m_tabs(new QTabWidget(this)),
      m_comparison(new HyperParameterTable(this)), m_shared(new QLabel(this)), m_confusion(new ConfusionPage(m_source, this))
{
    setObjectName(QStringLiteral("trainingPanel"));
    m_table->setObjectName(QStringLiteral("runTable"));
    m_table->setModel(m_runs);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunListModel::Name, QHeaderView::Stretch);
    m_rename->setObjectName(QStringLiteral("renameRun"));
    m_delete->setObjectName(QStringLiteral("deleteRun"));
    m_config->setObjectName(QStringLiteral("runConfiguration"));
    m_newRun->setObjectName(QStringLiteral("newRun"));
    m_cancel->setObjectName(QStringLiteral("cancelRun"));
    m_cancel->setToolTip(tr("Stop the selected run after its current step; it keeps its last epoch's checkpoint."));
    m_resume->setObjectName(QStringLiteral("resumeRun"));
    m_resume->setToolTip(tr("Continue the selected cancelled or failed run from its last completed epoch, exactly as if it "
                            "had not stopped."));
    m_model->setObjectName(QStringLiteral("runModelButton"));
    m_model->setToolTip(tr("The model the selected run saved (its best epoch)."));
    auto *modelMenu = new QMenu(m_model);
    modelMenu->setObjectName(QStringLiteral("runModelMenu"));
    modelMenu->addAction(tr("Show in Folder"), this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId()))
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(modelPath(*run)).absolutePath()));
    });
    modelMenu->addAction(tr("Copy Path"), this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId()))
            QApplication::clipboard()->setText(QDir::toNativeSeparators(modelPath(*run)));
    });
    modelMenu->addAction(tr("Classify All With This Model…"), this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId()))
            emit classifyRequested(run->summary.value(QStringLiteral("model_id")).toInteger());
    });
    m_model->setMenu(modelMenu);
    auto *runsBox = new QWidget(this);
    auto *runsLayout = new QVBoxLayout(runsBox);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    auto *hint = new QLabel(tr("Tick runs to chart them together; the selected run's details are under Confusion."), runsBox);
    hint->setWordWrap(true);
    runsLayout->addWidget(hint);
    runsLayout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newRun);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_resume);
    buttons->addStretch(1);
    runsLayout->addLayout(buttons);
    // Two rows: the run's own actions below, so that the list keeps a readable width.
    auto *more = new QHBoxLayout;
    more->addWidget(m_model);
    more->addWidget(m_config);
    more->addWidget(m_rename);
    more->addWidget(m_delete);
    more->addStretch(1);
    runsLayout->addLayout(more);

    m_charts = new ChartGrid(m_source, this);
    m_tabs->addTab(m_charts, tr("Charts"));
    auto *compare = new QWidget(this);
    auto *compareLayout = new QVBoxLayout(compare);
    m_shared->setWordWrap(true);
    m_shared->setTextInteractionFlags(Qt::TextSelectableByMouse);
    compareLayout->addWidget(m_comparison, 1);
    compareLayout->addWidget(m_shared);
    m_tabs->addTab(compare, tr("Compare"));
    m_tabs->addTab(m_confusion, tr("Confusion"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(runsBox);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({420, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_source, &RunMetricsSource::runsChanged, this, &TrainingPanel::onRunsChanged);
    connect(m_source, &RunMetricsSource::metricsAppended, this, &TrainingPanel::onMetrics);
    connect(m_source, &RunMetricsSource::runChanged, this, [this](std::int64_t, const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Training runs"), error);
    });
    connect(m_runs, &RunListModel::checkedChanged, this, [this] {
        updateWatched();
        updateCharts(true);
        updateComparison();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateWatched();
        m_confusion->setRun(currentRunId());
        updateButtons();
    });
    connect(m_comparison, &HyperParameterTable::sharedChanged, m_shared, &QLabel::setText);
    connect(m_tabs, &QTabWidget::currentChanged, this, &TrainingPanel::updateComparison);
    connect(m_rename, &QPushButton::clicked, this, &TrainingPanel::renameCurrent);
    connect(m_delete, &QPushButton::clicked, this, &TrainingPanel::deleteCurrent);
    connect(m_config, &QPushButton::clicked, this, &TrainingPanel::showConfiguration);
    connect(m_newRun, &QPushButton::clicked, this, &TrainingPanel::newRunRequested);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId()); run && run->status == QLatin1String("running"))
            emit cancelRunRequested(run->id);
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId());
            run && (run->status == QLatin1String("cancelled") || run->status == QLatin1String("failed")))
            emit resumeRunRequested(run->id);
    });
    connect(m_confusion, &ConfusionPage::cellActivated, this, [this](std::int64_t runId, int epoch, int trueClass, int predicted) {
        store::ImageFilter filter;
        filter.validationCell = {runId, epoch, trueClass, predicted};
        emit imagesRequested(filter);
    });
    updateButtons();
    updateCharts(true);
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::setProject(const QString &databasePath, const QString &directory)
{
    m_directory = directory;
    m_autoChecked = false;
    m_source->setDatabase(databasePath);
    m_source->setActive(isVisible());
}

ScalarChart *TrainingPanel::chart(const QString &title) const { return m_charts->chart(title); }

QList<ScalarChart *> TrainingPanel::charts() const { return m_charts->charts(); }

QSlider *TrainingPanel::smoothingSlider() const { return m_charts->smoothingSlider(); }

void TrainingPanel::updateCharts(bool linesMayChange) { m_charts->showRuns(chartedRuns(), linesMayChange); }

void TrainingPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_source->setActive(true);
}

void TrainingPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_source->setActive(false);
}

void TrainingPanel::updateButtons()
{
    const store::RunRecord *run = m_source->run(currentRunId());
    m_rename->setEnabled(run);
    m_delete->setEnabled(run);
    m_config->setEnabled(run);
    m_cancel->setEnabled(run && run->status == QLatin1String("running"));
    m_resume->setEnabled(run && (run->status == QLatin1String("cancelled") || run->status == QLatin1String("failed")));
    m_model->setEnabled(run && run->summary.value(QStringLiteral("model_id")).toInteger() > 0);
}

QString TrainingPanel::modelPath(const store::RunRecord &run) const
{
    return QDir(m_directory).filePath(QStringLiteral("models/") + run.summary.value(QStringLiteral("model")).toString());
}

void TrainingPanel::selectRun(std::int64_t id)
{
    if (const int row = m_runs->rowOf(id); row >= 0)
        m_table->setCurrentIndex(m_runs->index(row, RunListModel::Name));
}

std::int64_t TrainingPanel::currentRunId() const
{
    const store::RunRecord *run = m_runs->run(m_table->currentIndex().row());
    return run ? run->id : 0;
}

QList<std::int64_t> TrainingPanel::chartedRuns() const
{
    QList<std::int64_t> runs = m_runs->checked().values();
    std::sort(runs.begin(), runs.end());
    return runs;
}

void TrainingPanel::onRunsChanged()
{
    std::int64_t current = currentRunId();
    m_runs->setRuns(m_source->runs());
    // The newest run is what one opens the monitor for: chart it and show its details.
    if (!m_autoChecked && !m_source->runs().isEmpty()) {
        m_autoChecked = true;
        m_runs->setChecked(m_source->runs().front().id, true);
    }
    // A run that starts while the monitor is open (from this window or another process) is
    // charted and shown as it goes.
    const bool firstList = m_known.isEmpty();
    for (const store::RunRecord &run : m_source->runs()) {
        if (m_known.contains(run.id))
            continue;
        m_known.insert(run.id);
        if (!firstList && run.status == QLatin1String("running")) {
            m_runs->setChecked(run.id, true);
            current = run.id;
        }
    }
    const int row = m_runs->rowOf(current != 0 ? current : (m_source->runs().isEmpty() ? 0 : m_source->runs().front().id));
    if (row >= 0 && m_table->currentIndex().row() != row)
        m_table->setCurrentIndex(m_runs->index(row, RunListModel::Name));
    updateComparison();
    m_confusion->updateData();
    updateButtons();
}

void TrainingPanel::updateComparison()
{
    // Rebuilt whole (a few rows), so only while it is looked at: a rebuild drops its selection.
    if (m_tabs->currentWidget() == m_comparison->parentWidget())
        m_comparison->showRuns(*m_source, chartedRuns());
}

void TrainingPanel::updateWatched()
{
    QSet<std::int64_t> watched = m_runs->checked();
    if (const std::int64_t current = currentRunId())
        watched.insert(current);
    if (watched != m_source->watched())
        m_source->setWatched(watched);
}

void TrainingPanel::onMetrics(const QSet<std::int64_t> &runs)
{
    updateCharts(true);
    if (runs.contains(m_confusion->runId()))
        m_confusion->updateData();
    updateComparison();
}

void TrainingPanel::renameCurrent()
{
    if (const store::RunRecord *run = m_source->run(currentRunId()))
        askRenameRun(this, m_source, *run);
}

void TrainingPanel::deleteCurrent()
{
    if (const store::RunRecord *run = m_source->run(currentRunId()))
        askDeleteRun(this, m_source, *run, m_directory);
}

void TrainingPanel::showConfiguration()
{
    if (const store::RunRecord *run = m_source->run(currentRunId()))
        showRunConfiguration(this, *run);
}

} // namespace sieve::ui
