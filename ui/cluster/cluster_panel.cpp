#include "cluster/cluster_panel.h"

#include "cluster/cluster_monitor.h"
#include "cluster/worker_dialog.h"
#include "worker_registry.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

enum Column { WorkerColumn, StateColumn, HardwareColumn, LoadColumn, MemoryColumn, CacheColumn, WorkColumn, SpeedColumn, ColumnCount };

QColor stateColor(WorkerStatus::State state)
{
    switch (state) {
    case WorkerStatus::State::Idle: return QColor(0x2e, 0x7d, 0x32);
    case WorkerStatus::State::Busy: return QColor(0x15, 0x65, 0xc0);
    case WorkerStatus::State::Unreachable: return QColor(0xc6, 0x28, 0x28);
    case WorkerStatus::State::Checking: break;
    }
    return QColor(0x75, 0x75, 0x75);
}

// A few words for the table; the whole message is in the tooltip and under the table. Read
// from the gRPC code a failed call ends its message with ("… [UNAVAILABLE]"), which no
// translation changes; a message without one is about the worker's token or TLS files.
QString shortProblem(const QString &message)
{
    if (message.endsWith(QLatin1String("[UNAUTHENTICATED]")))
        return ClusterPanel::tr("token refused");
    if (message.endsWith(QLatin1String("[DEADLINE_EXCEEDED]")))
        return ClusterPanel::tr("no answer");
    if (message.endsWith(QLatin1String("[FAILED_PRECONDITION]")))
        return ClusterPanel::tr("other protocol version");
    if (message.endsWith(QLatin1String("[UNAVAILABLE]")))
        return ClusterPanel::tr("not reachable");
    if (!message.endsWith(QLatin1Char(']')))
        return ClusterPanel::tr("token or TLS file problem");
    return ClusterPanel::tr("not answering");
}

} // namespace

