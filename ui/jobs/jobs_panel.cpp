#include "jobs/jobs_panel.h"

#include "jobs/job_history.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {

QString duration(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60);
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}

} // namespace

JobsPanel::JobsPanel(QWidget *parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_history(new JobHistoryView)
{
    setObjectName(QStringLiteral("jobs"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_tabs->setDocumentMode(true);
    outer->addWidget(m_tabs);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    m_rows = new QVBoxLayout(content);
    m_rows->setContentsMargins(8, 6, 8, 6);
    m_rows->addStretch(1);
    scroll->setWidget(content);
    m_tabs->addTab(scroll, tr("This Session"));
    m_tabs->addTab(m_history, tr("All Jobs"));
    m_tabs->setTabToolTip(1, tr("Every job of the project: also those run by sieve-cli and those interrupted"));
    auto *empty = new QLabel(tr("No jobs started in this window yet. Imports, thumbnails, scans and exports show their progress "
                                "here; All Jobs lists the project's earlier ones."),
                             content);
    empty->setWordWrap(true);
    empty->setObjectName(QStringLiteral("emptyHint"));
    empty->setStyleSheet(QStringLiteral("color: gray"));
    m_rows->insertWidget(0, empty);
}

void JobsPanel::setProjectDatabase(const QString &path) { m_history->setDatabase(path); }

int JobsPanel::runningCount() const
{
    int count = 0;
    for (const JobRunner *runner : m_runners)
        count += runner->isRunning() ? 1 : 0;
    return count;
}

void JobsPanel::cancelAll()
{
    for (JobRunner *runner : m_runners)
        runner->cancel();
}

void JobsPanel::offer(const QString &text, const QString &button, std::function<void()> action)
{
    if (QWidget *empty = findChild<QWidget *>(QStringLiteral("emptyHint")))
        empty->hide();
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("offer"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 2, 0, 2);
    auto *label = new QLabel(text, row);
    label->setWordWrap(true);
    auto *go = new QPushButton(button, row);
    auto *dismiss = new QPushButton(tr("Dismiss"), row);
    layout->addWidget(label, 1);
    layout->addWidget(go);
    layout->addWidget(dismiss);
    m_rows->insertWidget(m_rows->count() - 1, row);
    connect(go, &QPushButton::clicked, row, [row, action] {
        row->deleteLater();
        action();
    });
    connect(dismiss, &QPushButton::clicked, row, &QObject::deleteLater);
}

void JobsPanel::clearOffers()
{
    for (QWidget *row : findChildren<QWidget *>(QStringLiteral("offer")))
        row->deleteLater();
}

void JobsPanel::run(JobRunner *runner)
{
    if (QWidget *empty = findChild<QWidget *>(QStringLiteral("emptyHint")))
        empty->hide();
    runner->setParent(this);
    m_runners.append(runner);
    m_tabs->setCurrentIndex(0);

    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 2, 0, 2);
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(runner->title().toHtmlEscaped()), row);
    title->setMinimumWidth(160);
    auto *bar = new QProgressBar(row);
    bar->setRange(0, 0);
    bar->setMinimumWidth(200);
    auto *status = new QLabel(tr("Starting…"), row);
    status->setMinimumWidth(220);
    auto *cancel = new QPushButton(tr("Cancel"), row);
    auto *details = new QPushButton(tr("Details…"), row);
    details->hide();
    layout->addWidget(title);
    layout->addWidget(bar, 1);
    layout->addWidget(status, 1);
    layout->addWidget(cancel);
    layout->addWidget(details);
    m_rows->insertWidget(m_rows->count() - 1, row);

    connect(cancel, &QPushButton::clicked, runner, [runner, cancel, status] {
        runner->cancel();
        cancel->setEnabled(false);
        status->setText(tr("Cancelling…"));
    });
    connect(runner, &JobRunner::progressChanged, row, [bar, status](const jobs::JobProgress &progress) {
        if (progress.total > 0) {
            bar->setRange(0, 1000);
            bar->setValue(int(1000.0 * double(progress.done) / double(progress.total)));
        } else {
            bar->setRange(0, 0);
        }
        QString text = progress.phase;
        if (progress.total > 0)
            text += QStringLiteral(" · %1/%2").arg(progress.done).arg(progress.total);
        if (progress.etaSeconds >= 0)
            text += tr(" · %1 left").arg(duration(progress.etaSeconds));
        status->setText(text);
    });
    connect(runner, &JobRunner::finished, row, [this, runner, bar, status, cancel, details](bool ok, const JobOutcome &outcome, const QString &error) {
        cancel->hide();
        bar->setRange(0, 1000);
        bar->setValue(ok && !outcome.cancelled ? 1000 : bar->value());
        status->setText(ok ? outcome.summary : tr("Failed: %1").arg(error));
        status->setToolTip(status->text());
        status->setWordWrap(true);
        if (!ok)
            status->setStyleSheet(QStringLiteral("color: #b71c1c"));
        if (ok && !outcome.report.isEmpty()) {
            details->show();
            connect(details, &QPushButton::clicked, this, [this, title = runner->title(), report = outcome.report] {
                QMessageBox box(QMessageBox::Information, title, tr("Some items had problems; they were skipped and are kept in the project."),
                                QMessageBox::Close, this);
                box.setDetailedText(report);
                box.exec();
            });
        }
        m_history->setBusy(runningCount() > 0);
        m_history->refresh();
        emit jobFinished(runner->title(), ok, outcome, error);
        emit runningCountChanged(runningCount());
    });
    runner->start();
    m_history->setBusy(true);
    emit runningCountChanged(runningCount());
}

} // namespace sieve::ui
