#include "training/training_panel.h"

#include "training/confusion_page.h"
#include "training/hyper_parameter_table.h"
#include "training/run_dialogs.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"

#include <QCheckBox>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace sieve::ui {

namespace {

struct ChartGroup {
    const char *title;
    QStringList tags;
};

// The charts every run gets, in this order; a tag outside them gets a chart of its own.
const QList<ChartGroup> &chartGroups()
{
    static const QList<ChartGroup> groups = {
        {QT_TRANSLATE_NOOP("sieve::ui::TrainingPanel", "Loss"), {QStringLiteral("train/loss"), QStringLiteral("val/loss")}},
        {QT_TRANSLATE_NOOP("sieve::ui::TrainingPanel", "Accuracy"), {QStringLiteral("train/accuracy"), QStringLiteral("val/top1"), QStringLiteral("val/top5")}},
        {QT_TRANSLATE_NOOP("sieve::ui::TrainingPanel", "Learning rate"), {QStringLiteral("train/lr")}},
        {QT_TRANSLATE_NOOP("sieve::ui::TrainingPanel", "Images per second"), {QStringLiteral("train/images_per_second")}},
        {QT_TRANSLATE_NOOP("sieve::ui::TrainingPanel", "Data-wait share"), {QStringLiteral("train/data_wait")}}};
    return groups;
}

// Tags that are not scalar curves: shown by the confusion page, or the x of others.
bool isChartedElsewhere(const QString &tag)
{
    return tag == QLatin1String("epoch") || tag.startsWith(QLatin1String("val/class/")) || tag.startsWith(QLatin1String("val/confusion/"));
}

bool sameLines(const QList<ChartLine> &a, const QList<ChartLine> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const ChartLine &x, const ChartLine &y) {
        return x.runId == y.runId && x.tag == y.tag && x.label == y.label && x.colour == y.colour && x.style == y.style;
    });
}

} // namespace

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
    // Each entry also says which model the user picked, for whoever classifies with it.
    modelMenu->addAction(tr("Show in Folder"), this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId())) {
            emit modelChosen(run->summary.value(QStringLiteral("model_id")).toInteger());
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(modelPath(*run)).absolutePath()));
        }
    });
    modelMenu->addAction(tr("Copy Path"), this, [this] {
        if (const store::RunRecord *run = m_source->run(currentRunId())) {
            emit modelChosen(run->summary.value(QStringLiteral("model_id")).toInteger());
            QApplication::clipboard()->setText(QDir::toNativeSeparators(modelPath(*run)));
        }
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

    m_tabs->addTab(makeChartsPage(), tr("Charts"));
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

QWidget *TrainingPanel::makeChartsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *controls = new QHBoxLayout;
    m_smoothing = new QSlider(Qt::Horizontal, page);
    m_smoothing->setObjectName(QStringLiteral("smoothing"));
    m_smoothing->setRange(0, 99);
    m_smoothing->setValue(60);
    m_smoothing->setMinimumWidth(100);
    m_smoothing->setMaximumWidth(220);
    m_smoothingValue = new QLabel(QStringLiteral("0.60"), page);
    m_smoothingValue->setMinimumWidth(m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    m_xAxis = new QComboBox(page);
    m_xAxis->setObjectName(QStringLiteral("xAxisMode"));
    m_xAxis->addItems({tr("Step"), tr("Relative time"), tr("Wall time")});
    m_logY = new QCheckBox(tr("Log scale"), page);
    m_logY->setObjectName(QStringLiteral("logScale"));
    auto *reset = new QPushButton(tr("Reset Zoom"), page);
    controls->addWidget(new QLabel(tr("Smoothing:"), page));
    controls->addWidget(m_smoothing);
    controls->addWidget(m_smoothingValue);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Horizontal axis:"), page));
    controls->addWidget(m_xAxis);
    controls->addSpacing(16);
    controls->addWidget(m_logY);
    controls->addStretch(1);
    controls->addWidget(reset);
    layout->addLayout(controls);

    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_chartArea = new QWidget(scroll);
    m_chartGrid = new QGridLayout(m_chartArea);
    m_chartGrid->setContentsMargins(0, 0, 0, 0);
    m_chartGrid->setSpacing(8);
    m_chartGrid->setColumnStretch(0, 1);
    m_chartGrid->setColumnStretch(1, 1);
    m_empty = new QLabel(tr("Tick a run in the list to chart it. Runs started with “sieve-cli train” appear here as they start."), m_chartArea);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    scroll->setWidget(m_chartArea);
    layout->addWidget(scroll, 1);

    connect(m_smoothing, &QSlider::valueChanged, this, [this](int value) {
        m_smoothingValue->setText(QString::number(value / 100.0, 'f', 2));
        for (ScalarChart *chart : std::as_const(m_charts))
            chart->setSmoothing(value / 100.0);
    });
    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this](int index) {
        for (ScalarChart *chart : std::as_const(m_charts))
            chart->setXMode(XAxisMode(index));
    });
    connect(m_logY, &QCheckBox::toggled, this, [this](bool on) {
        for (ScalarChart *chart : std::as_const(m_charts))
            chart->setLogY(on);
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        for (ScalarChart *chart : std::as_const(m_charts))
            chart->resetZoom();
    });
    return page;
}

