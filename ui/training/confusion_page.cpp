#include "training/confusion_page.h"

#include "training/confusion_matrix_view.h"
#include "training/run_metrics_source.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sieve::ui {

namespace {

// The value of SERIES at STEP; NaN when it has none there.
double valueAt(const store::MetricSeries *series, std::int64_t step)
{
    if (!series)
        return std::numeric_limits<double>::quiet_NaN();
    auto it = std::lower_bound(series->steps.begin(), series->steps.end(), step);
    if (it == series->steps.end() || *it != step)
        return std::numeric_limits<double>::quiet_NaN();
    return series->values[std::size_t(it - series->steps.begin())];
}

} // namespace

ConfusionPage::ConfusionPage(RunMetricsSource *source, QWidget *parent)
    : QWidget(parent), m_source(source), m_title(new QLabel(this)), m_epoch(new QSlider(Qt::Horizontal, this)),
      m_epochLabel(new QLabel(this)), m_matrix(new ConfusionMatrixView(this)), m_classes(new QTableWidget(this)),
      m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("confusionPage"));
    m_epoch->setObjectName(QStringLiteral("confusionEpoch"));
    m_epoch->setEnabled(false);
    m_epoch->setPageStep(1);
    m_epochLabel->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Epoch 000 of 000 (step 0000000)")));
    m_classes->setObjectName(QStringLiteral("classMetrics"));
    m_classes->setColumnCount(4);
    m_classes->setHorizontalHeaderLabels({tr("Class"), tr("Precision"), tr("Recall"), tr("Images")});
    m_classes->verticalHeader()->hide();
    m_classes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classes->setAlternatingRowColors(true);
    m_classes->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_classes->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_note->setWordWrap(true);
    m_note->setText(tr("Rows: the true class; columns: the prediction; shade: share of the row. Click a cell to show "
                       "its validation images in the gallery."));
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_note->setFont(small);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(new QLabel(tr("Epoch:"), this));
    top->addWidget(m_epoch, 1);
    top->addWidget(m_epochLabel);
    layout->addLayout(top);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_matrix);
    splitter->addWidget(m_classes);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400});
    layout->addWidget(splitter, 1);
    layout->addWidget(m_note);

    connect(m_epoch, &QSlider::valueChanged, this, &ConfusionPage::showEpoch);
    connect(m_matrix, &ConfusionMatrixView::cellClicked, this,
            [this](int t, int p) {
                if (const int epoch = shownEpoch(); epoch > 0)
                    emit cellActivated(m_runId, epoch, t, p);
            });
    setRun(0);
}

void ConfusionPage::setRun(std::int64_t id)
{
    m_runId = id;
    m_steps.clear();
    updateData();
}

void ConfusionPage::setEpochIndex(int index) { m_epoch->setValue(index); }

int ConfusionPage::shownEpoch() const
{
    const int index = m_epoch->value();
    if (m_runId == 0 || index < 0 || index >= int(m_steps.size()))
        return 0;
    // The trainer records "epoch" at each validation's step; runs without it validated every epoch.
    const double epoch = valueAt(m_source->series(m_runId, QStringLiteral("epoch")), m_steps[std::size_t(index)]);
    return std::isnan(epoch) ? index + 1 : int(epoch);
}

void ConfusionPage::updateData()
{
    const store::RunRecord *run = m_runId ? m_source->run(m_runId) : nullptr;
    m_title->setText(run ? tr("<b>%1 · %2</b>").arg(run->id).arg(run->name.toHtmlEscaped()) : tr("Select a run."));
    // Validation is recorded at an epoch's last step, top-1 always with it.
    const store::MetricSeries *top1 = m_source->series(m_runId, QStringLiteral("val/top1"));
    const bool atEnd = m_epoch->value() >= int(m_steps.size()) - 1;
    m_steps = top1 ? top1->steps : std::vector<std::int64_t>();
    const QSignalBlocker blocker(m_epoch);
    m_epoch->setEnabled(m_steps.size() > 1);
    m_epoch->setRange(0, std::max(0, int(m_steps.size()) - 1));
    if (atEnd)
        m_epoch->setValue(m_epoch->maximum());
    showEpoch();
}

void ConfusionPage::showEpoch()
{
    const store::RunRecord *run = m_runId ? m_source->run(m_runId) : nullptr;
    const int index = m_epoch->value();
    if (!run || index < 0 || index >= int(m_steps.size())) {
        m_epochLabel->clear();
        m_matrix->setMatrix({}, {});
        m_classes->setRowCount(0);
        return;
    }
    const std::int64_t step = m_steps[std::size_t(index)];
    m_epochLabel->setText(tr("Epoch %1 of %2 (step %3)")
                              .arg(shownEpoch())
                              .arg(run->config.value(QStringLiteral("epochs")).toInt())
                              .arg(step));
    QStringList classes;
    for (const QJsonValue &name : run->config.value(QStringLiteral("classes")).toArray())
        classes.append(name.toString());
    const int n = int(classes.size());
    std::vector<std::vector<double>> counts(std::size_t(n), std::vector<double>(std::size_t(n), 0.0));
    for (int t = 0; t < n; ++t)
        for (int p = 0; p < n; ++p) {
            const double count = valueAt(m_source->series(m_runId, QStringLiteral("val/confusion/%1/%2").arg(t).arg(p)), step);
            counts[std::size_t(t)][std::size_t(p)] = std::isnan(count) ? 0 : count;
        }
    m_matrix->setMatrix(classes, counts);
    m_classes->setRowCount(n);
    const QLocale locale;
    auto percent = [&](double value) { return std::isnan(value) ? QStringLiteral("–") : locale.toString(value * 100, 'f', 1) + QStringLiteral(" %"); };
    for (int c = 0; c < n; ++c) {
        double images = 0;
        for (double count : counts[std::size_t(c)])
            images += count;
        const double precision = valueAt(m_source->series(m_runId, QStringLiteral("val/class/%1/precision").arg(c)), step);
        const double recall = valueAt(m_source->series(m_runId, QStringLiteral("val/class/%1/recall").arg(c)), step);
        const QStringList cells = {classes[c], percent(precision), percent(recall), locale.toString(qint64(images))};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_classes->setItem(c, column, item);
        }
    }
}

} // namespace sieve::ui
