// The New Training Run dialog's "Train on" group: this computer, a local cluster of
// sieve-worker processes, or the project's worker nodes.

#include "training/new_run_dialog.h"

#include "cluster/cluster_monitor.h"
#include "store/database.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QRadioButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace sieve::ui {

QWidget *NewRunDialog::makePlacementPage()
{
    auto *group = new QGroupBox(tr("Train on"), this);
    auto *layout = new QVBoxLayout(group);
    auto *choice = new QButtonGroup(group);
    m_onThisComputer = new QRadioButton(tr("This computer"), group);
    m_onThisComputer->setObjectName(QStringLiteral("onThisComputer"));
    m_onThisComputer->setChecked(true);
    m_onLocalCluster = new QRadioButton(tr("A local cluster of"), group);
    m_onLocalCluster->setObjectName(QStringLiteral("onLocalCluster"));
    m_onLocalCluster->setToolTip(tr("sieve-worker processes on this computer, the threads split between them: "
                                    "the cluster path end to end, without other machines."));
    m_localWorkers = new QSpinBox(group);
    m_localWorkers->setObjectName(QStringLiteral("localWorkers"));
    m_localWorkers->setRange(1, 64);
    m_localWorkers->setValue(2);
    m_localWorkers->setSuffix(tr(" workers"));
    m_onWorkers = new QRadioButton(tr("Worker nodes of this project:"), group);
    m_onWorkers->setObjectName(QStringLiteral("onWorkers"));
    m_workers = new QListWidget(group);
    m_workers->setObjectName(QStringLiteral("trainWorkers"));
    m_workers->setToolTip(tr("Rank 0 is the first ticked worker; the others connect to it."));
    m_workers->setMaximumHeight(m_workers->fontMetrics().lineSpacing() * 5 + 8);
    m_workersHint = new QLabel(group);
    m_workersHint->setWordWrap(true);
    m_workersHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_maxRestarts = new QSpinBox(group);
    m_maxRestarts->setObjectName(QStringLiteral("maxRestarts"));
    m_maxRestarts->setRange(0, 1000);
    m_maxRestarts->setValue(TrainingPlacement{}.maxRestarts);
    m_maxRestarts->setToolTip(tr("When a worker is lost, the run goes on from the last checkpoint on the workers left, "
                                 "at most this many times."));
    m_checkpointEvery = new QSpinBox(group);
    m_checkpointEvery->setObjectName(QStringLiteral("checkpointEvery"));
    m_checkpointEvery->setRange(0, 1000000);
    m_checkpointEvery->setSpecialValueText(tr("each epoch"));
    m_checkpointEvery->setPrefix(tr("each epoch and every "));
    m_checkpointEvery->setSuffix(tr(" steps"));
    m_checkpointEvery->setToolTip(tr("A restart after a lost worker continues from the last checkpoint: with long epochs, "
                                     "checkpoints every so many steps lose less work."));
    for (QRadioButton *button : {m_onThisComputer, m_onLocalCluster, m_onWorkers})
        choice->addButton(button);

    auto *local = new QHBoxLayout;
    local->setContentsMargins(0, 0, 0, 0);
    local->addWidget(m_onLocalCluster);
    local->addWidget(m_localWorkers);
    local->addStretch(1);
    auto *restarts = new QFormLayout;
    restarts->setContentsMargins(0, 0, 0, 0);
    restarts->addRow(tr("Restarts after a lost worker:"), m_maxRestarts);
    restarts->addRow(tr("Checkpoints:"), m_checkpointEvery);
    layout->addWidget(m_onThisComputer);
    layout->addLayout(local);
    layout->addWidget(m_onWorkers);
    layout->addWidget(m_workers);
    layout->addWidget(m_workersHint);
    layout->addLayout(restarts);
    layout->addWidget(messageLabel(Placement, group));

    const auto changed = [this] {
        m_localWorkers->setEnabled(m_onLocalCluster->isChecked());
        m_workers->setEnabled(m_onWorkers->isChecked());
        m_maxRestarts->setEnabled(!m_onThisComputer->isChecked());
        m_checkpointEvery->setEnabled(!m_onThisComputer->isChecked());
        // Remote workers use their own threads (their --threads).
        m_threads->setEnabled(!m_onWorkers->isChecked());
        checkValues();
    };
    connect(choice, &QButtonGroup::buttonToggled, this, changed);
    connect(m_localWorkers, &QSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_workers, &QListWidget::itemChanged, this, [this] {
        m_workersTouched = true;
        checkValues();
    });
    showWorkers({});
    m_localWorkers->setEnabled(false);
    m_workers->setEnabled(false);
    m_maxRestarts->setEnabled(false);
    m_checkpointEvery->setEnabled(false);
    return group;
}