void TrainingPanel::setProject(const QString &databasePath, const QString &directory)
{
    m_directory = directory;
    m_autoChecked = false;
    m_source->setDatabase(databasePath);
    m_source->setActive(isVisible());
}

ScalarChart *TrainingPanel::chart(const QString &title) const
{
    for (ScalarChart *chart : m_charts)
        if (chart->title() == title)
            return chart;
    return nullptr;
}

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
    const std::int64_t current = currentRunId();
    m_runs->setRuns(m_source->runs());
    // The newest run is what one opens the monitor for: chart it and show its details.
    if (!m_autoChecked && !m_source->runs().isEmpty()) {
        m_autoChecked = true;
        m_runs->setChecked(m_source->runs().front().id, true);
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

void TrainingPanel::updateCharts(bool linesMayChange)
{
    const QList<std::int64_t> runs = chartedRuns();
    QStringList extra;   // tags outside the groups: per-worker series and the like
    for (std::int64_t id : runs)
        if (const RunMetricsSource::TagSeries *tags = m_source->metrics(id))
            for (auto it = tags->constBegin(); it != tags->constEnd(); ++it) {
                const bool grouped = std::any_of(chartGroups().begin(), chartGroups().end(),
                                                 [&](const ChartGroup &g) { return g.tags.contains(it.key()); });
                if (!grouped && !isChartedElsewhere(it.key()) && !extra.contains(it.key()))
                    extra.append(it.key());
            }
    std::sort(extra.begin(), extra.end());
    // A chart for each group some charted run has written a tag of: an empty chart tells nothing.
    auto written = [&](const QString &tag) {
        return std::any_of(runs.begin(), runs.end(), [&](std::int64_t id) { return m_source->series(id, tag) != nullptr; });
    };
    QStringList titles;
    QList<QStringList> tagsOf;
    for (const ChartGroup &group : chartGroups()) {
        if (std::none_of(group.tags.begin(), group.tags.end(), written))
            continue;
        titles.append(tr(group.title));
        tagsOf.append(group.tags);
    }
    layoutCharts(titles);
    m_empty->setText(runs.isEmpty() ? tr("Tick a run in the list to chart it. Runs started with “sieve-cli train” appear here as they start.")
                                    : tr("The runs ticked have written no metrics yet."));
    m_empty->setVisible(titles.isEmpty());
    for (int c = 0; c < m_charts.size(); ++c) {
        QList<ChartLine> lines;
        for (std::int64_t id : runs) {
            const store::RunRecord *run = m_source->run(id);
            for (int t = 0; t < tagsOf[c].size(); ++t) {
                const QString &tag = tagsOf[c][t];
                if (!m_source->series(id, tag))
                    continue;
                const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine};
                const QString label = runs.size() > 1 || !run ? QStringLiteral("%1 %2").arg(id).arg(tag) : tag;
                // The run's colour, a shade darker for each further tag, so that the legend tells
                // train/accuracy, val/top1 and val/top5 apart too.
                const QColor colour = RunListModel::runColour(id).darker(100 + 40 * t);
                lines.append({id, tag, label, colour, styles[std::min(t, 2)]});
            }
        }
        if (linesMayChange && !sameLines(lines, m_charts[c]->lines()))
            m_charts[c]->setLines(lines);
        else if (!m_pending.contains(m_charts[c]))
            m_pending.append(m_charts[c]);
    }
    // One chart per turn of the event loop: a poll of a fast run never holds the GUI thread for
    // the time of all charts at once.
    if (!m_pending.isEmpty() && !m_pendingScheduled) {
        m_pendingScheduled = true;
        QTimer::singleShot(0, this, &TrainingPanel::updateNextChart);
    }
}

void TrainingPanel::updateNextChart()
{
    m_pendingScheduled = false;
    while (!m_pending.isEmpty()) {
        QPointer<ScalarChart> chart = m_pending.takeFirst();
        if (!chart)
            continue;
        chart->updateData();
        break;
    }
    if (!m_pending.isEmpty()) {
        m_pendingScheduled = true;
        QTimer::singleShot(0, this, &TrainingPanel::updateNextChart);
    }
}

void TrainingPanel::layoutCharts(const QStringList &titles)
{
    QStringList current;
    for (ScalarChart *chart : std::as_const(m_charts))
        current.append(chart->title());
    if (current == titles)
        return;
    // Charts that stay keep their zoom; the grid is laid out again in the groups' order.
    QList<ScalarChart *> charts;
    for (const QString &title : titles) {
        ScalarChart *chart = this->chart(title);
        if (!chart) {
            chart = new ScalarChart(title, m_source, m_chartArea);
            chart->setMinimumHeight(300);
            chart->setSmoothing(m_smoothing->value() / 100.0);
            chart->setXMode(XAxisMode(m_xAxis->currentIndex()));
            chart->setLogY(m_logY->isChecked());
        }
        charts.append(chart);
    }
    for (ScalarChart *chart : std::as_const(m_charts))
        if (!charts.contains(chart))
            delete chart;
    m_charts = charts;
    for (ScalarChart *chart : std::as_const(m_charts))
        m_chartGrid->removeWidget(chart);
    for (int i = 0; i < m_charts.size(); ++i)
        m_chartGrid->addWidget(m_charts[i], 1 + i / 2, i % 2);
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