ClusterPanel::ClusterPanel(store::Database &db, ClusterActivity *activity, QWidget *parent)
    : QWidget(parent), m_db(db), m_monitor(new ClusterMonitor(db, activity, this))
{
    setObjectName(QStringLiteral("clusterPanel"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("clusterSummary"));
    m_summary->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("clusterTable"));
    m_table->setHorizontalHeaderLabels({tr("Worker"), tr("State"), tr("Cores · ISA"), tr("Load"), tr("Memory free"), tr("Cache"),
                                        tr("Working on"), tr("Images/s")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(WorkColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("clusterProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problems->hide();

    auto *add = new QPushButton(tr("&Add Worker…"), this);
    add->setObjectName(QStringLiteral("addWorker"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeWorker"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *hint = new QLabel(tr("Start <tt>sieve-worker</tt> on each node (see the README), then add it here. "
                               "New Training Run… trains on the workers you tick."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    buttons->addWidget(hint, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_problems);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &ClusterPanel::addWorker);
    connect(m_edit, &QPushButton::clicked, this, [this] { editWorker(selectedWorker()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeWorker(selectedWorker()); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (selectedWorker() != 0)
            editWorker(selectedWorker());
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        m_edit->setEnabled(selectedWorker() != 0);
        m_remove->setEnabled(selectedWorker() != 0);
    });
    connect(m_monitor, &ClusterMonitor::updated, this, &ClusterPanel::showWorkers);
    showWorkers();
}

void ClusterPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_monitor->start();
}

// No pings while nobody looks.
void ClusterPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_monitor->stop();
}

std::int64_t ClusterPanel::selectedWorker() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    return selected.isEmpty() ? 0 : m_table->item(selected.first()->row(), WorkerColumn)->data(Qt::UserRole).toLongLong();
}

QString ClusterPanel::summary() const
{
    return m_summary->text();
}

void ClusterPanel::showWorkers()
{
    const QList<WorkerStatus> &workers = m_monitor->workers();
    const std::int64_t selected = selectedWorker();
    const QLocale locale;
    QStringList problems;
    int answering = 0;
    int cores = 0;
    double speed = 0;
    m_table->setRowCount(int(workers.size()));
    for (int row = 0; row < workers.size(); ++row) {
        const WorkerStatus &w = workers[row];
        const auto set = [&](int column, const QString &text, const QString &tip = {}) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, column, item);
            }
            item->setText(text);
            item->setToolTip(tip.isEmpty() ? text : tip);
            return item;
        };
        QString label = w.address;
        if (!w.name.isEmpty())
            label = QStringLiteral("%1 (%2)").arg(w.name, w.address);
        else if (w.workerId == 0)
            label = tr("%1 (local)").arg(w.address);
        set(WorkerColumn, label)->setData(Qt::UserRole, qint64(w.workerId));
        QString state = workerStateName(w.state);
        if (w.state == WorkerStatus::State::Unreachable) {
            state = shortProblem(w.message);
            if (w.answeredAtMs > 0)
                state += tr(" since %1").arg(QDateTime::fromMSecsSinceEpoch(w.answeredAtMs).toString(QStringLiteral("HH:mm:ss")));
            problems.append(QStringLiteral("%1 — %2").arg(w.address, w.message).toHtmlEscaped());
        }
        set(StateColumn, state, w.message)->setForeground(stateColor(w.state));
        if (w.hasInfo) {
            const bool namesBf16 = w.info.isa.contains(QLatin1String("bf16"));
            set(HardwareColumn, tr("%n core(s)", nullptr, w.info.cores) + QStringLiteral(", ") + tr("%n thread(s)", nullptr, w.info.threads) +
                                    QStringLiteral(" · ") + w.info.isa + (w.info.bf16 && !namesBf16 ? tr(" (bf16)") : QString()),
                describeWorker(w.info));
            // The 1-minute load average against the cores: above 100 % processes wait for a core.
            set(LoadColumn, w.info.loadAverage < 0 ? QStringLiteral("—")
                                                   : tr("%1 (%2 %)").arg(locale.toString(w.info.loadAverage, 'f', 2))
                                                         .arg(qRound(100.0 * w.info.loadAverage / std::max(1, w.info.cores))),
                tr("Runnable processes, 1-minute average, on %n core(s)", nullptr, w.info.cores));
            set(MemoryColumn, tr("%1 of %2").arg(locale.formattedDataSize(qint64(w.info.memoryAvailableBytes)),
                                                 locale.formattedDataSize(qint64(w.info.memoryTotalBytes))));
            set(CacheColumn, tr("%n file(s), %1", nullptr, int(w.info.cacheBlobs)).arg(locale.formattedDataSize(qint64(w.info.cacheBytes))));
        } else {
            set(HardwareColumn, QStringLiteral("—"));
        }
        // What changes is not shown from a worker that no longer answers; its hardware stays.
        const bool current = w.hasInfo && w.state != WorkerStatus::State::Unreachable;
        if (!current)
            for (int column : {LoadColumn, MemoryColumn, CacheColumn})
                set(column, QStringLiteral("—"));
        QString work = QStringLiteral("—");
        if (w.runId != 0)
            work = tr("run %1, rank %2").arg(w.runId).arg(w.rank);
        else if (current && w.info.busy)
            work = tr("job %1").arg(w.info.jobId);
        set(WorkColumn, work);
        set(SpeedColumn, std::isnan(w.imagesPerSecond) ? QStringLiteral("—") : locale.toString(w.imagesPerSecond, 'f', 1))
            ->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (current) {
            ++answering;
            cores += w.info.cores;
        }
        if (!std::isnan(w.imagesPerSecond))
            speed += w.imagesPerSecond;
        if (w.workerId != 0 && w.workerId == selected)
            m_table->selectRow(row);
    }
    QString text;
    if (!m_monitor->listError().isEmpty())
        text = m_monitor->listError();
    else if (workers.isEmpty())
        text = tr("No workers yet. Add the nodes that run sieve-worker, or train on a local cluster from New Training Run….");
    else
        text = tr("%n worker(s)", nullptr, int(workers.size())) + QStringLiteral(", ") +
               tr("%1 answering, %2 cores").arg(answering).arg(cores) +
               (speed > 0 ? tr("; training at %1 images/s in all").arg(locale.toString(speed, 'f', 1)) : QString());
    m_summary->setText(text);
    m_problems->setText(problems.join(QStringLiteral("<br>")));
    m_problems->setVisible(!problems.isEmpty());
    m_edit->setEnabled(selectedWorker() != 0);
    m_remove->setEnabled(selectedWorker() != 0);
}

void ClusterPanel::addWorker()
{
    auto *dialog = new WorkerDialog(m_db, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_monitor->refresh();
        emit workersChanged();
    });
    dialog->open();
}

void ClusterPanel::editWorker(std::int64_t id)
{
    // A copy: accepting the dialog refreshes the list.
    const QList<store::ClusterWorker> registered = m_monitor->registered();
    for (const store::ClusterWorker &worker : registered) {
        if (worker.id != id)
            continue;
        auto *dialog = new WorkerDialog(m_db, worker, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this] {
            m_monitor->refresh();
            emit workersChanged();
        });
        dialog->open();
        return;
    }
}

void ClusterPanel::removeWorker(std::int64_t id, bool confirmed)
{
    // A copy: the question below runs an event loop, and refresh() replaces the list.
    const QList<store::ClusterWorker> registered = m_monitor->registered();
    for (const store::ClusterWorker &worker : registered) {
        if (worker.id != id)
            continue;
        if (!confirmed &&
            QMessageBox::question(this, tr("Remove Worker"),
                                  tr("Remove %1 from this project? The worker keeps running; its cache stays on it.").arg(worker.address))
                != QMessageBox::Yes)
            return;
        if (Status removed = store::removeClusterWorker(m_db, id); !removed) {
            QMessageBox::warning(this, tr("Remove Worker"), removed.error());
            return;
        }
        cluster::forgetStoredToken(worker.tokenFile);
        m_monitor->refresh();
        emit workersChanged();
        return;
    }
}

} // namespace sieve::ui