void NewRunDialog::showWorkers(const QList<store::ClusterWorker> &workers)
{
    QList<std::int64_t> ticked;
    for (int row = 0; row < m_workers->count(); ++row)
        if (m_workers->item(row)->checkState() == Qt::Checked)
            ticked.append(m_workers->item(row)->data(Qt::UserRole).toLongLong());
    const bool firstTime = m_projectWorkers.isEmpty();
    m_projectWorkers = workers;
    const QSignalBlocker block(m_workers);
    m_workers->clear();
    for (const store::ClusterWorker &worker : workers) {
        auto *item = new QListWidgetItem(worker.name.isEmpty() ? worker.address : QStringLiteral("%1 (%2)").arg(worker.name, worker.address),
                                         m_workers);
        item->setData(Qt::UserRole, qint64(worker.id));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(firstTime || ticked.contains(worker.id) ? Qt::Checked : Qt::Unchecked);
    }
    // Each worker's state beside it, so that one that is off or busy is seen before Start.
    if (!workers.isEmpty() && !m_workerMonitor) {
        Result<store::Database> db = store::Database::open(m_databasePath, store::Database::Mode::ReadOnly);
        if (db) {
            m_workerDb = std::make_unique<store::Database>(std::move(*db));
            m_workerMonitor = new ClusterMonitor(*m_workerDb, nullptr, this);
            connect(m_workerMonitor, &ClusterMonitor::updated, this, [this] {
                showWorkerStates();
                checkValues();
            });
            m_workerMonitor->start(std::chrono::seconds(3));
        }
    }
    showWorkerStates();
    m_onWorkers->setEnabled(!workers.isEmpty());
    m_workers->setVisible(!workers.isEmpty());
    m_workersHint->setText(workers.isEmpty() ? tr("No worker nodes yet: add them in Model > Cluster Workers.") : QString());
    m_workersHint->setVisible(workers.isEmpty());
}

void NewRunDialog::showWorkerStates()
{
    const QList<WorkerStatus> states = m_workerMonitor ? m_workerMonitor->workers() : QList<WorkerStatus>();
    const QSignalBlocker block(m_workers);
    for (int row = 0; row < m_workers->count() && row < m_projectWorkers.size(); ++row) {
        const store::ClusterWorker &worker = m_projectWorkers[row];
        WorkerStatus status;
        for (const WorkerStatus &known : states)
            if (known.address == worker.address)
                status = known;
        QString state = tr("checking…");
        QColor color(0x75, 0x75, 0x75);
        QString tip = status.message;
        switch (status.state) {
        case WorkerStatus::State::Idle:
            state = tr("idle, %n core(s)", nullptr, status.info.cores);
            color = QColor(0x2e, 0x7d, 0x32);
            break;
        case WorkerStatus::State::Busy:
            state = tr("busy");
            color = QColor(0xc6, 0x28, 0x28);
            tip = tr("Busy with job %1; a run needs idle workers.").arg(status.info.jobId);
            break;
        case WorkerStatus::State::Unreachable:
            state = tr("not answering");
            color = QColor(0xc6, 0x28, 0x28);
            break;
        case WorkerStatus::State::Checking:
            break;
        }
        QListWidgetItem *item = m_workers->item(row);
        // The first answer about a worker: one that is off or busy is unticked, unless the user
        // has chosen workers already.
        if (status.state != WorkerStatus::State::Checking && !m_workersJudged.contains(worker.id)) {
            m_workersJudged.insert(worker.id);
            if (!m_workersTouched && status.state != WorkerStatus::State::Idle)
                item->setCheckState(Qt::Unchecked);
        }
        const QString name = worker.name.isEmpty() ? worker.address : QStringLiteral("%1 (%2)").arg(worker.name, worker.address);
        item->setText(QStringLiteral("%1 — %2").arg(name, state));
        item->setForeground(color);
        item->setToolTip(tip);
    }
}

