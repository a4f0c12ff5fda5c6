#include "training/chart_grid.h"

#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/run_restarts.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sieve::ui {

namespace {

// The strings keep the training monitor's translation context, where they were translated.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::TrainingPanel)
};

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

// Tags that are not scalar curves: shown by the confusion page, the x of others, or a cluster
// run's restarts, which every chart of the run marks (a chart of its own showed a lone point
// per restart; the worker counts, written only then, are in the markers' text).
bool isChartedElsewhere(const QString &tag)
{
    return tag == QLatin1String("epoch") || tag.startsWith(QLatin1String("val/class/")) || tag.startsWith(QLatin1String("val/confusion/"))
           || tag == kRestartTag || tag == kWorkersTag;
}

bool sameLines(const QList<ChartLine> &a, const QList<ChartLine> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const ChartLine &x, const ChartLine &y) {
        return x.runId == y.runId && x.tag == y.tag && x.label == y.label && x.colour == y.colour && x.style == y.style;
    });
}

} // namespace

ChartGrid::ChartGrid(RunMetricsSource *source, QWidget *parent) : QWidget(parent), m_source(source)
{
    auto *layout = new QVBoxLayout(this);
    auto *controls = new QHBoxLayout;
    m_smoothing = new QSlider(Qt::Horizontal, this);
    m_smoothing->setObjectName(QStringLiteral("smoothing"));
    m_smoothing->setRange(0, 99);
    m_smoothing->setValue(60);
    m_smoothing->setMinimumWidth(100);
    m_smoothing->setMaximumWidth(220);
    m_smoothingValue = new QLabel(QStringLiteral("0.60"), this);
    m_smoothingValue->setMinimumWidth(m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    m_xAxis = new QComboBox(this);
    m_xAxis->setObjectName(QStringLiteral("xAxisMode"));
    m_xAxis->addItems({Tr::tr("Step"), Tr::tr("Relative time"), Tr::tr("Wall time")});
    m_logY = new QCheckBox(Tr::tr("Log scale"), this);
    m_logY->setObjectName(QStringLiteral("logScale"));
    auto *reset = new QPushButton(Tr::tr("Reset Zoom"), this);
    controls->addWidget(new QLabel(Tr::tr("Smoothing:"), this));
    controls->addWidget(m_smoothing);
    controls->addWidget(m_smoothingValue);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(Tr::tr("Horizontal axis:"), this));
    controls->addWidget(m_xAxis);
    controls->addSpacing(16);
    controls->addWidget(m_logY);
    controls->addStretch(1);
    controls->addWidget(reset);
    layout->addLayout(controls);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_chartArea = new QWidget(scroll);
    m_chartGrid = new QGridLayout(m_chartArea);
    m_chartGrid->setContentsMargins(0, 0, 0, 0);
    m_chartGrid->setSpacing(8);
    m_chartGrid->setColumnStretch(0, 1);
    m_chartGrid->setColumnStretch(1, 1);
    m_empty = new QLabel(Tr::tr("Tick a run in the list to chart it. Runs started with “sieve-cli train” appear here as they start."), m_chartArea);
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
}

ScalarChart *ChartGrid::chart(const QString &title) const
{
    for (ScalarChart *chart : m_charts)
        if (chart->title() == title)
            return chart;
    return nullptr;
}

void ChartGrid::showRuns(const QList<std::int64_t> &runs, bool linesMayChange)
{
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
        titles.append(QCoreApplication::translate("sieve::ui::TrainingPanel", group.title));
        tagsOf.append(group.tags);
    }
    // Then the other tags: a cluster run's per-worker series ("cluster/rank/<r>/<what>") one chart
    // per <what> with a line per worker, and any other tag a chart of its own.
    static const QRegularExpression perWorker(QStringLiteral("^cluster/rank/(\\d+)/(.+)$"));
    for (const QString &tag : extra) {
        const QRegularExpressionMatch worker = perWorker.match(tag);
        const QString title = worker.hasMatch() ? Tr::tr("Per worker: %1").arg(worker.captured(2)) : tag;
        const qsizetype at = titles.indexOf(title);
        if (at >= 0) {
            tagsOf[at].append(tag);
        } else {
            titles.append(title);
            tagsOf.append({tag});
        }
    }
    layoutCharts(titles);
    m_empty->setText(runs.isEmpty() ? Tr::tr("Tick a run in the list to chart it. Runs started with “sieve-cli train” appear here as they start.")
                                    : Tr::tr("The runs ticked have written no metrics yet."));
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
                const QRegularExpressionMatch worker = perWorker.match(tag);
                const QString name = worker.hasMatch() ? Tr::tr("worker %1").arg(worker.captured(1)) : tag;
                const QString label = runs.size() > 1 || !run ? QStringLiteral("%1 %2").arg(id).arg(name) : name;
                // The run's colour, a shade darker for each further tag, so that the legend tells
                // train/accuracy, val/top1 and val/top5 apart too.
                const QColor colour = RunListModel::runColour(id).darker(100 + 40 * std::min(t, 4));
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
        QTimer::singleShot(0, this, &ChartGrid::updateNextChart);
    }
}

void ChartGrid::updateNextChart()
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
        QTimer::singleShot(0, this, &ChartGrid::updateNextChart);
    }
}

void ChartGrid::layoutCharts(const QStringList &titles)
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

} // namespace sieve::ui