TrainingPlacement NewRunDialog::placement() const
{
    TrainingPlacement p;
    p.kind = m_onLocalCluster->isChecked() ? TrainingPlacement::Kind::LocalCluster
             : m_onWorkers->isChecked()    ? TrainingPlacement::Kind::ProjectWorkers
                                           : TrainingPlacement::Kind::ThisComputer;
    p.localWorkers = m_localWorkers->value();
    p.maxRestarts = m_maxRestarts->value();
    p.checkpointEverySteps = m_checkpointEvery->value();
    if (p.kind == TrainingPlacement::Kind::ProjectWorkers)
        for (int row = 0; row < m_workers->count(); ++row)
            if (m_workers->item(row)->checkState() == Qt::Checked && row < m_projectWorkers.size())
                p.workers.append(m_projectWorkers[row]);
    return p;
}

void NewRunDialog::setPlacement(TrainingPlacement::Kind kind, int localWorkers, const QList<std::int64_t> &workerIds)
{
    m_localWorkers->setValue(localWorkers);
    m_workersTouched = m_workersTouched || kind == TrainingPlacement::Kind::ProjectWorkers;
    {
        const QSignalBlocker block(m_workers);
        for (int row = 0; row < m_workers->count(); ++row)
            m_workers->item(row)->setCheckState(workerIds.contains(m_workers->item(row)->data(Qt::UserRole).toLongLong())
                                                    ? Qt::Checked : Qt::Unchecked);
    }
    (kind == TrainingPlacement::Kind::LocalCluster     ? m_onLocalCluster
     : kind == TrainingPlacement::Kind::ProjectWorkers ? m_onWorkers
                                                       : m_onThisComputer)->setChecked(true);
    checkValues();
}

QString NewRunDialog::placementProblem(const train::TrainOptions &chosen) const
{
    const TrainingPlacement p = placement();
    if (p.kind == TrainingPlacement::Kind::ThisComputer)
        return {};
    if (chosen.headOnly)
        return tr("Training only the classifier (head only) takes seconds and runs on this computer; choose “This computer”.");
    if (p.kind == TrainingPlacement::Kind::ProjectWorkers && p.workers.isEmpty())
        return tr("Tick the workers to train on.");
    if (p.kind == TrainingPlacement::Kind::ProjectWorkers && m_workerMonitor) {
        QStringList off;
        QStringList busy;
        for (const store::ClusterWorker &worker : p.workers)
            for (const WorkerStatus &status : m_workerMonitor->workers())
                if (status.address == worker.address && status.state == WorkerStatus::State::Unreachable)
                    off.append(worker.address);
                else if (status.address == worker.address && status.state == WorkerStatus::State::Busy)
                    busy.append(worker.address);
        if (!off.isEmpty())
            return tr("Not answering: %1. Untick it, or start it (see the cluster view for why).", nullptr, int(off.size()))
                .arg(off.join(QStringLiteral(", ")));
        if (!busy.isEmpty())
            return tr("Busy with another job: %1. Untick it, or wait until it is idle.", nullptr, int(busy.size()))
                .arg(busy.join(QStringLiteral(", ")));
    }
    const int workers = p.kind == TrainingPlacement::Kind::LocalCluster ? p.localWorkers : int(p.workers.size());
    if (chosen.batchSize < workers)
        return tr("A batch of %1 images cannot be shared by %2 workers; make the batch at least %2.").arg(chosen.batchSize).arg(workers);
    if (p.kind == TrainingPlacement::Kind::LocalCluster) {
        const int cores = m_threads->value() > 0 ? m_threads->value() : QThread::idealThreadCount();
        if (p.localWorkers > cores)
            return tr("%1 local workers on %2 threads: each worker needs a thread of its own.").arg(p.localWorkers).arg(cores);
    }
    return {};
}

} // namespace sieve::ui
